"""Admin views of the check-in: an event's sessions with live counts, and revoking a QR code."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.models import EventPage

from . import checkin
from .models import Registration


def event_checkin(request, page_id):
    event = get_object_or_404(EventPage, pk=page_id)
    if not checkin.may_check_in(request.user, event.pk):
        raise PermissionDenied
    sessions = [
        {
            "session": session,
            "counts": checkin.session_counts(session),
            "counts_url": reverse("participants:checkin_counts_api", args=[session.pk]),
        }
        for session in event.ordered_sessions
    ]
    registrations = (
        Registration.objects.filter(event=event)
        .select_related("participant", "organisation")
        .order_by("participant__last_name", "participant__first_name")
    )
    return TemplateResponse(
        request,
        "participants/checkin/admin_event.html",
        {"event": event, "sessions": sessions, "registrations": registrations, "header_title": event.title},
    )


@require_POST
def revoke_code(request, registration_id):
    """Give a registration a new QR code: the old one (a lost or shared print-out) scans as invalid."""
    registration = get_object_or_404(Registration.objects.select_related("participant"), pk=registration_id)
    if not checkin.may_check_in(request.user, registration.event_id):
        raise PermissionDenied
    registration.revoke_checkin_code()
    messages.success(
        request, _("%(name)s has a new QR code; the old one no longer works.") % {"name": registration.participant}
    )
    return redirect("participants_checkin_event", registration.event_id)
