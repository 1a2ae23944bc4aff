"""Issuing, reissuing and revoking certificates, one at a time or for a whole event.

Exactly one certificate per registration is the database's job: ``Certificate.registration`` is a
OneToOne. ``issue_certificate`` draws the PDF and stores it first, outside any transaction (drawing
takes milliseconds and storage may be a network call), then inserts the row and queues the email in
one short transaction. When another worker got there first the insert fails, the stored file is
removed and the other's certificate is returned; so any number of batches, reruns and retries after
a crash end with one certificate and one email per person. The email's outbox key names the
certificate and its version, so it is stored and sent once per version.

A crash between storing the file and committing leaves an unreferenced PDF behind, never a
certificate without its PDF or its email.
"""

import logging
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.audit import audit
from participants.models import Registration
from participants.outbox import queue_email

from .codes import new_code
from .content import certificate_content, take_snapshot
from .eligibility import eligible_registrations, is_eligible, with_attended_sessions
from .models import BatchStatus, Certificate, CertificateBatch, CertificateTemplate
from .pdf import render_certificate_pdf

logger = logging.getLogger("covenant.certificates")

CHUNK_SIZE = 50
# A batch task stops and enqueues its continuation after this long, well inside django-q2's timeout.
TASK_BUDGET_SECONDS = 40


class CertificateError(Exception):
    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


def _template_for(certificate, templates=None):
    key = (certificate.event_kind, certificate.language)
    if templates is not None and key in templates:
        return templates[key]
    template = CertificateTemplate.objects.select_related("logo", "signature").for_event(*key)
    if templates is not None:
        templates[key] = template
    return template


def _store_pdf(certificate, templates=None):
    """Draw the certificate and store its PDF; return the stored file's name."""
    template = _template_for(certificate, templates)
    certificate.template = template
    data = render_certificate_pdf(certificate_content(certificate, template))
    return default_storage.save(f"certificates/{certificate.code}-v{certificate.version}.pdf", ContentFile(data))


def _queue_certificate_email(certificate):
    registration = certificate.registration
    token = registration.access_token
    queue_email(
        key=f"certificate:{certificate.pk}:v{certificate.version}",
        to=registration.participant.email,
        template="certificates/email/certificate_issued",
        context={
            "name": certificate.holder_name,
            "event_title": certificate.event_title,
            "code": certificate.code,
            "version": certificate.version,
            "pdf_path": reverse("certificates:pdf", args=[token]),
            "link_path": f"/r/{token}/",
            "verify_url": certificate.get_verify_url(),
        },
        language=certificate.language,
        registration=registration,
    )


def issue_certificate(*, registration, batch=None, user=None, check_eligibility=True, templates=None):
    """Issue ``registration``'s certificate unless it has one; return ``(certificate, created)``."""
    existing = Certificate.objects.filter(registration=registration).first()
    if existing:
        return existing, False
    if check_eligibility and not is_eligible(registration):
        raise CertificateError(_("This registration does not meet the event's attendance rule."), "not_eligible")
    for _attempt in range(3):
        certificate = take_snapshot(
            Certificate(code=new_code(), version=1, batch=batch, issued_by=user, issued_at=timezone.now()),
            registration,
        )
        name = _store_pdf(certificate, templates)
        try:
            with transaction.atomic():
                certificate.pdf.name = name
                certificate.emailed_at = timezone.now()
                certificate.save()
                _queue_certificate_email(certificate)
            if batch is None:  # A batch has one entry for all it issues (run_batch).
                audit("covenant.certificate_issue", actor=user, obj=certificate, event=certificate.event_id)
            return certificate, True
        except IntegrityError:
            default_storage.delete(name)
            existing = Certificate.objects.filter(registration=registration).first()
            if existing:
                return existing, False
            # Otherwise the random code collided with another (one in 2**80): draw a new one.
    raise CertificateError(_("No unique verification code could be made; try again."), "code_collision")


