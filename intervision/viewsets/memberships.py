"""Memberships in the admin: the facilitator accepts or declines an application."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from core.admin_scope import ScopedIndexView, ScopedViewSetMixin
from core.audit import AuditedExportMixin
from intervision import services
from intervision.models import (
    DECIDABLE,
    Membership,
)


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
