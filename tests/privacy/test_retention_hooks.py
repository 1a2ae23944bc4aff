"""Retention and erasure reach certificates and intervision: names and free text go, the rows the
figures count stay, and a certificate still verifies by its code."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from wagtail.log_actions import log

from certificates.models import Certificate
from certificates.services import issue_certificate
from intervision.models import Case, Membership, MembershipStatus
from participants.models import Participant
from participants.privacy.erasure import erase_participant, export_participant_data
from participants.privacy.retention import apply_retention
from tests.certificates.conftest import attendee, past_event
from tests.factories import ParticipantFactory
from tests.intervision.factories import make_case, make_group, make_member

from .test_retention import figures

pytestmark = pytest.mark.django_db

YEAR = timedelta(days=366)


@pytest.fixture
def certificate():
    registration = attendee(past_event(days=1), participant__first_name="Annabel", participant__last_name="Alphen")
    certificate, _ = issue_certificate(registration=registration)
    assert certificate.pdf and default_storage.exists(certificate.pdf.name)
    return certificate


def verify(client, certificate):
    response = client.get(f"/certificates/verify/{certificate.code}/?format=json")
    assert response.status_code == 200
    return response.json()


def test_a_certificate_keeps_its_name_for_the_verification_period_then_verifies_without_it(
    client, certificate, django_capture_on_commit_callbacks
):
    person = certificate.registration.participant
    before = figures()

    # Three years on the person is anonymised, but their certificate still says whose it is.
    apply_retention(now=timezone.now() + 3 * YEAR)
    assert Participant.objects.get(pk=person.pk).anonymised_at is not None
    assert verify(client, certificate)["name"] == "Annabel Alphen"

    # Past its verification period (ten years) the name and the PDF go; the code still verifies.
    with django_capture_on_commit_callbacks(execute=True):
        done = apply_retention(now=timezone.now() + 11 * YEAR)
    assert done["certificate_names_anonymised"] == 1
    certificate.refresh_from_db()
    assert certificate.holder_name == "" and not certificate.pdf
    assert not default_storage.exists(f"certificates/{certificate.code}-v1.pdf")
    answer = verify(client, certificate)
    assert answer["status"] == "valid" and answer["name"] == "" and answer["holder_anonymised"] is True
    assert "Niet meer bewaard" in client.get(f"/certificates/verify/{certificate.code}/").text
    assert figures() == before
    assert apply_retention(now=timezone.now() + 11 * YEAR)["certificate_names_anonymised"] == 0


def test_a_recent_certificate_of_someone_still_coming_is_untouched(certificate):
    apply_retention()
    certificate.refresh_from_db()
    assert certificate.holder_name == "Annabel Alphen" and certificate.pdf


def test_erasure_on_request_removes_the_name_from_certificates_at_once(
    client, certificate, django_capture_on_commit_callbacks
):
    registration = certificate.registration
    token = registration.access_token
    Certificate.objects.filter(pk=certificate.pk).update(revoke_reason="Annabel Alphen was elders")
    before = figures()

    pdf = certificate.pdf.name
    with django_capture_on_commit_callbacks(execute=True):
        erase_participant(participant=registration.participant)

    certificate.refresh_from_db()
    assert (certificate.holder_name, certificate.revoke_reason, certificate.pdf.name) == ("", "", "")
    assert not default_storage.exists(pdf)
    assert verify(client, certificate)["holder_anonymised"] is True
    assert client.get(f"/r/{token}/certificate.pdf").status_code == 404
    assert figures() == before


@pytest.fixture
def group():
    return make_group(meetings=2)


def member(group, first_name):
    membership = make_member(group, participant=ParticipantFactory(first_name=first_name, last_name="Kooistra"))
    Membership.objects.filter(pk=membership.pk).update(
        motivation=f"{first_name} wil leren van andere inkopers", job_title="Inkoper cacao"
    )
    return Membership.objects.get(pk=membership.pk)


def test_erasing_a_member_blanks_their_cases_and_application_and_revokes_their_link(client, group):
    leaving, staying = member(group, "Ineke"), member(group, "Joop")
    theirs = make_case(leaving, title="Ineke's leverancier", question="Wat doe ik met leverancier X?")
    Case.objects.filter(pk=theirs.pk).update(selected_at=timezone.now())
    other = make_case(staying, title="Joop's vraag")
    log(instance=leaving, action="wagtail.edit", user=None)
    cases_before = list(Case.objects.values_list("pk", "membership_id", "meeting_id", "selected_at").order_by("pk"))
    old_token = leaving.token

    erase_participant(participant=leaving.participant)

    theirs.refresh_from_db()
    leaving.refresh_from_db()
    assert (theirs.title, theirs.question) == ("", "")
    assert (leaving.motivation, leaving.job_title) == ("", "")
    assert leaving.token != old_token and client.get(f"/intervision/m/{old_token}/").status_code == 404
    assert leaving.status == MembershipStatus.ACTIVE, "the group's figures and rotation keep the membership"
    assert Case.objects.get(pk=other.pk).title == "Joop's vraag"
    assert Membership.objects.get(pk=staying.pk).motivation.startswith("Joop")
    # The rotation's history (who brought a case to which meeting, and was chosen) is unchanged.
    assert (
        list(Case.objects.values_list("pk", "membership_id", "meeting_id", "selected_at").order_by("pk"))
        == cases_before
    )
    from wagtail.models import ModelLogEntry

    assert "Ineke" not in ModelLogEntry.objects.get(object_id=str(leaving.pk), action="wagtail.edit").label


def test_retention_blanks_old_cases_and_decided_motivations_only(group):
    old_meeting, recent_meeting = group.meetings.order_by("event__starts_at")
    ineke = member(group, "Ineke")
    old = make_case(ineke, meeting=old_meeting, title="Oude casus")
    recent = make_case(ineke, meeting=recent_meeting, title="Nieuwe casus")
    applicant = make_member(group, status=MembershipStatus.APPLIED)
    Membership.objects.filter(pk=applicant.pk).update(motivation="Nog niet besloten")
    Membership.objects.filter(pk=ineke.pk).update(decided_at=timezone.now() - timedelta(days=100))
    # The first meeting was thirteen months ago.
    old_meeting.event.__class__.objects.filter(pk=old_meeting.event_id).update(
        ends_at=timezone.now() - timedelta(days=400)
    )

    done = apply_retention()

    assert done["intervision_cases_blanked"] == 1 and done["intervision_motivations_deleted"] == 1
    assert Case.objects.get(pk=old.pk).title == "" and Case.objects.get(pk=recent.pk).title == "Nieuwe casus"
    assert Membership.objects.get(pk=ineke.pk).motivation == ""
    assert Membership.objects.get(pk=applicant.pk).motivation == "Nog niet besloten"
    assert Participant.objects.get(pk=ineke.participant_id).anonymised_at is None
    second = apply_retention()
    assert (second["intervision_cases_blanked"], second["intervision_motivations_deleted"]) == (0, 0)


def test_the_data_download_holds_certificates_and_intervision(certificate, group):
    person = certificate.registration.participant
    membership = make_member(group, participant=person)
    make_case(membership, title="Mijn casus")

    data = export_participant_data(person)

    assert [c["code"] for c in data["certificates"]] == [certificate.code]
    assert data["certificates"][0]["holder_name"] == "Annabel Alphen"
    assert data["intervision"][0]["cases"][0]["title"] == "Mijn casus"
