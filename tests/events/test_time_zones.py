"""Every event in its own time zone: entered, shown, sent to calendars and checked in by local time.

The covenant trains local risk-assessment experts in Accra, Nairobi, Ho Chi Minh City and Bogotá:
a session planned at 09:00 there must be 09:00 there on the page, in every calendar and at the door.
"""

import html
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from core import timezones
from events import ics
from events.calendar import new_calendar, sync_event_calendar
from events.models import CalendarEntry, EventPage, Region
from events.vtimezone import CalendarZones, zone_rules
from participants.checkin.days import is_session_day
from tests.factories import VenueFactory, make_event, make_programme, organiser, secretariat
from tests.ical import parse

FMT = "%Y-%m-%d %H:%M"
DASH = "\u2013"
MINUS = "\u2212"
NEXT_YEAR = date.today().year + 1

# zone, its label in winter (January), the region's Dutch name
REGIONS = [
    ("Europe/Amsterdam", "Amsterdam, UTC+1", "Nederland"),
    ("Africa/Accra", "Accra, UTC", "West-Afrika"),
    ("Africa/Nairobi", "Nairobi, UTC+3", "Oost-Afrika"),
    ("Asia/Ho_Chi_Minh", "Ho Chi Minh City, UTC+7", "Azië"),
    ("America/Bogota", f"Bogotá, UTC{MINUS}5", "Latijns-Amerika"),
]


def text(response):
    return html.unescape(response.content.decode())


def utc_of(component, name):
    """A DTSTART/DTEND of an icalendar component as a UTC instant."""
    return component[name].dt.astimezone(UTC)


def vobject_starts(raw):
    """(DTSTART, DTEND) of each VEVENT as vobject reads them: through the file's own VTIMEZONE.

    vobject keeps the first VTIMEZONE it saw under a TZID for the rest of the process; forget them,
    so each file is read through its own.
    """
    vars(vobject.icalendar)["__tzidMap"].clear()
    cal = vobject.readOne(raw.decode() if isinstance(raw, bytes) else raw)
    return [(e.dtstart.value, e.dtend.value) for e in cal.vevent_list]


@pytest.fixture
def admin_client(client):
    client.user = organiser()
    client.force_login(client.user)
    return client


