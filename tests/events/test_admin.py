"""An organiser plans events through the real Wagtail admin views; the form refuses what cannot work."""

import html
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html, rich_text

from events.models import EventPage
from tests.factories import AttendanceFactory, RegistrationFactory, make_event, make_programme, organiser

pytestmark = pytest.mark.django_db

FMT = "%Y-%m-%d %H:%M"  # Wagtail's admin date-time widget format.


def local(dt):
    return timezone.localtime(dt).strftime(FMT)


@pytest.fixture
def start():
    return timezone.localtime(timezone.now() + timedelta(days=40)).replace(hour=9, minute=30, second=0, microsecond=0)


@pytest.fixture
def admin_client(client):
    client.user = organiser()
    client.force_login(client.user)
    return client


def organised_by(client, event):
    """``event``, with the logged-in organiser among its organisers: an organiser edits only their own."""
    event.organisers.add(client.user)
    event.save_revision().publish()
    return event


def event_data(start, *, sessions=None, quotas=(), **fields):
    """The POST data of the EventPage create form, with two day-long sessions by default."""
    if sessions is None:
        sessions = [
            ("Dag 1", start, start + timedelta(hours=7)),
            ("Dag 2", start + timedelta(days=7), start + timedelta(days=7, hours=7)),
        ]
    data = {
        "title": "Due Diligence Roadshow Zwolle",
        "slug": "roadshow-zwolle",
        "kind": "roadshow",
        "language": "nl",
        "status": "scheduled",
        "summary": "Tweedaagse training in Zwolle.",
        "body": rich_text("<p>Risico's in kaart, dan aanpakken.</p>"),
        "online_url": "",
        "capacity": "20",
        "registration_opens_at": "",
        "registration_closes_at": local(start - timedelta(days=3)),
        "attendance_rule": "all",
        "attendance_minimum": "",
        "pe_points": "",
        "pe_register": "",
        "organiser_email": "",
        "sessions": inline_formset(
            [{"title": t, "starts_at": local(s), "ends_at": local(e), "place": ""} for t, s, e in sessions]
        ),
        "quotas": inline_formset([{"stakeholder_type": k, "seats": str(n)} for k, n in quotas]),
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


def add_url(programme):
    return reverse("wagtailadmin_pages:add", args=("events", "eventpage", programme.pk))


def text(response):
    """The page's text with HTML entities resolved, so messages with quotes compare plainly."""
    return html.unescape(response.content.decode())


def test_organiser_creates_an_event_with_two_sessions(admin_client, start):
    programme = make_programme(title="Due Diligence Roadshow")
    data = event_data(start, quotas=[("company", 12), ("ngo", 2)])
    data["action-publish"] = "publish"

    response = admin_client.post(add_url(programme), data)

    assert response.status_code == 302, text(response)
    event = EventPage.objects.get(slug="roadshow-zwolle")
    assert event.live
    assert event.get_parent().pk == programme.pk
    assert [s.title for s in event.ordered_sessions] == ["Dag 1", "Dag 2"]
    assert event.starts_at == start
    assert event.ends_at == start + timedelta(days=7, hours=7)
    assert {q.stakeholder_type: q.seats for q in event.quotas.all()} == {"company": 12, "ngo": 2}


def test_event_edit_form_renders_its_tabs(admin_client, start):
    event = organised_by(admin_client, make_event(start=start, quotas=[("company", 5)]))
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,)))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    # A tab's label is followed by its (hidden) error count.
    tabs = [tab.get_text().split()[0] for tab in soup.select('[role="tab"]')]
    # Wagtail leaves out the Settings tab when all it holds is shown elsewhere (the publishing side panel).
    assert tabs[:3] == ["Bijeenkomst", "Inschrijving", "Promotie"]
    assert soup.select_one('[name="sessions-0-title"]') and soup.select_one('[name="quotas-0-seats"]')


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("ends_before_start", "Een sessie moet eindigen nadat ze begint."),
        ("overlap", "Deze sessie overlapt met “Dag 1”; sessies van één bijeenkomst mogen niet overlappen."),
        ("quotas", "De gereserveerde plaatsen tellen op tot 25, meer dan de capaciteit van 20."),
        ("window", "De inschrijving moet sluiten voordat de eerste sessie begint"),
        ("duplicate_quota", "Per type belanghebbende kunt u maar één keer plaatsen reserveren."),
        ("opens_late", "De inschrijving moet openen voordat de eerste sessie begint."),
        ("minimum", "Geef aan hoeveel sessies een deelnemer moet bijwonen."),
    ],
)
def test_invalid_event_is_refused_with_a_clear_message(admin_client, start, case, message):
    programme = make_programme()
    day2 = start + timedelta(days=7)
    fields = {}
    sessions = None
    quotas = [("company", 12)]
    if case == "ends_before_start":
        sessions = [("Dag 1", start, start - timedelta(hours=1))]
    elif case == "overlap":
        sessions = [("Dag 1", start, start + timedelta(hours=7)), ("Dag 2", start + timedelta(hours=6), day2)]
    elif case == "quotas":
        quotas = [("company", 20), ("ngo", 5)]
    elif case == "window":
        fields["registration_closes_at"] = local(start + timedelta(hours=1))
    elif case == "duplicate_quota":
        quotas = [("company", 5), ("company", 3)]
    elif case == "opens_late":
        fields["registration_opens_at"] = local(start + timedelta(hours=1))
        fields["registration_closes_at"] = local(start + timedelta(hours=2))
    elif case == "minimum":
        fields["attendance_rule"] = "at_least"
    data = event_data(start, sessions=sessions, quotas=quotas, **fields)
    data["action-publish"] = "publish"

    response = admin_client.post(add_url(programme), data)

    assert response.status_code == 200
    assert message in text(response)
    assert not EventPage.objects.filter(slug="roadshow-zwolle").exists()


