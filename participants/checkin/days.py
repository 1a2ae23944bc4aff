"""The clock of the door: which sessions run on a day, whether a scan falls on a session's day, and
how late a scan queued offline on a phone may arrive and still count."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.formats import time_format

from core import access, timezones
from events.models import EventPage, EventSession

# A scan sent this long after it was made was queued offline.
OFFLINE_AFTER = timedelta(seconds=30)
# A phone's clock may run a little fast; a scanned_at further in the future is taken as now.
CLOCK_SKEW = timedelta(minutes=5)


def local_time(value, zone=None):
    """A time of day in the event's zone (``zone``), "09:05"."""
    return time_format(timezones.localtime(value, zone), "H:i")


def sessions_on(day, user, now=None):
    """The sessions running today (each in its own event's zone) of the events ``user`` may check in for.

    ``day`` is the door's day in the site's zone; zones run from UTC-12 to UTC+14, so the sessions
    of a day two days wide are read, and each kept when today in its own zone is one of its days.
    """
    now = now or timezone.now()
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    sessions = (
        EventSession.objects.filter(
            page__in=access.scope_events(user, EventPage.objects.all()),
            starts_at__lt=start + timedelta(days=2),
            ends_at__gte=start - timedelta(days=1),
        )
        .select_related("page")
        .order_by("starts_at", "pk")
    )
    return [s for s in sessions if is_session_day(s.starts_at, s.ends_at, now, s.page.time_zone)]


def is_session_day(starts_at, ends_at, moment, zone=None):
    """Whether ``moment`` falls on a day the session runs, in the event's zone ``zone``."""
    day = timezones.localdate(moment, zone)
    return timezones.localdate(starts_at, zone) <= day <= timezones.localdate(ends_at, zone)


def effective_time(scanned_at, now):
    """When the scan counts as made: the phone's own time, unless it lies in the future."""
    if scanned_at is None or scanned_at > now + CLOCK_SKEW:
        return now
    return min(scanned_at, now)


def offline_grace():
    """How long after a session ends a scan queued offline still counts (``CHECKIN_OFFLINE_GRACE_HOURS``)."""
    return timedelta(hours=getattr(settings, "CHECKIN_OFFLINE_GRACE_HOURS", 24))


def offline_lateness(session_id, now):
    """For a scan queued offline: "" if it reached us while the session ran or before, "late" within the
    grace after its end, "too_late" past it.

    The phone's ``scanned_at`` must lie on the session's day, but a phone can say any time: without
    this a scan sent weeks later, "scanned" on the day, would back-date a check-in at will. So what
    limits it is when the server received it. An unknown session is left to the usual answer.
    """
    ends_at = EventSession.objects.filter(pk=session_id).values_list("ends_at", flat=True).first()
    if ends_at is None or now <= ends_at:
        return ""
    return "late" if now <= ends_at + offline_grace() else "too_late"
