"""Erasure and the data download: by the participant from their private link, and by the secretariat."""

import json
from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from participants.models import OutboxEmail, OutboxStatus, Participant, RegistrationStatus
from participants.privacy import ErasureError, erase_participant, export_participant_data
from participants.wagtail_hooks import privacy_link_panel
from tests.factories import AttendanceFactory, RegistrationFactory, UserFactory, make_event, organiser, secretariat

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration():
    past = make_event(start=timezone.now() - timedelta(days=60), days=1)
    registration = RegistrationFactory(
        event=past,
        participant__first_name="Anna",
        participant__last_name="Jansen",
        participant__email="anna@example.org",
        dietary_needs="Vegan",
    )
    AttendanceFactory(registration=registration)
    return registration


def test_the_export_holds_what_we_know(registration):
    data = export_participant_data(registration.participant)
    json.dumps(data)
    assert data["participant"]["email"] == "anna@example.org"
    assert data["registrations"][0]["dietary_needs"] == "Vegan"
    assert len(data["registrations"][0]["attendance"]) == 1


def test_erasing_cancels_places_still_to_come_and_logs_who_did_it(registration):
    coming = RegistrationFactory(participant=registration.participant)
    user = secretariat()

    erase_participant(participant=registration.participant, actor=user)

    person = Participant.objects.get(pk=registration.participant.pk)
    assert person.anonymised_at and person.first_name == "" and "anna" not in person.email
    coming.refresh_from_db()
    assert coming.status == RegistrationStatus.CANCELLED
    entry = ModelLogEntry.objects.get(action="covenant.erasure")
    assert entry.user == user and entry.data["cancelled"] == 1
    assert "Anna" not in entry.label
    with pytest.raises(ErasureError):
        erase_participant(participant=person, actor=user)


def test_queued_emails_to_an_erased_person_are_never_sent(registration):
    OutboxEmail.objects.create(
        key="reminder", to="anna@example.org", registration=registration, subject="Herinnering", body_text="Beste Anna"
    )
    erase_participant(participant=registration.participant)
    email = OutboxEmail.objects.get(key="reminder")
    assert email.status == OutboxStatus.FAILED and email.body_text == "" and "anna" not in email.to

    from participants.outbox import send_email

    assert send_email(email.pk) is False


def test_the_private_link_offers_download_and_erasure(registration, client):
    request = RequestFactory().get("/")
    html = privacy_link_panel(request, registration)
    download = reverse("participants:privacy_download", args=[registration.access_token])
    erase = reverse("participants:privacy_erase", args=[registration.access_token])
    assert download in html and erase in html

    response = client.get(download)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["participant"]["last_name"] == "Jansen"
    assert ModelLogEntry.objects.filter(action="covenant.data_download").count() == 1


def test_erasure_from_the_private_link_asks_first_then_the_link_is_gone(registration, client):
    url = reverse("participants:privacy_erase", args=[registration.access_token])
    page = client.get(url)
    assert page.status_code == 200 and b"Anna" in page.content

    unconfirmed = client.post(url, {})
    assert unconfirmed.status_code == 400
    assert Participant.objects.get(pk=registration.participant_id).anonymised_at is None

    done = client.post(url, {"confirm": "yes"})
    assert done.status_code == 200
    assert Participant.objects.get(pk=registration.participant_id).anonymised_at is not None
    assert client.get(url).status_code == 404
    assert client.get(reverse("participants:privacy_download", args=[registration.access_token])).status_code == 404


def test_erasure_needs_the_csrf_token(registration):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    url = reverse("participants:privacy_erase", args=[registration.access_token])
    assert client.post(url, {"confirm": "yes"}).status_code == 403
    assert Participant.objects.get(pk=registration.participant_id).anonymised_at is None


def test_unknown_links_are_404(client, db):
    assert client.get(reverse("participants:privacy_download", args=["nope"])).status_code == 404
    assert client.get(reverse("participants:privacy_erase", args=["nope"])).status_code == 404


def test_the_secretariat_can_erase_a_person_and_an_organiser_cannot(registration, client):
    url = reverse("participants_privacy_erase", args=[registration.participant_id])
    export = reverse("participants_privacy_export", args=[registration.participant_id])

    client.force_login(organiser())
    assert client.get(url).status_code in (302, 403)
    assert client.post(url).status_code in (302, 403)
    assert client.get(export).status_code in (302, 403)
    assert Participant.objects.get(pk=registration.participant_id).anonymised_at is None

    client.force_login(secretariat())
    page = client.get(url)
    assert page.status_code == 200 and b"Anna" in page.content
    data = client.get(export)
    assert json.loads(data.content)["participant"]["first_name"] == "Anna"
    assert client.post(url).status_code == 302
    assert Participant.objects.get(pk=registration.participant_id).anonymised_at is not None
    assert ModelLogEntry.objects.filter(action="covenant.export").count() == 1


def test_an_editor_cannot_erase(registration, client):
    client.force_login(UserFactory(groups=["Editors"]))
    url = reverse("participants_privacy_erase", args=[registration.participant_id])
    assert client.post(url).status_code in (302, 403)
    assert Participant.objects.get(pk=registration.participant_id).anonymised_at is None
