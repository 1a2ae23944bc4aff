"""Public registration views: the form on the event page, the confirmation link, the private link.

The private link's token is the only key to a person's data. Every view below it, in any app, is
wrapped in ``private_link``: an unknown, revoked or anonymised token gets one plain 404 page, and
guessing is rate-limited. Pages below the link are never cached and send no referrer, so the token
does not leak to other sites (same-origin referrers only).
"""

import functools
import hashlib
import re

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
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
from participants import hashed_secrets, links
from participants.models import Registration, RegistrationStatus
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
        register(event=event, details=form.cleaned_data, consent=form.cleaned_data["consent"])
    except RegistrationError as error:
        form.add_error(None, error.message)
        return render_event_with_form(request, event, form, 400)
    # The same words whatever happened (a seat held, the waiting list, already registered) and
    # whoever's address it is: the form does not tell a stranger who has registered, nor that an
    # address is on the waiting list. The email, which only the address's owner reads, says where
    # they stand, and nothing counts until they follow its link.
    messages.success(
        request,
        _(
            "Almost done: we have sent an email to %(email)s. Follow the link in it within %(hours)s hours "
            "to confirm your registration."
        )
        % {"email": form.cleaned_data["email"], "hours": settings.REGISTRATION_HOLD_HOURS},
    )
    # Back to the top of the event page, where the message is shown.
    return HttpResponseRedirect(event.url)


def no_store(response):
    response["Cache-Control"] = "no-store, private"
    # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" and CSRF checks fail.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def link_problem(request, message, status):
    return no_store(render(request, "participants/link_problem.html", {"message": message}, status=status))


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


# Tokens are URL-safe base64 (models.new_secret); anything else is refused before the database.
TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


class UnknownLink(Http404):
    """A secret link that leads nowhere (unknown, revoked, anonymised): counted as a failed guess."""


def registration_for_link(access_token):
    """The registration behind a private link; Http404 for an unknown, revoked or anonymised one."""
    registration = (
        Registration.objects.select_related("event", "participant", "organisation", "event__venue")
        .filter(access_token_hash__in=hashed_secrets.digests(access_token, hashed_secrets.LINK))
        .first()
        if TOKEN.fullmatch(access_token)
        else None
    )
    if registration is None or registration.participant.anonymised_at:
        raise UnknownLink("unknown private link")
    return registration


def invalid_link(request):
    """The one answer to a private link that leads nowhere: the same page whatever the reason."""
    return link_problem(request, _("This link is not valid, or it has been replaced by a newer one."), 404)


def link_throttled(request, secret=None):
    """Seconds to wait when this link or address may not be opened now (too many requests or misses).

    Requests are counted per link (``"private_link"``: one person reloading) and per client address
    with headroom (``"private_link_address"``: a venue's Wi-Fi with a hundred participants at the
    door); misses per address (``"private_link_miss"``: guessing).
    """
    if retry_after := ratelimit.used_up(request, "private_link_miss"):
        return retry_after
    if secret and (retry_after := ratelimit.count(request, "private_link", key=secret_key(secret))):
        return retry_after
    return ratelimit.count(request, "private_link_address")


def secret_key(secret):
    """A rate limit's key for a secret from a URL: hashed, so the cache never holds a working link."""
    return "link:" + hashlib.sha256(secret.encode()).hexdigest()[:32]


def secret_link(view):
    """Throttle a view behind a secret in its URL (a private link, an intervision member's link).

    The view's lookup raises ``UnknownLink`` for a secret that leads nowhere: that counts as a
    failed guess of this address, and gets the one page for links that lead nowhere.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if retry_after := link_throttled(request, kwargs.get("access_token") or kwargs.get("token")):
            return no_store(ratelimit.rate_limited_response(request, retry_after))
        try:
            return view(request, *args, **kwargs)
        except UnknownLink:
            ratelimit.count(request, "private_link_miss")
            return invalid_link(request)

    return wrapped


def private_link(view=None, *, lasting=False):
    """Give ``view(request, registration, ...)`` the registration behind ``/r/<access_token>/``.

    The link stops working some days after the event (``links.has_expired``); ``lasting=True``
    keeps a view open after that (the certificate downloads).

    Every view below a private link goes through here, whichever app it is in, so an unknown,
    revoked or anonymised link gets the same 404 page everywhere, and guessing is throttled: each
    address has a budget of requests (``RATELIMITS["private_link"]``) and a small one of links that
    lead nowhere (``"private_link_miss"``); with either used up it gets 429 until the window ends.
    What a view refuses for a valid link (no certificate yet, a cancelled registration) is its own.
    """

    if view is None:
        return functools.partial(private_link, lasting=lasting)

    @secret_link
    @functools.wraps(view)
    def wrapped(request, access_token, *args, **kwargs):
        registration = registration_for_link(access_token)
        if not lasting and links.has_expired(registration):
            # Not counted as a failed guess: the link was real. The same page as for any dead link.
            return invalid_link(request)
        return view(request, registration, *args, **kwargs)

    return wrapped


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
