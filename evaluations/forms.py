"""The evaluation form, built from an evaluation's questions in the participant's language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import QuestionKind


def field_name(question):
    return f"q{question.pk}"


class EvaluationForm(forms.Form):
    """One field per question: scores as radio buttons (required), open questions as text (optional)."""

    def __init__(self, *args, questions, language, initial_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        initial_answers = initial_answers or {}
        for question in self.questions:
            name = field_name(question)
            if question.kind in (QuestionKind.SCALE, QuestionKind.RECOMMEND):
                low, high = question.low_label(language), question.high_label(language)
                choices = [(str(score), str(score)) for score in question.scores]
                field = forms.TypedChoiceField(
                    label=question.text(language),
                    choices=choices,
                    coerce=int,
                    widget=forms.RadioSelect(attrs={"class": "evaluation-scale"}),
                    help_text=f"{question.scores[0]} = {low}, {question.scores[-1]} = {high}" if low and high else "",
                    error_messages={"required": _("Please choose a score.")},
                )
            else:
                field = forms.CharField(
                    label=question.text(language),
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            field.question = question
            self.fields[name] = field
            if question.pk in initial_answers:
                self.initial[name] = (
                    str(initial_answers[question.pk])
                    if question.kind in (QuestionKind.SCALE, QuestionKind.RECOMMEND)
                    else initial_answers[question.pk]
                )

    def answers(self):
        """{question id: value} of the valid form."""
        return {question.pk: self.cleaned_data.get(field_name(question)) for question in self.questions}
