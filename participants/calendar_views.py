"""The participant's own calendar file below the private link: ``/r/<access_token>/calendar.ics``."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .invites import registration_calendar
from .models import Registration, RegistrationStatus


def confirmed_registration(token):
    """The confirmed registration behind a private link, or None for a wrong, revoked or inactive one."""
    return (
        Registration.objects.select_related("participant", "event__venue")
        .filter(access_token=token, status=RegistrationStatus.CONFIRMED)
        .first()
    )


@never_cache
@require_safe
def invite_file(request, token):
    registration = confirmed_registration(token)
    if registration is None:
        # Never a hint of whose link it might be: the same page for every kind of wrong link.
        return TemplateResponse(request, "participants/invite_not_found.html", status=404)
    response = HttpResponse(registration_calendar(registration), content_type="text/calendar; charset=utf-8")
    name = slugify(registration.event.title) or "calendar"
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
