"""Storing answers, changing them through the private link, and blanking them for privacy.

``save_answers`` is called by the registration service inside its transaction (one commit for the
registration and its answers); ``update_answers`` by the private link's answers page while the
event's registration window is open. The registration's status is never touched here.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from participants.models import TEXT_KINDS, Answer, Question, Registration


class AnswersError(DomainError):
    pass


def questions_for(event, stakeholder_type=None):
    """The questions ``event`` asks (of ``stakeholder_type``, when given), in order."""
    questions = list(Question.objects.for_event(event))
    if stakeholder_type is not None:
        questions = [question for question in questions if question.asks(stakeholder_type)]
    return questions


def save_answers(*, registration, answers, now=None):
    """Store ``answers`` (``{question: value}``, as ``forms.stored_value`` gives them) for ``registration``.

    An answer of None removes the earlier one. The question's text is kept as it was asked.
    """
    now = now or timezone.now()
    with transaction.atomic():
        existing = {answer.question_id: answer for answer in Answer.objects.filter(registration=registration)}
        for question, value in answers.items():
            answer = existing.get(question.pk)
            if value is None:
                if answer is not None:
                    answer.delete()
                continue
            if answer is None:
                answer = Answer(registration=registration, question=question)
            answer.question_text = question.text()[:300]
            answer.value = value
            answer.answered_at = now
            answer.erased_at = None
            answer.save()


def may_change_answers(registration, now=None):
    """Answers may be changed while the event's registration window is open."""
    return registration.is_active and registration.event.registration_state(now) == "open"


def update_answers(*, registration, answers, now=None):
    """Change a participant's answers through their private link; refused once registration closed.

    The registration's row is locked first: two saves at once (a double click, two tabs) are one
    after the other, never two inserts of the same answer (whose unique constraint would fail).
    """
    if not may_change_answers(registration, now):
        raise AnswersError(
            _("Registration for this event has closed: your answers can no longer be changed."), "closed"
        )
    with transaction.atomic():
        Registration.objects.select_for_update().filter(pk=registration.pk).first()
        save_answers(registration=registration, answers=answers, now=now)


def erase_answers(answers, *, now=None):
    """Blank the free text of ``answers`` (a queryset); choices, yes/no and numbers stay for the counts."""
    now = now or timezone.now()
    return answers.filter(question__kind__in=TEXT_KINDS, erased_at__isnull=True).update(value=None, erased_at=now)


def apply_answer_retention(*, now, policy):
    """Retention: free-text answers are blanked ``answer_text_days_after_event`` days after the event ends."""
    cutoff = now - timedelta(days=policy["answer_text_days_after_event"])
    return {
        "answer_texts_erased": erase_answers(Answer.objects.filter(registration__event__ends_at__lt=cutoff), now=now)
    }
