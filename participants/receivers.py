"""Receivers of this app, connected in ParticipantsConfig.ready()."""

from django.db import transaction
from wagtail.signals import page_published

from events.models import EventPage


def page_published_receiver(sender, instance, **kwargs):
    """A published event may have more seats or released quotas now: offer them to the waiting list."""
    from .services import schedule_promotion

    # Outside a transaction on_commit runs at once; inside one, after the publish commits.
    with transaction.atomic():
        schedule_promotion(instance.pk)


def connect():
    page_published.connect(page_published_receiver, sender=EventPage, dispatch_uid="participants.promote_on_publish")
