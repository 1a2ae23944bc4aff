"""Calendar feeds at ``calendar.ics`` below a page: the site's, a programme's, an event's."""

from django.conf import settings
from django.http import Http404
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from .calendar import calendar_response, events_calendar, feed_events, public_events
from .models import EventPage, ProgrammePage


@require_safe
def page_calendar(request, path=""):
    """``/calendar.ics`` (every public event of the site), ``<programme>/calendar.ics``, ``<event>/calendar.ics``.

    Wagtail's own page URLs end in a slash and allow no dot, so these files cannot be page routes;
    this view finds the page the way Wagtail does (live pages of the request's site only).
    """
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    if not path:
        events = feed_events(EventPage.objects.descendant_of(site.root_page))
        name = site.site_name or settings.WAGTAIL_SITE_NAME
        return calendar_response(events_calendar(events, name=name, request=request), name)
    route = Page.route_for_request(request, "/" + path)
    if route is None or route[1] or route[2]:
        raise Http404
    page = route[0].specific
    # Wagtail checks a page's view restrictions when it serves the page; a feed must do so itself.
    if not Page.objects.filter(pk=page.pk).public().exists():
        raise Http404
    if isinstance(page, ProgrammePage):
        events = feed_events(EventPage.objects.child_of(page))
        return calendar_response(events_calendar(events, name=page.title, request=request), page.slug)
    if isinstance(page, EventPage):
        # An alias shows the event it mirrors, with that event's UIDs.
        events = public_events(EventPage.objects.filter(pk=page.alias_of_id or page.pk))
        return calendar_response(events_calendar(events, name=page.title, request=request), page.slug)
    raise Http404
