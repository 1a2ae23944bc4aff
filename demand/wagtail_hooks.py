"""Demand in the admin (Reports > Demand for trainings, the Secretariat's) and its privacy hooks."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core import access

from . import admin_urls, privacy


@hooks.register("register_admin_urls")
def register_demand_urls():
    return [path("demand/", include(admin_urls, namespace="demand_admin"))]


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return access.sees_all_events(request.user)


@hooks.register("register_reports_menu_item")
def register_demand_menu_item():
    return SecretariatMenuItem(
        _("Demand for trainings"), reverse("demand_admin:index"), name="demand", icon_name="group", order=80
    )


hooks.register("apply_retention", privacy.apply_demand_retention)
hooks.register("participant_data_export", privacy.export_demand)
