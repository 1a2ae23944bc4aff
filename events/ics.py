"""A small writer of iCalendar text (RFC 5545) for the public feeds, where speed matters.

``icalendar`` builds and folds a VEVENT in about a third of a millisecond; a feed of 500 events with
two sessions each spent most of its time there. The feeds' VEVENTs hold only a few kinds of value
(TEXT, a date-time, a UID, an integer, a URI), so they are written here as plain strings. Everything
else (the VCALENDAR header with its VTIMEZONE, the participants' invites with ORGANIZER and ATTENDEE)
is still built with ``icalendar``; ``tests/events/test_ics.py`` checks this writer against it.
"""

import functools
import re
from datetime import UTC, datetime

# Control characters are not allowed in TEXT (RFC 5545 3.3.11), apart from HTAB; line breaks are
# written as "\n" and other controls dropped, rather than a feed that no calendar can read.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SPECIAL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\\;,]")
_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,"})
# A content line is at most 75 octets; each continuation line starts with one space (RFC 5545 3.1).
LINE_OCTETS = 75


@functools.lru_cache(maxsize=1024)  # an event's description and place recur in each of its sessions
def escape_text(value):
    """A TEXT value: backslash, semicolon and comma escaped, every kind of line break as ``\\n``."""
    if not _SPECIAL.search(value):
        return value
    value = _LINE_BREAK.sub("\n", value).translate(_TEXT_ESCAPES)
    return _CONTROL.sub("", value).replace("\n", "\\n")


def fold(line):
    """One content line as UTF-8 bytes ending in CRLF, folded so no line exceeds 75 octets.

    A fold never falls inside a UTF-8 sequence: a parser that reads each line as text (some do)
    would otherwise find a broken character.
    """
    return _fold(line.encode()) + b"\r\n"


def _fold(raw):
    if len(raw) <= LINE_OCTETS:
        return raw
    pieces = []
    start, room = 0, LINE_OCTETS
    while len(raw) - start > room:
        end = start + room
        while raw[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character instead
            end -= 1
        pieces.append(raw[start:end])
        start, room = end, LINE_OCTETS - 1
    pieces.append(raw[start:])
    return b"\r\n ".join(pieces)


def local_datetime(moment):
    """A DATE-TIME in the zone it carries, for a ``TZID`` parameter: ``20261124T093000``."""
    return moment.strftime("%Y%m%dT%H%M%S")


def utc_datetime(moment):
    """A DATE-TIME in UTC: ``20261124T083000Z``."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _datetime_line(name, moment, tzid):
    if tzid:
        return f"{name};TZID={tzid}:{local_datetime(moment)}"
    return f"{name}:{utc_datetime(moment)}"


def vevent(
    *,
    uid,
    sequence,
    stamp: datetime,
    starts_at: datetime,
    ends_at: datetime,
    tzid,
    summary,
    description,
    url,
    status,
    location="",
):
    """One VEVENT as folded bytes. ``starts_at``/``ends_at`` are already in the zone ``tzid`` names.

    ``tzid`` is one zone name for both, or a pair (start's, end's); None writes that time in UTC.
    """
    start_zone, end_zone = tzid if isinstance(tzid, tuple) else (tzid, tzid)
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{escape_text(summary)}",
        _datetime_line("DTSTART", starts_at, start_zone),
        _datetime_line("DTEND", ends_at, end_zone),
        f"DTSTAMP:{utc_datetime(stamp)}",
        f"UID:{uid}",
        f"SEQUENCE:{int(sequence)}",
        f"DESCRIPTION:{escape_text(description)}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines += [f"STATUS:{status}", "TRANSP:OPAQUE", f"URL:{url}", "END:VEVENT"]
    return b"\r\n".join([_fold(line.encode()) for line in lines]) + b"\r\n"
