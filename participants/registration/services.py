"""Registration: taking a seat, confirming it, cancelling it, and the waiting list.

Every write that changes who holds a seat locks the event's row (``select_for_update`` on
EventPage inside ``transaction.atomic()``) and counts the seat-holding registrations inside that
lock, so two requests can never both take the last seat; on SQLite the IMMEDIATE transactions
serialise writers the same way. ``register`` writes its rows first and takes the lock last: the
lock is held until the commit, and every registration for the event queues for it. The partial
unique constraint on Registration (one active registration per person per event) is the last line
of defence: its IntegrityError becomes a resend of the existing registration's link, never a
duplicate and never a server error.

Callers (the public form, the admin, check-in for walk-ins, tasks) use these functions only; they
raise ``RegistrationError`` with a machine-readable ``code`` for anything a person can get wrong.

This module holds the verbs that change a registration's status (register, confirm_email, approve,
cancel) and is the package's one public entrance (``__all__``); its parts:

- ``seats``: seat counts per stakeholder type, the event lock, a waiting person's place;
- ``rules``: who may register when, and the status a registration gets when it takes a seat;
- ``people``: the person and organisation, found or added;
- ``notices``: the confirmation link and the status emails, through the outbox;
- ``waiting_list``: promotion to freed seats and the release of expired holds.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.models import (
    SEAT_HOLDING,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)
from participants.questions.services import save_answers
from participants.registration.errors import RegistrationError
from participants.registration.notices import (
    CONFIRM_SALT,
    announce_confirmed,
    confirm_url,
    confirmation_token,
    needs_email_confirmation,
    registration_for_confirmation,
    resend_link,
    send_email,
    send_status_email,
    stamp,
)
from participants.registration.people import (
    DETAIL_FIELDS,
    clean_details,
    find_or_add_organisation,
    find_or_add_participant,
    upsert_person,
)
from participants.registration.rules import check_eligibility, check_window, seat
from participants.registration.seats import (
    count_seats,
    current_seats,
    locked_capacity,
    locked_event,
    release_seat,
    waiting_place,
)
from participants.registration.waiting_list import (
    promote,
    promote_waiting_list,
    release_expired_holds,
    schedule_promotion,
)
from participants.signals import registration_cancelled, registration_updated


@dataclass(frozen=True)
class RegistrationOutcome:
    registration: Registration
    created: bool  # False: the person was already registered and was sent their link again
    waiting_place: int | None = None  # their place on their type's waiting list, when waitlisted


def register(*, event, details, answers=None, source=RegistrationSource.WEB, consent=True, notify=True, now=None):
    """Register a person for ``event``: take a seat (held until the email is confirmed) or a place
    on the waiting list. Registering again returns the existing registration and resends its link.

    ``details`` holds the form's fields (see DETAIL_FIELDS). From the public form the seat is held
    for REGISTRATION_HOLD_HOURS until the email address is confirmed; an organiser's addition and
    a walk-in are confirmed at once (the organiser vouches for the address). ``answers`` are the
    event's own questions answered (``{question: value}``, participants.questions), stored with the
    registration in its transaction; someone already registered keeps their answers. ``notify=False`` sends
    the person no email of this service (an intervision member's meetings: the group's own emails
    and the calendar invite tell them); the confirmation's signal, and so the invite, still goes.
    """
    given_now, now = now, now or timezone.now()
    data = clean_details(details)
    check_window(event, source, now)
    check_eligibility(event, data["stakeholder_type"], data["company_size"])
    participant = None
    try:
        # One transaction, one commit. Every registration of an event waits for the event's lock,
        # and holds it until its commit, so the lock is taken last: the person, the organisation,
        # the registration (as if it gets a seat) and its email are written first, and under the
        # lock only the seats are counted. Nobody else sees the registration before the commit, so
        # it holds no seat until the count under the lock says it may.
        with transaction.atomic():
            organisation = find_or_add_organisation(data["organisation"])
            participant, new_person = find_or_add_participant(data, organisation)
            if not new_person:
                existing = Registration.objects.filter(event_id=event.pk, participant=participant).active().first()
                if existing is not None:
                    existing.event, existing.participant = event, participant
                    if notify:
                        resend_link(existing, now)
                    return RegistrationOutcome(existing, created=False)
            registration = Registration(
                event=event,
                participant=participant,
                source=source,
                stakeholder_type=data["stakeholder_type"],
                company_size=data["company_size"],
                sector=data["sector"][:150],
                organisation=organisation,
                job_title=data["job_title"][:150],
                dietary_needs=data["dietary_needs"][:2000],
                accessibility_needs=data["accessibility_needs"][:2000],
                language=data["language"],
                consent_at=now if consent else None,
                created_at=now,
            )
            seat(registration, event, now)
            registration.save(force_insert=True)
            if answers:
                save_answers(registration=registration, answers=answers, now=now)
            email = send_status_email(registration, "registered", now) if notify else None
            capacity, released = locked_capacity(event.pk)
            seats = count_seats(event.pk, capacity, released)
            stakeholder_type = registration.stakeholder_type
            # The count includes this registration (the transaction sees its own row): leave it out.
            if release_seat(seats, stakeholder_type).left_for(stakeholder_type) > 0:
                if registration.status == RegistrationStatus.CONFIRMED:
                    announce_confirmed(registration)
                return RegistrationOutcome(registration, created=True)
            # No seat: the waiting list, stamped inside the lock so its order is the order of the lock.
            # An address typed into the public form joins it only once its owner confirms it: until
            # then it waits in no queue, and lapses with the hold (release_expired_holds).
            registration.status = RegistrationStatus.WAITLISTED
            registration.confirmed_at = None
            if needs_email_confirmation(registration):
                registration.waitlisted_at = None
                registration.hold_expires_at = now + timedelta(hours=settings.REGISTRATION_HOLD_HOURS)
            else:
                registration.waitlisted_at = given_now or timezone.now()
                registration.hold_expires_at = None
            registration.save(update_fields=["status", "waitlisted_at", "hold_expires_at", "confirmed_at"])
            place = waiting_place(registration)
            if notify:
                send_status_email(registration, "registered", now, place=place, replacing=email)
            return RegistrationOutcome(registration, created=True, waiting_place=place)
    except IntegrityError:
        # One active registration per person per event: a request that raced past the lookup above.
        if participant is None:
            raise
        existing = Registration.objects.filter(event_id=event.pk, participant=participant).active().first()
        if existing is None:
            raise
        if notify:
            with transaction.atomic():
                resend_link(existing, now)
        return RegistrationOutcome(existing, created=False)


def confirm_email(*, registration, now=None):
    """Confirm the person's email address (the double opt-in link): their held seat becomes theirs.

    Safe to call twice. A waitlisted person's address is confirmed and they keep their place.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        locked.event, locked.participant = registration.event, registration.participant
        if locked.status == RegistrationStatus.CANCELLED:
            raise RegistrationError(
                _("This registration has lapsed or was cancelled. You are welcome to register again."), "lapsed"
            )
        if locked.email_confirmed_at is not None:
            return locked
        locked.email_confirmed_at = now
        if locked.status == RegistrationStatus.PENDING:
            seat(locked, locked.event, now)
            locked.save()
            send_status_email(locked, "confirmed", now)
            if locked.status == RegistrationStatus.CONFIRMED:
                announce_confirmed(locked)
        elif locked.status == RegistrationStatus.WAITLISTED and locked.waitlisted_at is None:
            # The owner of the address asks for a place: they join the waiting list now, at its end.
            locked.waitlisted_at = now
            locked.hold_expires_at = None
            locked.save(update_fields=["email_confirmed_at", "waitlisted_at", "hold_expires_at"])
            send_status_email(locked, "confirmed", now)
        else:
            locked.save(update_fields=["email_confirmed_at"])
        return locked


