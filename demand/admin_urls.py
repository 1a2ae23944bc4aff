from django.urls import path

from . import admin_views

app_name = "demand_admin"

urlpatterns = [
    path("", admin_views.DemandView.as_view(), name="index"),
    path("results/", admin_views.DemandView.as_view(results_only=True), name="index_results"),
]
