"""What the event page shows of registration; events' templates load this, events' code does not."""

from django import template

from participants.registration.forms import RegistrationForm
from participants.registration.seats import seat_counts

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
