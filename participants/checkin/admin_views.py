"""Admin views of the check-in: an event's sessions with live counts, and revoking a QR code."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core import access
from core.audit import AuditedExportMixin
from events.models import EventPage
from participants import links
from participants.checkin import lists
from participants.mail.outbox import queue_email
from participants.models import Registration, ScanLog
from participants.tickets import QR_CID, qr_attachment


def event_checkin(request, page_id):
    event = get_object_or_404(EventPage, pk=page_id)
    if not access.may_run_event(request.user, event.pk):
        raise PermissionDenied
    sessions = [
        {
            "session": session,
            "counts": lists.session_counts(session),
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


def send_new_code(registration):
    """Email the participant their new QR code (once per code: the key names the code's hash)."""
    queue_email(
        key=f"checkin-code:{registration.pk}:{lists.code_hash(registration.checkin_code)[:16]}",
        to=registration.participant.email,
        template="participants/emails/checkin_new_code",
        context={
            "registration": registration,
            "qr_cid": QR_CID,
            "private_url": links.url(registration),
            "ticket_url": links.url(registration, "participants:checkin_ticket"),
        },
        language=registration.language,
        registration=registration,
        attachments=[qr_attachment(registration)],
    )


@require_POST
def revoke_code(request, registration_id):
    """Give a registration a new QR code: the old one (a lost or shared print-out) scans as invalid."""
    registration = get_object_or_404(Registration.objects.select_related("participant"), pk=registration_id)
    if not access.may_run_event(request.user, registration.event_id):
        raise PermissionDenied
    with transaction.atomic():
        registration.revoke_checkin_code()
        send_new_code(registration)
    messages.success(
        request,
        _("%(name)s has a new QR code, sent by email; the old one no longer works.")
        % {"name": registration.participant},
    )
    return redirect("participants_checkin_event", registration.event_id)


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The scan log is a record: it can be read (with the model's view permission), never edited."""

    def user_has_permission(self, user, action):
        return action in ("view", "inspect") and super().user_has_permission(user, "view")

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(ScanLog, ReadOnlyPolicy(ScanLog))


class ScanLogIndexView(AuditedExportMixin, generic.IndexView):
    audit_export_name = "scan-log"


class ScanLogViewSet(ModelViewSet):
    index_view_class = ScanLogIndexView
    model = ScanLog
    icon = "list-ul"
    menu_label = gettext_lazy("Scans at the door")
    add_to_admin_menu = True
    menu_order = 320
    inspect_view_enabled = True
    list_display = ["created_at", "session", "registration", "user", "action", "status", "reason"]
    list_filter = ["status", "action", "created_at"]
    list_export = ["created_at", "scanned_at", "session", "registration", "user", "action", "status", "reason", "nonce"]
    search_fields = ["reason", "nonce", "code_sha256"]
    inspect_view_fields = [
        "created_at",
        "scanned_at",
        "session",
        "registration",
        "user",
        "action",
        "status",
        "reason",
        "nonce",
        "code_sha256",
    ]
    form_fields = []  # nothing is editable: the policy refuses add and change anyway

    def get_queryset(self, request):
        return ScanLog.objects.select_related(
            "session__page", "registration__participant", "registration__event", "user"
        )
