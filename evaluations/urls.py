from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns = [
    path("r/<str:access_token>/evaluation/", views.evaluation_view, name="form"),
]
