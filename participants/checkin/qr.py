"""The participant's check-in QR code below the private link: SVG, PNG and a printable ticket.

The QR holds nothing but ``Registration.checkin_code``: a random secret that names no one. Only
the check-in API, behind an organiser's login, turns it into a name.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from participants.links import private_link
from participants.models import RegistrationStatus
from participants.tickets import qr_png, qr_svg


def may_check_in(registration):
    """404 for a cancelled registration: its QR code would only be refused at the door."""
    if registration.status == RegistrationStatus.CANCELLED:
        raise Http404


# Private: the image is as secret as the link it hangs below. Inside @private_link, so a refusal is not cached.
private = cache_control(private=True, max_age=300)


@private_link
@private
def qr_svg_view(request, registration):
    may_check_in(registration)
    return HttpResponse(qr_svg(registration.checkin_code), content_type="image/svg+xml")


@private_link
@private
def qr_png_view(request, registration):
    may_check_in(registration)
    return HttpResponse(qr_png(registration.checkin_code), content_type="image/png")


@private_link
@private
def ticket_view(request, registration):
    """A page to print: the QR code large, with the event, its sessions and the person's name."""
    may_check_in(registration)
    return render(
        request,
        "participants/checkin/ticket.html",
        {"registration": registration, "event": registration.event, "qr": qr_svg(registration.checkin_code)},
    )
