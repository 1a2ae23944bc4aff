from django.urls import path

from . import calendar_views

app_name = "participants"
urlpatterns = [
    path("r/<str:token>/calendar.ics", calendar_views.invite_file, name="invite_file"),
]
