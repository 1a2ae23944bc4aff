"""Admin views for the secretariat: erase a person, download what we hold about them.

Only users who may delete participants (the Secretariat, superusers) reach them; both are in the
audit log. The participant listing links to them (participants/wagtail_hooks.py).
"""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .audit import audit
from .models import Participant
from .privacy import ErasureError, erase_participant, export_participant_data

PERMISSION = "participants.delete_participant"


def check_permission(user):
    if not user.has_perm(PERMISSION):
        raise PermissionDenied


def listing_url():
    for name in ("participants_participant:index", "wagtailadmin_home"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return "/admin/"


class EraseParticipantView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "participants/admin/erase_participant.html"
    page_title = gettext_lazy("Erase personal data")
    header_icon = "warning"

    def dispatch(self, request, pk):
        check_permission(request.user)
        self.participant = get_object_or_404(Participant, pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.participant)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            participant=self.participant,
            registrations=self.participant.registrations.select_related("event").order_by("-created_at"),
            export_url=reverse("participants_privacy_export", args=[self.participant.pk]),
            cancel_url=listing_url(),
            **kwargs,
        )

    def post(self, request, pk):
        try:
            erase_participant(participant=self.participant, actor=request.user, reason="secretariat")
        except ErasureError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The person's personal data has been erased."))
        return redirect(listing_url())


def export_participant(request, pk):
    check_permission(request.user)
    participant = get_object_or_404(Participant, pk=pk)
    audit("covenant.export", actor=request.user, obj=participant, what="participant_data")
    response = HttpResponse(
        json.dumps(export_participant_data(participant), indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="participant-{participant.pk}-{timezone.localdate():%Y-%m-%d}.json"'
    )
    return response
