"""A published event in a programme tells those interested in it (a task, after the commit)."""

from django.db import transaction
from wagtail.signals import page_published

from events.models import EventPage


def enqueue_notice(event_id):
    from django_q.tasks import async_task

    async_task("demand.tasks.notify_new_event_task", event_id, task_name=f"demand-event-{event_id}")


def page_published_receiver(sender, instance, **kwargs):
    event_id = instance.pk
    transaction.on_commit(lambda: enqueue_notice(event_id))


def connect():
    page_published.connect(page_published_receiver, sender=EventPage, dispatch_uid="demand.notify_on_publish")
