"""What the event page shows of registration; events' templates load this, events' code does not."""

from django import template

from ..seats import seat_counts

register = template.Library()


@register.inclusion_tag("participants/registration_panel.html", takes_context=True)
def registration_panel(context, event):
    return {
        "request": context.get("request"),
        "event": event,
        "seats": seat_counts(event),
        "state": event.registration_state(),
    }
