from django.urls import path

from . import admin_views

app_name = "evaluations_admin"

urlpatterns = [
    path("", admin_views.ResultsView.as_view(), name="results"),
    path("results/", admin_views.ResultsView.as_view(results_only=True), name="results_results"),
    path("<int:pk>/respondents/", admin_views.RespondentsView.as_view(), name="respondents"),
    path(
        "<int:pk>/respondents/results/",
        admin_views.RespondentsView.as_view(results_only=True),
        name="respondents_results",
    ),
    path("<int:pk>/remind/", admin_views.RespondentsView.as_view(), name="remind"),
]
