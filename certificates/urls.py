"""Certificates: public verification, the issuer's keys, and downloads below the private link."""

from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("certificates/verify/", views.verify_form, name="verify_form"),
    path("certificates/verify/<str:code>/", views.verify, name="verify"),
    path("certificates/jwks.json", views.jwks, name="jwks"),
    path("certificates/issuer.json", views.issuer, name="issuer"),
    path("r/<str:access_token>/certificate.pdf", views.certificate_pdf, name="pdf"),
    path("r/<str:access_token>/certificate.json", views.certificate_json, name="badge_json"),
    path("r/<str:access_token>/certificate.jwt", views.certificate_jwt, name="badge_jwt"),
]
