"""Public verification of certificates, and the participant's downloads below their private link."""

import datetime

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import ratelimit
from participants.links import private_link

from . import badges
from .codes import normalise_code
from .content import certificate_content
from .models import Certificate, CertificateTemplate
from .pdf import render_certificate_pdf


def wants_json(request):
    return request.GET.get("format") == "json"


def verification_data(certificate):
    """What verification may say: whether it is genuine, whose, which event and when; nothing more."""
    data = {
        "status": certificate.status,
        "code": certificate.code,
        "name": certificate.holder_name,
        "event": certificate.event_title,
        "first_date": certificate.first_date.isoformat(),
        "last_date": certificate.last_date.isoformat(),
        "issued_on": timezone.localtime(certificate.reissued_at or certificate.issued_at).date().isoformat(),
        "version": certificate.version,
    }
    if certificate.is_year_certificate:
        # What the certificate lists: the group's meetings attended that year (titles and dates only).
        data["year"] = certificate.year
        data["meetings"] = [{"title": m["title"], "date": m["date"]} for m in certificate.meetings]
    if not certificate.holder_name:  # Its verification period is over, or the holder asked for erasure.
        data["holder_anonymised"] = True
    if certificate.is_revoked:
        data["revoked_on"] = timezone.localtime(certificate.revoked_at).date().isoformat()
        data["revocation_reason"] = certificate.revoke_reason
    return data


@require_GET
@never_cache
def verify_form(request):
    typed = request.GET.get("code", "").strip()[:40]
    if typed and (code := normalise_code(typed)):
        return redirect("certificates:verify", code=code)
    if typed:  # Not even the shape of a code: say so here rather than look it up.
        message = _("No certificate has this code. Check the code and try again.")
        return render(
            request, "certificates/verify.html", {"unknown": True, "typed": typed, "message": message}, status=404
        )
    return render(request, "certificates/verify.html", {"typed": ""})


@require_GET
@never_cache
def verify(request, code):
    if retry_after := ratelimit.count(request, "verify"):
        return ratelimit.rate_limited_response(request, retry_after)
    canonical = normalise_code(code)
    certificate = Certificate.objects.filter(code=canonical).first() if canonical else None
    if certificate is None:
        message = _("No certificate has this code. Check the code and try again.")
        if wants_json(request):
            return JsonResponse({"status": "unknown", "code": code[:40], "message": message}, status=404)
        return render(
            request, "certificates/verify.html", {"unknown": True, "typed": code[:40], "message": message}, status=404
        )
    data = verification_data(certificate)
    if wants_json(request):
        return JsonResponse(data)
    meetings = [
        {"title": m["title"], "date": datetime.date.fromisoformat(m["date"])} for m in certificate.meetings or []
    ]
    return render(request, "certificates/verify.html", {"certificate": certificate, "data": data, "meetings": meetings})


def certificate_for(registration):
    certificate = Certificate.objects.filter(registration=registration, revoked_at__isnull=True).first()
    if certificate is None or not certificate.holder_name:  # None, or anonymised (certificates/privacy.py)
        raise Http404(_("There is no certificate for this registration."))
    certificate.registration = registration
    return certificate


@require_GET
@never_cache
@private_link(lasting=True)
def certificate_pdf(request, registration):
    return pdf_response(certificate_for(registration))


def pdf_response(certificate):
    """The certificate's PDF as a download; for the views below a private link (this app's and others')."""
    filename = certificate.pdf_filename()
    if certificate.pdf and default_storage.exists(certificate.pdf.name):
        return FileResponse(
            default_storage.open(certificate.pdf.name, "rb"),
            as_attachment=True,
            filename=filename,
            content_type="application/pdf",
        )
    # The stored file is gone (a lost volume, a restore): draw it again from what the certificate says.
    template = CertificateTemplate.objects.for_event(certificate.event_kind, certificate.language, certificate.scope)
    response = HttpResponse(
        render_certificate_pdf(certificate_content(certificate, template)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@never_cache
@private_link(lasting=True)
def certificate_json(request, registration):
    return badge_json_response(certificate_for(registration))


def badge_json_response(certificate):
    """The certificate's Open Badge as a JSON download."""
    response = JsonResponse(badges.credential(certificate), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.json"'
    return response


@require_GET
@never_cache
@private_link(lasting=True)
def certificate_jwt(request, registration):
    certificate = certificate_for(registration)
    if not badges.can_sign():
        raise Http404(_("Signed badges are not available on this site."))
    response = HttpResponse(badges.signed_credential(certificate), content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.jwt"'
    return response


@require_GET
def jwks(request):
    keys = [badges.public_jwk()] if badges.can_sign() else []
    return JsonResponse({"keys": keys})


@require_GET
def issuer(request):
    return JsonResponse(badges.issuer_profile())
