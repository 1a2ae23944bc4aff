from django.urls import include, path

app_name = "participants"

urlpatterns = [
    path("", include("participants.privacy_urls")),
]
