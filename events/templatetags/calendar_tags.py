"""'Add to calendar' and 'subscribe' links for event and programme pages."""

from django import template

from ..calendar import event_url, google_calendar_url, outlook_calendar_url, webcal_url

register = template.Library()


def _full(request, path):
    return request.build_absolute_uri(path) if request else path


@register.inclusion_tag("events/includes/event_calendar_links.html", takes_context=True)
def event_calendar_links(context, page):
    request = context.get("request")
    url = event_url(page, request)
    sessions = [
        {
            "session": session,
            "google": google_calendar_url(page, session, url=url),
            "outlook": outlook_calendar_url(page, session, url=url),
            "outlook_live": outlook_calendar_url(page, session, url=url, host="outlook.live.com"),
        }
        for session in page.ordered_sessions
    ]
    return {"page": page, "file_url": page.url + "calendar.ics", "sessions": sessions}


@register.inclusion_tag("events/includes/feed_links.html", takes_context=True)
def calendar_feed_links(context, page=None):
    """Subscribe (webcal://) and download links for a programme's feed, or the whole site's without a page."""
    request = context.get("request")
    path = (page.url if page else "/") + "calendar.ics"
    url = _full(request, path)
    return {"page": page, "url": url, "webcal": webcal_url(url) if "://" in url else url}
