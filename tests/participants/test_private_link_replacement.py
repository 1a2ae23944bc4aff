"""A private link can be replaced (by the participant, by the Secretariat) and stops working after the event."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from participants import links
from participants.registration.viewsets import registration_viewset
from tests.factories import RegistrationFactory, make_event, organiser, secretariat

pytestmark = pytest.mark.django_db


def new_link_in(message):
    (url,) = set(re.findall(r"https?://[^\s\"<>]+/r/[A-Za-z0-9_-]+/", message.body))
    return url.split("://", 1)[1].split("/", 1)[1]


def test_send_me_a_new_link_kills_the_old_one_and_emails_one_that_works(client, django_capture_on_commit_callbacks):
    registration = RegistrationFactory()
    old = registration.access_token
    page = client.get(f"/r/{old}/")
    assert "Stuur mij een nieuwe link" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/r/{old}/new-link/")
    assert response.status_code == 200
    assert registration.participant.email in response.text
    assert client.get(f"/r/{old}/").status_code == 404
    (message,) = [m for m in mail.outbox if m.to == [registration.participant.email]]
    assert old not in message.body
    assert client.get("/" + new_link_in(message)).status_code == 200


def test_a_get_does_not_replace_the_link(client):
    registration = RegistrationFactory()
    assert client.get(f"/r/{registration.access_token}/new-link/").status_code == 405
    assert client.get(f"/r/{registration.access_token}/").status_code == 200


def test_send_me_a_new_link_is_rate_limited(client, settings, ratelimits, django_capture_on_commit_callbacks):
    settings.RATELIMITS = {**settings.RATELIMITS, "new_link": "2/h"}
    registration = RegistrationFactory()
    token = registration.access_token
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(f"/r/{token}/new-link/").status_code == 200
        token = new_link_in(mail.outbox[-1]).split("/")[1]
    assert client.post(f"/r/{token}/new-link/").status_code == 429
    assert client.get(f"/r/{token}/").status_code == 200  # the refused request replaced nothing


def test_the_secretariat_replaces_a_link_and_an_organiser_may_not(client, django_capture_on_commit_callbacks):
    registration = RegistrationFactory()
    old = registration.access_token
    url = reverse(f"{registration_viewset.url_namespace}:replace_link", args=[registration.pk])
    boss = organiser()
    registration.event.organisers.add(boss) if hasattr(registration.event, "organisers") else None
    client.force_login(boss)
    assert client.post(url).status_code in (302, 403)
    assert client.get(f"/r/{old}/").status_code == 200
    client.force_login(secretariat())
    assert client.get(url).status_code == 200  # asks first
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    client.logout()
    assert client.get(f"/r/{old}/").status_code == 404
    (message,) = [m for m in mail.outbox if m.to == [registration.participant.email]]
    assert client.get("/" + new_link_in(message)).status_code == 200


def test_the_link_stops_working_some_days_after_the_event_but_for_the_certificate(client, settings):
    settings.PRIVATE_LINK_DAYS_AFTER_EVENT = 30
    past = timezone.now() - timedelta(days=31)
    registration = RegistrationFactory(event=make_event(start=past, days=1))
    token = registration.access_token
    assert links.has_expired(registration)
    for path in ("", "cancel/", "calendar.ics", "qr.png", "ticket/"):
        response = client.get(f"/r/{token}/{path}")
        assert response.status_code == 404, path
        assert registration.participant.last_name not in response.text
    # The certificate is what a participant needs later: that view still takes the link (no
    # certificate issued here, so its own answer, not the dead-link page).
    response = client.get(f"/r/{token}/certificate.pdf")
    assert "Deze link werkt niet" not in response.text


def test_the_link_still_works_within_the_period(client, settings):
    settings.PRIVATE_LINK_DAYS_AFTER_EVENT = 30
    registration = RegistrationFactory(event=make_event(start=timezone.now() - timedelta(days=20), days=1))
    assert client.get(f"/r/{registration.access_token}/").status_code == 200
