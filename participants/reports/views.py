"""The statistics in the Wagtail admin: report views with spreadsheet export, charts, attendance lists.

Who sees what: the Secretariat (and superusers) see the cross-event figures and charts; an organiser
sees the figures and attendance lists of the events they organise (``EventPage.organisers``), and
nothing of other events.
"""

import datetime

import django_filters
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput

from core import access
from core.audit import AuditedExportMixin
from events.choices import EventKind, StakeholderType
from events.models import EventPage, ProgrammePage
from participants.models import Attendance, Registration, RegistrationStatus
from participants.reports import charts
from participants.reports.answers import answer_tables
from participants.reports.export import report_rows
from participants.reports.figures import FIGURES
from participants.reports.filters import ReportFilters, calendar_year, covenant_year
from participants.reports.queries import ReportError, build_report

CHART_CACHE_SECONDS = 60


def _years():
    this_year = timezone.localdate().year
    return [(str(y), str(y)) for y in range(this_year + 1, 2019, -1)]


def _covenant_years():
    this_year = timezone.localdate().year
    return [(str(y), f"{y}/{y + 1}") for y in range(this_year, 2019, -1)]


def _programmes():
    return [(p.slug, p.title) for p in ProgrammePage.objects.order_by("title")]


class StatisticsFilterSet(WagtailFilterSet):
    """The report's filters as a form. They choose events and a stakeholder type; the report does the rest."""

    year = django_filters.ChoiceFilter(label=_("Calendar year"), choices=_years, method="keep")
    covenant_year = django_filters.ChoiceFilter(
        label=_("Covenant year (June to June)"), choices=_covenant_years, method="keep"
    )
    date_from = django_filters.DateFilter(label=_("Events from"), widget=AdminDateInput, method="keep")
    date_to = django_filters.DateFilter(label=_("Events until"), widget=AdminDateInput, method="keep")
    programme = django_filters.ChoiceFilter(label=_("Programme"), choices=_programmes, method="keep")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EventKind.choices, method="keep")
    event = django_filters.ModelChoiceFilter(
        label=_("Event"), queryset=lambda request: _visible_events(request.user).order_by("-starts_at"), method="keep"
    )
    stakeholder_type = django_filters.ChoiceFilter(
        label=_("Stakeholder type"), choices=StakeholderType.choices, method="keep"
    )

    class Meta:
        model = EventPage
        fields = []

    def keep(self, queryset, name, value):
        return queryset

    def report_filters(self, *, organiser=None, now=None):
        """The ReportFilters the form describes (an invalid form: no filters)."""
        data = self.form.cleaned_data if self.is_valid() else {}
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if data.get("year"):
            date_from, date_to = calendar_year(int(data["year"]))
        elif data.get("covenant_year"):
            date_from, date_to = covenant_year(int(data["covenant_year"]))
        event = data.get("event")
        return ReportFilters(
            date_from=date_from,
            date_to=date_to,
            programme=data.get("programme") or None,
            kind=data.get("kind") or None,
            event=event.pk if event else None,
            stakeholder_type=data.get("stakeholder_type") or None,
            organiser=organiser,
            now=now,
        )


def _visible_events(user):
    return access.scope_events(user, EventPage.objects.all())


