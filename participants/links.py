"""The private link: its address, how long it works, and how it is replaced.

Every address below ``/r/<token>/`` is built here (other apps import ``url`` and ``path``), so the
token is written into a URL in one place. How the token is stored: ``participants.hashed_secrets``.

How long it works: until ``PRIVATE_LINK_DAYS_AFTER_EVENT`` days (a setting, default 60) after the
end of the event's last session. After that the views below the link answer the one page for dead
links, except the certificate downloads (``certificates/r/<token>/certificate.*``), which a
participant may need years later and which show nothing but their own certificate. A registration
for an event without sessions (no end) does not expire.

How it is replaced: ``replace(registration)`` gives it a new token (the old one finds nothing at once)
and emails the new link through the outbox. The participant asks for it on the private page ("send
me a new link", rate-limited), the Secretariat from the registrations admin ("replace link").
"""

import functools
import hashlib
import re
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import ratelimit
from core.absolute import absolute_url
from participants import hashed_secrets
from participants.mail.outbox import queue_email
from participants.models import Registration


def path(registration, view="participants:private_link"):
    """The site-relative address of ``view`` below the registration's private link."""
    return reverse(view, args=[registration.access_token])


def url(registration, view="participants:private_link"):
    """The absolute address of ``view`` below the registration's private link (for emails)."""
    return absolute_url(path(registration, view))


def expires_at(registration):
    """When the link stops working (but for certificates), or None when the event has no end."""
    ends_at = registration.event.ends_at
    if ends_at is None:
        return None
    return ends_at + timedelta(days=settings.PRIVATE_LINK_DAYS_AFTER_EVENT)


def has_expired(registration, now=None):
    moment = expires_at(registration)
    return moment is not None and (now or timezone.now()) >= moment


def replace(registration, *, reason):
    """Give the registration a new private link, email it, and return it; the old link is dead at once.

    ``reason`` ("asked" by the participant, "replaced" by the Secretariat) picks the email's wording.
    """
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("participant", "event")
            .get(pk=registration.pk)
        )
        registration.revoke_access()
        if registration.participant.email and not registration.participant.anonymised_at:
            queue_email(
                key=f"new-link:{registration.pk}:{registration.access_token_hash[:16]}",
                to=registration.participant.email,
                template="participants/emails/new_link",
                context={
                    "registration": registration,
                    "event": registration.event,
                    "private_url": url(registration),
                    "reason": reason,
                },
                language=registration.language or registration.event.language,
                registration=registration,
            )
    return registration


# Finding the registration behind a link, for every view below it


def no_store(response):
    response["Cache-Control"] = "no-store, private"
    # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" and CSRF checks fail.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def link_problem(request, message, status):
    return no_store(render(request, "participants/link_problem.html", {"message": message}, status=status))


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
        if not lasting and has_expired(registration):
            # Not counted as a failed guess: the link was real. The same page as for any dead link.
            return invalid_link(request)
        return view(request, registration, *args, **kwargs)

    return wrapped
