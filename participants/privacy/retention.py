"""The retention policy (``settings.RETENTION``), applied daily by a django-q2 schedule and by
``python manage.py apply_retention``.

1. Dietary and accessibility needs are deleted ``needs_days_after_event`` days after the event ends,
   and free-text answers to an event's own questions ``answer_text_days_after_event`` days after it
   (choices, yes/no and numbers stay: the event's report counts them).
2. A person is anonymised (privacy.anonymise) ``personal_data_months_after_last_event`` months after
   the last event they registered for; someone who never registered, that long after they were added.
3. The subject and text of sent emails are blanked ``sent_email_days`` days after sending (failed
   ones as long after they were written, with the mail server's error), and django-q2's records of
   finished tasks (their arguments and results) are deleted after as many days.
4. Other apps apply their own parts through the Wagtail hook ``apply_retention``: functions
   ``fn(now=..., policy=...)`` returning a dict of counts. Certificates keep the holder's name for
   ``certificate_years`` after issue (certificates/privacy.py); intervision blanks a case's text
   ``intervision_case_months_after_meeting`` months after its meeting and an application's motivation
   ``intervision_motivation_days_after_decision`` days after the decision (intervision/privacy.py).

Every step selects only what it has not done yet, so a second run the same day changes nothing.
"""

import calendar
import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django_q.models import Task
from wagtail import hooks

from core.audit import audit
from participants.mail.outbox import blank_emails
from participants.models import OutboxEmail, OutboxStatus, Participant, Registration
from participants.privacy.erasure import anonymise
from participants.questions.services import apply_answer_retention

logger = logging.getLogger("covenant.retention")

DEFAULTS = {
    "needs_days_after_event": 7,
    "answer_text_days_after_event": 30,
    "personal_data_months_after_last_event": 24,
    "certificate_years": 10,
    "sent_email_days": 90,
    "intervision_case_months_after_meeting": 12,
    "intervision_motivation_days_after_decision": 90,
}


def policy():
    return {**DEFAULTS, **getattr(settings, "RETENTION", {})}


def months_before(moment, months):
    """The same day and time ``months`` calendar months earlier (the 31st becomes the month's last day)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def registrations_with_expired_needs(now, rules):
    cutoff = now - timedelta(days=rules["needs_days_after_event"])
    return Registration.objects.filter(needs_deleted_at__isnull=True, event__ends_at__lt=cutoff)


def participants_to_anonymise(now, rules):
    cutoff = months_before(now, rules["personal_data_months_after_last_event"])
    return (
        Participant.objects.filter(anonymised_at__isnull=True)
        .annotate(last_event_ends=Max("registrations__event__ends_at"))
        .filter(Q(last_event_ends__lt=cutoff) | Q(last_event_ends__isnull=True, created_at__lt=cutoff))
        # A registration for an event without sessions (no end yet) keeps the person.
        .filter(~Exists(Registration.objects.filter(participant=OuterRef("pk"), event__ends_at__isnull=True)))
    )


def apply_retention(*, now=None, actor=None):
    """Apply the retention policy once; return what it did as counts."""
    now = now or timezone.now()
    rules = policy()
    done = {}

    expired = registrations_with_expired_needs(now, rules)
    done["needs_deleted"] = expired.update(dietary_needs="", accessibility_needs="", needs_deleted_at=now)
    done.update(apply_answer_retention(now=now, policy=rules))

    anonymised = 0
    for person in participants_to_anonymise(now, rules).only("pk").iterator():
        if anonymise(person, now=now):
            anonymised += 1
    done["participants_anonymised"] = anonymised

    email_cutoff = now - timedelta(days=rules["sent_email_days"])
    # Sent ones after their period, and failed ones as long after they were written (they will not
    # be sent any more): subject, text, the mail server's error and django-q2's record of the sending.
    old_emails = OutboxEmail.objects.filter(
        Q(status=OutboxStatus.SENT, sent_at__lt=email_cutoff)
        | Q(status=OutboxStatus.FAILED, created_at__lt=email_cutoff)
    ).exclude(subject="", body_text="", body_html="", calendar="", last_error="")
    done["emails_blanked"] = blank_emails(old_emails)

    # django-q2 keeps every finished task's arguments and result (a failure's message may name an
    # address) until its save limit: none outlives the period of an email's text.
    done["task_results_deleted"] = Task.objects.filter(stopped__lt=email_cutoff).delete()[0]

    for hook in hooks.get_hooks("apply_retention"):
        done.update(hook(now=now, policy=rules) or {})

    logger.info("Retention applied: %s", ", ".join(f"{key}={value}" for key, value in done.items()))
    if any(done.values()):
        audit("covenant.retention", actor=actor, **done)
    return done
