from django.urls import path

from . import views

app_name = "demand"

urlpatterns = [
    path("interest/<int:programme_id>/", views.interest_view, name="interest"),
    path("interest/confirm/<str:token>/", views.confirm_view, name="confirm"),
    path("interest/unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
]
