"""Calendars of events: the public feeds, and what calendars were last told about each session.

Everything here is public unless asked with ``private=True``: no participant, no personal data,
and no online meeting link (``EventPage.online_url``), which only confirmed participants get, in
their own invite and on their private link page. The participant's own invite (iTIP, with
ORGANIZER and ATTENDEE) is built on these pieces in ``participants.invites.services``; the "add to
calendar" links of Google and Outlook carry their text in a query string to a third party, so they
are always public.

Each session is one VEVENT whose UID is ``EventSession.ical_uid``, the same in feeds, invites,
updates and cancellations. Times are written in each event's own zone (``EventPage.time_zone``)
with a VTIMEZONE in the RRULE style, or in UTC where that zone's rules cannot say it
(``events.vtimezone``); one feed may hold several zones.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration
from wagtail.models import Page, Site

from core import timezones

from . import ics
from .choices import EventStatus
from .models import CalendarEntry, EventPage, EventSession, Venue
from .signals import calendar_changed
from .vtimezone import CalendarZones

TZID = timezones.DEFAULT
AMSTERDAM = ZoneInfo(TZID)
PRODID = "-//Convenant Trainingen//Agenda 1.0//NL"
# How often subscribed calendars should fetch the feed again (RFC 7986 and Outlook's own property).
REFRESH_INTERVAL = timedelta(hours=6)
# Past events stay in the feeds this long, so a subscriber's history does not vanish at once.
FEED_HISTORY = timedelta(days=365)
# Bump when the VEVENTs of feeds are written differently, so cached feeds are not served.
FEED_FORMAT = 4
# Translations can change without the key changing: a day bounds how long an old wording stays.
FEED_CACHE_SECONDS = 24 * 3600
# The properties a calendar shows: a change in any of these is worth an update to everyone invited.
VISIBLE_PROPERTIES = ("SUMMARY", "DTSTART", "DTEND", "LOCATION", "DESCRIPTION", "URL", "STATUS")


def new_calendar(*, method=None, name=None, description=None, feed=False, zones=None, tzid=TZID):
    """An empty VCALENDAR with the VTIMEZONEs ``zones`` (a CalendarZones) used; ``feed`` adds the
    refresh hints of a subscription. ``tzid`` is the calendar's own zone (X-WR-TIMEZONE)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("name", name)
        cal.add("x-wr-calname", name)
    if description:
        cal.add("x-wr-caldesc", description)
    cal.add("x-wr-timezone", tzid)
    if feed:
        cal.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    for component in zones.components() if zones is not None else ():
        cal.add_component(component)
    return cal


def local(moment, tzid=TZID):
    """``moment`` in the zone ``tzid`` (an event's), to the second."""
    return timezones.localtime(moment, tzid).replace(microsecond=0)


def _phrases(language):
    """The words a calendar entry adds to an event's own text, in the event's language."""
    with translation.override(language):
        return {
            "cancelled_title": _("Cancelled: %(title)s"),
            "cancelled": _("This event has been cancelled."),
            "online": _("Online: %(url)s"),
            "online_only": _("Online"),
            "more": _("More information: %(url)s"),
        }


def summary_text(title, session_title, *, cancelled=False, phrases=None):
    """SUMMARY: the event's title, with the session's when it says more; "Cancelled: " when it is."""
    if session_title and session_title.strip().lower() != title.strip().lower():
        title = f"{title}: {session_title}"
    if cancelled:
        # Subscribed calendars (Google's among them) often ignore STATUS:CANCELLED; say it in words too.
        title = phrases["cancelled_title"] % {"title": title}
    return title


def location_text(place, venue_address, online_url, *, online_word=""):
    """LOCATION: the session's room, then the venue's address, or the online link when there is no venue.

    ``online_word`` ("Online") stands in for the link in public text, where the link is left out.
    """
    parts = [place] if place else []
    if venue_address:
        parts.append(venue_address)
    elif not place:
        parts.append(online_url or online_word)
    return ", ".join(p for p in parts if p)


