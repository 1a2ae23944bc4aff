"""Receivers of participants' own signals and of the events app's and Wagtail's, connected in
ParticipantsConfig.ready().

Each defers its work to a task after the transaction commits: nothing is sent for a change that is
rolled back, and no mail server is waited for inside a transaction.
"""

from django.db import transaction
from django.dispatch import receiver
from django_q.tasks import async_task
from wagtail.signals import page_published

from events.models import EventPage
from events.signals import calendar_changed
from participants.models import Registration
from participants.registration.services import schedule_promotion
from participants.signals import registration_cancelled, registration_confirmed


def _enqueue(func, *args, name):
    transaction.on_commit(lambda: async_task(func, *args, task_name=name))


@receiver(registration_confirmed, sender=Registration, dispatch_uid="participants.calendar.confirmed")
def registration_confirmed_receiver(sender, registration, **kwargs):
    """A confirmed registration gets its calendar invites."""
    _enqueue("participants.tasks.sync_registration_calendar_task", registration.pk, name=f"calendar-{registration.pk}")


@receiver(registration_cancelled, sender=Registration, dispatch_uid="participants.calendar.cancelled")
def registration_cancelled_receiver(sender, registration, **kwargs):
    """A cancelled registration's invites are withdrawn from their calendar."""
    _enqueue("participants.tasks.sync_registration_calendar_task", registration.pk, name=f"calendar-{registration.pk}")


@receiver(calendar_changed, sender=EventPage, dispatch_uid="participants.calendar.changed")
def calendar_changed_receiver(sender, event, changed=(), removed=(), **kwargs):
    """A published change that calendars show goes to everyone who has the event in theirs."""
    _enqueue("participants.tasks.sync_event_registrations_task", event.pk, name=f"calendar-event-{event.pk}")


def page_published_receiver(sender, instance, **kwargs):
    """A published event may have more seats or released quotas now: offer them to the waiting list."""
    # Outside a transaction on_commit runs at once; inside one, after the publish commits.
    with transaction.atomic():
        schedule_promotion(instance.pk)


def connect():
    page_published.connect(page_published_receiver, sender=EventPage, dispatch_uid="participants.promote_on_publish")
