"""Public registration views: the form on the event page, the confirmation link, the private link.

The private link's token is the only key to a person's data. Every view below it, in any app, is
wrapped in ``private_link``: an unknown, revoked or anonymised token gets one plain 404 page, and
guessing is rate-limited. Pages below the link are never cached and send no referrer, so the token
does not leak to other sites (same-origin referrers only).
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from wagtail import hooks

from core import ratelimit
from events.models import EventPage
from participants import links
from participants.links import link_problem, link_throttled, no_store, private_link
from participants.models import RegistrationStatus
from participants.registration.forms import DetailsForm, RegistrationForm
from participants.registration.services import (
    RegistrationError,
    cancel,
    confirm_email,
    register,
    registration_for_confirmation,
    update_details,
    waiting_place,
)
from participants.signals import PRIVATE_LINK_PANELS


def render_event_with_form(request, event, form, status):
    """Show the event page again with the form and its errors (the no-JavaScript path)."""
    request.registration_form = form
    response = event.serve(request)
    response.status_code = status
    return response


def passes_view_restrictions(request, page):
    """Whether Wagtail's view restrictions (password, login, groups) of ``page`` let this request in.

    The registration view serves the event page itself, so it must ask what Wagtail's page view
    asks first (its ``check_view_restrictions``); otherwise a protected event would be shown, and
    open for registration, here.
    """
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


@require_http_methods(["GET", "POST"])
def register_view(request, event_id):
    event = get_object_or_404(EventPage.objects.live().select_related("venue"), pk=event_id)
    if event.alias_of_id:  # registrations belong to the original, whose page the alias mirrors
        event = get_object_or_404(EventPage.objects.live().select_related("venue"), pk=event.alias_of_id)
    if not passes_view_restrictions(request, event):
        # The page itself asks for the password or the login, as Wagtail does; nothing is registered.
        return HttpResponseRedirect(event.url)
    if request.method == "GET":
        return HttpResponseRedirect(event.url + "#registration")
    form = RegistrationForm(request.POST, event=event)
    # Per typed email address (tight) and per client address (with room for an office of colleagues).
    email = ratelimit.email_key(request.POST.get("email"))  # None without one: the form will say so
    if retry_after := (email and ratelimit.count(request, "register", key=email)) or ratelimit.count(
        request, "register_address"
    ):
        return ratelimit.rate_limited_response(request, retry_after)
    if not form.is_valid():
        return render_event_with_form(request, event, form, 400)
    try:
        register(event=event, details=form.cleaned_data, answers=form.answers, consent=form.cleaned_data["consent"])
    except RegistrationError as error:
        form.add_error(None, error.message)
        return render_event_with_form(request, event, form, 400)
    # The same words whatever happened (a seat held, the waiting list, already registered) and
    # whoever's address it is: the form does not tell a stranger who has registered, nor that an
    # address is on the waiting list. The email, which only the address's owner reads, says where
    # they stand, and nothing counts until they follow its link.
    # A page of its own that says what happens next (a redirect, so a reload sends nothing twice);
    # the address typed is kept in the session for it, never put in the URL.
    request.session[SENT_TO] = form.cleaned_data["email"]
    return HttpResponseRedirect(reverse("participants:registration_sent", args=[event.pk]))


SENT_TO = "registration_sent_to"


@never_cache
@require_http_methods(["GET"])
def registration_sent_view(request, event_id):
    """After the form: the email is on its way, and what happens next. Public, as the form is; it
    shows only the address this browser typed (from its own session) and the event's public title."""
    event = get_object_or_404(EventPage.objects.live(), pk=event_id)
    context = {"event": event, "email": request.session.get(SENT_TO, ""), "hours": settings.REGISTRATION_HOLD_HOURS}
    return no_store(render(request, "participants/registration_sent.html", context))


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_email_view(request, token):
    # Its token is another secret, but guessing it is throttled as for the private link.
    if retry_after := link_throttled(request, token):
        return no_store(ratelimit.rate_limited_response(request, retry_after))
    try:
        registration = registration_for_confirmation(token)
    except RegistrationError as error:
        if error.code == "bad_link":
            ratelimit.count(request, "private_link_miss")
        return link_problem(request, error.message, 404 if error.code == "bad_link" else 410)
    if request.method == "POST":
        try:
            registration = confirm_email(registration=registration)
        except RegistrationError as error:
            return link_problem(request, error.message, 410)
        return HttpResponseRedirect(reverse("participants:private_link", args=[registration.access_token]))
    if registration.status == RegistrationStatus.CANCELLED:
        return link_problem(
            request, _("This registration has lapsed or was cancelled. You are welcome to register again."), 410
        )
    if registration.email_confirmed_at:
        return HttpResponseRedirect(reverse("participants:private_link", args=[registration.access_token]))
    # A GET only shows a button: mail scanners that follow links must not confirm on someone's behalf.
    return no_store(render(request, "participants/confirm_email.html", {"registration": registration}))


def link_panels(request, registration):
    """HTML sections other apps add to the private link page (hook ``participant_link_panels``)."""
    panels = []
    for fn in hooks.get_hooks(PRIVATE_LINK_PANELS):
        html = fn(request, registration)
        if html:
            panels.append(html)
    return format_html_join("\n", "{}", ((mark_safe(html),) for html in panels))  # The hooks return HTML.


@never_cache
@require_http_methods(["GET", "POST"])
@private_link
def private_link_view(request, registration):
    editable = registration.status != RegistrationStatus.CANCELLED
    form = DetailsForm(request.POST or None, registration=registration)
    status = 200
    if request.method == "POST" and editable:
        if form.is_valid():
            update_details(registration=registration, details=form.cleaned_data)
            messages.success(request, _("Your details have been saved."))
            return HttpResponseRedirect(request.path)
        status = 400
    context = {
        "registration": registration,
        "event": registration.event,
        "participant": registration.participant,
        "form": form,
        "editable": editable,
        "place": waiting_place(registration) if registration.status == RegistrationStatus.WAITLISTED else None,
        "panels": link_panels(request, registration),
    }
    return no_store(render(request, "participants/private_link.html", context, status=status))


@never_cache
@private_link
@require_POST  # inside: a dead link gets the one 404 page whatever the method
def new_link_view(request, registration):
    """ "Send me a new link": the participant's link is replaced and the new one emailed; this one is dead.

    For a link that was forwarded or shared by mistake. Rate-limited per registration and address,
    since each request sends an email.
    """
    if retry_after := ratelimit.count(request, "new_link", key=f"registration:{registration.pk}"):
        return no_store(ratelimit.rate_limited_response(request, retry_after))
    links.replace(registration, reason="asked")
    return no_store(
        render(
            request,
            "participants/new_link_sent.html",
            {"event": registration.event, "email": registration.participant.email},
        )
    )


@never_cache
@require_http_methods(["GET", "POST"])
@private_link
def cancel_view(request, registration):
    if request.method == "POST" and registration.status != RegistrationStatus.CANCELLED:
        cancel(registration=registration, by_participant=True)
        messages.success(request, _("Your registration has been cancelled. Thank you for letting us know."))
        return HttpResponseRedirect(reverse("participants:private_link", args=[registration.access_token]))
    if registration.status == RegistrationStatus.CANCELLED:
        return HttpResponseRedirect(reverse("participants:private_link", args=[registration.access_token]))
    return no_store(
        render(request, "participants/cancel.html", {"registration": registration, "event": registration.event})
    )