class StatisticsView(AuditedExportMixin, ReportView):
    """Every figure of the report, with filters, tooltips, charts and the headline; export as CSV/XLSX."""

    page_title = _("Attendance statistics")
    header_icon = "table"
    template_name = "participants/reports/statistics.html"
    results_template_name = "participants/reports/statistics_results.html"
    index_url_name = "participants_statistics:index"
    index_results_url_name = "participants_statistics:index_results"
    filterset_class = StatisticsFilterSet
    paginate_by = 100
    export_filename = "attendance-statistics"
    list_export = ["section", "item", "measure", "value"]
    export_headings = {"section": "section", "item": "item", "measure": "measure", "value": "value"}
    columns = [
        Column("section", label=_("Section")),
        Column("item", label=_("Item")),
        Column("measure", label=_("Measure")),
        Column("value", label=_("Value")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not access.sees_all_events(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def report(self):
        if self.filters and not self.filters.is_valid():
            problems = "; ".join(
                f"{self.filters.form.fields[name].label}: {' '.join(errors)}"
                if name in self.filters.form.fields
                else " ".join(errors)
                for name, errors in self.filters.form.errors.items()
            )
            return None, _("Check the filters. %(problems)s") % {"problems": problems}
        filters = self.filters.report_filters() if self.filters else ReportFilters()
        if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
            return None, _("The period ends before it starts: check the dates.")
        try:
            return build_report(filters), None
        except ReportError as error:
            return None, str(error)

    def get_queryset(self):
        report, _error = self.report
        return report_rows(report) if report else []

    def filter_queryset(self, queryset):
        return queryset  # the filters choose the report; its rows are not filtered again

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report, error = self.report
        context["report"] = report
        context["report_error"] = error
        context["figures"] = FIGURES
        query = self.request.GET.copy()
        for key in ("export", "p", "_w_filter_fragment"):
            query.pop(key, None)
        context["charts"] = []
        if report:
            language = translation.get_language() or "nl"
            for name in charts.CHARTS:
                title, description = charts.describe(report, name, language)
                url = reverse("participants_statistics:chart", args=[name, "svg"])
                context["charts"].append(
                    {
                        "title": title,
                        "description": description,
                        "svg": f"{url}?{query.urlencode()}",
                        "png": f"{reverse('participants_statistics:chart', args=[name, 'png'])}?{query.urlencode()}",
                    }
                )
            context["stakeholder_rows"] = [
                (label, report["by_stakeholder_type"][value]) for value, label in StakeholderType.choices
            ]
        return context


def chart_view(request, name, fmt):
    """A chart of the filtered report as PNG or SVG; ?download=1 saves it as a file."""
    if not access.sees_all_events(request.user):
        raise PermissionDenied
    if name not in charts.CHARTS or fmt not in charts.FORMATS:
        raise Http404
    filterset = StatisticsFilterSet(request.GET, queryset=EventPage.objects.none(), request=request)
    filters = filterset.report_filters()
    # The statistics page asks for three charts of the same report at once: count it once a minute.
    key = "statistics:chart-report:" + "&".join(f"{k}={v}" for k, v in filters.describe())
    report = cache.get(key)
    if report is None:
        try:
            report = build_report(filters)
        except ReportError as error:
            raise Http404(str(error)) from None
        cache.set(key, report, CHART_CACHE_SECONDS)
    language = request.GET.get("language") or translation.get_language() or "nl"
    if language not in ("nl", "en"):
        language = "nl"
    response = HttpResponse(charts.render(report, name, fmt, language), content_type=charts.FORMATS[fmt])
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="attendance-{name}.{fmt}"'
    return response


class EventFilterSet(WagtailFilterSet):
    starts_at = django_filters.DateFromToRangeFilter(
        label=_("Starts"), field_name="starts_at", widget=DateRangePickerWidget
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EventKind.choices)

    class Meta:
        model = EventPage
        fields = []


class EventAttendanceView(AuditedExportMixin, ReportView):
    """Per event: registrations, check-ins and completions; an organiser sees only their own events."""

    page_title = _("Attendance by event")
    header_icon = "date"
    index_url_name = "participants_statistics:events"
    index_results_url_name = "participants_statistics:events_results"
    filterset_class = EventFilterSet
    export_filename = "attendance-by-event"
    list_export = [
        "title",
        "kind",
        "starts_at",
        "sessions_count",
        "required_sessions_count",
        "confirmed",
        "waitlisted",
        "cancelled",
        "participations",
        "completed",
        "no_shows",
    ]
    export_headings = {
        "title": _("Event"),
        "kind": _("Kind"),
        "starts_at": _("Starts"),
        "sessions_count": _("Sessions"),
        "required_sessions_count": _("Required sessions"),
        "confirmed": _("Confirmed"),
        "waitlisted": _("Waiting list"),
        "cancelled": _("Cancelled"),
        "participations": _("Participations"),
        "completed": _("Completions"),
        "no_shows": _("No-shows"),
    }
    default_ordering = "-starts_at"

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title", label=_("Event"), get_url=lambda e: reverse("participants_statistics:attendance", args=[e.pk])
            ),
            # In the event's own zone, with the zone: "2 maart 2027 09:00 (Bogotá, UTC-5)".
            Column("starts_at", accessor="starts_local", label=_("Starts"), sort_key="starts_at"),
            Column("confirmed", label=_("Confirmed")),
            Column("participations", label=_("Participations")),
            Column("completed", label=_("Completions")),
            Column("no_shows", label=_("No-shows")),
        ]

    def get_base_queryset(self):
        return _visible_events(self.request.user).filter(starts_at__isnull=False)

    def get_valid_orderings(self):
        return ["starts_at", "-starts_at"]

    def decorate_paginated_queryset(self, object_list):
        """Fill in each event's figures from the report, limited to the events on this page: one report."""
        events = list(object_list)  # evaluates the queryset the table shows, so the changes below show
        if not events:
            return object_list
        user = None if access.sees_all_events(self.request.user) else self.request.user
        report = build_report(ReportFilters(organiser=user, event=tuple(e.pk for e in events)))
        rows = {row["id"]: row for row in report["by_event"]}
        for event in events:
            event.starts_local = f"{date_format(event.local(event.starts_at), 'j F Y H:i')} ({event.zone_label})"
            row = rows.get(event.pk)
            event.sessions_count = row["sessions"] if row else 0
            event.required_sessions_count = row["required_sessions"] if row else 0
            for status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED):
                setattr(event, status.value, row["registrations"][status.value] if row else 0)
            event.participations = row["participations"] if row else 0
            event.completed = row["completed"] if row else 0
            event.no_shows = row["no_shows"] if row else 0
        return object_list


