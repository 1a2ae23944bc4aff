"""Name badges in the admin (an event's confirmed participants, or hand-picked ones) and at the door
(one badge for a walk-in, from the scanner page). Both ask the access policy for the event."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from core import access
from core.audit import audit
from events.models import EventPage
from participants.badges.pdf import DEFAULT_LAYOUT, LAYOUTS, badges_pdf
from participants.checkin.views import may_see_session
from participants.models import Registration, RegistrationStatus


def badge_registrations(event, ids=None):
    """The confirmed registrations of ``event`` (only ``ids`` of them, if given), by name."""
    registrations = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    if ids is not None:
        registrations = registrations.filter(pk__in=ids)
    return registrations.select_related("participant", "organisation").order_by(
        "participant__last_name", "participant__first_name", "pk"
    )


def chosen_ids(request):
    """The hand-picked registrations (``?registration=1&registration=2``), or None for everyone."""
    values = request.GET.getlist("registration")
    if not values:
        return None
    return [int(value) for value in values if value.isdigit() and len(value) < 12]


def pdf_response(request, event, registrations, layout, filename, **audit_details):
    registrations = list(registrations)
    response = HttpResponse(badges_pdf(event, registrations, layout), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    audit(
        "covenant.export",
        actor=request.user,
        obj=event,
        what="badges",
        format="pdf",
        layout=layout,
        rows=len(registrations),
        **audit_details,
    )
    return response


def layout_of(request, default=DEFAULT_LAYOUT):
    layout = request.GET.get("layout", default)
    return layout if layout in LAYOUTS else default


def scoped_event(request, page_id):
    """The event if the user may run it; else 404 (that it exists is not told)."""
    return get_object_or_404(access.scope_events(request.user, EventPage.objects.all()), pk=page_id)


def event_badges(request, page_id):
    """Admin: choose a layout, then download the badges of the event's confirmed participants."""
    event = scoped_event(request, page_id)
    title = _("Name badges: %(event)s") % {"event": event.title}
    return TemplateResponse(
        request,
        "participants/badges/event_badges.html",
        {
            "event": event,
            "header_title": title,
            "page_title": title,
            "header_icon": "user",
            "layouts": LAYOUTS.values(),
            "default_layout": DEFAULT_LAYOUT,
            "count": badge_registrations(event).count(),
            "pdf_url": reverse("participants_badges_pdf", args=[event.pk]),
            "registrations_url": reverse("registrations:event", args=[event.pk]),
        },
    )


def event_badges_pdf(request, page_id):
    event = scoped_event(request, page_id)
    layout = layout_of(request)
    return pdf_response(
        request, event, badge_registrations(event, chosen_ids(request)), layout, f"badges-{event.pk}-{layout}.pdf"
    )


@login_required
def walk_in_badge(request, session_id, registration_id):
    """One badge (A6, or ``?layout=a4``) of a confirmed registration of the session's event, at the door."""
    session, refusal = may_see_session(request, session_id)
    if refusal:
        return refusal
    registrations = badge_registrations(session.page, [registration_id])
    if not registrations.exists():
        raise Http404
    layout = layout_of(request, "a6")
    return pdf_response(
        request, session.page, registrations, layout, f"badge-{registration_id}.pdf", session=session.pk
    )
