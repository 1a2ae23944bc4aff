"""What a visitor sees on an event page and a programme page."""

from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from events.choices import EventKind, EventStatus
from participants.models import RegistrationStatus
from tests.factories import RegistrationFactory, VenueFactory, make_event, make_programme

pytestmark = pytest.mark.django_db

DASH = "\u2013"  # the en dash between times
DUTCH_WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def facts(soup):
    return {
        dt.get_text(strip=True): " ".join(dd.get_text().split())
        for dt, dd in zip(soup.select("dl.facts dt"), soup.select("dl.facts dd"), strict=True)
    }


@pytest.fixture
def event():
    year = timezone.localdate().year + 1
    start = timezone.make_aware(datetime(year, 3, 10, 9, 30))  # Europe/Amsterdam, CET (UTC+1)
    venue = VenueFactory(
        name="Provinciehuis Overijssel", street_address="Luttenbergstraat 2", postcode="8012 EE", city="Zwolle"
    )
    return make_event(
        programme=make_programme(title="Due Diligence Roadshow", kind=EventKind.ROADSHOW),
        title="Roadshow Zwolle",
        sessions=[
            ("Dag 1: risico's in kaart", start, start + timedelta(hours=7)),
            ("Dag 2: aanpakken", start + timedelta(days=7), start + timedelta(days=7, hours=7)),
        ],
        quotas=[("company", 12), ("ngo", 2)],
        capacity=20,
        venue=venue,
        language="nl",
    )


def test_event_page_shows_sessions_in_amsterdam_time(client, event):
    soup = soup_of(client.get(event.url))
    assert soup.h1.get_text(strip=True) == "Roadshow Zwolle"
    rows = [
        [c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in soup.select("table.sessions tbody tr")
    ]
    year = event.starts_at.year
    day1, day2 = (DUTCH_WEEKDAYS[datetime(year, 3, d).weekday()] for d in (10, 17))
    # Stored in UTC (08:30), shown in Amsterdam time.
    assert rows == [
        ["Dag 1: risico's in kaart", f"{day1} 10 maart {year}", f"09:30 {DASH} 16:30 (Amsterdam, UTC+1)", "Zwolle"],
        ["Dag 2: aanpakken", f"{day2} 17 maart {year}", f"09:30 {DASH} 16:30 (Amsterdam, UTC+1)", "Zwolle"],
    ]


def test_event_page_shows_place_language_and_kind(client, event):
    soup = soup_of(client.get(event.url))
    shown = facts(soup)
    assert shown["Plaats"].startswith("Provinciehuis Overijssel, Luttenbergstraat 2, 8012 EE Zwolle")
    assert shown["Taal"] == "Nederlands"
    assert shown["Soort"] == "Due diligence roadshow"
    assert soup.select_one("dd[lang=nl]") is not None


def test_event_page_shows_seats_left_per_stakeholder_type(client, event):
    RegistrationFactory(event=event, stakeholder_type="company")
    RegistrationFactory(event=event, stakeholder_type="company", status=RegistrationStatus.CANCELLED)
    soup = soup_of(client.get(event.url))
    seats = {tr.th.get_text(strip=True): tr.td.get_text(" ", strip=True) for tr in soup.select("table.seats tbody tr")}
    # 20 seats: 12 reserved for companies, 2 for NGOs, 6 open to all; one company registration holds a seat.
    assert seats["Bedrijf"].startswith("17")
    assert seats["Maatschappelijke organisatie (ngo)"].startswith("8")
    assert seats["Overheid"] == "6"
    # In words that add up: 11 kept for companies + 2 for NGOs + 6 for anyone = 19 free.
    summary = soup.select_one("p.seats-summary").get_text(" ", strip=True)
    assert summary == (
        "19 van 20 plaatsen zijn vrij: 6 voor iedereen, en deze gereserveerd voor een type belanghebbende:"
    )
    kept = [li.get_text(" ", strip=True) for li in soup.select("ul.seats-kept li")]
    assert kept == ["11 plaatsen voor: Bedrijf", "2 plaatsen voor: Maatschappelijke organisatie (ngo)"]


def test_without_reserved_seats_the_page_says_they_are_for_anyone(client):
    event = make_event(capacity=20)
    RegistrationFactory(event=event)
    soup = soup_of(client.get(event.url))
    summary = soup.select_one("p.seats-summary").get_text(" ", strip=True)
    assert summary == "19 van 20 plaatsen zijn vrij, voor iedereen."
    assert soup.select_one("table.seats") is None


def test_event_page_offers_the_registration_form(client, event):
    soup = soup_of(client.get(event.url))
    button = soup.select_one("section.registration button[type=submit]")
    assert button is not None and not button.has_attr("disabled")


def test_cancelled_event_says_so(client):
    event = make_event(title="Afgelast", status=EventStatus.CANCELLED)
    soup = soup_of(client.get(event.url))
    assert "Deze bijeenkomst is geannuleerd." in soup.get_text()


def test_online_event_shows_online(client):
    event = make_event(title="Webinar", online_url="https://meet.example.org/x")
    assert facts(soup_of(client.get(event.url)))["Plaats"] == "Online"


def test_event_page_in_english(client, event):
    client.cookies["django_language"] = "en"
    soup = soup_of(client.get(event.url))
    assert soup.html["lang"] == "en"
    assert facts(soup)["Language"] == "Dutch"
    assert soup.find("h2", string="Sessions") is not None
    year = event.starts_at.year
    weekday = datetime(year, 3, 10).strftime("%A")  # English names from the C locale
    assert soup.select("table.sessions tbody tr td")[0].get_text(strip=True) == f"{weekday} 10 March {year}"


def test_programme_page_lists_upcoming_and_past_events(client):
    programme = make_programme(title="MKB-intervisie", kind=EventKind.INTERVISION)
    make_event(programme=programme, title="Bijeenkomst 2", days=1)
    make_event(programme=programme, title="Bijeenkomst 1", days=1, start=timezone.now() - timedelta(days=20))
    make_event(title="Andere programma", days=1)
    soup = soup_of(client.get(programme.url))
    sections = {
        s.h2.get_text(strip=True): [a.get_text(strip=True) for a in s.select("article h3 a")]
        for s in soup.select("main section")
    }
    assert sections == {"Aankomende bijeenkomsten": ["Bijeenkomst 2"], "Eerdere bijeenkomsten": ["Bijeenkomst 1"]}
