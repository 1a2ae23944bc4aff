"""The form fields of an event's own questions, and what a filled-in form gives to store.

Every question is in the page, whatever stakeholder type is chosen, so the form works without
JavaScript: a question asked of some types only says so in its hint ("Only for: ..."), counts only
for those types (required only for them, and an answer from another type is dropped), and the
script hides it for the others. A field's name is ``question_<pk>``.
"""

import unicodedata
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from participants.models import QuestionKind

PREFIX = "question_"
YES, NO = "yes", "no"


def validate_plain_text(value):
    """No control characters (other than line breaks) in free text (the registration form's too)."""
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\r\n\t" for ch in value):
        raise ValidationError(_("Remove the special characters from this field."), code="control_characters")


def field_name(question):
    return f"{PREFIX}{question.pk}"


def is_question_field(name):
    return name.startswith(PREFIX)


def build_field(question):
    """The field that asks ``question`` in the active language; never required by itself (``clean_answers``)."""
    label = question.text()
    if not question.required:
        label = _("%(question)s (optional)") % {"question": label}
    hints = [question.help_text()]
    if question.stakeholder_types:
        hints.append(_("Only for: %(types)s.") % {"types": ", ".join(question.stakeholder_type_labels())})
    options = {"label": label, "required": False, "help_text": " ".join(str(h) for h in hints if h)}
    kind = question.kind
    if kind == QuestionKind.SHORT_TEXT:
        return forms.CharField(max_length=300, validators=[validate_plain_text], **options)
    if kind == QuestionKind.LONG_TEXT:
        return forms.CharField(
            max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), validators=[validate_plain_text], **options
        )
    if kind == QuestionKind.NUMBER:
        return forms.DecimalField(
            max_digits=12, decimal_places=2, widget=forms.NumberInput(attrs={"inputmode": "decimal"}), **options
        )
    if kind == QuestionKind.YES_NO:
        return forms.ChoiceField(choices=[(YES, _("Yes")), (NO, _("No"))], widget=forms.RadioSelect, **options)
    choices = [(str(index), label) for index, label in enumerate(question.choice_labels())]
    if kind == QuestionKind.ONE_CHOICE:
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **options)
    return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **options)


def stored_value(question, value):
    """The form's value as an Answer keeps it (None for no answer)."""
    if value in (None, "", []):
        return None
    kind = question.kind
    if kind == QuestionKind.YES_NO:
        return value == YES
    if kind == QuestionKind.NUMBER:
        return format(Decimal(value).normalize(), "f")
    if kind in (QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES):
        pairs = question.choices()
        indexes = [value] if isinstance(value, str) else value
        return [{"nl": pairs[int(i)][0], "en": pairs[int(i)][1]} for i in indexes if int(i) < len(pairs)]
    return value.strip() or None


def initial_value(question, answer):
    """A stored answer as the form's initial value (a choice by its Dutch label as it is now)."""
    value = answer.value
    if value is None:
        return None
    if question.kind == QuestionKind.YES_NO:
        return YES if value else NO
    if question.kind in (QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES):
        current = [nl for nl, _en in question.choices()]
        chosen = [str(current.index(item.get("nl"))) for item in value if item.get("nl") in current]
        return chosen if question.kind == QuestionKind.SEVERAL_CHOICES else (chosen[0] if chosen else None)
    return value


class QuestionsMixin:
    """For a form that asks questions: ``add_questions`` in ``__init__``, ``clean_answers`` in ``clean``."""

    questions = ()

    def add_questions(self, questions, *, answers=None):
        self.questions = list(questions)
        by_question = {answer.question_id: answer for answer in answers or ()}
        for question in self.questions:
            name = field_name(question)
            self.fields[name] = build_field(question)
            if question.pk in by_question:
                self.initial[name] = initial_value(question, by_question[question.pk])

    def question_fields(self):
        return [(self[field_name(q)], q) for q in self.questions]

    def clean_answers(self, stakeholder_type):
        """The answers to keep, ``{question: value}``; a required question left open gets an error.

        Only the questions asked of ``stakeholder_type`` count: the others' answers are dropped.
        """
        answers = {}
        for question in self.questions:
            name = field_name(question)
            if name in self.errors or not question.asks(stakeholder_type):
                continue
            value = stored_value(question, self.cleaned_data.get(name))
            if value is None and question.required:
                self.add_error(name, _("Answer this question."))
                continue
            answers[question] = value
        return answers


class AnswersForm(QuestionsMixin, forms.Form):
    """The private link's answers page: the questions asked of the registration's type, with its answers."""

    def __init__(self, *args, questions, answers, stakeholder_type, **kwargs):
        super().__init__(*args, auto_id="answers-%s", label_suffix="", **kwargs)
        self.stakeholder_type = stakeholder_type
        self.add_questions([question for question in questions if question.asks(stakeholder_type)], answers=answers)

    def clean(self):
        data = super().clean()
        self.answers = self.clean_answers(self.stakeholder_type)
        return data