def description_text(summary, online_url, url, *, cancelled, phrases):
    """DESCRIPTION: the public text of an event: cancelled or not, its summary, online link and page."""
    lines = [phrases["cancelled"]] if cancelled else []
    if summary:
        lines.append(summary.strip())
    if online_url:
        lines.append(phrases["online"] % {"url": online_url})
    lines.append(phrases["more"] % {"url": url})
    return "\n\n".join(lines)


def session_summary(event, session, *, mark_cancelled=True):
    cancelled = mark_cancelled and event.is_cancelled
    phrases = _phrases(event.language) if cancelled else None
    return summary_text(event.title, session.title, cancelled=cancelled, phrases=phrases)


def session_location(event, session, *, private=False):
    """LOCATION of a session; the online link only when ``private`` (a confirmed participant's own)."""
    if private:
        return location_text(session.place, event.venue.address if event.venue_id else "", event.online_url)
    online_word = _phrases(event.language)["online_only"] if event.online_url else ""
    return location_text(session.place, event.venue.address if event.venue_id else "", "", online_word=online_word)


def event_description(event, url, *, private=False):
    """The text of an event in its own language: summary, page; the online link only when ``private``."""
    return description_text(
        event.summary,
        event.online_url if private else "",
        url,
        cancelled=event.is_cancelled,
        phrases=_phrases(event.language),
    )


def session_vevent(event, session, *, url, stamp, description=None, sequence=None, private=False, zones=None):
    """The VEVENT of one session, public unless ``private`` (with the online link: invites only).

    ``description`` replaces the text (invites add to it). Its times are in the event's zone, through
    ``zones`` (the CalendarZones of the file it goes in, whose VTIMEZONEs the file must carry)."""
    zones = zones if zones is not None else CalendarZones()
    vevent = Event()
    vevent.add("uid", str(session.ical_uid))
    vevent.add("sequence", session.ical_sequence if sequence is None else sequence)
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", zones.value(session.starts_at, event.time_zone))
    vevent.add("dtend", zones.value(session.ends_at, event.time_zone))
    vevent.add("summary", session_summary(event, session))
    location = session_location(event, session, private=private)
    if location:
        vevent.add("location", location)
    vevent.add("description", event_description(event, url, private=private) if description is None else description)
    vevent.add("url", url)
    vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    return vevent


def fingerprint(vevent):
    """A hash of what a calendar shows of a VEVENT; equal hashes mean nothing worth an update changed.

    Start and end count as instants: moving an event to another zone at the same real time changes
    nothing anyone's calendar shows. They are hashed as Amsterdam wall-clock times, as they were
    written before events had zones, so the fingerprints stored then still match.
    """
    digest = hashlib.sha256()
    for name in VISIBLE_PROPERTIES:
        value = vevent.get(name)
        digest.update(name.encode())
        digest.update(b"=")
        if name in ("DTSTART", "DTEND") and value is not None:
            moment = local(value.dt)
            digest.update(moment.strftime("%Y%m%dT%H%M%S").encode() + (b"+1" if moment.fold else b""))
        else:
            digest.update(value.to_ical() if value is not None else b"")
        digest.update(b"\n")
    return digest.hexdigest()


def event_url(event, request=None):
    return event.get_full_url(request) or settings.SITE_URL.rstrip("/") + event.url_path


