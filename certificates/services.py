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

A year certificate (``issue_year_certificate``) follows the same pattern; its uniqueness (one per
person, series and year) is a partial unique constraint. Issuing it again is safe: nothing happens
while the meetings it lists are still the ones attended, and a meeting attended since makes a new
version under the same code, emailed again.
"""

import logging
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_q.tasks import async_task

from core.audit import audit
from core.errors import DomainError
from participants import links
from participants.mail.outbox import queue_email
from participants.models import Registration

from .codes import new_code
from .content import certificate_content, take_snapshot, take_year_snapshot
from .eligibility import eligible_registrations, is_eligible, with_attended_sessions
from .models import BatchStatus, Certificate, CertificateBatch, CertificateTemplate
from .pdf import render_certificate_pdf

logger = logging.getLogger("covenant.certificates")

CHUNK_SIZE = 50
# A batch task stops and enqueues its continuation after this long, well inside django-q2's timeout.
TASK_BUDGET_SECONDS = 40


class CertificateError(DomainError):
    """A certificate could not be issued, reissued or revoked (see core.errors)."""


def _template_for(certificate, templates=None):
    key = (certificate.event_kind, certificate.language, certificate.scope)
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
    if certificate.is_year_certificate:
        return _queue_year_certificate_email(certificate)
    registration = certificate.registration
    queue_email(
        key=f"certificate:{certificate.pk}:v{certificate.version}",
        to=registration.participant.email,
        template="certificates/email/certificate_issued",
        context={
            "name": certificate.holder_name,
            "event_title": certificate.event_title,
            "code": certificate.code,
            "version": certificate.version,
            "pdf_path": links.path(registration, "certificates:pdf"),
            "link_path": links.path(registration),
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


SNAPSHOT_FIELDS = (
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
    "meetings",
)


def reissue_certificate(*, certificate, holder_name, user=None):
    """Reissue ``certificate`` under the same code with a corrected name, as a new version, and email it."""
    holder_name = " ".join((holder_name or "").split())
    if not holder_name:
        raise CertificateError(_("Give the name as it should be printed."), "name_required")
    if certificate.is_revoked:
        raise CertificateError(_("A revoked certificate cannot be reissued."), "revoked")
    draft = Certificate(
        pk=certificate.pk,
        code=certificate.code,
        version=certificate.version + 1,
        issued_at=certificate.issued_at,
        reissued_at=timezone.now(),
    )
    if certificate.is_year_certificate:
        # A year certificate keeps what it lists; only the name changes.
        for field in SNAPSHOT_FIELDS:
            setattr(draft, field, getattr(certificate, field))
        draft.participant_id, draft.year = certificate.participant_id, certificate.year
        draft.series_type_id, draft.series_id = certificate.series_type_id, certificate.series_id
        draft.holder_name = holder_name
    else:
        registration = Registration.objects.select_related("participant", "organisation", "event").get(
            pk=certificate.registration_id
        )
        take_snapshot(draft, registration, holder_name=holder_name)
    return _replace(certificate, draft, user=user)


def _replace(certificate, draft, *, user=None):
    """Store ``draft``'s PDF and make it ``certificate``'s next version, unless someone changed it meanwhile."""
    name = _store_pdf(draft)
    with transaction.atomic():
        current = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if current.version != certificate.version or current.is_revoked:
            # Someone else reissued or revoked it meanwhile: theirs stands.
            transaction.on_commit(lambda: default_storage.delete(name))
            raise CertificateError(_("The certificate was changed meanwhile; look again."), "changed")
        old_pdf = current.pdf.name
        for field in SNAPSHOT_FIELDS:
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


# Year certificates: a participant's meetings of a series (an intervision group) in one year.


class YearOutcome:
    ISSUED = "issued"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def issue_year_certificate(*, participant, series, year, language=None, user=None):
    """Issue ``participant``'s certificate of ``series``'s meetings in ``year``, or bring it up to date.

    Returns ``(certificate, outcome)``, the outcome one of ``YearOutcome``. ``series`` provides
    ``certificate_events()`` and ``certificate_links(participant, year)``; see ``take_year_snapshot``.
    A revoked certificate stays revoked and is returned unchanged.
    """
    draft = take_year_snapshot(
        Certificate(code=new_code(), version=1, issued_by=user, issued_at=timezone.now()),
        participant=participant,
        series=series,
        year=year,
        language=language,
    )
    if not draft.meetings:
        raise CertificateError(
            _("%(name)s attended no meeting of %(series)s in %(year)s.")
            % {"name": participant.full_name, "series": series, "year": year},
            "not_eligible",
        )
    for _attempt in range(3):
        existing = Certificate.objects.of_series(series).filter(participant=participant, year=year).first()
        if existing:
            if existing.is_revoked or existing.meetings == draft.meetings:
                return existing, YearOutcome.UNCHANGED
            # A meeting attended (or a check-in undone) since it was issued: a new version says so.
            draft.holder_name = existing.holder_name  # A corrected name stays corrected.
            draft.pk, draft.code, draft.version = existing.pk, existing.code, existing.version + 1
            draft.issued_at, draft.reissued_at = existing.issued_at, timezone.now()
            return _replace(existing, draft, user=user), YearOutcome.UPDATED
        name = _store_pdf(draft)
        try:
            with transaction.atomic():
                draft.pdf.name = name
                draft.emailed_at = timezone.now()
                draft.save()
                _queue_certificate_email(draft)
            audit("covenant.certificate_issue", actor=user, obj=draft, year=year)
            return draft, YearOutcome.ISSUED
        except IntegrityError:
            # Issued by someone else meanwhile (the loop then finds it), or the code collided.
            default_storage.delete(name)
            draft.pk, draft.code = None, new_code()
    raise CertificateError(_("No unique verification code could be made; try again."), "code_collision")


def _queue_year_certificate_email(certificate):
    participant = certificate.participant
    links = certificate.series.certificate_links(participant, certificate.year) if certificate.series else None
    if not links or participant.anonymised_at:
        return None
    return queue_email(
        key=f"certificate:{certificate.pk}:v{certificate.version}",
        to=participant.email,
        template="certificates/email/year_certificate_issued",
        context={
            "name": certificate.holder_name,
            "series": certificate.event_title,
            "year": certificate.year,
            "meetings": len(certificate.meetings),
            "code": certificate.code,
            "version": certificate.version,
            "pdf_path": links["pdf_path"],
            "link_path": links["link_path"],
            "verify_url": certificate.get_verify_url(),
        },
        language=certificate.language,
    )
