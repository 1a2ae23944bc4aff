"""Receivers of the events app, connected in EventsConfig.ready()."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .calendar import sync_event_calendar
from .models import EventPage


@receiver(page_published, sender=EventPage, dispatch_uid="events.page_published_receiver")
def page_published_receiver(sender, instance, revision=None, alias=False, **kwargs):
    """Publishing is what updates calendars: compare the published sessions with what was last sent."""
    if alias:
        return
    sync_event_calendar(instance)
