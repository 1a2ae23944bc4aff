"""Issuing in bulk, exactly once per person and email; reissuing and revoking."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

import certificates.services as services
from certificates.models import BatchStatus, Certificate, CertificateBatch
from certificates.services import (
    CertificateError,
    issue_certificate,
    reissue_certificate,
    revoke_certificate,
    run_batch,
    start_batch,
)
from participants.models import OutboxEmail, RegistrationStatus
from tests.factories import RegistrationFactory, make_event

from .conftest import attend, attendee, past_event

pytestmark = pytest.mark.django_db


def emails_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_a_batch_issues_to_the_eligible_only_and_emails_each_a_link(django_capture_on_commit_callbacks):
    event = past_event(days=2)
    eligible = [attendee(event) for _ in range(3)]
    short = RegistrationFactory(event=event)
    attend(short, [event.sessions.order_by("starts_at").first()])
    cancelled = attendee(event, status=RegistrationStatus.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        batch = start_batch(event=event)
    batch.refresh_from_db()
    assert (batch.status, batch.total, batch.done, batch.issued) == (BatchStatus.DONE, 3, 3, 3)
    assert set(Certificate.objects.values_list("registration", flat=True)) == {r.pk for r in eligible}
    for registration in eligible:
        sent = emails_to(registration.participant.email)
        assert len(sent) == 1
        assert f"/r/{registration.access_token}/certificate.pdf" in sent[0].body
        assert registration.certificate.code in sent[0].body
    assert not emails_to(short.participant.email) and not emails_to(cancelled.participant.email)


def test_a_crash_halfway_and_a_rerun_give_exactly_one_certificate_and_one_email_each(
    monkeypatch, django_capture_on_commit_callbacks
):
    event = past_event(days=1)
    people = [attendee(event) for _ in range(7)]
    real_render = services.render_certificate_pdf
    calls = {"n": 0}

    def crash_on_the_fifth(content):
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("worker killed")
        return real_render(content)

    monkeypatch.setattr(services, "render_certificate_pdf", crash_on_the_fifth)
    batch = start_batch(event=event, enqueue=False)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        run_batch(batch.pk, chunk_size=3)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED and "worker killed" in batch.last_error
    assert batch.done == 3 and Certificate.objects.count() == 4

    # The worker retries the same batch, and the Secretariat also starts a new one: both are safe.
    with django_capture_on_commit_callbacks(execute=True):
        run_batch(batch.pk, chunk_size=3)
        again = run_batch(start_batch(event=event, enqueue=False).pk)
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total) == (BatchStatus.DONE, 7, 7)
    assert again.issued == 0 and again.done == 7
    assert Certificate.objects.count() == 7
    assert len({c.code for c in Certificate.objects.all()}) == 7
    for person in people:
        assert len(emails_to(person.participant.email)) == 1
    assert OutboxEmail.objects.filter(key__startswith="certificate:").count() == 7


def test_a_late_check_in_is_issued_by_rerunning(django_capture_on_commit_callbacks):
    event = past_event(days=2)
    early = attendee(event)
    late = RegistrationFactory(event=event)
    attend(late, [event.sessions.order_by("starts_at").first()])
    with django_capture_on_commit_callbacks(execute=True):
        start_batch(event=event)
    assert list(Certificate.objects.values_list("registration", flat=True)) == [early.pk]
    attend(late, [event.sessions.order_by("starts_at").last()])  # an organiser corrects the list
    with django_capture_on_commit_callbacks(execute=True):
        batch = start_batch(event=event)
    batch.refresh_from_db()
    assert (batch.total, batch.issued) == (2, 1)
    assert Certificate.objects.count() == 2
    assert len(emails_to(early.participant.email)) == 1 and len(emails_to(late.participant.email)) == 1


def test_certificates_wait_for_the_last_session_and_a_cancelled_event_has_none():
    upcoming = make_event(days=2)
    with pytest.raises(CertificateError) as error:
        start_batch(event=upcoming)
    assert error.value.code == "not_ended"
    running = make_event(start=timezone.now() - timedelta(days=1), days=2)
    with pytest.raises(CertificateError):
        start_batch(event=running)
    cancelled = past_event(status="cancelled")
    with pytest.raises(CertificateError) as error:
        start_batch(event=cancelled)
    assert error.value.code == "cancelled"
    assert not CertificateBatch.objects.exists()


def test_one_cannot_issue_to_someone_short_of_the_rule():
    event = past_event(days=2)
    registration = RegistrationFactory(event=event)
    with pytest.raises(CertificateError) as error:
        issue_certificate(registration=registration)
    assert error.value.code == "not_eligible"


def test_the_command_takes_an_id_or_a_slug(capsys, django_capture_on_commit_callbacks):
    event = past_event(days=1)
    attendee(event), attendee(event)
    call_command("issue_certificates", event.slug, "--now")
    assert "2 issued" in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("issue_certificates", str(event.pk))
    assert "queued" in capsys.readouterr().out
    assert Certificate.objects.count() == 2
    assert CertificateBatch.objects.filter(status=BatchStatus.DONE).count() == 2
    with pytest.raises(CommandError):
        call_command("issue_certificates", "no-such-event")


def test_a_name_correction_reissues_with_the_same_code_and_a_new_version(django_capture_on_commit_callbacks):
    registration = attendee(past_event(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        certificate, _ = issue_certificate(registration=registration)
        first_pdf = certificate.pdf.name
        reissued = reissue_certificate(certificate=certificate, holder_name="  Anna  de   Boer ")
    assert (reissued.code, reissued.version, reissued.holder_name) == (certificate.code, 2, "Anna de Boer")
    assert reissued.pdf.name != first_pdf and reissued.reissued_at
    sent = emails_to(registration.participant.email)
    assert len(sent) == 2 and "Anna de Boer" in sent[1].body
    # Reissuing from a stale copy is refused rather than overwriting the newer version.
    with pytest.raises(CertificateError) as error:
        reissue_certificate(certificate=certificate, holder_name="Someone Else")
    assert error.value.code == "changed"


def test_revoking_keeps_the_code_and_needs_a_reason():
    registration = attendee(past_event(days=1))
    certificate, _ = issue_certificate(registration=registration)
    with pytest.raises(CertificateError):
        revoke_certificate(certificate=certificate, reason=" ")
    revoked = revoke_certificate(certificate=certificate, reason="Issued by mistake")
    assert revoked.code == certificate.code and revoked.is_revoked
    with pytest.raises(CertificateError):
        reissue_certificate(certificate=revoked, holder_name="New Name")
    with pytest.raises(CertificateError):
        revoke_certificate(certificate=revoked, reason="again")
