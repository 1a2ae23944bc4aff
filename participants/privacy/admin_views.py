"""Admin views for the secretariat: the people we hold data about, erase a person, download what we
hold about them.

Only users who may delete participants (the Secretariat, superusers) reach them; erasures and
downloads are in the audit log. Organisers see the people of their own events in the registrations
instead: the listing here spans every event, so it is not theirs.
"""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core.audit import audit
from participants.models import Participant
from participants.privacy.erasure import ErasureError, erase_participant, export_participant_data

PERMISSION = "participants.delete_participant"


def check_permission(user):
    if not user.has_perm(PERMISSION):
        raise PermissionDenied


def listing_url():
    return reverse("participants_participant:index")


class SecretariatOnlyPolicy(ModelPermissionPolicy):
    """Who may erase people may list and inspect them; nobody adds, edits or deletes them here
    (people come in by registering, and leave by erasure, which keeps the anonymous rows)."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.has_perm(PERMISSION)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)


register_permission_policy(Participant, SecretariatOnlyPolicy(Participant))


class ParticipantIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                _("Download data (JSON)"),
                url=reverse("participants_privacy_export", args=[instance.pk]),
                icon_name="download",
                priority=40,
            )
        )
        if not instance.anonymised_at:
            buttons.append(
                MenuItem(
                    _("Erase data"),
                    url=reverse("participants_privacy_erase", args=[instance.pk]),
                    icon_name="bin",
                    priority=50,
                )
            )
        return buttons


class ParticipantViewSet(ModelViewSet):
    """Everyone we hold data about, across events, to find a person who asks to be erased."""

    model = Participant
    name = "participants_participant"
    url_prefix = "participants"
    icon = "user"
    menu_label = gettext_lazy("Participants")
    menu_order = 225
    add_to_admin_menu = True
    add_to_reference_index = False
    index_view_class = ParticipantIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []  # never edited here: the policy refuses add, change and delete
    list_display = [
        "__str__",
        "email",
        "organisation",
        DateColumn("created_at", label=gettext_lazy("Created")),
        DateColumn("anonymised_at", label=gettext_lazy("Erased")),
    ]
    search_fields = ["first_name", "last_name", "email", "organisation__name"]
    inspect_view_fields = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "job_title",
        "organisation",
        "preferred_language",
        "created_at",
        "anonymised_at",
    ]


participant_viewset = ParticipantViewSet()


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
