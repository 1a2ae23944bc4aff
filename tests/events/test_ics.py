"""The feeds' own iCalendar writer, checked against RFC 5545 and against icalendar and vobject."""

import itertools
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from events import ics

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Due diligence, stap 1; beleid", "Due diligence\\, stap 1\\; beleid"),
        ("C:\\map\\bestand", "C:\\\\map\\\\bestand"),
        ("regel 1\r\nregel 2\nregel 3\rregel 4", "regel 1\\nregel 2\\nregel 3\\nregel 4"),
        ("\\n is geen regeleinde", "\\\\n is geen regeleinde"),
        ("tab\tblijft, bel\x07 en nul\x00 niet", "tab\tblijft\\, bel en nul niet"),
        ("Café 🌍 ✓", "Café 🌍 ✓"),
    ],
)
def test_text_is_escaped(text, written):
    assert ics.escape_text(text) == written


def unfold(raw):
    return raw.removesuffix(b"\r\n").replace(b"\r\n ", b"")


@pytest.mark.parametrize("character", ["a", "é", "€", "🌍", "👩🏽‍💻"])
@pytest.mark.parametrize("prefix", range(4))
@pytest.mark.parametrize("length", [74, 75, 76, 200])
def test_folding_keeps_lines_short_and_characters_whole(character, prefix, length):
    line = "DESCRIPTION:" + "x" * prefix + character * length
    raw = ics.fold(line)
    assert raw.endswith(b"\r\n") and not raw.endswith(b"\r\n\r\n")
    physical = raw.removesuffix(b"\r\n").split(b"\r\n")
    for number, piece in enumerate(physical):
        assert len(piece) <= 75
        assert piece.startswith(b" ") == (number > 0)
        piece.decode("utf-8")  # never half a character on a line
    assert unfold(raw).decode() == line
    # Each continuation line is as long as it can be: no fold comes earlier than it must.
    for piece, following in itertools.pairwise(physical):
        assert len(piece) + len(following[1:].decode()[0].encode()) > 75


def test_short_lines_are_not_folded():
    assert ics.fold("A" * 75) == b"A" * 75 + b"\r\n"
    assert ics.fold("A" * 76) == b"A" * 75 + b"\r\n A\r\n"


def vevent(**changes):
    values = {
        "uid": "4a7c3e52-5d3c-4c52-9d4b-0a6a2f0d3e11",
        "sequence": 3,
        "stamp": datetime(2026, 11, 24, 9, 30, 15, tzinfo=UTC),
        "starts_at": datetime(2027, 3, 28, 9, 30, tzinfo=AMSTERDAM),
        "ends_at": datetime(2027, 3, 28, 17, 0, tzinfo=AMSTERDAM),
        "tzid": "Europe/Amsterdam",
        "summary": "Due diligence, stap 1; beleid 🌍 " + "heel lang " * 12,
        "description": "Regel één, met; tekens\nRegel twee 🎉 \\ " + "x" * 200,
        "location": "Zaal; de Hoek, 1e etage, Stationsplein 1, 3511 ED Utrecht",
        "url": "https://example.org/roadshow/utrecht/",
        "status": "CONFIRMED",
    }
    values.update(changes)
    return values, ics.vevent(**values)


def calendar(*vevents):
    return b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//NL\r\n" + b"".join(vevents) + b"END:VCALENDAR\r\n"


def test_a_vevent_reads_the_same_in_icalendar_and_vobject():
    values, raw = vevent()
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75

    (parsed,) = icalendar.Calendar.from_ical(calendar(raw)).walk("VEVENT")
    assert str(parsed["UID"]) == values["uid"] and int(parsed["SEQUENCE"]) == 3
    assert str(parsed["SUMMARY"]) == values["summary"]
    assert str(parsed["DESCRIPTION"]) == values["description"]
    assert str(parsed["LOCATION"]) == values["location"]
    assert str(parsed["URL"]) == values["url"]
    assert str(parsed["STATUS"]) == "CONFIRMED" and str(parsed["TRANSP"]) == "OPAQUE"
    assert parsed["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert parsed.decoded("DTSTART").replace(tzinfo=None) == datetime(2027, 3, 28, 9, 30)
    assert parsed.decoded("DTSTAMP") == values["stamp"]

    other = vobject.readOne(calendar(raw).decode()).vevent
    assert other.summary.value == values["summary"]
    assert other.description.value == values["description"]
    assert other.location.value == values["location"]
    assert other.uid.value == values["uid"]
    assert other.dtstart.value.replace(tzinfo=None) == datetime(2027, 3, 28, 9, 30)


def test_a_vevent_without_location_has_none():
    _values, raw = vevent(location="")
    assert b"LOCATION" not in raw
    (parsed,) = icalendar.Calendar.from_ical(calendar(raw)).walk("VEVENT")
    assert "LOCATION" not in parsed


def test_timestamps_are_written_in_utc_and_local_time():
    _values, raw = vevent(stamp=datetime(2026, 7, 1, 12, 0, tzinfo=AMSTERDAM))
    assert b"DTSTAMP:20260701T100000Z\r\n" in raw
    assert b"DTSTART;TZID=Europe/Amsterdam:20270328T093000\r\n" in raw
