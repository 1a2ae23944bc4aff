"""Admin wiring of the statistics: URLs, menu items in Reports, and a dashboard panel.

Imported by participants/wagtail_hooks.py, which Wagtail loads at start-up.
"""

from django.core.cache import cache
from django.urls import include, path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from core import access
from participants.reports import charts, urls
from participants.reports.filters import ReportFilters, covenant_year
from participants.reports.queries import build_report

DASHBOARD_CACHE_SECONDS = 300


@hooks.register("register_admin_urls")
def register_statistics_urls():
    return [path("statistics/", include(urls, namespace="participants_statistics"))]


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return access.sees_all_events(request.user)


class OrganiserMenuItem(MenuItem):
    def is_shown(self, request):
        return access.runs_any_event(request.user)


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return SecretariatMenuItem(
        _("Attendance statistics"),
        reverse("participants_statistics:index"),
        name="attendance-statistics",
        icon_name="table",
        order=50,
    )


@hooks.register("register_reports_menu_item")
def register_event_attendance_menu_item():
    return OrganiserMenuItem(
        _("Attendance by event"),
        reverse("participants_statistics:events"),
        name="attendance-by-event",
        icon_name="date",
        order=60,
    )


def current_covenant_year(today=None):
    today = today or timezone.localdate()
    return today.year if today.month >= 6 else today.year - 1


class StatisticsPanel(Component):
    """The current covenant year on the Secretariat's dashboard: the headline and three charts."""

    name = "attendance_statistics"
    template_name = "participants/reports/dashboard_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        year = current_covenant_year()
        date_from, date_to = covenant_year(year)
        key = f"statistics:dashboard:{year}:{timezone.localdate()}"
        report = cache.get(key)
        if report is None:
            report = build_report(ReportFilters(date_from=date_from, date_to=date_to))
            cache.set(key, report, DASHBOARD_CACHE_SECONDS)
        language = translation.get_language() or "nl"
        query = f"covenant_year={year}"
        return {
            "report": report,
            "period": f"{year}/{year + 1}",
            "headline": report["headline"].get(language[:2], report["headline"]["nl"]),
            "statistics_url": f"{reverse('participants_statistics:index')}?{query}",
            "charts": [
                {
                    "title": charts.describe(report, name, language)[0],
                    "description": charts.describe(report, name, language)[1],
                    "svg": f"{reverse('participants_statistics:chart', args=[name, 'svg'])}?{query}",
                    "png": f"{reverse('participants_statistics:chart', args=[name, 'png'])}?{query}",
                }
                for name in charts.CHARTS
            ],
        }


@hooks.register("construct_homepage_panels")
def add_statistics_panel(request, panels):
    if access.sees_all_events(request.user):
        panels.append(StatisticsPanel())
