"""The participant's own privacy pages below their private link: download my data, erase my data.

No account: the private link's secret is the key. An unknown, revoked or anonymised link answers 404,
the same for each, so a guess learns nothing. Both are rate-limited per address.
"""

import json
import re

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .audit import audit
from .models import Registration
from .privacy import ErasureError, erase_participant, export_participant_data
from .ratelimit import ratelimit

TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def registration_for_token(access_token):
    # Tokens are URL-safe base64; anything else (a NUL byte, 10 kB of text) is refused before the database.
    if not TOKEN.fullmatch(access_token):
        raise Http404(_("This link is not valid (any more)."))
    registration = Registration.objects.select_related("participant", "event").filter(access_token=access_token).first()
    if registration is None or registration.participant.anonymised_at:
        raise Http404(_("This link is not valid (any more)."))
    return registration


@never_cache
@ratelimit("private_link")
def my_data(request, access_token):
    """Everything we hold about the person, as a JSON file."""
    registration = registration_for_token(access_token)
    data = export_participant_data(registration.participant)
    audit("covenant.data_download", obj=registration.participant, registration=registration.pk)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    filename = f"my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit("private_link")
@ratelimit("erase", methods=("POST",))
def erase_my_data(request, access_token):
    """Ask first (GET), erase on a confirmed POST; the link stops working straight after."""
    registration = registration_for_token(access_token)
    error = None
    if request.method == "POST":
        if request.POST.get("confirm") == "yes":
            try:
                erase_participant(participant=registration.participant, reason="participant")
            except ErasureError as exc:
                error = exc.message
            else:
                return render(request, "participants/privacy_erased.html", status=200)
        else:
            error = _("Tick the box to confirm that you want your data erased.")
    return render(
        request,
        "participants/privacy_erase.html",
        {"registration": registration, "event": registration.event, "error": error},
        status=400 if error else 200,
    )
