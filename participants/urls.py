from . import checkin_urls

app_name = "participants"

urlpatterns = [
    *checkin_urls.urlpatterns,
]
