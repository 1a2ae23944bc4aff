"""Opening an event's evaluation, inviting and reminding those who attended, and saving answers.

Only people who attended (checked in at least once, registration not cancelled) are asked, and only
they can answer. Each answer is saved without anything that says whose it is (see models.py).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from events.choices import EventStatus
from events.models import EventPage
from participants import hashed_secrets, links
from participants.mail.outbox import queue_email
from participants.models import Registration, RegistrationStatus

from .models import SCORED, Answer, Evaluation, EvaluationTemplate, Invitation, Question, Response

logger = logging.getLogger("covenant.evaluations")

PURPOSE = "evaluation"


class EvaluationError(DomainError):
    """An answer that cannot be saved (see core.errors)."""


# Opening


def create_evaluation(event, template=None):
    """The evaluation of ``event`` from ``template`` (by default its kind's), questions copied; None
    when there is no template for its kind. An event that has one keeps it."""
    existing = Evaluation.objects.filter(event=event).first()
    if existing is not None:
        return existing
    template = template or EvaluationTemplate.objects.filter(kind=event.kind).first()
    if template is None or event.ends_at is None:
        return None
    with transaction.atomic():
        evaluation = Evaluation.objects.create(
            event=event,
            template=template,
            opens_at=event.ends_at,
            closes_at=event.ends_at + timedelta(days=template.open_days),
        )
        sessions = list(event.sessions.order_by("starts_at", "pk"))
        rows = []
        for question in template.questions.order_by("sort_order", "pk"):
            fields = {
                name: getattr(question, name)
                for name in (
                    "code",
                    "kind",
                    "text_nl",
                    "text_en",
                    "low_label_nl",
                    "low_label_en",
                    "high_label_nl",
                    "high_label_en",
                )
            }
            if question.per_session and len(sessions) > 1:
                rows += [Question(**fields, session=s, session_number=n) for n, s in enumerate(sessions, start=1)]
            else:
                rows.append(Question(**fields))
        for position, row in enumerate(rows):
            row.evaluation, row.position = evaluation, position
        Question.objects.bulk_create(rows)
    return evaluation


def open_due_evaluations(now=None):
    """Create the evaluations of events that ended (and whose form would still be open)."""
    now = now or timezone.now()
    made = 0
    for template in EvaluationTemplate.objects.all():
        events = EventPage.objects.filter(
            kind=template.kind,
            status=EventStatus.SCHEDULED,
            ends_at__lte=now,
            ends_at__gt=now - timedelta(days=template.open_days),
            evaluation__isnull=True,
        )
        for event in events:
            if create_evaluation(event, template):
                made += 1
    return made


# Who is asked


def attendees(event):
    """The registrations of ``event`` whose person attended: checked in at least once, not cancelled."""
    return (
        Registration.objects.filter(event=event, sessions_checked_in__gt=0)
        .exclude(status=RegistrationStatus.CANCELLED)
        .filter(participant__anonymised_at__isnull=True)
    )


def attended(registration):
    return (
        registration.sessions_checked_in > 0
        and registration.status != RegistrationStatus.CANCELLED
        and not registration.participant.anonymised_at
    )


def _email(invitation, template, key):
    registration = invitation.registration
    evaluation = invitation.evaluation
    queue_email(
        key=key,
        to=registration.participant.email,
        template=template,
        context={
            "registration": registration,
            "event": evaluation.event,
            "evaluation": evaluation,
            "evaluation_url": links.url(registration, "evaluations:form"),
        },
        language=registration.language or evaluation.event.language,
        registration=registration,
    )


def send_invitations(now=None):
    """Open due evaluations, invite the attendees not invited yet, remind those who did not answer.

    Safe to run twice: each email has its own outbox key, and each invitation is marked in the same
    transaction as its email is stored. Returns the counts.
    """
    now = now or timezone.now()
    opened = open_due_evaluations(now)
    invited = reminded = 0
    remind_before = now - timedelta(days=settings.EVALUATION_REMINDER_DAYS)
    for evaluation in Evaluation.objects.filter(opens_at__lte=now, closes_at__gt=now).select_related("event"):
        invited += invite_attendees(evaluation, now=now)
        # A reminder only while there is a day left to answer.
        if evaluation.closes_at - now < timedelta(days=1):
            continue
        due = evaluation.invitations.filter(
            invited_at__lte=remind_before, reminded_at__isnull=True, answered_at__isnull=True
        ).select_related("registration__participant", "registration__event")
        for invitation in due:
            if not attended(invitation.registration):
                continue
            reminded += remind(invitation, now=now)
    counts = {"opened": opened, "invited": invited, "reminded": reminded}
    if any(counts.values()):
        logger.info("Evaluations: %s", counts)
    return counts


def invite_attendees(evaluation, now=None):
    """Invite the attendees of ``evaluation``'s event who were not invited yet; how many were."""
    now = now or timezone.now()
    invited = 0
    for registration in attendees(evaluation.event).select_related("participant", "event"):
        with transaction.atomic():
            invitation, _created = Invitation.objects.select_for_update().get_or_create(
                evaluation=evaluation, registration=registration
            )
            if invitation.invited_at or invitation.answered_at:
                continue
            invitation.registration, invitation.evaluation = registration, evaluation
            key = f"evaluation-invite:{evaluation.pk}:{registration.pk}"
            _email(invitation, "evaluations/emails/invitation", key)
            invitation.invited_at = now
            invitation.save(update_fields=["invited_at"])
            invited += 1
    return invited


def remind(invitation, now=None):
    """Send ``invitation`` its one reminder unless it answered or was reminded; 1 when sent."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
        if locked is None or locked.reminded_at or locked.answered_at:
            return 0
        _email(
            invitation,
            "evaluations/emails/reminder",
            f"evaluation-reminder:{invitation.evaluation_id}:{invitation.registration_id}",
        )
        Invitation.objects.filter(pk=invitation.pk).update(reminded_at=now)
    return 1


# Answering


def evaluation_of(registration):
    return Evaluation.objects.filter(event_id=registration.event_id).first()


def _response_of(invitation):
    if invitation is None or not invitation.answer_key_sealed:
        return None
    key = hashed_secrets.unseal(invitation.answer_key_sealed)
    return Response.objects.filter(key_hash__in=hashed_secrets.digests(key, PURPOSE)).first()


def current_answers(registration, evaluation):
    """{question id: score or text} of the registration's saved response, or None when it has none."""
    invitation = Invitation.objects.filter(evaluation=evaluation, registration=registration).first()
    response = _response_of(invitation)
    if response is None:
        return None
    return {a.question_id: (a.score if a.score is not None else a.text) for a in response.answers.all()}


def has_answered(registration, evaluation):
    return Invitation.objects.filter(
        evaluation=evaluation, registration=registration, answered_at__isnull=False
    ).exists()


def submit(*, registration, evaluation, answers, language, now=None):
    """Save (or change, while it may be changed) the registration's answers: {question id: value}.

    Raises EvaluationError when the person did not attend, the form is closed, or it was saved and
    may not be changed. Returns the Response.
    """
    now = now or timezone.now()
    if not attended(registration):
        raise EvaluationError(_("This evaluation is for the people who attended the event."), "not_attended")
    if not evaluation.is_open(now):
        raise EvaluationError(_("This evaluation is closed."), "closed")
    questions = {q.pk: q for q in evaluation.questions.all()}
    with transaction.atomic():
        invitation, _created = Invitation.objects.select_for_update().get_or_create(
            evaluation=evaluation, registration=registration
        )
        if invitation.answered_at and not evaluation.changeable:
            raise EvaluationError(_("You have already filled in this evaluation."), "already_answered")
        response = _response_of(invitation)
        if invitation.answered_at and response is None:
            # The link to the answers was removed (erasure): they count, but cannot be changed.
            raise EvaluationError(_("Your answers were saved and can no longer be changed."), "unlinked")
        if response is None:
            key = hashed_secrets.new_secret()
            response = Response.objects.create(
                evaluation=evaluation,
                language=language,
                submitted_on=timezone.localdate(now),
                key_hash=hashed_secrets.digest(key, PURPOSE),
            )
            invitation.answer_key_sealed = hashed_secrets.seal(key)
        else:
            response.answers.all().delete()
            Response.objects.filter(pk=response.pk).update(language=language)
        rows = []
        for pk, value in answers.items():
            question = questions.get(pk)
            if question is None or value in (None, ""):
                continue
            if question.kind in SCORED:
                rows.append(Answer(response=response, question=question, score=int(value)))
            else:
                rows.append(Answer(response=response, question=question, text=str(value).strip()[:5000]))
        Answer.objects.bulk_create(rows)
        # The day, not the moment: the time of the invitation's answer must not point to its response.
        invitation.answered_at = invitation.answered_at or now.replace(hour=12, minute=0, second=0, microsecond=0)
        invitation.save(update_fields=["answered_at", "answer_key_sealed"])
    return response
