"""A person's data: what we hold about them (the JSON download) and erasing it.

Erasing is anonymising in place: the Participant row stays, with its registrations and their
attendance, so every figure in the statistics (counted by participant id, organisation and the
stakeholder type at registration) stays the same; what could identify the person goes. That is:
name, email (replaced by a placeholder that is unique and can never be delivered), phone, job title,
dietary and accessibility needs, the free-text answers to an event's own questions, the subject
and text of the emails we sent them or about them (an
application's email to the facilitator names the applicant: apps add those through the
``participant_anonymise`` hook), the mail server's errors and django-q2's records of sending them,
and the secrets of their private links and QR codes (so old links and codes stop working). The
organisation stays: it is a company, not a person, and the reports count organisations.

The retention policy (retention.py) anonymises people some time after their last event; the
secretariat or the person themself can do it at once (``erase_participant``).
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.models import Task
from wagtail import hooks
from wagtail.models import ModelLogEntry

from core.audit import audit
from core.errors import DomainError
from participants import hashed_secrets
from participants.mail.outbox import blank_emails
from participants.models import Answer, Attendance, OutboxEmail, Participant, Registration
from participants.questions.services import erase_answers
from participants.registration import services

logger = logging.getLogger("covenant.privacy")

PLACEHOLDER_DOMAIN = "anonymised.invalid"  # RFC 2606: .invalid never resolves, so nothing is ever delivered.


def placeholder_email(participant):
    return f"anonymised-{participant.pk}@{PLACEHOLDER_DOMAIN}"


def is_placeholder_email(address):
    return (address or "").lower().endswith("@" + PLACEHOLDER_DOMAIN)


class ErasureError(DomainError):
    """Erasure could not be done (see core.errors)."""


def anonymise(participant, *, now=None, on_request=False):
    """Blank what identifies ``participant`` in place; return False when that was already done.

    ``on_request``: the person (or the secretariat for them) asked for erasure, rather than the
    retention policy's time having come; certificates keep the holder's name only in the latter case.
    Locks the row, so two runs (the daily schedule and a request, two workers) do it once.
    """
    now = now or timezone.now()
    with transaction.atomic():
        person = Participant.objects.select_for_update().get(pk=participant.pk)
        if person.anonymised_at:
            return False
        old_email = person.email
        person.email = placeholder_email(person)
        person.first_name = ""
        person.last_name = ""
        person.phone = ""
        person.job_title = ""
        person.anonymised_at = now
        person.save(update_fields=["email", "first_name", "last_name", "phone", "job_title", "anonymised_at"])

        registrations = Registration.objects.filter(participant=person)
        for registration in registrations.only("pk"):
            # One by one: each needs its own fresh secrets (unique columns).
            Registration.objects.filter(pk=registration.pk).update(
                **hashed_secrets.fresh_columns("access_token", hashed_secrets.LINK),
                **hashed_secrets.fresh_columns("checkin_code", hashed_secrets.CHECKIN),
            )
        registrations.update(job_title="", dietary_needs="", accessibility_needs="")
        registrations.filter(needs_deleted_at__isnull=True).update(needs_deleted_at=now)
        erase_answers(Answer.objects.filter(registration__participant=person), now=now)

        # Their emails: not yet sent ones are never sent now (there is no one to send them to), and
        # the subject, the text, the mail server's error and django-q2's record of the sending go.
        emails = OutboxEmail.objects.filter(Q(registration__participant=person) | Q(to__iexact=old_email))
        blank_emails(emails, to=person.email)
        # What the calendar tasks of their registrations left in django-q2 (an error naming the address).
        Task.objects.filter(name__in=[f"calendar-{pk}" for pk in registrations.values_list("pk", flat=True)]).delete()

        scrub_log_labels(person)
        for hook in _anonymise_hooks():
            hook(person, now=now, on_request=on_request, email=old_email)
        participant.refresh_from_db()
    return True


def scrub_log_labels(person):
    """Wagtail labels its own log entries with ``str(obj)``, which is the person's name: relabel them."""
    targets = [
        (Participant, [person.pk]),
        (Registration, list(Registration.objects.filter(participant=person).values_list("pk", flat=True))),
        (Attendance, list(Attendance.objects.filter(registration__participant=person).values_list("pk", flat=True))),
    ]
    for model, pks in targets:
        relabel_log_entries(model, pks)


def relabel_log_entries(model, pks):
    """Label the log entries of ``model``'s rows ``pks`` by type and number instead of by name."""
    content_type = ContentType.objects.get_for_model(model)
    ModelLogEntry.objects.filter(content_type=content_type, object_id__in=[str(pk) for pk in pks]).update(
        label=Concat(Value(f"{model._meta.verbose_name} "), "object_id")
    )


