from django.urls import re_path

from . import views

app_name = "events"
urlpatterns = [
    # Below any page: "/calendar.ics", "/<programme>/calendar.ics", "/<programme>/<event>/calendar.ics".
    # "r/" is left to the private links (/r/<token>/calendar.ics), whose URLs come after these.
    re_path(r"^(?!r/)(?P<path>(?:[\w\-]+/)*)calendar\.ics$", views.page_calendar, name="calendar"),
]
