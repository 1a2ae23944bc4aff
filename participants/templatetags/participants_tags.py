"""What the event page shows of registration; events' templates load this, events' code does not."""

from django import template
from django.utils.translation import gettext_lazy as _

from participants.registration.forms import RegistrationForm
from participants.registration.seats import count_seats_left, seat_counts, seats_left

register = template.Library()


def privacy_url(context):
    settings = context.get("settings")
    try:
        page = settings["pages"]["SiteSettings"].privacy_page
    except (AttributeError, KeyError, LookupError, TypeError):
        return ""
    return page.url if page else ""


@register.inclusion_tag("participants/registration_panel.html", takes_context=True)
def registration_panel(context, event):
    request = context.get("request")
    if event.alias_of_id:
        # An alias shows its original's seats and registers for the original: one event, one list.
        event = type(event).objects.select_related("venue").get(pk=event.alias_of_id)
    state = event.registration_state()
    form = getattr(request, "registration_form", None)
    if form is None and state == "open":
        form = RegistrationForm(event=event)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "event": event,
        "seats": seat_counts(event),
        "state": state,
        "form": form,
        "privacy_url": privacy_url(context) if form is not None else "",
    }


# An event's registration_state() as a status badge: the label and the NL Design System variant.
STATUS_BADGES = {
    "open": (_("Open for registration"), "success"),
    "few": (_("Few seats left"), "warning"),
    "full": (_("Waiting list"), "warning"),
    "not_yet": (_("Registration not open yet"), "neutral"),
    "closed": (_("Registration closed"), "neutral"),
    "past": (_("Taken place"), "inactive"),
    "cancelled": (_("Cancelled"), "danger"),
}


def few_seats(capacity):
    """Seats left that count as "few": a tenth of the event, at least 3."""
    return max(3, capacity // 10)


@register.inclusion_tag("includes/event_status.html")
def event_status(event):
    """The status badge of ``event``: its registration state, and for an open one whether it is nearly
    or completely full (seats are counted only for open events, one query each)."""
    state = event.registration_state()
    left = None
    if state == "open":
        left = getattr(event, "seats_left", None)
        if left is None:
            left = seats_left(event)
        if left == 0:
            state = "full"
        elif left <= few_seats(event.capacity):
            state = "few"
    label, variant = STATUS_BADGES[state]
    return {"state": state, "label": label, "variant": variant, "left": left}


@register.simple_tag
def count_seats(events):
    """Count the seats left of a listing's events in one query, before its cards show their badges."""
    count_seats_left(events)
    return ""
