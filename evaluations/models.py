"""Evaluations: a template per kind of event, an evaluation per event, and anonymous answers.

Who answered and what was answered are kept apart by design:

- ``Invitation`` is a person's row (their registration): invited, reminded, answered. The
  Secretariat sees it to send reminders, nothing more.
- ``Response`` and its ``Answer`` rows hold what was answered, with no registration, no person, no
  time of day (only the date) and a random primary key, so neither a column nor the order of the rows
  tells whose answers they are.
- To let a person change their answers until the evaluation closes, their invitation holds a random
  ``answer_key``, sealed (``participants.hashed_secrets``), and the response its keyed hash. A read
  of the database links nothing; erasure and the retention policy blank the key, and the link is gone
  for good while the answers still count (evaluations/privacy.py).
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from events.choices import EventKind, EventLanguage
from events.models import EventPage, EventSession
from participants.models import Registration


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale from 1 to 5")
    RECOMMEND = "recommend", _("Recommendation, 0 to 10")
    OPEN = "open", _("Open question")
    TOPIC = "topic", _("Follow-up topic (open)")


SCORED = (QuestionKind.SCALE, QuestionKind.RECOMMEND)
TEXT = (QuestionKind.OPEN, QuestionKind.TOPIC)


def in_language(nl, en, language=None):
    """The Dutch or English text, by ``language`` (default: the active one); Dutch when English is empty."""
    language = (language or translation.get_language() or "nl")[:2]
    return en if language == "en" and en else nl


class EvaluationTemplate(ClusterableModel):
    """The questions of an evaluation for a kind of event; the Secretariat edits them in the admin."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind of event"), max_length=20, choices=EventKind.choices, unique=True)
    intro_nl = models.TextField(_("introduction (Dutch)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    open_days = models.PositiveSmallIntegerField(
        _("open for (days)"), default=21, help_text=_("How long after the last session the form can be filled in.")
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind"), FieldPanel("open_days")]),
        MultiFieldPanel([FieldPanel("intro_nl"), FieldPanel("intro_en")], heading=_("Introduction")),
        InlinePanel("questions", heading=_("Questions"), label=_("Question"), min_num=1),
    ]

    class Meta:
        verbose_name = _("evaluation template")
        verbose_name_plural = _("evaluation templates")
        ordering = ["kind"]

    def __str__(self):
        return self.name


class QuestionFields(models.Model):
    """What a question says; a template's question and its copy in an evaluation share these."""

    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_("Short name that stays the same across events, so results can be added up (e.g. 'content')."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.SCALE)
    text_nl = models.CharField(_("question (Dutch)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    low_label_nl = models.CharField(_("label of the lowest score (Dutch)"), max_length=80, blank=True)
    low_label_en = models.CharField(_("label of the lowest score (English)"), max_length=80, blank=True)
    high_label_nl = models.CharField(_("label of the highest score (Dutch)"), max_length=80, blank=True)
    high_label_en = models.CharField(_("label of the highest score (English)"), max_length=80, blank=True)

    class Meta:
        abstract = True

    def text(self, language=None):
        return in_language(self.text_nl, self.text_en, language)

    def low_label(self, language=None):
        return in_language(self.low_label_nl, self.low_label_en, language)

    def high_label(self, language=None):
        return in_language(self.high_label_nl, self.high_label_en, language)

    @property
    def scores(self):
        if self.kind == QuestionKind.SCALE:
            return list(range(1, 6))
        if self.kind == QuestionKind.RECOMMEND:
            return list(range(0, 11))
        return []


class TemplateQuestion(QuestionFields):
    template = ParentalKey(EvaluationTemplate, on_delete=models.CASCADE, related_name="questions")
    sort_order = models.IntegerField(null=True, blank=True, editable=False)
    per_session = models.BooleanField(
        _("ask per session"), default=False, help_text=_("Asked once for each session (day 1, day 2 ...).")
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("kind"), FieldPanel("per_session")]),
        FieldRowPanel([FieldPanel("text_nl"), FieldPanel("text_en")]),
        FieldRowPanel([FieldPanel("low_label_nl"), FieldPanel("high_label_nl")]),
        FieldRowPanel([FieldPanel("low_label_en"), FieldPanel("high_label_en")]),
    ]

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("question")

    def __str__(self):
        return self.text_nl


class Evaluation(models.Model):
    """The evaluation of one event: its questions (copied from the template), when it is open."""

    event = models.OneToOneField(EventPage, on_delete=models.CASCADE, related_name="evaluation")
    template = models.ForeignKey(EvaluationTemplate, on_delete=models.SET_NULL, null=True, blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    changeable = models.BooleanField(
        _("answers can be changed until it closes"),
        default=True,
        help_text=_("Off: a participant saves their answers once and cannot change them."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldPanel("event", read_only=True),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("changeable"),
    ]

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-opens_at"]

    def __str__(self):
        return str(self.event)

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The evaluation must close after it opens.")})

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class Question(QuestionFields):
    """A question of one evaluation: the template's at the time, per session where it asks so."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    session = models.ForeignKey(EventSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    session_number = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["evaluation", "position"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "position"], name="one_question_per_position")]

    def __str__(self):
        return self.text_nl

    @property
    def key(self):
        """What the results add up across events: the code, and the session's number."""
        return f"{self.code}:{self.session_number}" if self.session_number else self.code

    def text(self, language=None):
        text = super().text(language)
        if self.session_number:
            with translation.override(language or translation.get_language()):
                return _("%(session)s: %(question)s") % {"session": self.session_title, "question": text}
        return text

    @property
    def session_title(self):
        if self.session is not None:
            return self.session.title
        return _("Session %(number)s") % {"number": self.session_number}


class Invitation(models.Model):
    """A person asked to evaluate (they attended): invited, reminded, answered. Never their answers."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="invitations")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="evaluation_invitations")
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # The sealed random key whose hash the response holds; blank once unlinked (erasure, retention).
    answer_key_sealed = models.TextField(blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "registration"], name="one_invitation_per_registration")
        ]

    def __str__(self):
        return f"{self.evaluation} / {self.registration_id}"


class Response(models.Model):
    """One person's answers, with nothing that says whose: a random id, the date only."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="responses")
    language = models.CharField(max_length=2, choices=EventLanguage.choices, default=EventLanguage.DUTCH)
    submitted_on = models.DateField(default=timezone.localdate)
    key_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("response")

    def __str__(self):
        return str(self.evaluation)


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    text_deleted_at = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="evaluation_one_answer_per_question")
        ]

    def __str__(self):
        return str(self.question)