def event_form(zone, first_day, *, online=False, region=None):
    """The admin's create form, with two mornings typed as wall-clock times of ``zone``."""
    second_day = first_day + timedelta(days=1)
    return nested_form_data(
        {
            "title": f"Local Expert Network training {zone}",
            "slug": "expert-training",
            "kind": "expert",
            "language": "en",
            "status": "scheduled",
            "summary": "Risk assessment, locally.",
            "body": rich_text("<p>Two mornings.</p>"),
            "online_url": "https://meet.example.org/expert" if online else "",
            "time_zone": zone,
            "region": str(region.pk) if region else "",
            "capacity": "20",
            "registration_opens_at": "",
            "registration_closes_at": f"{first_day - timedelta(days=3):%Y-%m-%d} 17:00",
            "attendance_rule": "all",
            "attendance_minimum": "",
            "pe_points": "",
            "pe_register": "",
            "organiser_email": "",
            "sessions": inline_formset(
                [
                    {
                        "title": "Day 1",
                        "starts_at": f"{first_day:%Y-%m-%d} 09:00",
                        "ends_at": f"{first_day:%Y-%m-%d} 13:00",
                    },
                    {
                        "title": "Day 2",
                        "starts_at": f"{second_day:%Y-%m-%d} 09:00",
                        "ends_at": f"{second_day:%Y-%m-%d} 13:00",
                    },
                ]
            ),
            "quotas": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )


def add_url(programme):
    return reverse("wagtailadmin_pages:add", args=("events", "eventpage", programme.pk))


@pytest.mark.django_db
@pytest.mark.parametrize(("zone", "winter_label", "region_name"), REGIONS)
def test_each_regions_event_round_trips_form_page_calendar_and_door(admin_client, zone, winter_label, region_name):
    first_day = date(NEXT_YEAR, 1, 12)
    region = Region.objects.get(name=region_name)
    programme = make_programme(title="Local Expert Network", kind="expert")

    response = admin_client.post(add_url(programme), event_form(zone, first_day, region=region))

    assert response.status_code == 302, text(response)
    event = EventPage.objects.get(slug="expert-training")
    assert event.time_zone == zone
    assert event.region == region
    tz = ZoneInfo(zone)
    expected = datetime(NEXT_YEAR, 1, 12, 9, 0, tzinfo=tz)
    # Typed as 09:00 in the event's zone: stored as that instant.
    assert event.starts_at == expected
    assert event.ordered_sessions[0].ends_at == datetime(NEXT_YEAR, 1, 12, 13, 0, tzinfo=tz)
    # The registration window too is typed in the event's zone.
    assert event.registration_closes_at == datetime(NEXT_YEAR, 1, 9, 17, 0, tzinfo=tz)

    # The edit form shows the times as they were typed, with the zone beside them.
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,)))
    soup = BeautifulSoup(edit.content, "html.parser")
    assert soup.select_one('[name="sessions-0-starts_at"]')["value"] == f"{first_day:%Y-%m-%d} 09:00"
    assert f"In the event's time zone: {winter_label}" in text(
        edit
    ) or f"tijdzone van de bijeenkomst: {winter_label}" in text(edit)

    # The page says the local time and the zone.
    page = BeautifulSoup(admin_client.get(event.url).content, "html.parser")
    cells = [td.get_text(" ", strip=True) for td in page.select("table.sessions tbody tr td")]
    assert f"09:00 {DASH} 13:00 ({winter_label})" in cells
    assert page.select_one("table.sessions time")["datetime"] == expected.astimezone(UTC).isoformat().replace(
        "+00:00", "Z"
    )

    # The event's calendar file: read by icalendar (TZID as an IANA name) and by vobject (the file's
    # own VTIMEZONE), both find 09:00 local, the stored instant.
    raw = admin_client.get(event.url + "calendar.ics").content
    cal = parse(raw)
    first = sorted(cal.walk("VEVENT"), key=lambda e: e["DTSTART"].dt)[0]
    assert utc_of(first, "DTSTART") == expected
    assert first["DTSTART"].dt.astimezone(tz).hour == 9
    assert first["DTSTART"].params["TZID"] == zone
    vtimezone = next(c for c in cal.walk("VTIMEZONE") if str(c["TZID"]) == zone)
    if zone == "Europe/Amsterdam":
        assert sorted(p.name for p in vtimezone.subcomponents) == ["DAYLIGHT", "STANDARD"]
    else:  # none of these has summer time: one STANDARD block
        assert [p.name for p in vtimezone.subcomponents] == ["STANDARD"]
    starts = sorted(vobject_starts(raw))
    assert starts[0][0].astimezone(UTC) == expected
    assert starts[0][0].astimezone(tz).strftime("%H:%M") == "09:00"

    # At the door: check-in only on the session's own local day.
    session = event.ordered_sessions[0]
    local_midnight = datetime(NEXT_YEAR, 1, 12, 0, 0, tzinfo=tz)
    assert is_session_day(session.starts_at, session.ends_at, local_midnight + timedelta(minutes=1), zone)
    assert is_session_day(session.starts_at, session.ends_at, local_midnight + timedelta(hours=23, minutes=59), zone)
    assert not is_session_day(session.starts_at, session.ends_at, local_midnight - timedelta(minutes=1), zone)
    assert not is_session_day(session.starts_at, session.ends_at, local_midnight + timedelta(days=1), zone)


