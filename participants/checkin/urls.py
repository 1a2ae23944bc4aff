"""URLs of the check-in (included by participants/urls.py)."""

from django.urls import path

from participants.checkin import qr as checkin_qr
from participants.checkin import views as checkin_views
from participants.checkin import walkin as checkin_walkin

urlpatterns = [
    path("api/checkin/", checkin_views.checkin_api, name="checkin_api"),
    path("api/checkin/manual/", checkin_views.manual_api, name="checkin_manual_api"),
    path("api/checkin/undo/", checkin_views.undo_api, name="checkin_undo_api"),
    path("api/checkin/sessions/<int:session_id>/counts/", checkin_views.counts_api, name="checkin_counts_api"),
    path(
        "api/checkin/sessions/<int:session_id>/registrations/",
        checkin_views.registrations_api,
        name="checkin_registrations_api",
    ),
    path("checkin/", checkin_views.scanner_index, name="checkin"),
    path("checkin/sw.js", checkin_views.service_worker, name="checkin_service_worker"),
    path("checkin/manifest.webmanifest", checkin_views.manifest, name="checkin_manifest"),
    path("checkin/<int:session_id>/", checkin_views.scanner, name="checkin_scanner"),
    path("checkin/<int:session_id>/attendance-list/", checkin_views.attendance_list, name="checkin_attendance_list"),
    path(
        "checkin/<int:session_id>/attendance-list.pdf",
        checkin_views.attendance_list_pdf,
        name="checkin_attendance_list_pdf",
    ),
    path("checkin/<int:session_id>/walk-in/", checkin_walkin.walk_in, name="checkin_walk_in"),
    path("r/<str:access_token>/qr.svg", checkin_qr.qr_svg_view, name="checkin_qr_svg"),
    path("r/<str:access_token>/qr.png", checkin_qr.qr_png_view, name="checkin_qr_png"),
    path("r/<str:access_token>/ticket/", checkin_qr.ticket_view, name="checkin_ticket"),
]
