from django.template.loader import render_to_string
from django.urls import reverse
from wagtail import hooks

from .signals import PRIVATE_LINK_PANELS


@hooks.register(PRIVATE_LINK_PANELS, order=20)
def calendar_link_panel(request, registration):
    """'In your calendar' on the private link page: the .ics file and add-to-calendar links per session."""
    from events.calendar import event_url, google_calendar_url, outlook_calendar_url

    from .models import RegistrationStatus

    if registration.status != RegistrationStatus.CONFIRMED or registration.event.is_cancelled:
        return None
    event = registration.event
    url = event_url(event, request)
    links = [
        {
            "title": session.title,
            "google": google_calendar_url(event, session, url=url),
            "outlook": outlook_calendar_url(event, session, url=url),
            "outlook_live": outlook_calendar_url(event, session, url=url, host="outlook.live.com"),
        }
        for session in event.ordered_sessions
    ]
    return render_to_string(
        "participants/calendar_panel.html",
        {"file_url": reverse("participants:invite_file", args=[registration.access_token]), "links": links},
        request=request,
    )
