"""Wagtail hooks of the participants app.

Check-in: the QR code on the participant's private link (``participant_link_panels``), and, in the
admin, a check-in page per event (live counts per session, attendance lists, revoking a code),
reached by a button on the event's page in the admin.
"""

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from events.models import EventPage

from . import checkin, checkin_admin
from .models import RegistrationStatus
from .signals import PRIVATE_LINK_PANELS


@hooks.register(PRIVATE_LINK_PANELS)
def checkin_qr_panel(request, registration):
    """The QR code to show at the door, with a printable version; only for a confirmed registration."""
    if registration.status != RegistrationStatus.CONFIRMED:
        return None
    return render_to_string("participants/checkin/qr_panel.html", {"registration": registration}, request=request)


checkin_qr_panel.order = 20


@hooks.register("register_admin_viewset")
def checkin_scan_log_viewset():
    return checkin_admin.ScanLogViewSet("scan_log")


@hooks.register("register_admin_urls")
def checkin_admin_urls():
    return [
        path("checkin/event/<int:page_id>/", checkin_admin.event_checkin, name="participants_checkin_event"),
        path(
            "checkin/registration/<int:registration_id>/revoke-code/",
            checkin_admin.revoke_code,
            name="participants_checkin_revoke_code",
        ),
    ]


def _checkin_button(page, user, priority):
    if isinstance(page.specific_deferred, EventPage) and checkin.may_check_in(user, page.pk):
        return Button(
            _("Check-in and attendance"),
            reverse("participants_checkin_event", args=[page.pk]),
            icon_name="tasks",
            priority=priority,
        )
    return None


@hooks.register("register_page_header_buttons")
def checkin_header_button(page, user, view_name, next_url=None):
    button = _checkin_button(page, user, 80)
    if button:
        yield button


@hooks.register("register_page_listing_more_buttons")
def checkin_listing_button(page, user, next_url=None):
    button = _checkin_button(page, user, 80)
    if button:
        yield button
