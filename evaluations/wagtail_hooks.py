"""Evaluations in the admin (templates, each event's evaluation, results, who answered), the panel on
the participant's private link page, and the hooks participants calls (report, retention, erasure)."""

from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core import access
from participants import links
from participants.reports.sections import HEADLINE, ROWS, SECTIONS
from participants.signals import PRIVATE_LINK_PANELS

from . import admin_urls, privacy, report, services
from .models import Evaluation, EvaluationTemplate


class NoAddOrDelete(ModelPermissionPolicy):
    """An event's evaluation is made when the event ends, and stays with it: change only."""

    def user_has_permission(self, user, action):
        return action not in {"add", "delete"} and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Evaluation, NoAddOrDelete(Evaluation))


class EvaluationTemplateViewSet(ModelViewSet):
    model = EvaluationTemplate
    icon = "form"
    menu_label = _("Templates")
    list_display = ["name", "kind"]
    copy_view_enabled = False
    inspect_view_enabled = False


class EvaluationViewSet(ModelViewSet):
    model = Evaluation
    icon = "tasks"
    menu_label = _("Evaluations of events")
    list_display = ["event", "opens_at", "closes_at", "changeable"]
    inspect_view_enabled = False
    copy_view_enabled = False


class EvaluationsMenu(ModelViewSetGroup):
    menu_label = _("Evaluations")
    menu_icon = "tasks"
    menu_order = 260
    items = (EvaluationTemplateViewSet("evaluation_templates"), EvaluationViewSet("evaluation_settings"))


@hooks.register("register_admin_viewset")
def register_evaluation_viewsets():
    return EvaluationsMenu()


@hooks.register("register_admin_urls")
def register_evaluation_urls():
    return [path("evaluations/", include(admin_urls, namespace="evaluations_admin"))]


class OrganiserMenuItem(MenuItem):
    def is_shown(self, request):
        return access.runs_any_event(request.user)


@hooks.register("register_reports_menu_item")
def register_results_menu_item():
    return OrganiserMenuItem(
        _("Evaluation results"),
        reverse("evaluations_admin:results"),
        name="evaluation-results",
        icon_name="tasks",
        order=70,
    )


@hooks.register(PRIVATE_LINK_PANELS, order=40)
def evaluation_link_panel(request, registration):
    """'Fill in the evaluation' on the private link page, while it is open, for those who attended."""
    evaluation = services.evaluation_of(registration)
    if evaluation is None or not evaluation.is_open() or not services.attended(registration):
        return None
    return render_to_string(
        "evaluations/link_panel.html",
        {
            "evaluation": evaluation,
            "url": links.path(registration, "evaluations:form"),
            "answered": services.has_answered(registration, evaluation),
        },
        request=request,
    )


# The attendance report's section and headline (participants/reports/sections.py).
hooks.register(SECTIONS, report.report_section)
hooks.register(HEADLINE, report.headline_sentences)
hooks.register(ROWS, report.report_rows)
# Retention and erasure (evaluations/privacy.py).
hooks.register("apply_retention", privacy.apply_evaluation_retention)
hooks.register("participant_anonymise", privacy.unlink_evaluations)
hooks.register("participant_data_export", privacy.export_evaluations)
