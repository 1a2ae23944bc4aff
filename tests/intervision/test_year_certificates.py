"""The proof of participation per year: a verifiable certificate of the group's meetings someone attended."""

import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from pypdf import PdfReader

from certificates.models import Certificate
from certificates.services import (
    CertificateError,
    YearOutcome,
    issue_year_certificate,
    reissue_certificate,
    revoke_certificate,
)
from intervision import services
from intervision.models import MembershipStatus
from participants.models import OutboxEmail, Registration, RegistrationStatus
from tests.factories import secretariat

from .factories import attend, make_group, make_member, make_year_group

pytestmark = pytest.mark.django_db

YEAR = 2025


@pytest.fixture
def year_group():
    return make_year_group()


def pdf_text(certificate):
    with certificate.pdf.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()


def test_issuing_lists_the_meetings_attended_in_the_members_language(year_group, django_capture_on_commit_callbacks):
    group, meetings, anna, _bram = year_group
    with django_capture_on_commit_callbacks(execute=True):
        counts = services.issue_year_certificates(group=group, year=YEAR, by=group.facilitator)
    assert counts == {YearOutcome.ISSUED: 1}, "Bram attended nothing, so he gets nothing"
    certificate = Certificate.objects.get()
    assert certificate.participant == anna.participant and certificate.year == YEAR
    assert [m["title"] for m in certificate.meetings] == [meetings[0].event.title, meetings[2].event.title]
    assert certificate.language == "en" and certificate.registration is None

    text = pdf_text(certificate)
    assert "Proof of participation 2025" in text and "Anna Jansen" in text and "Intervisiegroep Cacao" in text
    assert "20 January" in text and "14 April 2025" in text
    assert "3 March" not in text, "the meeting Anna missed is not on it"
    assert certificate.code in text

    email = OutboxEmail.objects.get(to=anna.participant.email)
    assert email.subject == "Your proof of participation 2025: Intervisiegroep Cacao"
    assert reverse("intervision:certificate_pdf", args=[anna.token, YEAR]) in email.body_text
    assert certificate.get_verify_url() in email.body_text


def test_issuing_again_changes_nothing_and_a_later_meeting_makes_a_new_version(year_group):
    group, meetings, anna, _bram = year_group
    first, _ = issue_year_certificate(participant=anna.participant, series=group, year=YEAR)
    again, outcome = issue_year_certificate(participant=anna.participant, series=group, year=YEAR)
    assert outcome == YearOutcome.UNCHANGED and again.pk == first.pk and again.version == 1
    assert OutboxEmail.objects.filter(to=anna.participant.email, key__startswith="certificate:").count() == 1

    attend(anna, meetings[1])  # Ticked late on the list for the March meeting.
    updated, outcome = issue_year_certificate(participant=anna.participant, series=group, year=YEAR)
    assert outcome == YearOutcome.UPDATED
    assert (updated.pk, updated.code, updated.version) == (first.pk, first.code, 2)
    assert len(updated.meetings) == 3 and "20 januari, 3 maart en 14 april 2025" in pdf_text(updated)
    assert OutboxEmail.objects.filter(to=anna.participant.email, key__startswith="certificate:").count() == 2
    assert Certificate.objects.count() == 1


def test_the_database_allows_one_certificate_per_person_group_and_year(year_group):
    group, _meetings, anna, _bram = year_group
    certificate, _ = issue_year_certificate(participant=anna.participant, series=group, year=YEAR)
    duplicate = Certificate.objects.get(pk=certificate.pk)
    duplicate.pk, duplicate.code = None, "AAAA-BBBB-CCCC-DDDD"
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    duplicate.year = YEAR + 1  # Another year is another certificate.
    duplicate.save()


def test_who_is_eligible(year_group):
    group, meetings, anna, bram = year_group
    with pytest.raises(CertificateError) as error:
        issue_year_certificate(participant=bram.participant, series=group, year=YEAR)
    assert error.value.code == "not_eligible"
    with pytest.raises(CertificateError):
        issue_year_certificate(participant=anna.participant, series=group, year=YEAR + 1)

    # An undone check-in does not count, nor does a cancelled registration.
    services.record_attendance_list(meeting=meetings[0], present=[], by=group.facilitator)
    Registration.objects.filter(participant=anna.participant, event=meetings[2].event).update(
        status=RegistrationStatus.CANCELLED
    )
    assert not services.year_certificate_candidates(group=group, year=YEAR).exists()


