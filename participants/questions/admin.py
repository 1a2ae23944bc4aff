"""The questions in the Wagtail admin: a viewset scoped to the events a user runs (core.admin_scope),
and the answer columns of the registrations list and its CSV/XLSX export.

An organiser adds questions to their own events; a programme's default questions are the
Secretariat's (they are asked at every event of the programme, whoever organises it). Deleting a
question that people answered says how many answers go with it before anything is deleted.
"""

import django_filters
from django import forms
from django.db.models import Count
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from core import access
from core.admin_scope import ScopedDeleteView, ScopedIndexView, ScopedViewSetMixin
from events.choices import StakeholderType
from events.models import EventPage
from participants.models import CHOICE_KINDS, Question, QuestionKind


class QuestionForm(WagtailAdminModelForm):
    stakeholder_types = forms.MultipleChoiceField(
        label=gettext_lazy("Asked of"),
        choices=StakeholderType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("Tick none to ask everyone."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        events = access.scope_events(self.for_user, EventPage.objects.all()).order_by("-starts_at")
        self.fields["event"].queryset = events
        # Without the programme field (an organiser's form) the question is an event's.
        self.fields["event"].required = "programme" not in self.fields

    def clean(self):
        data = super().clean()
        event, programme = data.get("event"), data.get("programme")
        if bool(event) == bool(programme):
            self.add_error("event", _("Choose an event, or (for a default question) a programme, not both."))
        if data.get("kind") in CHOICE_KINDS:
            dutch = [line for line in (data.get("choices_nl") or "").splitlines() if line.strip()]
            english = [line for line in (data.get("choices_en") or "").splitlines() if line.strip()]
            if len(dutch) < 2:
                self.add_error("choices_nl", _("Give at least two choices, one a line."))
            elif english and len(english) != len(dutch):
                self.add_error("choices_en", _("Give as many English choices as Dutch ones, in the same order."))
        return data


class QuestionFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Event"),
        queryset=lambda request: access.scope_events(request.user, EventPage.objects.order_by("-starts_at")),
    )
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind of answer"), choices=QuestionKind.choices)

    class Meta:
        model = Question
        fields = ["event", "kind"]


class QuestionIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event", "programme").annotate(answer_count=Count("answers"))


class QuestionCreateView(generic.CreateView):
    def get_initial_form_instance(self):
        # "Add a question" from an event's page: that event is chosen already.
        instance = super().get_initial_form_instance() or self.model()
        event_id = self.request.GET.get("event", "")
        if event_id.isdigit() and access.may_run_event(self.request.user, int(event_id)):
            instance.event_id = int(event_id)
        return instance


class QuestionDeleteView(ScopedDeleteView):
    @cached_property
    def answer_count(self):
        return self.object.answers.count()

    @property
    def confirmation_message(self):
        if not self.answer_count:
            return _("Delete the question “%(question)s”? Nobody has answered it yet.") % {"question": self.object}
        return _(
            "Delete the question “%(question)s”? %(count)s people answered it: their answers are deleted with it, "
            "and no longer show in the registrations list, its export or the event's report."
        ) % {"question": self.object, "count": self.answer_count}


def where(question):
    return question.event.title if question.event_id else _("Programme: %(title)s") % {"title": question.programme}


class QuestionViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Question
    icon = "help"
    menu_label = gettext_lazy("Questions")
    menu_order = 221
    add_to_admin_menu = True
    add_to_reference_index = False
    index_view_class = QuestionIndexView
    add_view_class = QuestionCreateView
    delete_view_class = QuestionDeleteView
    filterset_class = QuestionFilterSet
    search_fields = ["text_nl", "text_en"]
    list_display = [
        Column("text_nl", label=gettext_lazy("Question"), accessor="text_nl"),
        Column("where", label=gettext_lazy("Event"), accessor=where),
        Column("kind", label=gettext_lazy("Kind of answer"), accessor="get_kind_display"),
        BooleanColumn("required", label=gettext_lazy("Required")),
        Column("asked_of", label=gettext_lazy("Asked of"), accessor=lambda q: ", ".join(q.stakeholder_type_labels())),
        Column("answer_count", label=gettext_lazy("Answers")),
    ]
    panels = [
        # Plain lists, not page choosers: an organiser chooses among their own events only.
        FieldRowPanel(
            [
                FieldPanel("event", widget=forms.Select),
                FieldPanel("programme", widget=forms.Select, permission=access.MANAGE_ALL_EVENTS),
            ]
        ),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required"), FieldPanel("sort_order")]),
        MultiFieldPanel(
            [FieldPanel("text_nl"), FieldPanel("help_nl"), FieldPanel("choices_nl")], heading=gettext_lazy("Dutch")
        ),
        MultiFieldPanel(
            [FieldPanel("text_en"), FieldPanel("help_en"), FieldPanel("choices_en")], heading=gettext_lazy("English")
        ),
        FieldPanel("stakeholder_types"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=QuestionForm).bind_to_model(self.model)


question_viewset = QuestionViewSet("questions")


# The registrations list and its export


class AnswerColumnsMixin:
    """For the registrations index view: answer columns, one per question when the list is filtered
    by one event, else one column with every answer ("question: answer; ...")."""

    @cached_property
    def listed_questions(self):
        event_id = self.request.GET.get("event", "")
        if not event_id.isdigit():
            return None
        event = access.scope_events(self.request.user, EventPage.objects.filter(pk=event_id)).first()
        return list(Question.objects.for_event(event)) if event else []

    def answer_fields(self):
        if self.listed_questions is None:
            return ["answers"]
        return [f"answer_{question.pk}" for question in self.listed_questions]

    def answer_value(self, registration, field):
        answers = registration.answers.all()  # prefetched
        if field == "answers":
            return "; ".join(f"{answer.question_text}: {answer.display()}" for answer in answers)
        question_id = int(field.removeprefix("answer_"))
        return next((answer.display() for answer in answers if answer.question_id == question_id), "")

    def answer_heading(self, field):
        if field == "answers":
            return _("Answers")
        question_id = int(field.removeprefix("answer_"))
        return next(question.text() for question in self.listed_questions if question.pk == question_id)

    def answer_columns(self):
        return [
            Column(
                field,
                label=self.answer_heading(field),
                accessor=lambda registration, field=field: self.answer_value(registration, field),
            )
            for field in self.answer_fields()
            if field != "answers"
        ]
