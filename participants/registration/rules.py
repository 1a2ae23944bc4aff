"""Who may register when, and the status a registration gets when it takes a seat."""

from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from events.choices import CompanySize, EventKind, EventStatus, StakeholderType
from participants.models import (
    RegistrationSource,
    RegistrationStatus,
)
from participants.registration.errors import RegistrationError
from participants.registration.notices import needs_email_confirmation


def check_eligibility(event, stakeholder_type, company_size):
    """Raise RegistrationError when this type (and size) may not register for ``event``."""
    if stakeholder_type not in StakeholderType.values:
        raise RegistrationError(_("Choose the kind of organisation you work for."), "invalid")
    if stakeholder_type == StakeholderType.COMPANY and company_size not in CompanySize.values:
        raise RegistrationError(_("Choose the size of your company."), "invalid")
    if event.kind == EventKind.INTERVISION and not (
        stakeholder_type == StakeholderType.COMPANY and company_size == CompanySize.SME
    ):
        raise RegistrationError(
            _("Intervision groups are open to SME companies (under 250 employees) only."), "sme_only"
        )


def check_window(event, source, now):
    state = event.registration_state(now)
    if source == RegistrationSource.WEB:
        messages = {
            "not_yet": _("Registration for this event has not opened yet."),
            "closed": _("Registration for this event is closed."),
            "cancelled": _("This event has been cancelled."),
            "past": _("This event has already started."),
        }
        if state != "open":
            raise RegistrationError(messages[state], "not_open")
    elif event.status == EventStatus.CANCELLED:
        # Organisers may add people after the window closes, and walk-ins arrive on the day.
        raise RegistrationError(_("This event has been cancelled."), "not_open")


def seat(registration, event, now):
    """Give ``registration`` a seat: held until its email is confirmed, then approval or confirmation."""
    if needs_email_confirmation(registration):
        registration.status = RegistrationStatus.PENDING
        registration.hold_expires_at = now + timedelta(hours=settings.REGISTRATION_HOLD_HOURS)
    elif event.requires_approval and registration.source == RegistrationSource.WEB:
        registration.status = RegistrationStatus.AWAITING_APPROVAL
        registration.hold_expires_at = None
    else:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.hold_expires_at = None
