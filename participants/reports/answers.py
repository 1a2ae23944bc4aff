"""An event's answers to its own questions, counted: one table per question with choices or yes/no.

Counted over the registrations that are not cancelled, from the labels each answer keeps (so a
choice renamed or removed after people chose it is still counted, under the label they chose).
Free-text and number answers are not tabled here: the registrations export has them.
"""

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from participants.models import CHOICE_KINDS, Answer, Question, QuestionKind, RegistrationStatus


@dataclass
class AnswerTable:
    question: Question
    rows: list  # (label, count), the question's choices first, in order; then labels no longer offered
    answered: int  # registrations that answered it


def answer_tables(event, language=None):
    """The tables for ``event``'s choice and yes/no questions, in the questions' order."""
    questions = [
        question
        for question in Question.objects.for_event(event)
        if question.kind in (*CHOICE_KINDS, QuestionKind.YES_NO)
    ]
    answers = (
        Answer.objects.filter(question__in=questions, registration__event=event, value__isnull=False)
        .exclude(registration__status=RegistrationStatus.CANCELLED)
        .values_list("question_id", "value")
    )
    counts = {question.pk: Counter() for question in questions}
    answered = Counter()
    for question_id, value in answers:
        answered[question_id] += 1
        if isinstance(value, bool):
            counts[question_id][value] += 1
        elif isinstance(value, list):
            for item in value:
                counts[question_id][(item.get("nl", ""), item.get("en", ""))] += 1
    tables = []
    for question in questions:
        counted = counts[question.pk]
        if question.kind == QuestionKind.YES_NO:
            rows = [(_("Yes"), counted[True]), (_("No"), counted[False])]
        else:
            english = (language or "")[:2] == "en"
            offered = question.choices()
            rows = [(en if english else nl, counted.pop((nl, en), 0)) for nl, en in offered]
            # Keyed by the Dutch label: an English line changed later still counts with its choice.
            for (nl, en), n in list(counted.items()):
                match = next((i for i, pair in enumerate(offered) if pair[0] == nl), None)
                if match is not None:
                    rows[match] = (rows[match][0], rows[match][1] + n)
                else:
                    rows.append((_("%(choice)s (no longer offered)") % {"choice": en if english else nl}, n))
        tables.append(AnswerTable(question, rows, answered[question.pk]))
    return tables
