"""Time zones: the one home for an event's zone, its label and local times.

Every event has an IANA zone (``EventPage.time_zone``, default Europe/Amsterdam). Times are stored
in UTC; everything shown to people is the event's local time with its zone ("09:00 - 13:00
(Bogotá, UTC-5)"), and rules about "the day" (check-in, reminders, certificates, report months) use
the event's local day. The calendar files' VTIMEZONE components are written in ``events.calendar``
from the same zones.
"""

import functools
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

DEFAULT = "Europe/Amsterdam"
AMSTERDAM = zoneinfo.ZoneInfo(DEFAULT)

# The covenant's regions first, in the order organisers pick them most.
REGION_ZONES = ("Europe/Amsterdam", "Africa/Accra", "Africa/Nairobi", "Asia/Ho_Chi_Minh", "America/Bogota")

# Where an IANA zone's own name is not how people write the city.
CITY_NAMES = {
    "America/Bogota": "Bogotá",
    "Asia/Ho_Chi_Minh": "Ho Chi Minh City",
    "America/Sao_Paulo": "São Paulo",
    "America/Mexico_City": "Mexico City",
    "Asia/Kolkata": "Kolkata",
    "UTC": "UTC",
    "Etc/UTC": "UTC",
}

MINUS = "\u2212"
DASH = "\u2013"


@functools.cache
def all_zones():
    """Every IANA zone Python knows (tzdata), sorted; "localtime" and the like are left out."""
    return tuple(sorted(z for z in zoneinfo.available_timezones() if "/" in z or z == "UTC"))


def choices():
    """The zone list of the admin form: the covenant's regions first, then every IANA zone."""
    rest = [(z, z.replace("_", " ")) for z in all_zones() if z not in REGION_ZONES]
    return [(z, city(z) + f" ({z})") for z in REGION_ZONES] + rest


def is_valid(name):
    return name in all_zones() or name in REGION_ZONES


@functools.cache
def get(name):
    """The ZoneInfo of ``name``; Amsterdam for an empty or unknown name (an old row, a typo)."""
    try:
        return zoneinfo.ZoneInfo(name) if name else AMSTERDAM
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return AMSTERDAM


def zone_name(zone):
    return getattr(zone, "key", None) or str(zone)


def city(name):
    """The city a zone is named after, as people write it: "Bogotá", "Ho Chi Minh City", "Accra"."""
    name = zone_name(name)
    if name in CITY_NAMES:
        return CITY_NAMES[name]
    return name.rsplit("/", 1)[-1].replace("_", " ")


def offset_text(offset):
    """ "UTC+1", "UTC-5" (a real minus sign), "UTC+5:30", and "UTC" for no offset."""
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else MINUS
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def label(name, moment=None):
    """ "Bogotá, UTC-5": the zone's city and its offset at ``moment`` (now when not given)."""
    zone = get(zone_name(name)) if isinstance(name, str) else name
    moment = moment or timezone.now()
    return f"{city(zone_name(zone))}, {offset_text(moment.astimezone(zone).utcoffset())}"


def localtime(moment, name):
    """``moment`` in the zone ``name`` (a name or a ZoneInfo)."""
    if moment is None:
        return None
    zone = get(name) if isinstance(name, str) or name is None else name
    return timezone.localtime(moment, zone)


def localdate(moment, name):
    return localtime(moment, name).date()


def day_bounds(day: date, name):
    """The start of ``day`` and of the next day in the zone ``name``, as aware datetimes."""
    zone = get(name) if isinstance(name, str) or name is None else name
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def at_local(day: date, hour, name):
    """``hour`` o'clock on ``day`` in the zone ``name``, as an aware datetime."""
    zone = get(name) if isinstance(name, str) or name is None else name
    return datetime.combine(day, time(hour), tzinfo=zone)


def span_text(starts_at, ends_at, name, *, with_date=False):
    """ "09:00 - 13:00 (Bogotá, UTC-5)"; with ``with_date`` the day first ("maandag 2 november 2026, 09:00 ...").

    A session over midnight names its end day too.
    """
    start = localtime(starts_at, name)
    end = localtime(ends_at, name)
    times = f"{time_format(start, 'H:i')} {DASH} {time_format(end, 'H:i')}"
    if end.date() != start.date():
        times = f"{time_format(start, 'H:i')} {DASH} {date_format(end, 'j F')} {time_format(end, 'H:i')}"
    text = f"{times} ({label(name, starts_at)})"
    if with_date:
        text = f"{date_format(start, 'l j F Y')}, {text}"
    return text


def amsterdam_text(starts_at, ends_at):
    """The same span in Amsterdam time, for online and hybrid events: "16:00 - 20:00 in Amsterdam"."""
    start = localtime(starts_at, AMSTERDAM)
    end = localtime(ends_at, AMSTERDAM)
    return _("%(span)s in Amsterdam (%(offset)s)") % {
        "span": f"{time_format(start, 'H:i')} {DASH} {time_format(end, 'H:i')}",
        "offset": offset_text(start.utcoffset()),
    }
