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

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from participants.mail.outbox import queue_email
from participants.models import Registration


def path(registration, view="participants:private_link"):
    """The site-relative address of ``view`` below the registration's private link."""
    return reverse(view, args=[registration.access_token])


def url(registration, view="participants:private_link"):
    """The absolute address of ``view`` below the registration's private link (for emails)."""
    return settings.SITE_URL.rstrip("/") + path(registration, view)


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
