"""The door's badge URL (included by participants/urls.py); the admin's are in participants/wagtail_hooks.py."""

from django.urls import path

from participants.badges import views

urlpatterns = [
    path(
        "checkin/<int:session_id>/badge/<int:registration_id>.pdf",
        views.walk_in_badge,
        name="checkin_walk_in_badge",
    ),
]
