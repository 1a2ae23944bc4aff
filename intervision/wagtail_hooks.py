"""The intervision admin's hooks: its viewsets (``intervision/viewsets/``) under one "Intervision"
menu, the meeting cases screen's URL, the section on the private link page, and retention and
erasure of what intervision holds about a person."""

from django.template.loader import render_to_string
from django.urls import path
from wagtail import hooks

from intervision.viewsets import IntervisionViewSetGroup
from intervision.viewsets.meetings import MeetingCasesView
from participants.signals import PRIVATE_LINK_PANELS

from . import privacy
from .models import (
    Meeting,
    Membership,
    MembershipStatus,
)


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