@pytest.mark.django_db
def test_bogota_training_is_at_nine_in_bogota_not_amsterdam(client):
    """The issue's own case: 09:00 Bogotá is 14:00 UTC, not 08:00 UTC (03:00 in Bogotá)."""
    bogota = ZoneInfo("America/Bogota")
    start = datetime(NEXT_YEAR, 3, 2, 9, 0, tzinfo=bogota)
    event = make_event(
        title="Local Expert Network training Latijns-Amerika (Bogotá)",
        time_zone="America/Bogota",
        sessions=[("Day 1", start, start + timedelta(hours=4))],
    )
    page = text(client.get(event.url))
    assert f"09:00 {DASH} 13:00 (Bogotá, UTC{MINUS}5)" in page
    cal = parse(client.get(event.url + "calendar.ics").content)
    (vevent,) = cal.walk("VEVENT")
    assert vevent["DTSTART"].to_ical() == f"{NEXT_YEAR}0302T090000".encode()
    assert utc_of(vevent, "DTSTART") == datetime(NEXT_YEAR, 3, 2, 14, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_online_event_shows_amsterdam_time_too(client):
    start = datetime(NEXT_YEAR, 1, 12, 9, 0, tzinfo=ZoneInfo("Africa/Nairobi"))
    event = make_event(
        time_zone="Africa/Nairobi",
        online_url="https://meet.example.org/x",
        sessions=[("Day 1", start, start + timedelta(hours=3))],
    )
    soup = BeautifulSoup(client.get(event.url).content, "html.parser")
    assert soup.select_one(".zone-amsterdam").get_text() == f"(07:00 {DASH} 10:00 in Amsterdam (UTC+1))"
    assert soup.select_one(".zone-viewer") is not None  # filled in by the browser's own zone (see e2e)
    assert soup.select_one('script[src$="core/js/local-time.js"]') is not None


@pytest.mark.django_db
def test_one_feed_holds_several_zones(client):
    make_event(
        title="Accra",
        time_zone="Africa/Accra",
        start=datetime(NEXT_YEAR, 5, 4, 9, tzinfo=ZoneInfo("Africa/Accra")),
        days=1,
    )
    make_event(
        title="Hanoi",
        time_zone="Asia/Ho_Chi_Minh",
        start=datetime(NEXT_YEAR, 5, 5, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        days=1,
    )
    make_event(title="Zwolle", start=datetime(NEXT_YEAR, 5, 6, 9, tzinfo=timezones.AMSTERDAM), days=1)
    raw = client.get("/calendar.ics").content
    cal = parse(raw)
    assert sorted(str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")) == [
        "Africa/Accra",
        "Asia/Ho_Chi_Minh",
        "Europe/Amsterdam",
    ]
    by_title = {str(e["SUMMARY"]).split(":")[0]: e for e in cal.walk("VEVENT")}
    for title, zone in (("Accra", "Africa/Accra"), ("Hanoi", "Asia/Ho_Chi_Minh"), ("Zwolle", "Europe/Amsterdam")):
        assert by_title[title]["DTSTART"].params["TZID"] == zone
        assert by_title[title]["DTSTART"].dt.astimezone(ZoneInfo(zone)).hour == 9
    for starts_at, _ends_at in vobject_starts(raw):
        assert starts_at.hour == 9


@pytest.mark.django_db
def test_session_across_the_summer_time_change_in_amsterdam_but_not_in_accra(client):
    """The last Sunday of March: Amsterdam's clocks go from 02:00 to 03:00; Accra's do not move."""
    sunday = max(date(NEXT_YEAR, 3, d) for d in range(25, 32) if date(NEXT_YEAR, 3, d).weekday() == 6)
    ams, accra = ZoneInfo("Europe/Amsterdam"), ZoneInfo("Africa/Accra")
    night = datetime(sunday.year, sunday.month, sunday.day, 1, 0, tzinfo=ams)  # 00:00 UTC
    morning = datetime(sunday.year, sunday.month, sunday.day, 5, 0, tzinfo=ams)  # 03:00 UTC: 3 real hours
    here = make_event(title="Nachtsessie", sessions=[("Night", night, morning)])
    there = make_event(
        title="Accra",
        time_zone="Africa/Accra",
        sessions=[("Night", night.astimezone(accra), morning.astimezone(accra))],
    )
    for event, wall_start, wall_end in ((here, "01:00", "05:00"), (there, "00:00", "03:00")):
        raw = client.get(event.url + "calendar.ics").content
        (vevent,) = parse(raw).walk("VEVENT")
        assert utc_of(vevent, "DTSTART") == night and utc_of(vevent, "DTEND") == morning
        ((start, end),) = vobject_starts(raw)
        assert (start.astimezone(UTC), end.astimezone(UTC)) == (night, morning)
        assert (f"{start:%H:%M}", f"{end:%H:%M}") == (wall_start, wall_end)
        session = event.ordered_sessions[0]
        assert is_session_day(session.starts_at, session.ends_at, morning, event.time_zone)
        assert not is_session_day(session.starts_at, session.ends_at, night - timedelta(hours=2), event.time_zone)
    page = text(client.get(here.url))
    assert f"01:00 {DASH} 05:00 (Amsterdam, UTC+1)" in page


@pytest.mark.django_db
def test_moving_an_event_to_another_zone_sends_no_update_unless_its_real_time_changes():
    event = make_event(start=datetime(NEXT_YEAR, 2, 1, 10, 0, tzinfo=timezones.AMSTERDAM), days=1)
    sync_event_calendar(event)
    sequence = CalendarEntry.objects.get(event=event).sequence
    # Same instant, now in Accra's zone (09:00 there): calendars show the same time; no update.
    event.time_zone = "Africa/Accra"
    event.save_revision().publish()
    assert not sync_event_calendar(event)
    assert CalendarEntry.objects.get(event=event).sequence == sequence
    # The real time moves an hour: an update with the same UID and a higher SEQUENCE.
    session = event.sessions.get()
    session.starts_at += timedelta(hours=1)
    session.ends_at += timedelta(hours=1)
    session.save()
    changes = sync_event_calendar(event)
    assert changes.changed == [session.ical_uid]
    assert CalendarEntry.objects.get(event=event).sequence == sequence + 1


@pytest.mark.django_db
def test_a_venue_suggests_its_zone(admin_client):
    venue = VenueFactory(name="Kempinski", city="Accra", country="Ghana", time_zone="Africa/Accra")
    programme = make_programme(kind="expert")
    data = event_form("Europe/Amsterdam", date(NEXT_YEAR, 1, 12))
    data["venue"] = str(venue.pk)
    response = admin_client.post(add_url(programme), data)
    assert response.status_code == 302, text(response)
    event = EventPage.objects.get(slug="expert-training")
    assert event.time_zone == "Africa/Accra"
    assert event.starts_at == datetime(NEXT_YEAR, 1, 12, 9, 0, tzinfo=ZoneInfo("Africa/Accra"))


@pytest.mark.django_db
def test_a_time_that_does_not_exist_in_the_events_zone_is_refused(admin_client):
    sunday = max(date(NEXT_YEAR, 3, d) for d in range(25, 32) if date(NEXT_YEAR, 3, d).weekday() == 6)
    programme = make_programme(kind="expert")
    data = event_form("Europe/Amsterdam", sunday)
    data["sessions-0-starts_at"] = f"{sunday:%Y-%m-%d} 02:30"  # skipped when summer time starts
    response = admin_client.post(add_url(programme), data)
    assert response.status_code == 200
    assert "Europe/Amsterdam" in text(response)
    assert not EventPage.objects.filter(slug="expert-training").exists()


def test_zone_list_puts_the_covenants_regions_first():
    names = [name for name, _label in timezones.choices()]
    assert names[:5] == list(timezones.REGION_ZONES)
    assert "Pacific/Auckland" in names and len(names) == len(set(names))


def test_zone_labels():
    winter = datetime(NEXT_YEAR, 1, 15, 12, tzinfo=UTC)
    summer = datetime(NEXT_YEAR, 7, 15, 12, tzinfo=UTC)
    assert timezones.label("America/Bogota", winter) == f"Bogotá, UTC{MINUS}5"
    assert timezones.label("Europe/Amsterdam", summer) == "Amsterdam, UTC+2"
    assert timezones.label("Asia/Kolkata", winter) == "Kolkata, UTC+5:30"
    assert timezones.label("Africa/Accra", winter) == "Accra, UTC"


def _one_event_calendar(tzid, start):
    zones = CalendarZones()
    starts_at, ends_at = zones.value(start, tzid), zones.value(start + timedelta(hours=2), tzid)
    body = ics.vevent(
        uid="x@example.org",
        sequence=0,
        stamp=start,
        starts_at=starts_at,
        ends_at=ends_at,
        tzid=(zones.tzid(starts_at), zones.tzid(ends_at)),
        summary="Training",
        description="",
        url="https://example.org/",
        status="CONFIRMED",
    )
    footer = b"END:VCALENDAR\r\n"
    return new_calendar(method="PUBLISH", zones=zones).to_ical().removesuffix(footer) + body + footer


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tzid=st.sampled_from(timezones.all_zones()),
    start=st.datetimes(min_value=datetime(1995, 1, 1), max_value=datetime(2040, 12, 31), timezones=st.just(UTC)),
)
def test_any_zone_and_start_reads_back_as_the_stored_instant(tzid, start):
    """For any zone and time, a calendar's start (through TZID and VTIMEZONE, or in UTC) is the stored start."""
    start = start.replace(microsecond=0)
    raw = _one_event_calendar(tzid, start)
    (vevent,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert utc_of(vevent, "DTSTART") == start
    ((vstart, vend),) = vobject_starts(raw)
    assert vstart.astimezone(UTC) == start
    assert vend.astimezone(UTC) == start + timedelta(hours=2)


def test_zones_with_summer_time_get_yearly_rules_and_others_one_block():
    amsterdam = zone_rules("Europe/Amsterdam", NEXT_YEAR)
    assert sorted(r.byday for r in amsterdam.rules) == ["-1SU", "-1SU"]
    assert sorted(r.month for r in amsterdam.rules) == [3, 10]
    new_york = zone_rules("America/New_York", NEXT_YEAR)
    assert sorted((r.month, r.byday) for r in new_york.rules) == [(3, "2SU"), (11, "1SU")]
    assert zone_rules("Africa/Nairobi", NEXT_YEAR).rules == ()


@pytest.mark.django_db
def test_the_secretariat_adds_a_region_without_code(client):
    assert list(Region.objects.filter(abroad=True).values_list("name_en", flat=True)) == [
        "West Africa",
        "East Africa",
        "Asia",
        "Latin America",
    ]
    client.force_login(organiser())
    assert client.get(reverse("wagtailsnippets_events_region:add")).status_code in (302, 403)
    client.force_login(secretariat())
    response = client.post(
        reverse("wagtailsnippets_events_region:add"),
        {"name": "Zuid-Azië", "name_en": "South Asia", "abroad": "on", "sort_order": "35"},
    )
    assert response.status_code == 302, text(response)
    assert Region.objects.get(name_en="South Asia").abroad
