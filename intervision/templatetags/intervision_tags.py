"""What the event page shows of intervision: a meeting page names its group and leads to it."""

from django import template

from events.choices import EventKind
from intervision.models import Meeting

register = template.Library()


@register.simple_tag
def intervision_meeting(event):
    """The intervision Meeting that ``event`` is, with its group, or None for any other event."""
    if event.kind != EventKind.INTERVISION:  # Spares the query on every other event page.
        return None
    return Meeting.objects.filter(event_id=event.pk).select_related("group").first()