def events_calendar(queryset, *, name, request=None, description=None):
    """A subscribable feed of the events in ``queryset`` (EventPages), as bytes.

    Loading 500 full pages with their sessions takes about as long as the target for the whole feed,
    and building their VEVENTs with icalendar twice that; so this reads only the columns the VEVENTs
    are made of (a fixed number of queries) and writes the VEVENTs with ``events.ics``.
    The result is cached under a hash of those columns, so a change shows at once; building it from
    scratch (an empty cache) is the cost measured by ``make bench``.
    """
    header = new_calendar(method="PUBLISH", name=name, description=description, feed=True).to_ical()
    rows = list(queryset.order_by("starts_at", "pk").values_list(*_EVENT_COLUMNS))
    sessions = defaultdict(list)
    for row in (
        EventSession.objects.filter(page__in=queryset.values("pk"))
        .order_by("starts_at", "pk")
        .values_list(*_SESSION_COLUMNS)
    ):
        sessions[row[0]].append(row[1:])
    venue_ids = {row[_VENUE] for row in rows if row[_VENUE]}
    venues = {venue.pk: venue.address for venue in Venue.objects.filter(pk__in=venue_ids)} if venue_ids else {}
    page_url = _page_url_maker(request)
    urls = [page_url(row[_URL_PATH]) for row in rows]
    parts = repr((FEED_FORMAT, header, rows, urls, sorted(venues.items()), sorted(sessions.items())))
    key = "calendar:feed:" + hashlib.sha256(parts.encode()).hexdigest()
    whole = cache.get(key)
    if whole is None:
        footer = b"END:VCALENDAR\r\n"
        phrases = {}
        vevents = []
        zones = CalendarZones()
        for row, url in zip(rows, urls, strict=True):
            language = row[_LANGUAGE]
            if language not in phrases:
                phrases[language] = _phrases(language)
            vevents.extend(
                _feed_vevents(
                    row,
                    sessions[row[0]],
                    url=url,
                    address=venues.get(row[_VENUE], ""),
                    phrases=phrases[language],
                    zones=zones,
                )
            )
        header = new_calendar(method="PUBLISH", name=name, description=description, feed=True, zones=zones).to_ical()
        whole = header.removesuffix(footer) + b"".join(vevents) + footer
        cache.set(key, whole, FEED_CACHE_SECONDS)
    return whole


# What an event's public VEVENTs are made of (translations aside: see FEED_CACHE_SECONDS).
_EVENT_COLUMNS = (
    "pk",
    "title",
    "summary",
    "status",
    "language",
    "online_url",
    "venue_id",
    "url_path",
    "last_published_at",
    "time_zone",
)
_LANGUAGE, _VENUE, _URL_PATH = 4, 6, 7
_SESSION_COLUMNS = ("page_id", "ical_uid", "ical_sequence", "title", "starts_at", "ends_at", "place", "pk")


def _feed_vevents(row, sessions, *, url, address, phrases, zones):
    """The public VEVENTs of one event (a row of ``_EVENT_COLUMNS``), one per session, as bytes."""
    _pk, title, summary, status, _language, online_url, _venue_id, _url_path, published_at, time_zone = row
    cancelled = status == EventStatus.CANCELLED
    stamp = (published_at or timezone.now()).replace(microsecond=0)
    # Public: the online link is for confirmed participants only (their invites), never in a feed.
    description = description_text(summary, "", url, cancelled=cancelled, phrases=phrases)
    online_word = phrases["online_only"] if online_url else ""
    for uid, sequence, session_title, starts_at, ends_at, place, _session_pk in sessions:
        starts_at = zones.value(starts_at, time_zone)
        ends_at = zones.value(ends_at, time_zone)
        yield ics.vevent(
            uid=uid,
            sequence=sequence,
            stamp=stamp,
            starts_at=starts_at,
            ends_at=ends_at,
            tzid=(zones.tzid(starts_at), zones.tzid(ends_at)),
            summary=summary_text(title, session_title, cancelled=cancelled, phrases=phrases),
            location=location_text(place, address, "", online_word=online_word),
            description=description,
            url=url,
            status="CANCELLED" if cancelled else "CONFIRMED",
        )


def _page_url_maker(request):
    """A function from a page's ``url_path`` to its full URL on the request's site (as Wagtail builds it)."""
    site = Site.find_for_request(request) if request is not None else None
    for root in Site.get_site_root_paths():
        if site is None or root.site_id == site.pk:
            return lambda url_path: root.root_url + "/" + url_path[len(root.root_path) :]
    base = settings.SITE_URL.rstrip("/")
    return lambda url_path: base + "/" + url_path.split("/", 2)[-1]


def feed_events(queryset):
    """Events of ``queryset`` worth a place in a public feed: published, not behind a password or
    login, not an alias (the event it mirrors is in the feed already), not long past."""
    return public_events(queryset).filter(alias_of__isnull=True, ends_at__gte=timezone.now() - FEED_HISTORY)


def public_events(queryset):
    """Published events anyone may see: an unpublished or private event is in no public feed."""
    return queryset.live().public()


