"""Meetings in the admin: the facilitator's screen for cases, the rotation and the attendance list."""

from datetime import timedelta

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from core import access
from core.admin_scope import ScopedIndexView, ScopedViewSetMixin
from intervision import services
from intervision.models import (
    Case,
    Meeting,
)
from intervision.rotation import Candidate, propose_rotation
from participants.models import Attendance, Registration, RegistrationStatus


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
