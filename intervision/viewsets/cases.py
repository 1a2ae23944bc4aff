"""Cases (read-only, for the group's facilitator only; no export) and learnings (the facilitator
writes, the Secretariat publishes) in the admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from core.admin_scope import ScopedIndexView, ScopedViewSetMixin
from core.audit import AuditedExportMixin
from intervision.forms import LearningAdminForm
from intervision.models import (
    Case,
    Learning,
)


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