class AttendanceListView(AuditedExportMixin, ReportView):
    """One event's attendance list: who registered, as what, and which sessions they were checked in for."""

    header_icon = "list-ul"
    template_name = "participants/reports/attendance_list.html"
    index_url_name = "participants_statistics:attendance"
    index_results_url_name = "participants_statistics:attendance_results"
    paginate_by = 100

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.event = get_object_or_404(EventPage, pk=kwargs["event_id"])
        self.event_sessions = list(self.event.sessions.order_by("starts_at", "pk"))

    def dispatch(self, request, *args, **kwargs):
        if not access.may_run_event(request.user, self.event):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Attendance list: %(event)s") % {"event": self.event.title}

    def get_context_data(self, **kwargs):
        # The answers to the event's own questions, counted per choice (reports/answers.py).
        return {
            **super().get_context_data(**kwargs),
            "answer_tables": answer_tables(self.event, translation.get_language()),
        }

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.event.pk])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.event.pk])

    audit_export_name = "attendance-list"

    def get_audit_object(self):
        return self.event

    def get_filename(self):
        return f"attendance-{self.event.slug}-{datetime.date.today():%Y%m%d}"

    @cached_property
    def list_export(self):
        return (
            ["name", "organisation_name", "stakeholder", "size", "status_label"]
            + [f"session_{i}" for i in range(len(self.event_sessions))]
            + ["sessions_attended"]
        )

    @cached_property
    def export_headings(self):
        headings = {
            "name": _("Name"),
            "organisation_name": _("Organisation"),
            "stakeholder": _("Stakeholder type"),
            "size": _("Company size"),
            "status_label": _("Status"),
            "sessions_attended": _("Sessions attended"),
        }
        for i, session in enumerate(self.event_sessions):
            headings[f"session_{i}"] = session.title
        return headings

    @cached_property
    def columns(self):
        columns = [
            Column("name", label=_("Name")),
            Column("organisation_name", label=_("Organisation")),
            Column("stakeholder", label=_("Stakeholder type")),
            Column("status_label", label=_("Status")),
        ]
        columns += [Column(f"session_{i}", label=s.title) for i, s in enumerate(self.event_sessions)]
        return columns

    def get_base_queryset(self):
        counted = Attendance.objects.filter(undone_at__isnull=True)
        return (
            Registration.objects.filter(event=self.event)
            .select_related("participant", "organisation")
            .prefetch_related(Prefetch("attendances", queryset=counted, to_attr="counted_attendances"))
            .order_by("participant__last_name", "participant__first_name", "pk")
        )

    def decorate_paginated_queryset(self, object_list):
        # In place: the table holds the same (now evaluated) queryset.
        for registration in object_list:
            self.decorate(registration)
        return object_list

    def decorate(self, registration):
        attended = {a.session_id for a in registration.counted_attendances}
        cancelled = registration.status == RegistrationStatus.CANCELLED
        registration.name = registration.participant.full_name or str(_("(anonymised)"))
        registration.organisation_name = registration.organisation.name if registration.organisation else ""
        registration.stakeholder = registration.get_stakeholder_type_display()
        registration.size = registration.get_company_size_display()
        registration.status_label = registration.get_status_display()
        for i, session in enumerate(self.event_sessions):
            # A cancelled registration is never attended, even with a check-in left from before.
            setattr(registration, f"session_{i}", "✓" if session.pk in attended and not cancelled else "")
        registration.sessions_attended = 0 if cancelled else len(attended)
        return registration
