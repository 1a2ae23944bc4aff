from django.urls import include, path

from participants.badges import urls as badge_urls
from participants.checkin import urls as checkin_urls
from participants.invites import views as calendar_views
from participants.questions import views as questions_views
from participants.registration import views

app_name = "participants"

urlpatterns = [
    path("registration/<int:event_id>/", views.register_view, name="register"),
    path("registration/<int:event_id>/sent/", views.registration_sent_view, name="registration_sent"),
    path("registration/confirm/<str:token>/", views.confirm_email_view, name="confirm_email"),
    path("r/<str:access_token>/", views.private_link_view, name="private_link"),
    path("r/<str:access_token>/cancel/", views.cancel_view, name="cancel"),
    path("r/<str:access_token>/new-link/", views.new_link_view, name="new_link"),
    path("r/<str:access_token>/answers/", questions_views.answers_view, name="answers"),
    path("r/<str:access_token>/calendar.ics", calendar_views.invite_file, name="invite_file"),
    *checkin_urls.urlpatterns,
    *badge_urls.urlpatterns,
    path("", include("participants.privacy.urls")),
]