def test_the_verification_page_shows_the_meetings_and_a_revocation(client, year_group):
    group, meetings, anna, _bram = year_group
    certificate, _ = issue_year_certificate(participant=anna.participant, series=group, year=YEAR)
    url = reverse("certificates:verify", args=[certificate.code])
    page = client.get(url)
    assert page.status_code == 200
    assert "Echt" in page.text and "Anna Jansen" in page.text and "Intervisiegroep Cacao" in page.text
    assert meetings[0].event.title in page.text and meetings[2].event.title in page.text
    assert meetings[1].event.title not in page.text
    data = client.get(url, {"format": "json"}).json()
    assert data["status"] == "valid" and data["year"] == YEAR
    assert [m["date"] for m in data["meetings"]] == ["2025-01-20", "2025-04-14"]

    revoke_certificate(certificate=certificate, reason="Uitgereikt aan de verkeerde persoon", user=secretariat())
    page = client.get(url)
    assert "Ingetrokken" in page.text and "Uitgereikt aan de verkeerde persoon" in page.text
    assert client.get(url, {"format": "json"}).json()["status"] == "revoked"
    assert client.get(reverse("intervision:certificate_pdf", args=[anna.token, YEAR])).status_code == 404
    assert "ingetrokken" in client.get(reverse("intervision:member", args=[anna.token])).text
    _again, outcome = issue_year_certificate(participant=anna.participant, series=group, year=YEAR)
    assert outcome == YearOutcome.UNCHANGED, "a revoked certificate stays revoked"


def test_the_member_downloads_it_from_their_link_and_nobody_else_can(client, year_group):
    group, _meetings, anna, bram = year_group
    member_page = reverse("intervision:member", args=[anna.token])
    assert "Bewijs van deelname" in client.get(member_page).text
    pdf_url = reverse("intervision:certificate_pdf", args=[anna.token, YEAR])
    assert client.get(pdf_url).status_code == 404, "not issued yet"

    certificate, _ = issue_year_certificate(participant=anna.participant, series=group, year=YEAR)
    page = client.get(member_page).text
    assert pdf_url in page and certificate.code in page
    response = client.get(pdf_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    badge = client.get(reverse("intervision:certificate_json", args=[anna.token, YEAR])).json()
    assert badge["credentialSubject"]["achievement"]["name"] == "Intervisiegroep Cacao"
    assert "Anna" not in str(badge["credentialSubject"]), "the badge identifies her by a salted hash only"

    assert client.get(reverse("intervision:certificate_pdf", args=[bram.token, YEAR])).status_code == 404
    other = make_member(make_group(), participant=anna.participant)
    assert client.get(reverse("intervision:certificate_pdf", args=[other.token, YEAR])).status_code == 404

    # Leaving the group does not take the proof away.
    services.leave(membership=anna)
    assert client.get(pdf_url).status_code == 200


def test_a_corrected_name_keeps_the_meetings(year_group):
    group, _meetings, anna, _bram = year_group
    certificate, _ = issue_year_certificate(participant=anna.participant, series=group, year=YEAR)
    corrected = reissue_certificate(certificate=certificate, holder_name="Anna Jansen-de Wit")
    assert corrected.version == 2 and corrected.meetings == certificate.meetings
    assert "Anna Jansen-de Wit" in pdf_text(corrected)
    # Issuing the year again later keeps the corrected name.
    _same, outcome = issue_year_certificate(participant=anna.participant, series=group, year=YEAR)
    assert outcome == YearOutcome.UNCHANGED


def test_the_facilitator_issues_them_in_the_admin_and_another_facilitator_cannot(client, year_group):
    group, _meetings, anna, _bram = year_group
    url = reverse("intervision_groups:certificates", args=[group.pk])

    other = make_group()
    client.force_login(other.facilitator)
    assert client.get(url).status_code == 404
    assert client.post(url, {"year": YEAR}).status_code == 404
    assert not Certificate.objects.exists()
    assert url not in client.get(reverse("intervision_groups:index")).text

    client.force_login(group.facilitator)
    page = client.get(url, {"year": YEAR})
    assert page.status_code == 200 and "Anna Jansen" in page.text and "Bram" not in page.text
    response = client.post(url, {"year": YEAR}, follow=True)
    assert "1 certificaten uitgereikt" in response.text
    certificate = Certificate.objects.get()
    assert certificate.participant == anna.participant and certificate.issued_by == group.facilitator
    assert certificate.code in client.get(url, {"year": YEAR}).text

    # The secretariat sees it too, and other groups' facilitators do not find it in their own screen.
    client.force_login(secretariat())
    assert client.get(url, {"year": YEAR}).status_code == 200
    client.force_login(other.facilitator)
    other_url = reverse("intervision_groups:certificates", args=[other.pk])
    assert certificate.code not in client.get(other_url, {"year": YEAR}).text


def test_the_command_issues_a_groups_year(year_group):
    group, _meetings, anna, _bram = year_group
    out = io.StringIO()
    call_command("issue_intervision_certificates", group.slug, str(YEAR), stdout=out)
    assert "1 issued" in out.getvalue()
    call_command("issue_intervision_certificates", str(group.pk), str(YEAR), stdout=out)
    assert "1 unchanged" in out.getvalue()
    assert Certificate.objects.get().participant == anna.participant


def test_a_member_who_left_before_the_year_is_still_listed_for_what_they_attended(year_group):
    group, _meetings, anna, _bram = year_group
    services.leave(membership=anna)
    anna.refresh_from_db()
    assert anna.status == MembershipStatus.LEFT
    assert list(services.year_certificate_candidates(group=group, year=YEAR)) == [anna.participant]
