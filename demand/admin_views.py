"""Demand in the admin (the Secretariat's): who asked to hear of a new training, per programme,
region, stakeholder type and language, next to the waiting lists of full events and the follow-up
topics evaluations asked for. Where people wait is where the next training goes. Counts only: no
address is shown."""

from collections import Counter

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from core import access
from core.audit import AuditedExportMixin
from evaluations.models import Evaluation, QuestionKind
from evaluations.results import open_answers
from events.choices import EventLanguage, StakeholderType
from events.models import EventPage, ProgrammePage
from participants.models import RegistrationStatus

from .models import Interest
from .services import normalise


class DemandView(AuditedExportMixin, ReportView):
    page_title = _("Demand for trainings")
    header_icon = "group"
    results_template_name = "demand/admin/demand_results.html"
    index_url_name = "demand_admin:index"
    index_results_url_name = "demand_admin:index_results"
    export_filename = "demand-for-trainings"
    audit_export_name = "demand-for-trainings"
    paginate_by = 200
    list_export = ["programme", "region", "stakeholder", "language", "interested"]

    @cached_property
    def export_headings(self):
        return {
            "programme": _("Programme"),
            "region": _("Region or city"),
            "stakeholder": _("Stakeholder type"),
            "language": _("Language"),
            "interested": _("Interested"),
        }

    columns = [
        Column("programme", label=_("Programme")),
        Column("region", label=_("Region or city")),
        Column("stakeholder", label=_("Stakeholder type")),
        Column("language", label=_("Language")),
        Column("interested", label=_("Interested")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not access.sees_all_events(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        titles = dict(ProgrammePage.objects.values_list("pk", "title"))
        types, languages = dict(StakeholderType.choices), dict(EventLanguage.choices)
        counts = Counter()
        for programme, region, stakeholder, language in Interest.objects.active().values_list(
            "programme_id", "region", "stakeholder_type", "language"
        ):
            counts[(programme, normalise(region), stakeholder, language)] += 1
        rows = [
            {
                "programme": titles.get(programme, ""),
                "region": region.title() if region else str(_("(anywhere)")),
                "stakeholder": str(types.get(stakeholder, stakeholder)),
                "language": str(languages.get(language, language)),
                "interested": n,
            }
            for (programme, region, stakeholder, language), n in counts.items()
        ]
        return sorted(rows, key=lambda r: (r["programme"], -r["interested"], r["region"]))

    def filter_queryset(self, queryset):
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["waiting"] = (
            EventPage.objects.filter(starts_at__gt=timezone.now())
            .annotate(waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)))
            .filter(waiting__gt=0)
            .order_by("-waiting", "starts_at")
        )
        topics = Counter()
        shown = {}
        for answer in open_answers(Evaluation.objects.all()).filter(question__kind=QuestionKind.TOPIC):
            key = normalise(answer.text)
            topics[key] += 1
            shown.setdefault(key, answer.text.strip())
        context["topics"] = [(shown[key], n) for key, n in topics.most_common(30)]
        context["total"] = Interest.objects.active().count()
        return context