def _anonymise_hooks():
    """Functions ``fn(participant, *, now, on_request, email)`` other apps register (Wagtail hook
    ``participant_anonymise``) to blank what they hold about a person: certificate names, intervision
    case texts, requests by address (``email`` is the address the person had, already blanked on
    ``participant``). They run inside anonymise's transaction."""
    return hooks.get_hooks("participant_anonymise")


def cancel_future_registrations(person, *, now=None):
    """Cancel the person's places at events that have not ended, so their seats go to others."""
    now = now or timezone.now()
    cancelled = 0
    active = (
        Registration.objects.active()
        .filter(participant=person)
        .filter(Q(event__ends_at__gte=now) | Q(event__ends_at__isnull=True))
    )
    for registration in active.select_related("event"):
        # Through the registration service, as any cancellation: it also gives the seat to the next.
        services.cancel(registration=registration, by_participant=True)
        cancelled += 1
    return cancelled


def erase_participant(*, participant, actor=None, reason="request"):
    """Erase a person's personal data now, keeping the anonymous rows the statistics count.

    Their places at events still to come are cancelled first. ``actor`` is the secretariat user, or
    None when the person did it from their private link. Raises ErasureError when already erased.
    """
    if participant.anonymised_at:
        raise ErasureError(_("This person's data has already been erased."), "already_erased")
    cancelled = cancel_future_registrations(participant)
    anonymise(participant, on_request=True)
    audit(
        "covenant.erasure",
        actor=actor,
        obj=participant,
        reason=reason,
        registrations=participant.registrations.count(),
        cancelled=cancelled,
    )
    logger.info("Erased participant %s (%s), %s future registrations cancelled", participant.pk, reason, cancelled)
    return participant


def _iso(value):
    return value.isoformat() if value else None


def export_participant_data(participant):
    """Everything we hold about a person, as a JSON-ready dict (their right of access)."""
    registrations = (
        Registration.objects.filter(participant=participant)
        .select_related("event", "organisation")
        .prefetch_related("attendances__session", "answers")
        .order_by("created_at")
    )
    data = {
        "exported_at": _iso(timezone.now()),
        "participant": {
            "email": participant.email,
            "first_name": participant.first_name,
            "last_name": participant.last_name,
            "phone": participant.phone,
            "job_title": participant.job_title,
            "organisation": participant.organisation.name if participant.organisation_id else "",
            "preferred_language": participant.preferred_language,
            "created_at": _iso(participant.created_at),
            "anonymised_at": _iso(participant.anonymised_at),
        },
        "registrations": [
            {
                "event": registration.event.title,
                "event_starts_at": _iso(registration.event.starts_at),
                "status": registration.status,
                "source": registration.source,
                "stakeholder_type": registration.stakeholder_type,
                "company_size": registration.company_size,
                "sector": registration.sector,
                "organisation": registration.organisation.name if registration.organisation_id else "",
                "job_title": registration.job_title,
                "dietary_needs": registration.dietary_needs,
                "accessibility_needs": registration.accessibility_needs,
                "language": registration.language,
                "consent_at": _iso(registration.consent_at),
                "registered_at": _iso(registration.created_at),
                "confirmed_at": _iso(registration.confirmed_at),
                "cancelled_at": _iso(registration.cancelled_at),
                "answers": [
                    {
                        "question": answer.question_text,
                        "answer": answer.display(),
                        "answered_at": _iso(answer.answered_at),
                    }
                    for answer in registration.answers.all()
                ],
                "attendance": [
                    {
                        "session": attendance.session.title,
                        "checked_in_at": _iso(attendance.checked_in_at),
                        "method": attendance.method,
                        "undone_at": _iso(attendance.undone_at),
                    }
                    for attendance in registration.attendances.all()
                ],
            }
            for registration in registrations
        ],
        "emails": [
            {"subject": email.subject, "to": email.to, "status": email.status, "sent_at": _iso(email.sent_at)}
            for email in OutboxEmail.objects.filter(
                Q(registration__participant=participant) | Q(to__iexact=participant.email)
            ).order_by("created_at")
        ],
    }
    # Other apps add what they hold (certificates, intervision): Wagtail hook ``participant_data_export``,
    # functions ``fn(participant)`` returning (key, JSON-ready value).
    for hook in hooks.get_hooks("participant_data_export"):
        key, value = hook(participant)
        data[key] = value
    return data