def edit_form_data(client, event):
    """What the edit form posts back unchanged, read from the rendered form itself."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,)))
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


def test_edit_form_round_trips_unchanged(admin_client, start):
    event = organised_by(admin_client, make_event(start=start, quotas=[("company", 5)]))
    data = edit_form_data(admin_client, event)
    data["title"] = "Roadshow Zwolle (gewijzigd)"
    data["action-publish"] = "publish"
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(event.pk,)), data)
    assert response.status_code == 302, text(response)
    event.refresh_from_db()
    assert event.title == "Roadshow Zwolle (gewijzigd)"
    assert event.sessions.count() == 2


def test_a_session_with_attendance_cannot_be_deleted(admin_client, start):
    event = organised_by(admin_client, make_event(start=start))
    day1 = event.ordered_sessions[0]
    AttendanceFactory(registration=RegistrationFactory(event=event), session=day1)
    data = edit_form_data(admin_client, event)
    index = next(i for i in range(2) if data[f"sessions-{i}-id"] == str(day1.pk))
    data[f"sessions-{index}-DELETE"] = "1"
    data["action-publish"] = "publish"

    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(event.pk,)), data)

    assert response.status_code == 200
    page = text(response)
    assert "Een sessie met aanwezigen kan niet worden verwijderd." in page
    assert f"“{day1.title}” kan niet worden verwijderd: er zijn al mensen voor ingecheckt." in page
    assert event.sessions.filter(pk=day1.pk).exists()
    # The form shows the session again rather than as deleted, so saving after a fix keeps it.
    again = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    assert again[f"sessions-{index}-DELETE"] in ("", "False")


def test_a_session_without_attendance_can_be_deleted(admin_client, start):
    event = organised_by(admin_client, make_event(start=start))
    day2 = event.ordered_sessions[1]
    data = edit_form_data(admin_client, event)
    index = next(i for i in range(2) if data[f"sessions-{i}-id"] == str(day2.pk))
    data[f"sessions-{index}-DELETE"] = "1"
    data["action-publish"] = "publish"

    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(event.pk,)), data)

    assert response.status_code == 302, text(response)
    assert list(event.sessions.values_list("pk", flat=True)) == [event.ordered_sessions[0].pk]
