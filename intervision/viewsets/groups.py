"""Intervision groups in the admin, creating a group's meetings in one go, and its year certificates."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from certificates.models import Certificate
from certificates.services import CertificateError, YearOutcome
from core import access
from intervision import services
from intervision.forms import GroupAdminForm, MeetingSeriesForm
from intervision.models import (
    IntervisionGroup,
)
from participants.models import Attendance, Participant


class GroupIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if access.may_manage_meetings(self.request.user, instance):
            buttons.append(
                MenuItem(
                    _("Create meetings"),
                    url=reverse("intervision_groups:series", args=[instance.pk]),
                    icon_name="date",
                    priority=15,
                )
            )
        if access.may_issue_group_certificates(self.request.user, instance):
            buttons.append(
                MenuItem(
                    _("Certificates of participation"),
                    url=reverse("intervision_groups:certificates", args=[instance.pk]),
                    icon_name="doc-full-inverse",
                    priority=17,
                )
            )
        buttons.append(MenuItem(_("View public page"), url=instance.get_absolute_url(), icon_name="view", priority=16))
        return buttons


class MeetingSeriesView(generic.base.WagtailAdminTemplateMixin, FormView):
    form_class = MeetingSeriesForm
    template_name = "intervision/admin/series.html"
    header_icon = "date"

    def dispatch(self, request, pk):
        self.group = get_object_or_404(IntervisionGroup, pk=pk)
        if not access.may_manage_meetings(request.user, self.group):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Create meetings")

    def get_page_subtitle(self):
        return self.group.name

    def get_initial(self):
        return {"programme": self.group.programme, "start_time": "14:00", "end_time": "16:00"}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            meetings = services.create_meeting_series(
                group=self.group,
                programme=data["programme"].specific,
                first_date=data["first_date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                interval_weeks=data["interval_weeks"],
                count=data["count"],
                venue=data["venue"],
                online_url=data["online_url"],
            )
        except services.IntervisionError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(count)s meetings created for %(group)s. Edit dates and places in the page tree.")
            % {"count": len(meetings), "group": self.group.name},
        )
        return redirect("intervision_meetings:index")


class YearCertificatesView(generic.base.WagtailAdminTemplateMixin, TemplateView):
    """A group's year certificates: who attended a meeting in the year, their certificate, and "issue"."""

    template_name = "intervision/admin/year_certificates.html"
    header_icon = "doc-full-inverse"

    def dispatch(self, request, pk):
        self.group = get_object_or_404(IntervisionGroup, pk=pk)
        if not access.may_issue_group_certificates(request.user, self.group):
            raise Http404  # Another group's facilitator is not told that the group exists.
        self.years = sorted(
            {
                timezone.localtime(starts_at).year
                for starts_at in Attendance.objects.counted()
                .filter(session__page__intervision_meeting__group=self.group)
                .values_list("session__starts_at", flat=True)
            },
            reverse=True,
        )
        typed = request.POST.get("year") or request.GET.get("year") or ""
        self.year = int(typed) if typed.isdigit() and int(typed) in self.years else None
        if self.year is None:
            self.year = self.years[0] if self.years else timezone.localdate().year
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Certificates of participation")

    def get_page_subtitle(self):
        return self.group.name

    def get_context_data(self, **kwargs):
        candidates = list(services.year_certificate_candidates(group=self.group, year=self.year))
        meetings = dict(
            Attendance.objects.counted()
            .filter(
                session__page__intervision_meeting__group=self.group,
                session__starts_at__year=self.year,
                registration__participant__in=candidates,
            )
            .exclude(session__page__status="cancelled")
            .values("registration__participant")
            .annotate(n=Count("session__page", distinct=True))
            .values_list("registration__participant", "n")
        )
        certificates = {c.participant_id: c for c in Certificate.objects.of_series(self.group).filter(year=self.year)}
        rows = [
            {"participant": p, "meetings": meetings.get(p.pk, 0), "certificate": certificates.get(p.pk)}
            for p in candidates
        ]
        return super().get_context_data(group=self.group, year=self.year, years=self.years, rows=rows, **kwargs)

    def post(self, request, pk):
        participants = None
        if request.POST.get("participant", "").isdigit():
            participants = [Participant(pk=int(request.POST["participant"]))]
        try:
            counts = services.issue_year_certificates(
                group=self.group, year=self.year, by=request.user, participants=participants
            )
        except CertificateError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(issued)s certificates issued and %(updated)s updated (emailed); %(unchanged)s already up to date.")
                % {
                    "issued": counts.get(YearOutcome.ISSUED, 0),
                    "updated": counts.get(YearOutcome.UPDATED, 0),
                    "unchanged": counts.get(YearOutcome.UNCHANGED, 0),
                },
            )
        return redirect(reverse("intervision_groups:certificates", args=[self.group.pk]) + f"?year={self.year}")


class IntervisionGroupViewSet(ModelViewSet):
    model = IntervisionGroup
    name = "intervision_groups"
    url_prefix = "intervision/groups"
    icon = "group"
    menu_label = _("Groups")
    index_view_class = GroupIndexView
    copy_view_enabled = False
    list_display = ["name", "theme", "facilitator", "method", Column("seats_taken", label=_("Members"))]
    list_filter = ["method", "accepts_applications"]
    search_fields = ["name", "theme"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("theme"),
            FieldPanel("description"),
            FieldRowPanel(
                [
                    FieldPanel("facilitator", permission=access.ASSIGN_ORGANISERS),
                    FieldPanel("method"),
                    FieldPanel("language"),
                ]
            ),
            FieldRowPanel([FieldPanel("min_size"), FieldPanel("max_size"), FieldPanel("cases_per_meeting")]),
            FieldPanel("agreement"),
            MultiFieldPanel(
                [FieldPanel("programme"), FieldPanel("accepts_applications")], heading=_("Meetings and applications")
            ),
        ],
        base_form_class=GroupAdminForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/series/", MeetingSeriesView.as_view(), name="series"),
            path("<int:pk>/certificates/", YearCertificatesView.as_view(), name="certificates"),
        ]
