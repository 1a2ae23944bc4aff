"""Wagtail hooks of the participants app: the registrations admin, check-in pages, and the
sections of the participant's private link page (``participant_link_panels``)."""

from django.apps import apps
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from core import access
from events.calendar import event_url, google_calendar_url, outlook_calendar_url
from events.models import EventPage
from participants import links
from participants.badges import views as badge_views
from participants.broadcast import views as message_views
from participants.checkin import admin_views as checkin_admin
from participants.models import RegistrationStatus
from participants.privacy import admin_views as privacy_admin
from participants.questions.admin import question_viewset
from participants.questions.services import may_change_answers, questions_for
from participants.registration.viewsets import registration_viewset
from participants.reports import wagtail_hooks as statistics_hooks  # registers the attendance statistics in the admin
from participants.signals import PRIVATE_LINK_PANELS
from participants.tickets import QR_CID, qr_attachment


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


def _registrations_button(page, user, priority):
    if page.specific_class is EventPage and user.has_perm("participants.view_registration"):
        yield Button(
            _("Registrations"),
            url=reverse(f"{registration_viewset.url_namespace}:event", args=[page.pk]),
            icon_name="group",
            priority=priority,
        )


@hooks.register("register_admin_viewset")
def register_question_viewset():
    return question_viewset


@hooks.register("register_page_header_buttons")
def questions_header_button(page, user, view_name=None, next_url=None):
    if page.specific_class is EventPage and access.may_run_event(user, page.pk):
        yield Button(
            _("Questions"),
            url=reverse(f"{question_viewset.url_namespace}:index") + f"?event={page.pk}",
            icon_name="help",
            priority=13,
        )


@hooks.register(PRIVATE_LINK_PANELS, order=30)
def answers_panel(request, registration):
    """'Your answers' on the private link page, with a link to change them while registration is open."""
    if not questions_for(registration.event, registration.stakeholder_type):
        return None
    return render_to_string(
        "participants/questions/panel.html",
        {
            "answers": registration.answers.all(),
            "editable": may_change_answers(registration),
            "answers_url": links.path(registration, "participants:answers"),
        },
        request=request,
    )


@hooks.register("register_page_header_buttons")
def registrations_header_button(page, user, view_name=None, next_url=None):
    yield from _registrations_button(page, user, priority=12)


@hooks.register("register_page_listing_more_buttons")
def registrations_listing_button(page, user, next_url=None):
    yield from _registrations_button(page, user, priority=3)


@hooks.register(PRIVATE_LINK_PANELS, order=20)
def calendar_link_panel(request, registration):
    """'In your calendar' on the private link page: the .ics file and add-to-calendar links per session."""
    if registration.status != RegistrationStatus.CONFIRMED or registration.event.is_cancelled:
        return None
    event = registration.event
    # Public text only: these links hand their text to Google or Microsoft in a query string, so
    # neither the private link nor the online meeting link goes in (the .ics file has the latter).
    own = {"url": event_url(event, request)}
    calendar_links = [
        {
            "title": session.title,
            "google": google_calendar_url(event, session, **own),
            "outlook": outlook_calendar_url(event, session, **own),
            "outlook_live": outlook_calendar_url(event, session, host="outlook.live.com", **own),
        }
        for session in event.ordered_sessions
    ]
    return render_to_string(
        "participants/calendar_panel.html",
        {"file_url": links.path(registration, "participants:invite_file"), "links": calendar_links},
        request=request,
    )


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
    if isinstance(page.specific_deferred, EventPage) and access.may_run_event(user, page.pk):
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


@hooks.register("register_admin_urls")
def badge_admin_urls():
    return [
        path("badges/event/<int:page_id>/", badge_views.event_badges, name="participants_badges"),
        path("badges/event/<int:page_id>/badges.pdf", badge_views.event_badges_pdf, name="participants_badges_pdf"),
    ]


@hooks.register("register_admin_urls")
def message_admin_urls():
    return [
        path("messages/event/<int:page_id>/", message_views.event_messages, name="participants_messages"),
        path("messages/event/<int:page_id>/new/", message_views.new_message, name="participants_message_new"),
        path("messages/<int:pk>/", message_views.message_detail, name="participants_message"),
    ]


@hooks.register("register_admin_viewset")
def register_participant_viewset():
    return privacy_admin.participant_viewset


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


@hooks.register("participant_reminder_parts")
def checkin_qr_reminder_part(registration):
    """The QR code again in the reminder: attached, and explained in the text."""
    if registration.status != RegistrationStatus.CONFIRMED:
        return None
    # The image is the attachment itself (cid:), never fetched from the site: a remote image would
    # put the private link in the request of whatever proxy or scanner loads the email's images.
    context = {
        "qr_cid": QR_CID,
        "private_url": links.url(registration),
        "ticket_url": links.url(registration, "participants:checkin_ticket"),
    }
    return {
        "html": render_to_string("participants/checkin/email_qr.html", context),
        "text": render_to_string("participants/checkin/email_qr.txt", context),
        "attachments": [qr_attachment(registration)],
    }


__all__ = ["statistics_hooks"]
