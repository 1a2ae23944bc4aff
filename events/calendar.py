"""Calendars of events: the public feeds, and what calendars were last told about each session.

Everything here is public: no participant, no personal data. The participant's own invite (iTIP,
with ORGANIZER and ATTENDEE) is built on these pieces in ``participants.invites``.

Each session is one VEVENT whose UID is ``EventSession.ical_uid``, the same in feeds, invites,
updates and cancellations. Times are written in Europe/Amsterdam with a static VTIMEZONE in the
RRULE style: Outlook misreads the RDATE style that ``icalendar``'s ``add_missing_timezones()`` writes.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vDuration, vRecur

from .models import CalendarEntry, EventPage, EventSession
from .signals import calendar_changed

TZID = "Europe/Amsterdam"
AMSTERDAM = ZoneInfo(TZID)
PRODID = "-//Convenant Trainingen//Agenda 1.0//NL"
# How often subscribed calendars should fetch the feed again (RFC 7986 and Outlook's own property).
REFRESH_INTERVAL = timedelta(hours=6)
# Past events stay in the feeds this long, so a subscriber's history does not vanish at once.
FEED_HISTORY = timedelta(days=365)
# The properties a calendar shows: a change in any of these is worth an update to everyone invited.
VISIBLE_PROPERTIES = ("SUMMARY", "DTSTART", "DTEND", "LOCATION", "DESCRIPTION", "URL", "STATUS")


def amsterdam_timezone():
    """The VTIMEZONE of Europe/Amsterdam as yearly rules (EU summer time since 1996)."""
    tz = Timezone()
    tz.add("tzid", TZID)
    tz.add("x-lic-location", TZID)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", timedelta(hours=1))
    summer.add("tzoffsetto", timedelta(hours=2))
    summer.add("dtstart", datetime(1981, 3, 29, 2, 0, 0))
    summer.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", timedelta(hours=2))
    winter.add("tzoffsetto", timedelta(hours=1))
    winter.add("dtstart", datetime(1996, 10, 27, 3, 0, 0))
    winter.add("rrule", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


def new_calendar(*, method=None, name=None, description=None, feed=False):
    """An empty VCALENDAR with the Amsterdam VTIMEZONE; ``feed`` adds the refresh hints of a subscription."""
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
    cal.add("x-wr-timezone", TZID)
    if feed:
        cal.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    cal.add_component(amsterdam_timezone())
    return cal


def local(moment):
    return timezone.localtime(moment, AMSTERDAM).replace(microsecond=0)


def session_summary(event, session):
    title = event.title
    if session.title and session.title.strip().lower() != event.title.strip().lower():
        title = f"{event.title}: {session.title}"
    if event.is_cancelled:
        # Subscribed calendars (Google's among them) often ignore STATUS:CANCELLED; say it in words too.
        with translation.override(event.language):
            title = _("Cancelled: %(title)s") % {"title": title}
    return title


def session_location(event, session):
    parts = [session.place] if session.place else []
    if event.venue_id:
        parts.append(event.venue.address)
    elif event.online_url and not session.place:
        parts.append(event.online_url)
    return ", ".join(p for p in parts if p)


def event_description(event, url):
    """The public text of an event in its own language: summary, online link, page."""
    with translation.override(event.language):
        lines = []
        if event.is_cancelled:
            lines.append(_("This event has been cancelled."))
        if event.summary:
            lines.append(event.summary.strip())
        if event.online_url:
            lines.append(_("Online: %(url)s") % {"url": event.online_url})
        lines.append(_("More information: %(url)s") % {"url": url})
        return "\n\n".join(lines)


def session_vevent(event, session, *, url, stamp, description=None, sequence=None):
    """The public VEVENT of one session. ``description`` replaces the public text (invites add to it)."""
    vevent = Event()
    vevent.add("uid", str(session.ical_uid))
    vevent.add("sequence", session.ical_sequence if sequence is None else sequence)
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", local(session.starts_at))
    vevent.add("dtend", local(session.ends_at))
    vevent.add("summary", session_summary(event, session))
    location = session_location(event, session)
    if location:
        vevent.add("location", location)
    vevent.add("description", event_description(event, url) if description is None else description)
    vevent.add("url", url)
    vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    return vevent


def fingerprint(vevent):
    """A hash of what a calendar shows of a VEVENT; equal hashes mean nothing worth an update changed."""
    digest = hashlib.sha256()
    for name in VISIBLE_PROPERTIES:
        value = vevent.get(name)
        digest.update(name.encode())
        digest.update(b"=")
        digest.update(value.to_ical() if value is not None else b"")
        digest.update(b"\n")
    return digest.hexdigest()


def event_url(event, request=None):
    return event.get_full_url(request) or settings.SITE_URL.rstrip("/") + event.url_path


def events_calendar(events, *, name, request=None, description=None):
    """A subscribable feed of ``events`` (EventPages with venue and sessions loaded)."""
    cal = new_calendar(method="PUBLISH", name=name, description=description, feed=True)
    stamp = timezone.now().replace(microsecond=0)
    for event in events:
        url = event_url(event, request)
        for session in event.ordered_sessions:
            cal.add_component(session_vevent(event, session, url=url, stamp=stamp))
    return cal


def feed_events(queryset):
    """Live events of ``queryset`` worth a place in a feed, loaded in a fixed number of queries."""
    since = timezone.now() - FEED_HISTORY
    return (
        queryset.live()
        .filter(ends_at__gte=since)
        .select_related("venue")
        .prefetch_related("sessions")
        .order_by("starts_at", "pk")
    )


def calendar_response(cal, filename):
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slugify(filename) or "calendar"}.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response


def webcal_url(url):
    """The same address with the webcal scheme, which makes a click subscribe instead of download."""
    return "webcal://" + url.split("://", 1)[-1]


def _utc(moment):
    return moment.astimezone(timezone.UTC).strftime("%Y%m%dT%H%M%SZ")


def google_calendar_url(event, session, *, url):
    query = {
        "action": "TEMPLATE",
        "text": session_summary(event, session),
        "dates": f"{_utc(session.starts_at)}/{_utc(session.ends_at)}",
        "details": event_description(event, url),
        "location": session_location(event, session),
        "ctz": TZID,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_calendar_url(event, session, *, url, host="outlook.office.com"):
    """Outlook on the web: outlook.office.com for work accounts, outlook.live.com for personal ones."""
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
        event = EventPage.objects.select_for_update().select_related("venue").get(pk=event.pk)
        sessions = list(EventSession.objects.filter(page=event).order_by("starts_at", "pk"))
        entries = {entry.uid: entry for entry in CalendarEntry.objects.filter(event=event)}
        url = event_url(event)
        stamp = timezone.now()
        for session in sessions:
            vevent = session_vevent(event, session, url=url, stamp=stamp)
            values = {
                "fingerprint": fingerprint(vevent),
                "summary": session_summary(event, session)[:500],
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
