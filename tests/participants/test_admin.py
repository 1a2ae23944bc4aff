"""Organisers manage registrations in the Wagtail admin, scoped to their own events."""

import pytest
from django.core import mail

from participants.models import Registration, RegistrationStatus
from participants.registration.services import confirm_email, register
from tests.factories import make_event, organiser, secretariat

from .conftest import details

pytestmark = pytest.mark.django_db

INDEX = "/admin/registrations/"


@pytest.fixture
def events():
    mine = make_event(title="Roadshow Zwolle", capacity=1, quotas=[("company", 1)])
    other = make_event(title="Roadshow Groningen")
    return mine, other


@pytest.fixture
def olga(events):
    user = organiser(username="olga")
    events[0].organisers.add(user)
    events[0].save()
    return user


def test_an_organiser_sees_only_their_own_events(client, events, olga):
    mine, other = events
    register(event=mine, details=details(email="mine@example.org"))
    theirs = register(event=other, details=details(email="theirs@example.org")).registration
    client.force_login(olga)
    html = client.get(INDEX).content.decode()
    assert "mine@example.org" in html and "theirs@example.org" not in html
    assert client.get(f"{INDEX}edit/{theirs.pk}/").status_code == 404
    assert client.get(f"{INDEX}{theirs.pk}/cancel/").status_code == 404
    assert client.get(f"{INDEX}event/{other.pk}/").status_code == 404

    client.force_login(secretariat(username="sanne"))
    html = client.get(INDEX).content.decode()
    assert "mine@example.org" in html and "theirs@example.org" in html


def test_filters_search_and_export(client, events, olga):
    mine, _ = events
    register(event=mine, details=details(email="anna@example.org"))
    register(event=mine, details=details(email="bert@example.org", stakeholder_type="ngo"))
    client.force_login(olga)
    html = client.get(INDEX, {"status": "waitlisted"}).content.decode()
    assert "bert@example.org" in html and "anna@example.org" not in html
    html = client.get(INDEX, {"q": "anna@"}).content.decode()
    assert "anna@example.org" in html and "bert@example.org" not in html
    csv = client.get(INDEX, {"export": "csv", "event": mine.pk})
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "anna@example.org" in body and "bert@example.org" in body
    xlsx = client.get(INDEX, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert "spreadsheetml" in xlsx["Content-Type"]


def test_manual_add_cancel_and_move_from_the_waiting_list(client, events, olga, django_capture_on_commit_callbacks):
    mine, _ = events
    client.force_login(olga)
    data = {
        "event": mine.pk,
        "email": "piet@example.org",
        "first_name": "Piet",
        "last_name": "Jansen",
        "stakeholder_type": "company",
        "company_size": "large",
        "organisation": "Groot B.V.",
        "job_title": "CSR",
        "language": "nl",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{INDEX}new/", data)
    assert response.status_code == 302
    piet = Registration.objects.get(participant__email="piet@example.org")
    assert piet.status == RegistrationStatus.CONFIRMED and piet.source == "admin"
    assert mail.outbox[-1].to == ["piet@example.org"]

    waiting = register(event=mine, details=details(email="wacht@example.org")).registration
    assert waiting.status == RegistrationStatus.WAITLISTED
    response = client.post(f"{INDEX}{waiting.pk}/promote/", follow=True)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITLISTED  # no free seat: a message, not a crash
    assert response.status_code == 200

    confirm_email(registration=waiting)  # only a confirmed address waits in the queue
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{INDEX}{piet.pk}/cancel/")
    piet.refresh_from_db()
    waiting.refresh_from_db()
    assert piet.status == RegistrationStatus.CANCELLED and not piet.cancelled_by_participant
    # The freed seat went to the waiting list by the promotion task.
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_event_page_shows_counts_per_type_against_quotas(client, events, olga):
    mine, _ = events
    register(event=mine, details=details(email="anna@example.org"))
    client.force_login(olga)
    page_edit = client.get(f"/admin/pages/{mine.pk}/edit/").content.decode()
    assert f"{INDEX}event/{mine.pk}/" in page_edit
    html = client.get(f"{INDEX}event/{mine.pk}/").content.decode()
    assert "Roadshow Zwolle" in html
    assert "1 of 1" in html or "1 van 1" in html
