"""The intervision admin: groups, memberships (accept/decline), meetings (cases, rotation, attendance
list), cases and learnings, under one "Intervision" menu; and the section on the private link page.

Row-level rules, on top of the model permissions the roles get (migration 0002):
- memberships and meetings: the group's facilitator (and superusers);
- cases: the group's facilitator only, whatever the role; nobody has them in a report or export;
- learnings: the group's facilitator; whoever may publish them (the Secretariat) sees them all.
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from certificates.models import Certificate
from certificates.services import CertificateError, YearOutcome
from core import access
from core.audit import AuditedExportMixin
from participants.models import Attendance, Participant, Registration, RegistrationStatus
from participants.signals import PRIVATE_LINK_PANELS

from . import privacy, services
from .forms import GroupAdminForm, LearningAdminForm, MeetingSeriesForm
from .models import (
    DECIDABLE,
    Case,
    IntervisionGroup,
    Learning,
    Meeting,
    Membership,
    MembershipStatus,
)
from .rotation import Candidate, propose_rotation

# Row-level scoping for the generic views.


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return self.model.objects.visible_to(self.request.user)


class ScopedObjectMixin:
    """An object outside the user's scope is not found, rather than forbidden: its existence is not told."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.model.objects.visible_to(self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    pass


class ScopedInspectView(ScopedObjectMixin, generic.InspectView):
    pass


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class ScopedHistoryView(ScopedObjectMixin, history.HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, usage.UsageView):
    pass


class ScopedViewSetMixin:
    """Every view that shows one object (even only its name, as history and usage do) is scoped."""

    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    inspect_view_class = ScopedInspectView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False


# Groups, and creating a group's meetings in one go.


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


# Memberships: accept or decline.


class MembershipIndexView(AuditedExportMixin, ScopedIndexView):
    audit_export_name = "intervision-memberships"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("group", "participant", "organisation")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status in DECIDABLE:
            for action, label, icon in (("accept", _("Accept"), "check"), ("decline", _("Decline"), "cross")):
                buttons.append(
                    MenuItem(
                        label,
                        url=reverse(f"intervision_memberships:{action}", args=[instance.pk]),
                        icon_name=icon,
                        priority=5,
                    )
                )
        return buttons

    def get_list_buttons(self, instance):
        # Accept and decline are the point of this list: show them beside the row, not in a menu.
        buttons = super().get_list_buttons(instance)
        if instance.status in DECIDABLE:
            buttons.insert(
                0,
                Button(
                    _("Accept"),
                    url=reverse("intervision_memberships:accept", args=[instance.pk]),
                    icon_name="check",
                    attrs={"aria-label": _("Accept %(name)s") % {"name": instance.participant}},
                ),
            )
        return buttons


