from django.urls import path

from . import views

app_name = "intervision"

urlpatterns = [
    path("intervision/", views.group_list, name="groups"),
    path("intervision/best-practices/", views.learnings, name="learnings"),
    path("intervision/m/<str:token>/", views.member, name="member"),
    path("intervision/m/<str:token>/agreement/", views.accept_agreement, name="agreement"),
    path("intervision/m/<str:token>/cases/<int:pk>/", views.case_detail, name="case"),
    path("intervision/m/<str:token>/leave/", views.leave, name="leave"),
    path("intervision/m/<str:token>/participation/<int:year>/", views.participation, name="participation"),
    path("intervision/m/<str:token>/certificates/<int:year>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("intervision/m/<str:token>/certificates/<int:year>.json", views.certificate_json, name="certificate_json"),
    path("intervision/<slug:slug>/", views.group_detail, name="group"),
    path("intervision/<slug:slug>/applied/", views.applied, name="applied"),
    path("r/<str:access_token>/intervision/", views.from_private_link, name="private_link"),
]
