"""What a registration tells its person: the confirmation link (double opt-in) and the status emails,
queued in the outbox in the person's language, one per change of state (the outbox key says which)."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.absolute import absolute_url
from participants import links
from participants.mail.outbox import queue_email
from participants.models import (
    Registration,
    RegistrationSource,
    RegistrationStatus,
)
from participants.registration.errors import RegistrationError
from participants.registration.seats import waiting_place
from participants.signals import registration_confirmed
from participants.tickets import qr_attachment

CONFIRM_SALT = "participants.confirm-email"


def _token_digest(registration):
    # Ties the confirmation link to the private link's secret: revoking one revokes both.
    return hashlib.sha256(registration.access_token.encode()).hexdigest()[:16]


def confirmation_token(registration):
    """A signed, expiring token for the email confirmation link (double opt-in)."""
    return signing.dumps([registration.pk, _token_digest(registration)], salt=CONFIRM_SALT)


def registration_for_confirmation(token):
    """The registration a confirmation link points at, or RegistrationError (forged or expired)."""
    max_age = timedelta(hours=settings.REGISTRATION_CONFIRM_LINK_HOURS)
    try:
        pk, digest = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise RegistrationError(
            _("This confirmation link has expired. Register again with the same email address to get a new one."),
            "expired_link",
        ) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise RegistrationError(_("This link is not valid. Check that you copied all of it."), "bad_link") from None
    registration = (
        Registration.objects.select_related("event", "participant").filter(pk=pk).first()
        if isinstance(pk, int)
        else None
    )
    if registration is None or _token_digest(registration) != digest:
        raise RegistrationError(_("This link is not valid. Check that you copied all of it."), "bad_link")
    return registration


def confirm_url(registration):
    return absolute_url(reverse("participants:confirm_email", args=[confirmation_token(registration)]))


def send_email(registration, template, key, *, fresh=False, replacing=None, attachments=(), **context):
    return queue_email(
        attachments=attachments,
        key=key,
        fresh=fresh,
        replacing=replacing,
        to=registration.participant.email,
        template=f"participants/emails/{template}",
        context={
            "registration": registration,
            "participant": registration.participant,
            "event": registration.event,
            "private_url": links.url(registration),
            **context,
        },
        language=registration.language,
        registration=registration,
    )


def stamp(moment):
    return moment.strftime("%Y%m%d%H%M%S%f")


def needs_email_confirmation(registration):
    return registration.source == RegistrationSource.WEB and registration.email_confirmed_at is None


def send_status_email(registration, reason, now, place=None, replacing=None):
    """Tell the person where they stand after ``reason`` (registered, confirmed, promoted ...).

    Returns the queued email; ``replacing`` is an email of this transaction that this one replaces.
    """
    # A registration made just now has an id no email key can contain yet: skip the outbox's lookup.
    fresh = reason == "registered"
    status = registration.status
    options = {"fresh": fresh, "replacing": replacing}
    if status == RegistrationStatus.PENDING:
        return send_email(
            registration,
            "confirm_email",
            f"confirm:{registration.pk}:{stamp(registration.hold_expires_at)}",
            confirm_url=confirm_url(registration),
            promoted=reason == "promoted",
            **options,
        )
    if status == RegistrationStatus.WAITLISTED:
        queued = registration.waitlisted_at is not None
        return send_email(
            registration,
            "waitlisted",
            f"waitlisted:{registration.pk}" if queued else f"waitlisted-unconfirmed:{registration.pk}",
            place=place or waiting_place(registration),
            hours=settings.REGISTRATION_HOLD_HOURS,
            confirm_url=confirm_url(registration) if needs_email_confirmation(registration) else "",
            **options,
        )
    if status == RegistrationStatus.AWAITING_APPROVAL:
        return send_email(registration, "awaiting_approval", f"awaiting-approval:{registration.pk}", **options)
    if status == RegistrationStatus.CONFIRMED:
        return send_email(
            registration,
            "confirmed",
            f"confirmed:{registration.pk}",
            promoted=reason == "promoted",
            attachments=[qr_attachment(registration)],
            **options,
        )
    return None


def resend_link(registration, now):
    """Send the person's link again, at most once per ten minutes (a double submit sends one email)."""
    bucket = int(now.timestamp() // 600)
    context = {}
    if needs_email_confirmation(registration) and registration.status in (
        RegistrationStatus.PENDING,
        RegistrationStatus.WAITLISTED,
    ):
        context["confirm_url"] = confirm_url(registration)
    send_email(registration, "link_reminder", f"resend:{registration.pk}:{bucket}", **context)


def announce_confirmed(registration):
    registration_confirmed.send(sender=Registration, registration=registration)