class DecisionView(generic.base.WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then accept or decline an application (a GET never changes anything)."""

    template_name = "intervision/admin/decision.html"
    action = "accept"

    def dispatch(self, request, pk):
        self.membership = get_object_or_404(
            Membership.objects.visible_to(request.user).select_related("group", "participant", "organisation"), pk=pk
        )
        if not request.user.has_perm("intervision.change_membership"):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Accept the application") if self.action == "accept" else _("Decline the application")

    def get_page_subtitle(self):
        return str(self.membership)

    def get_context_data(self, **kwargs):
        return super().get_context_data(membership=self.membership, action=self.action, **kwargs)

    def post(self, request, pk):
        service = services.accept if self.action == "accept" else services.decline
        try:
            service(membership=self.membership, by=request.user)
        except services.IntervisionError as error:
            messages.error(request, error.message)
        else:
            if self.action == "accept":
                messages.success(
                    request,
                    _("%(name)s is accepted and has been emailed the agreement.")
                    % {"name": self.membership.participant},
                )
            else:
                messages.success(request, _("%(name)s is declined.") % {"name": self.membership.participant})
        return redirect("intervision_memberships:index")


class MembershipViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Membership
    name = "intervision_memberships"
    url_prefix = "intervision/memberships"
    icon = "user"
    menu_label = _("Memberships")
    index_view_class = MembershipIndexView
    inspect_view_enabled = True
    list_display = ["participant", "organisation", "group", "status", "applied_at"]
    list_filter = ["status", "group"]
    list_export = ["participant", "organisation", "group", "status", "applied_at", "agreement_accepted_at", "left_at"]
    search_fields = ["participant__first_name", "participant__last_name", "participant__email", "organisation__name"]
    inspect_view_fields = [
        "participant",
        "organisation",
        "job_title",
        "sector",
        "motivation",
        "group",
        "status",
        "applied_at",
        "decided_at",
        "agreement_accepted_at",
        "left_at",
    ]
    panels = [FieldPanel("status", read_only=True), FieldPanel("job_title"), FieldPanel("sector")]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/accept/", DecisionView.as_view(action="accept"), name="accept"),
            path("<int:pk>/decline/", DecisionView.as_view(action="decline"), name="decline"),
        ]


# Meetings: the facilitator's screen for cases, the rotation and the attendance list.


class MeetingIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("group", "event").annotate(case_count=Count("cases"))

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.group.facilitator_id == self.request.user.pk:
            buttons.insert(
                0,
                Button(
                    _("Cases and attendance"),
                    url=reverse("intervision_meeting_cases", args=[instance.pk]),
                    icon_name="list-ul",
                ),
            )
        return buttons


def _meeting_when(meeting):
    return timezone.localtime(meeting.event.starts_at) if meeting.event.starts_at else None


class MeetingViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Meeting
    name = "intervision_meetings"
    url_prefix = "intervision/meetings"
    icon = "date"
    menu_label = _("Meetings")
    index_view_class = MeetingIndexView
    list_display = ["group", "number", Column("event", label=_("Event")), Column("case_count", label=_("Cases"))]
    list_filter = ["group"]
    panels = [FieldPanel("number")]


class MeetingCasesView(generic.base.WagtailAdminTemplateMixin, TemplateView):
    """Cases of one meeting with the rotation proposal, the case-holder choice and the attendance list."""

    template_name = "intervision/admin/meeting_cases.html"
    header_icon = "list-ul"

    def dispatch(self, request, pk):
        # Case content: the group's own facilitator only, whatever else the user may do.
        self.meeting = get_object_or_404(Meeting.objects.select_related("group", "event"), pk=pk)
        if not access.facilitates(request.user, self.meeting.group):
            raise Http404
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Cases and attendance")

    def get_page_subtitle(self):
        return str(self.meeting)

    def rotation(self, cases):
        meeting = self.meeting
        members = list(meeting.group.memberships.active().select_related("participant"))
        history = list(
            Case.objects.filter(
                meeting__group=meeting.group,
                selected_at__isnull=False,
                meeting__event__starts_at__lt=meeting.event.starts_at,
            ).values_list("membership_id", "meeting__event__starts_at")
        )
        by_key = {m.pk: m for m in members}
        counts = {}
        for key, _when in history:
            counts[key] = counts.get(key, 0) + 1
        submitted = {case.membership_id for case in cases}
        order = propose_rotation([Candidate(key=m.pk, joined_at=m.joined_at) for m in members], history)
        proposed = [c.key for c in order if c.key in submitted][: meeting.group.cases_per_meeting]
        rows = [
            {
                "membership": by_key[c.key],
                "presented": counts.get(c.key, 0),
                "last": max((when for key, when in history if key == c.key), default=None),
                "submitted": c.key in submitted,
                "proposed": c.key in proposed,
            }
            for c in order
        ]
        return rows, proposed

    def get_context_data(self, **kwargs):
        cases = list(self.meeting.cases.select_related("membership__participant"))
        rows, proposed = self.rotation(cases)
        any_selected = any(case.is_selected for case in cases)
        for case in cases:
            # Before the facilitator chooses, the proposal is ticked: one case per proposed member.
            case.ticked = case.is_selected if any_selected else (case.membership_id in proposed)
            if not any_selected and case.membership_id in proposed:
                proposed.remove(case.membership_id)
        registrations = list(
            Registration.objects.filter(event=self.meeting.event, status=RegistrationStatus.CONFIRMED)
            .select_related("participant", "organisation")
            .order_by("participant__last_name")
        )
        present = set(
            Attendance.objects.counted()
            .filter(session__page=self.meeting.event)
            .values_list("registration_id", flat=True)
        )
        for registration in registrations:
            registration.present = registration.pk in present
        return super().get_context_data(
            meeting=self.meeting, cases=cases, rotation=rows, registrations=registrations, **kwargs
        )

    def post(self, request, pk):
        if "case_holders" in request.POST:
            chosen = self.meeting.cases.filter(pk__in=request.POST.getlist("case"))
            services.select_case_holders(meeting=self.meeting, cases=chosen, by=request.user)
            messages.success(request, _("The case holders are saved."))
        elif "attendance" in request.POST:
            if self.meeting.event.starts_at and self.meeting.event.starts_at > timezone.now() + timedelta(hours=12):
                messages.error(request, _("The attendance list can be filled in from the day of the meeting."))
            else:
                present = Registration.objects.filter(
                    event=self.meeting.event,
                    status=RegistrationStatus.CONFIRMED,
                    pk__in=request.POST.getlist("present"),
                )
                services.record_attendance_list(meeting=self.meeting, present=present, by=request.user)
                messages.success(request, _("The attendance list is saved."))
        return redirect("intervision_meeting_cases", pk=self.meeting.pk)


# Cases: read-only, scoped to the facilitator; no export.


class CaseIndexView(ScopedIndexView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Confidential: cases are never exported to a spreadsheet, by anyone.
        self.is_export = False

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("membership__participant", "meeting__event", "meeting__group")


class CaseViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Case
    index_view_class = CaseIndexView
    # Out of Wagtail's reference index: a meeting's "usage" would list its cases by title to whoever
    # may edit the meeting, and case texts are for the group's facilitator only.
    add_to_reference_index = False
    name = "intervision_cases"
    url_prefix = "intervision/cases"
    icon = "doc-full"
    menu_label = _("Cases")
    inspect_view_enabled = True
    list_display = ["title", Column("membership", label=_("Member")), "meeting", "oecd_step", "selected_at"]
    list_filter = ["oecd_step", "meeting__group"]
    search_fields = ["title"]
    inspect_view_fields = ["title", "question", "oecd_step", "membership", "meeting", "submitted_at", "selected_at"]
    panels = [FieldPanel("title", read_only=True), FieldPanel("question", read_only=True)]


# Learnings: the facilitator writes, the secretariat publishes.


class LearningIndexView(AuditedExportMixin, ScopedIndexView):
    audit_export_name = "intervision-learnings"


class LearningCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class LearningViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Learning
    name = "intervision_learnings"
    url_prefix = "intervision/learnings"
    icon = "pick"
    menu_label = _("Learnings")
    index_view_class = LearningIndexView
    add_view_class = LearningCreateView
    list_display = ["title", "group", "oecd_step", "commodity", "published"]
    list_filter = ["published", "oecd_step", "group"]
    list_export = ["title", "group", "oecd_step", "commodity", "text", "published", "published_at"]
    search_fields = ["title", "text", "commodity"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("group"), FieldPanel("meeting")]),
            FieldPanel("title"),
            FieldPanel("text"),
            FieldRowPanel([FieldPanel("oecd_step"), FieldPanel("commodity")]),
            FieldPanel("published", permission="intervision.publish_learning"),
        ],
        base_form_class=LearningAdminForm,
    )


class IntervisionViewSetGroup(ViewSetGroup):
    menu_label = _("Intervision")
    menu_icon = "group"
    menu_order = 230
    items = (IntervisionGroupViewSet, MembershipViewSet, MeetingViewSet, CaseViewSet, LearningViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return IntervisionViewSetGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("intervision/meetings/<int:pk>/cases/", MeetingCasesView.as_view(), name="intervision_meeting_cases")]


@hooks.register(PRIVATE_LINK_PANELS, order=40)
def intervision_panel(request, registration):
    """On a meeting registration's private link: the group, and the way to its cases."""
    meeting = Meeting.objects.filter(event_id=registration.event_id).select_related("group").first()
    if meeting is None:
        return None
    membership = (
        Membership.objects.filter(group=meeting.group, participant_id=registration.participant_id)
        .order_by("-applied_at")
        .first()
    )
    if membership is None or membership.status != MembershipStatus.ACTIVE:
        return None
    return render_to_string(
        "intervision/private_link_panel.html",
        {"meeting": meeting, "membership": membership, "registration": registration},
        request=request,
    )


# Retention and erasure of what intervision holds about a person (intervision/privacy.py).
hooks.register("apply_retention", privacy.apply_intervision_retention)
hooks.register("participant_anonymise", privacy.anonymise_intervision)
hooks.register("participant_data_export", privacy.export_intervision)