def reissue_certificate(*, certificate, holder_name, user=None):
    """Reissue ``certificate`` under the same code with a corrected name, as a new version, and email it."""
    holder_name = " ".join((holder_name or "").split())
    if not holder_name:
        raise CertificateError(_("Give the name as it should be printed."), "name_required")
    if certificate.is_revoked:
        raise CertificateError(_("A revoked certificate cannot be reissued."), "revoked")
    registration = Registration.objects.select_related("participant", "organisation", "event").get(
        pk=certificate.registration_id
    )
    draft = take_snapshot(
        Certificate(
            pk=certificate.pk,
            code=certificate.code,
            version=certificate.version + 1,
            issued_at=certificate.issued_at,
            reissued_at=timezone.now(),
        ),
        registration,
        holder_name=holder_name,
    )
    name = _store_pdf(draft)
    with transaction.atomic():
        current = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if current.version != certificate.version or current.is_revoked:
            # Someone else reissued or revoked it meanwhile: theirs stands.
            transaction.on_commit(lambda: default_storage.delete(name))
            raise CertificateError(_("The certificate was changed meanwhile; look again."), "changed")
        old_pdf = current.pdf.name
        for field in (
            "holder_name",
            "organisation_name",
            "event_title",
            "event_kind",
            "first_date",
            "last_date",
            "hours",
            "sessions_attended",
            "pe_points",
            "pe_register",
            "language",
            "template",
        ):
            setattr(current, field, getattr(draft, field))
        current.version = draft.version
        current.reissued_at = draft.reissued_at
        current.pdf.name = name
        current.emailed_at = timezone.now()
        current.save()
        _queue_certificate_email(current)
        if old_pdf:
            transaction.on_commit(lambda: default_storage.delete(old_pdf))
    audit("covenant.certificate_reissue", actor=user, obj=current, version=current.version)
    return current


def revoke_certificate(*, certificate, reason, user=None):
    """Revoke ``certificate``: its code stays and verification shows it as revoked, with ``reason``."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Give the reason for revoking; verification shows it."), "reason_required")
    updated = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=user, revoke_reason=reason
    )
    if not updated:
        raise CertificateError(_("This certificate was already revoked."), "already_revoked")
    certificate.refresh_from_db()
    # Not the reason: it is shown on verification, and may name the person.
    audit("covenant.certificate_revoke", actor=user, obj=certificate, version=certificate.version)
    return certificate


def check_can_issue(event):
    if event.is_cancelled:
        raise CertificateError(_("This event was cancelled: it has no certificates."), "cancelled")
    if not event.ends_at or event.ends_at > timezone.now():
        raise CertificateError(_("Certificates can be issued after the event's last session."), "not_ended")


def start_batch(*, event, user=None, enqueue=True):
    """Record a batch that issues ``event``'s certificates, and enqueue its task after commit."""
    check_can_issue(event)
    batch = CertificateBatch.objects.create(event=event, created_by=user, total=eligible_registrations(event).count())
    audit("covenant.certificate_batch", actor=user, obj=batch, event=event.pk, eligible=batch.total)
    if enqueue:
        transaction.on_commit(lambda: enqueue_batch(batch.pk))
    return batch


def enqueue_batch(batch_pk):
    from django_q.tasks import async_task

    async_task("certificates.tasks.issue_certificates_task", batch_pk, task_name=f"certificates-batch-{batch_pk}")


def run_batch(batch_pk, *, chunk_size=CHUNK_SIZE, budget_seconds=None, progress=None):
    """Issue the certificates of a batch's event chunk by chunk, recording progress; safe to rerun.

    Returns the batch. With ``budget_seconds``, stops after that long and enqueues its own
    continuation, so one task never runs into the worker's timeout however large the event.
    """
    started = time.monotonic()
    batch = CertificateBatch.objects.select_related("event").get(pk=batch_pk)
    if batch.status == BatchStatus.DONE:
        return batch
    event = batch.event
    eligible = eligible_registrations(event)
    pending = list(eligible.filter(certificate__isnull=True).order_by("pk").values_list("pk", flat=True))
    total = eligible.count()
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status=BatchStatus.RUNNING,
        started_at=batch.started_at or timezone.now(),
        total=total,
        done=total - len(pending),
        last_error="",
    )
    templates = {}
    try:
        for offset in range(0, len(pending), chunk_size):
            if budget_seconds is not None and time.monotonic() - started > budget_seconds:
                transaction.on_commit(lambda: enqueue_batch(batch.pk))
                batch.refresh_from_db()
                return batch
            chunk = pending[offset : offset + chunk_size]
            registrations = with_attended_sessions(
                Registration.objects.filter(pk__in=chunk).select_related("participant", "organisation", "event")
            ).order_by("pk")
            issued = 0
            for registration in registrations:
                _, created = issue_certificate(
                    registration=registration, batch=batch, check_eligibility=False, templates=templates
                )
                issued += created
            CertificateBatch.objects.filter(pk=batch.pk).update(
                done=F("done") + len(chunk), issued=F("issued") + issued
            )
            if progress:
                progress(min(offset + len(chunk), len(pending)), len(pending))
    except Exception as error:  # Recorded for the admin, then raised again so the worker retries.
        logger.exception("Certificate batch %s failed", batch.pk)
        CertificateBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.FAILED, last_error=repr(error)[:2000])
        raise
    CertificateBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.DONE, finished_at=timezone.now())
    batch.refresh_from_db()
    audit(
        "covenant.certificate_issue",
        actor=batch.created_by,
        obj=batch,
        event=event.pk,
        issued=batch.issued,
        eligible=batch.total,
    )
    return batch
