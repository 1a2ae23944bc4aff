"""The participant's own calendar file below the private link: ``/r/<access_token>/calendar.ics``."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from participants.invites.services import registration_calendar
from participants.links import private_link
from participants.models import RegistrationStatus


@never_cache
@require_safe
@private_link
def invite_file(request, registration):
    if registration.status != RegistrationStatus.CONFIRMED:
        # Only a confirmed registration has an invite; the page says so without naming anyone.
        return TemplateResponse(request, "participants/invite_not_found.html", status=404)
    response = HttpResponse(registration_calendar(registration), content_type="text/calendar; charset=utf-8")
    name = slugify(registration.event.title) or "calendar"
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
