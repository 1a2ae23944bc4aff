"""Checks every generated calendar must pass: two independent parsers, folding, and the iTIP rules."""

from collections import defaultdict

import icalendar
import vobject


def parse(text):
    """Parse with icalendar and with vobject; both must read the same events. Returns icalendar's Calendar."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    raw = text.encode("utf-8")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, f"line longer than 75 octets: {line!r}"
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), "lines must end in CRLF"
    cal = icalendar.Calendar.from_ical(text)
    other = vobject.readOne(text)
    ours = [(str(e["UID"]), str(e.get("SUMMARY", ""))) for e in cal.walk("VEVENT")]
    theirs = (
        [(e.uid.value, e.summary.value if hasattr(e, "summary") else "") for e in other.vevent_list]
        if hasattr(other, "vevent_list")
        else []
    )
    assert ours == theirs
    timezones = cal.walk("VTIMEZONE")
    for tz in timezones:
        parts = tz.subcomponents
        fixed = len(parts) == 1 and parts[0].name == "STANDARD"
        for part in parts:
            assert "RDATE" not in part, "VTIMEZONE must use yearly rules (Outlook)"
            if fixed:  # a zone without summer time: one STANDARD block with its one offset
                assert part["TZOFFSETFROM"].to_ical() == part["TZOFFSETTO"].to_ical()
            else:
                assert "RRULE" in part, "VTIMEZONE must use yearly rules (Outlook)"
    for event in cal.walk("VEVENT"):
        for name in ("DTSTART", "DTEND"):
            if name in event and event[name].params.get("TZID"):
                assert event[name].params["TZID"] in {str(tz["TZID"]) for tz in timezones}
    return cal


def calendars_of(messages):
    """(method, Calendar, email.message) for each sent email that carries an iTIP calendar part."""
    found = []
    for message in messages:
        mime = message.message()
        for part in mime.walk():
            if part.get_content_type() == "text/calendar" and part.get_content_disposition() is None:
                text = part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
                # The email package hands text parts back with LF; on the wire (SMTP) they are CRLF.
                text = text.replace("\r\n", "\n").replace("\n", "\r\n")
                found.append((part.get_param("method"), parse(text), mime))
    return found


def check_itip(calendars, *, attendee, organizer):
    """The iTIP rules for what one attendee received, in the order sent.

    Each message has METHOD (REQUEST or CANCEL) equal to its MIME part's method parameter, one UID,
    ORGANIZER, the attendee as ATTENDEE, DTSTAMP and SEQUENCE; a UID's SEQUENCE rises strictly from
    message to message; a CANCEL only names UIDs sent before, and says STATUS:CANCELLED.
    Returns {uid: [(method, sequence), ...]}.
    """
    history = defaultdict(list)
    for mime_method, cal, _mime in calendars:
        method = str(cal["METHOD"])
        assert method in {"REQUEST", "CANCEL"} and method == mime_method
        events = cal.walk("VEVENT")
        assert len({str(e["UID"]) for e in events}) == 1, "one UID per iTIP message"
        for event in events:
            uid = str(event["UID"])
            assert str(event["ORGANIZER"]).lower() == f"mailto:{organizer}".lower()
            attendees = event.get("ATTENDEE")
            attendees = attendees if isinstance(attendees, list) else [attendees]
            assert [str(a).lower() for a in attendees] == [f"mailto:{attendee}".lower()]
            assert "DTSTAMP" in event and "DTSTART" in event
            sequence = int(event["SEQUENCE"])
            if history[uid]:
                assert sequence > history[uid][-1][1], f"SEQUENCE must rise for {uid}: {history[uid]} then {sequence}"
            if method == "CANCEL":
                assert any(m == "REQUEST" for m, _s in history[uid]), f"CANCEL of a UID never sent: {uid}"
                assert str(event["STATUS"]) == "CANCELLED"
            history[uid].append((method, sequence))
    return dict(history)