def calendar_response(content, filename):
    """``content``: bytes, or an icalendar Calendar."""
    if not isinstance(content, bytes):
        content = content.to_ical()
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slugify(filename) or "calendar"}.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response


def webcal_url(url):
    """The same address with the webcal scheme, which makes a click subscribe instead of download."""
    return "webcal://" + url.split("://", 1)[-1]


def _utc(moment):
    return moment.astimezone(timezone.UTC).strftime("%Y%m%dT%H%M%SZ")


def google_calendar_url(event, session, *, url):
    """Google Calendar's "add event" link, with public text only: its query string goes to Google.

    No private link and no online meeting link in it, not even on the participant's own page.
    """
    query = {
        "action": "TEMPLATE",
        "text": session_summary(event, session),
        "dates": f"{_utc(session.starts_at)}/{_utc(session.ends_at)}",
        "details": event_description(event, url),
        "location": session_location(event, session),
        "ctz": event.time_zone or TZID,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_calendar_url(event, session, *, url, host="outlook.office.com"):
    """Outlook on the web: outlook.office.com for work accounts, outlook.live.com for personal ones.

    Public text only, as for Google: the query string goes to Microsoft."""
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": session_summary(event, session),
        "startdt": session.starts_at.astimezone(timezone.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "enddt": session.ends_at.astimezone(timezone.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "body": event_description(event, url),
        "location": session_location(event, session),
    }
    return f"https://{host}/calendar/0/deeplink/compose?" + urlencode(query)


@dataclass
class CalendarChanges:
    """What one sync found: UIDs of sessions added or changed, and of sessions removed."""

    changed: list = field(default_factory=list)
    removed: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.changed or self.removed)


def sync_event_calendar(event, *, send=True):
    """Compare an event's sessions with what calendars were last told; raise SEQUENCE where it changed.

    Called whenever an event is published. A session whose visible properties changed gets the next
    SEQUENCE, a new session its first, a removed session (a deleted row) the next one and a
    ``removed_at``; then ``calendar_changed`` tells the apps that sent invites. Nothing changes and
    nothing is sent when nothing that a calendar shows changed.
    """
    changes = CalendarChanges()
    with transaction.atomic():
        # One sync per event at a time: two publishes at once must not both raise the same SEQUENCE.
        list(Page.objects.select_for_update().filter(pk=event.pk).values_list("pk", flat=True))
        event = EventPage.objects.select_related("venue").get(pk=event.pk)
        sessions = list(EventSession.objects.filter(page=event).order_by("starts_at", "pk"))
        entries = {entry.uid: entry for entry in CalendarEntry.objects.filter(event=event)}
        url = event_url(event)
        stamp = timezone.now()
        for session in sessions:
            # Private: a changed online link must reach the invites (which carry it) as an update.
            vevent = session_vevent(event, session, url=url, stamp=stamp, private=True)
            values = {
                "fingerprint": fingerprint(vevent),
                "summary": session_summary(event, session, mark_cancelled=False)[:500],
                "starts_at": session.starts_at,
                "ends_at": session.ends_at,
            }
            entry = entries.pop(session.ical_uid, None)
            if entry is None:
                entry = CalendarEntry.objects.create(
                    event=event, uid=session.ical_uid, sequence=session.ical_sequence, **values
                )
                changes.changed.append(entry.uid)
            elif entry.removed_at is not None or entry.fingerprint != values["fingerprint"]:
                for name, value in values.items():
                    setattr(entry, name, value)
                entry.sequence += 1
                entry.removed_at = None
                entry.save()
                changes.changed.append(entry.uid)
            if session.ical_sequence != entry.sequence:
                EventSession.objects.filter(pk=session.pk).update(ical_sequence=entry.sequence)
        for entry in entries.values():
            if entry.removed_at is None:
                entry.sequence += 1
                entry.removed_at = stamp
                entry.save(update_fields=["sequence", "removed_at", "updated_at"])
                changes.removed.append(entry.uid)
    if changes and send:
        calendar_changed.send(sender=EventPage, event=event, changed=changes.changed, removed=changes.removed)
    return changes
