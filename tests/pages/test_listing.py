"""The public event listing: its filters, bad filter values, and a query count that does not grow."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.choices import EventKind, EventStatus
from pages.models import EventIndexPage
from tests.factories import VenueFactory, make_event, make_programme

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=9):
    return timezone.make_aware(datetime(year, month, day, hour))


@pytest.fixture
def agenda(home):
    return home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))


def listed(response):
    """The titles of the events on a listing page, in order."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select("article.event-card h3 a")]


@pytest.fixture
def events(agenda):
    year = timezone.localdate().year + 1
    roadshow = make_programme(title="Roadshow", slug="roadshow", kind=EventKind.ROADSHOW)
    nevi = make_programme(title="NEVI", slug="nevi", kind=EventKind.NEVI)
    return {
        "roadshow_march": make_event(programme=roadshow, title="Roadshow Zwolle", start=at(year, 3, 10)),
        "roadshow_may": make_event(
            programme=roadshow,
            title="Roadshow Eindhoven",
            start=at(year, 5, 12),
            registration_opens_at=timezone.now() + timedelta(days=30),
        ),
        "nevi_march": make_event(programme=nevi, title="IMVO en inkoop", start=at(year, 3, 20), days=1),
        "expert_cancelled": make_event(
            programme=nevi,
            title="Afgelast",
            kind=EventKind.EXPERT,
            start=at(year, 6, 1),
            status=EventStatus.CANCELLED,
        ),
        "year": year,
    }


def test_listing_shows_every_published_event_in_date_order(client, events):
    make_event(title="Concept", publish=False)
    assert listed(client.get("/agenda/")) == ["Roadshow Zwolle", "IMVO en inkoop", "Roadshow Eindhoven", "Afgelast"]


def test_filter_by_programme(client, events):
    assert listed(client.get("/agenda/", {"programme": "nevi"})) == ["IMVO en inkoop", "Afgelast"]


def test_filter_by_kind(client, events):
    assert listed(client.get("/agenda/", {"kind": "roadshow"})) == ["Roadshow Zwolle", "Roadshow Eindhoven"]
    assert listed(client.get("/agenda/", {"kind": "expert"})) == ["Afgelast"]


def test_filter_by_month(client, events):
    assert listed(client.get("/agenda/", {"month": f"{events['year']}-03"})) == ["Roadshow Zwolle", "IMVO en inkoop"]


def test_month_is_the_month_in_amsterdam(client, agenda):
    # 00:30 on 1 March in Amsterdam is still February in UTC.
    year = timezone.localdate().year + 1
    start = timezone.make_aware(datetime(year, 3, 1, 0, 30))
    make_event(title="Nachtsessie", sessions=[("Nacht", start, start + timedelta(hours=2))])
    assert listed(client.get("/agenda/", {"month": f"{year}-03"})) == ["Nachtsessie"]
    # February is not offered: no event starts then in Amsterdam.
    response = client.get("/agenda/")
    assert f'value="{year}-03"' in response.text and f'value="{year}-02"' not in response.text


def test_month_is_the_month_on_the_events_own_clock(client, agenda):
    # 19:00 on 31 May in Bogotá is 02:00 on 1 June in Amsterdam: it is listed under May, where it is held.
    year = timezone.localdate().year + 1
    bogota = datetime(year, 5, 31, 19, 0, tzinfo=ZoneInfo("America/Bogota"))
    make_event(title="Bogotá", time_zone="America/Bogota", sessions=[("Dag 1", bogota, bogota + timedelta(hours=3))])
    amsterdam = timezone.make_aware(datetime(year, 6, 1, 1, 0))
    make_event(title="Amsterdam", sessions=[("Dag 1", amsterdam, amsterdam + timedelta(hours=3))])
    assert listed(client.get("/agenda/", {"month": f"{year}-05"})) == ["Bogotá"]
    assert listed(client.get("/agenda/", {"month": f"{year}-06"})) == ["Amsterdam"]
    response = client.get("/agenda/")
    assert f'value="{year}-05"' in response.text and f'value="{year}-06"' in response.text


def test_filter_open_for_registration(client, events):
    closed = make_event(title="Gesloten", registration_closes_at=timezone.now() - timedelta(days=1))
    assert closed.registration_state() == "closed"
    # Not yet open (Eindhoven), cancelled (Afgelast) and closed events are left out.
    assert listed(client.get("/agenda/", {"open": "on"})) == ["Roadshow Zwolle", "IMVO en inkoop"]


def test_filters_combine(client, events):
    response = client.get("/agenda/", {"programme": "roadshow", "month": f"{events['year']}-03", "open": "on"})
    assert listed(response) == ["Roadshow Zwolle"]


@pytest.mark.parametrize(
    "query",
    [
        {"programme": "bestaat-niet"},
        {"kind": "<script>"},
        {"month": "2025-13"},
        {"month": "abcd-ef"},
        {"month": "-"},
        {"open": "misschien"},
        {"programme": "x" * 5000},
    ],
)
def test_garbage_filter_values_are_ignored_not_a_500(client, events, query):
    response = client.get("/agenda/", query)
    assert response.status_code == 200
    assert "<script>" not in response.text


def test_invalid_choice_is_explained_and_the_rest_still_filters(client, events):
    response = client.get("/agenda/", {"kind": "webinar", "programme": "nevi"})
    assert listed(response) == ["IMVO en inkoop", "Afgelast"]
    assert "Selecteer een geldige keuze" in response.text


def test_listing_speaks_english_when_asked(client, events):
    client.cookies["django_language"] = "en"
    response = client.get("/agenda/")
    assert 'lang="en"' in response.text
    assert "All programmes" in response.text and "Open for registration" in response.text


def count_queries(client, url):
    client.get(url)  # Warm caches (site root, content types) that every request after the first reuses.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_page_queries_do_not_grow_with_the_number_of_events(client, agenda):
    programme = make_programme(title="Roadshow", slug="roadshow", show_in_menus=True)
    now = timezone.now()
    venue = VenueFactory(city="Zwolle")

    def add_events(n):
        for i in range(n):
            make_event(
                programme=programme,
                start=(now + timedelta(days=5 + i % 300)).replace(hour=9, minute=0, second=0, microsecond=0),
                quotas=[("company", 5)],
                kind=EventKind.ROADSHOW,
                venue=venue,
            )

    urls = ["/", "/agenda/", "/agenda/?kind=roadshow&open=on", programme.url]
    add_events(10)
    few = {url: count_queries(client, url) for url in urls}
    add_events(190)
    many = {url: count_queries(client, url) for url in urls}
    print("queries per page with 10 and with 200 events:", few, many)
    assert many == few
    assert len(listed(client.get("/agenda/"))) == 200
    for url, queries in few.items():
        # 15, plus the breadcrumbs' ancestors and the status badges' seats left (one query for all cards).
        assert queries <= 17, f"{url}: {queries} queries"
