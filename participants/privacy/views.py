"""The participant's own privacy pages below their private link: download my data, erase my data.

No account: the private link's secret is the key. An unknown, revoked or anonymised link answers 404,
the same for each, so a guess learns nothing. Both are rate-limited per address.
"""

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.audit import audit
from core.ratelimit import ratelimit
from participants.links import private_link
from participants.privacy.erasure import ErasureError, erase_participant, export_participant_data


@never_cache
@private_link
def my_data(request, registration):
    """Everything we hold about the person, as a JSON file."""
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
@private_link
@ratelimit("erase", methods=("POST",))
def erase_my_data(request, registration):
    """Ask first (GET), erase on a confirmed POST; the link stops working straight after."""
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
