"""Erasure and the data download: by the participant from their private link, and by the secretariat."""

import json
from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from participants.models import OutboxEmail, OutboxStatus, Participant, RegistrationStatus
from participants.privacy.erasure import ErasureError, erase_participant, export_participant_data
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

    from participants.mail.outbox import send_email

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


def test_erasure_blanks_the_subject_the_mail_servers_error_and_django_q2s_record(registration):
    from django_q.models import Task

    email = OutboxEmail.objects.create(
        key="failed-one", to="anna@example.org", registration=registration, subject="Welkom Anna Jansen",
        body_text="Beste Anna", status=OutboxStatus.FAILED, attempts=8,
        last_error="{'anna@example.org': (550, b'5.1.1 anna@example.org: mailbox unknown')}",
    )  # fmt: skip
    now = timezone.now()
    Task.objects.create(
        id="t1", name=f"email-{email.pk}", func="participants.tasks.send_outbox_email_task", started=now,
        stopped=now, success=False, result="SMTPRecipientsRefused anna@example.org",
    )  # fmt: skip
    erase_participant(participant=registration.participant)
    email.refresh_from_db()
    assert (email.subject, email.body_text, email.last_error) == ("", "", "")
    assert "anna" not in email.to
    assert not Task.objects.filter(name=f"email-{email.pk}").exists()


def test_erasure_blanks_the_facilitators_email_naming_the_applicant_and_the_sector():
    from intervision.models import Membership
    from intervision.services import apply
    from tests.intervision.factories import make_group

    group = make_group(meetings=1)
    details = {
        "stakeholder_type": "company", "company_size": "sme", "first_name": "Fenna", "last_name": "Zwaan",
        "email": "fenna@kaas.example", "organisation": "Kaas BV", "job_title": "Inkoper", "sector": "zuivel",
        "motivation": "Ketentransparantie", "language": "nl",
    }  # fmt: skip
    membership = apply(group=group, details=details)
    to_facilitator = OutboxEmail.objects.get(to=group.facilitator.email)
    assert "Fenna" in to_facilitator.body_text
    erase_participant(participant=membership.participant)
    to_facilitator.refresh_from_db()
    assert "Fenna" not in to_facilitator.body_text + to_facilitator.body_html + to_facilitator.subject
    assert Membership.objects.get(pk=membership.pk).sector == ""
