from django.urls import path

from participants.privacy import views as privacy_views

# Below the private link /r/<access_token>/ (included from participants/urls.py).
urlpatterns = [
    path("r/<str:access_token>/my-data.json", privacy_views.my_data, name="privacy_download"),
    path("r/<str:access_token>/erase/", privacy_views.erase_my_data, name="privacy_erase"),
]
