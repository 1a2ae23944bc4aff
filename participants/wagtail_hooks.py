from django.apps import apps
from django.template.loader import render_to_string
from django.urls import path
from wagtail import hooks

from . import privacy_admin
from .audit import register_actions


@hooks.register("register_log_actions")
def register_audit_log_actions(actions):
    register_actions(actions)


@hooks.register("register_admin_urls")
def register_privacy_admin_urls():
    return [
        path(
            "participants/privacy/<int:pk>/erase/",
            privacy_admin.EraseParticipantView.as_view(),
            name="participants_privacy_erase",
        ),
        path(
            "participants/privacy/<int:pk>/data.json",
            privacy_admin.export_participant,
            name="participants_privacy_export",
        ),
    ]


@hooks.register("participant_link_panels", order=900)
def privacy_link_panel(request, registration):
    # The site's settings, looked up by name: participants does not import the site's own apps.
    site_settings = apps.get_model("pages", "SiteSettings")
    privacy_page = site_settings.for_request(request).privacy_page if request else None
    return render_to_string(
        "participants/privacy_panel.html",
        {"registration": registration, "privacy_url": privacy_page.url if privacy_page else ""},
        request=request,
    )