def approve(*, registration, now=None):
    """Approve a registration that waits for an organiser: it becomes confirmed."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Registration.objects.select_for_update().select_related("event", "participant").get(pk=registration.pk)
        if locked.status != RegistrationStatus.AWAITING_APPROVAL:
            raise RegistrationError(_("Only a registration that awaits approval can be approved."), "wrong_status")
        locked.status = RegistrationStatus.CONFIRMED
        locked.confirmed_at = now
        locked.save(update_fields=["status", "confirmed_at"])
        send_status_email(locked, "approved", now)
        announce_confirmed(locked)
        return locked


def cancel(*, registration, by_participant, notify=True, now=None):
    """Cancel a registration; a freed seat goes to the waiting list by a task after commit.

    ``notify=False`` sends no cancellation email (leaving an intervision group cancels its future
    meetings, and the group's own email says so); the calendar cancellation still goes.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Registration.objects.select_for_update().select_related("event", "participant").get(pk=registration.pk)
        if locked.status == RegistrationStatus.CANCELLED:
            return locked
        was = locked.status
        locked.status = RegistrationStatus.CANCELLED
        locked.cancelled_at = now
        locked.cancelled_by_participant = by_participant
        locked.hold_expires_at = None
        locked.save(update_fields=["status", "cancelled_at", "cancelled_by_participant", "hold_expires_at"])
        if notify:
            send_email(locked, "cancelled", f"cancelled:{locked.pk}:{stamp(now)}", by_participant=by_participant)
        if was != RegistrationStatus.PENDING:
            # Nothing was sent for an unconfirmed registration, so there is nothing to withdraw.
            registration_cancelled.send(sender=Registration, registration=locked, by_participant=by_participant)
        if was in SEAT_HOLDING:
            schedule_promotion(locked.event_id)
        return locked


def update_details(*, registration, details):
    """Save the details a participant changed through their private link."""
    with transaction.atomic():
        participant = registration.participant
        for field in ("first_name", "last_name", "phone", "job_title"):
            if field in details:
                setattr(participant, field, details[field])
        if "language" in details:
            participant.preferred_language = details["language"]
            registration.language = details["language"]
        if details.get("organisation"):
            participant.organisation = registration.organisation = find_or_add_organisation(details["organisation"])
        participant.save()
        for field in ("job_title", "dietary_needs", "accessibility_needs"):
            if field in details:
                setattr(registration, field, details[field])
        registration.save(
            update_fields=["job_title", "dietary_needs", "accessibility_needs", "language", "organisation"]
        )
        registration_updated.send(sender=Registration, registration=registration)
    return registration


# The public API of registration: callers import from here; the modules above are its parts.
__all__ = [
    "CONFIRM_SALT",
    "DETAIL_FIELDS",
    "RegistrationError",
    "RegistrationOutcome",
    "approve",
    "cancel",
    "check_eligibility",
    "check_window",
    "confirm_email",
    "confirm_url",
    "confirmation_token",
    "current_seats",
    "locked_capacity",
    "locked_event",
    "promote",
    "promote_waiting_list",
    "register",
    "registration_for_confirmation",
    "release_expired_holds",
    "schedule_promotion",
    "update_details",
    "upsert_person",
    "waiting_place",
]
