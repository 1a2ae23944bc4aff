"""Evaluations in the admin: results (per event, programme or period) and, for the Secretariat only,
who has answered, to send reminders.

Who sees what (``core.access``): an organiser the results of the events they organise; the
Secretariat every event's. Results never name anyone; the list of who answered never says what.
"""

import datetime

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput

from core import access
from core.audit import AuditedExportMixin
from events.models import EventPage, ProgrammePage
from participants.reports.filters import local_midnight

from . import services
from .models import Evaluation, Invitation, in_language
from .results import open_answers, results


def _programmes():
    return [(p.slug, p.title) for p in ProgrammePage.objects.order_by("title")]


def visible_evaluations(user):
    return Evaluation.objects.filter(event__in=access.scope_events(user, EventPage.objects.all()))


class ResultsFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=_("Event"),
        queryset=lambda request: access.scope_events(
            request.user, EventPage.objects.filter(evaluation__isnull=False)
        ).order_by("-starts_at"),
        method="keep",
    )
    programme = django_filters.ChoiceFilter(label=_("Programme"), choices=_programmes, method="keep")
    date_from = django_filters.DateFilter(label=_("Events from"), widget=AdminDateInput, method="keep")
    date_to = django_filters.DateFilter(label=_("Events until"), widget=AdminDateInput, method="keep")

    class Meta:
        model = EventPage
        fields = []

    def keep(self, queryset, name, value):
        return queryset

    def evaluations(self, user):
        chosen = visible_evaluations(user)
        data = self.form.cleaned_data if self.is_valid() else {}
        if data.get("event"):
            chosen = chosen.filter(event=data["event"])
        if data.get("programme"):
            programme = ProgrammePage.objects.filter(slug=data["programme"]).first()
            chosen = chosen.filter(event__path__startswith=programme.path) if programme else chosen.none()
        if data.get("date_from"):
            chosen = chosen.filter(event__starts_at__gte=local_midnight(data["date_from"]))
        if data.get("date_to"):
            chosen = chosen.filter(event__starts_at__lt=local_midnight(data["date_to"] + datetime.timedelta(days=1)))
        return chosen


class ResultsView(AuditedExportMixin, ReportView):
    """The figures of the chosen evaluations, and their open answers as the (exportable) list."""

    page_title = _("Evaluation results")
    header_icon = "tasks"
    template_name = "evaluations/admin/results.html"
    results_template_name = "evaluations/admin/results_results.html"
    index_url_name = "evaluations_admin:results"
    index_results_url_name = "evaluations_admin:results_results"
    filterset_class = ResultsFilterSet
    paginate_by = 100
    export_filename = "evaluation-open-answers"
    audit_export_name = "evaluation-open-answers"
    list_export = ["event", "question_text", "text"]

    @cached_property
    def export_headings(self):
        return {"event": _("Event"), "question_text": _("Question"), "text": _("Answer")}

    columns = [
        Column("event", label=_("Event")),
        Column("question_text", label=_("Question")),
        Column("text", label=_("Answer")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not access.runs_any_event(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def chosen(self):
        if self.filters is None:
            return visible_evaluations(self.request.user)
        return self.filters.evaluations(self.request.user)

    def get_queryset(self):
        language = translation.get_language()
        rows = []
        for answer in open_answers(self.chosen):
            answer.event = answer.question.evaluation.event.title
            answer.question_text = answer.question.text(language)
            rows.append(answer)
        return rows

    def filter_queryset(self, queryset):
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = results(self.chosen)
        language = translation.get_language()
        for question in figures["questions"]:
            question["text"] = in_language(question["text_nl"], question["text_en"], language)
            if question.get("distribution"):
                top = max(question["distribution"].values()) or 1
                question["bars"] = [
                    {"score": score, "n": n, "width": round(200 * n / top), "y": i * 18}
                    for i, (score, n) in enumerate(question["distribution"].items())
                ]
                question["height"] = 18 * len(question["bars"])
        context["figures"] = figures
        if figures["response_rate"] is not None:
            context["rate"] = round(100 * figures["response_rate"])
        context["sees_respondents"] = access.sees_all_events(self.request.user)
        context["evaluations"] = self.chosen.select_related("event").order_by("-opens_at")[:50]
        return context


class RespondentsView(ReportView):
    """The Secretariat's list of who was asked and who answered, to remind; never what anyone answered."""

    header_icon = "user"
    index_url_name = "evaluations_admin:respondents"
    index_results_url_name = "evaluations_admin:respondents_results"
    results_template_name = "evaluations/admin/respondents_results.html"
    paginate_by = 200
    columns = [
        Column("name", label=_("Name")),
        Column("invited_at", label=_("Invited")),
        Column("reminded_at", label=_("Reminded")),
        Column("answered", label=_("Answered")),
    ]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.evaluation = get_object_or_404(Evaluation.objects.select_related("event"), pk=kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if not access.sees_all_events(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Who answered: %(event)s") % {"event": self.evaluation.event.title}

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.evaluation.pk])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.evaluation.pk])

    def get_queryset(self):
        rows = list(
            Invitation.objects.filter(evaluation=self.evaluation)
            .select_related("registration__participant")
            .order_by("registration__participant__last_name", "pk")
        )
        for row in rows:
            row.name = row.registration.participant.full_name or str(_("(anonymised)"))
            row.answered = _("yes") if row.answered_at else _("no")
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["evaluation"] = self.evaluation
        context["remind_url"] = reverse("evaluations_admin:remind", args=[self.evaluation.pk])
        context["unanswered"] = self.evaluation.invitations.filter(answered_at__isnull=True).count()
        return context

    def post(self, request, *args, **kwargs):
        """Remind everyone asked who has not answered and was not reminded yet."""
        sent = 0
        due = self.evaluation.invitations.filter(answered_at__isnull=True, reminded_at__isnull=True).select_related(
            "registration__participant", "registration__event", "evaluation__event"
        )
        if self.evaluation.is_open():
            for invitation in due:
                if services.attended(invitation.registration):
                    sent += services.remind(invitation)
        messages.success(request, _("%(count)s reminders sent.") % {"count": sent})
        return HttpResponseRedirect(reverse("evaluations_admin:respondents", args=[self.evaluation.pk]))
