"""The "let me know" panel on programme pages and on past or full events; events' templates load
this, events' code does not."""

from django import template

from events.models import ProgrammePage
from participants.registration.seats import seat_counts

from ..forms import InterestForm

register = template.Library()


def _panel(context, programme, event=None):
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "programme": programme,
        "event": event,
        "form": InterestForm(),
    }


@register.inclusion_tag("demand/panel.html", takes_context=True)
def interest_panel(context, page):
    """For a programme page always; for an event, when it is over, cancelled, closed or full."""
    if isinstance(page, ProgrammePage):
        return _panel(context, page)
    programme = ProgrammePage.objects.filter(pk=page.get_parent().pk).first()
    if programme is None:
        return {"hidden": True}
    state = page.registration_state()
    if state in ("past", "cancelled", "closed") or seat_counts(page).total_left <= 0:
        return _panel(context, programme, page)
    return {"hidden": True}
