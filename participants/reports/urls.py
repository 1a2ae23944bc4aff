from django.urls import path

from participants.reports import views

app_name = "participants_statistics"

urlpatterns = [
    path("", views.StatisticsView.as_view(), name="index"),
    path("results/", views.StatisticsView.as_view(results_only=True), name="index_results"),
    path("chart/<slug:name>.<slug:fmt>", views.chart_view, name="chart"),
    path("events/", views.EventAttendanceView.as_view(), name="events"),
    path("events/results/", views.EventAttendanceView.as_view(results_only=True), name="events_results"),
    path("events/<int:event_id>/", views.AttendanceListView.as_view(), name="attendance"),
    path(
        "events/<int:event_id>/results/",
        views.AttendanceListView.as_view(results_only=True),
        name="attendance_results",
    ),
]
