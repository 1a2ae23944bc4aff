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
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, router, transaction
from django.db.models import Q, Value
from django.db.models.constants import OnConflict
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.absolute import absolute_url
from core.errors import DomainError
from events.choices import CompanySize, EventKind, EventStatus, StakeholderType
from events.models import EventPage
from participants import links
from participants.mail.outbox import queue_email
from participants.models import (
    SEAT_HOLDING,
    Organisation,
    Participant,
    Registration,
    RegistrationSource,
    RegistrationStatus,
    normalise_organisation_name,
)
from participants.registration.seats import SeatCounts, count_seats
from participants.signals import registration_cancelled, registration_confirmed, registration_updated
from participants.tickets import qr_attachment

logger = logging.getLogger("covenant.registration")

CONFIRM_SALT = "participants.confirm-email"


class RegistrationError(DomainError):
    """Something a person or organiser can get wrong; ``code`` is for machines, the message for people.

    Codes: ``invalid`` (a required detail is missing or wrong), ``not_open`` (outside the window,
    cancelled or past event), ``sme_only`` (intervision), ``bad_link``, ``expired_link``,
    ``lapsed`` (the registration was cancelled or its hold expired), ``full`` (no seat for this
    type), ``wrong_status`` (the action does not fit the registration's status).
    """


@dataclass(frozen=True)
class RegistrationOutcome:
    registration: Registration
    created: bool  # False: the person was already registered and was sent their link again
    waiting_place: int | None = None  # their place on their type's waiting list, when waitlisted


# Reading the seat state: always inside the event lock when a decision depends on it.


def locked_event(event_id):
    """Lock the event's own row (not Wagtail's page row, so editors are not blocked) and return it.

    FOR NO KEY UPDATE, not FOR UPDATE: a registration row inserted in the same transaction before
    the lock takes a KEY SHARE lock on the event row (its foreign key), which FOR UPDATE would wait
    for, so two registrations would deadlock; FOR NO KEY UPDATE still excludes every other holder
    of this lock.
    """
    return EventPage.objects.select_for_update(of=("self",), no_key=True).get(pk=event_id)


def locked_capacity(event_id):
    """Lock the event's row as ``locked_event`` does, reading only what counting seats needs.

    Returns ``(capacity, release_unused_quotas)``: no page object is built, which is most of the
    cost of the lock on the registration path. The seats must be counted in a later statement than
    this one: a statement's snapshot is taken when it starts, so a count in the locking statement
    would miss what the lock's previous holder committed while this one waited.
    """
    return (
        EventPage.objects.select_for_update(of=("self",), no_key=True)
        .filter(pk=event_id)
        .values_list("capacity", "release_unused_quotas")
        .get()
    )


def current_seats(event):
    """Count seats held per type and the quotas, for ``event`` (which the caller has locked), in one query."""
    return count_seats(event.pk, event.capacity, event.release_unused_quotas)


def _take(counts, stakeholder_type, seats=1):
    taken = dict(counts.taken)
    taken[stakeholder_type] = taken.get(stakeholder_type, 0) + seats
    return SeatCounts(capacity=counts.capacity, taken=taken, reserved=counts.reserved, released=counts.released)


def _release(counts, stakeholder_type):
    return _take(counts, stakeholder_type, -1)


def waiting_place(registration):
    """The registration's place on the waiting list of its stakeholder type (1 is next).

    None until the person has confirmed their address: an address someone typed joins no list.
    """
    if registration.waitlisted_at is None:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id,
        stakeholder_type=registration.stakeholder_type,
        status=RegistrationStatus.WAITLISTED,
    ).filter(
        Q(waitlisted_at__lt=registration.waitlisted_at)
        | Q(waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


# Links


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


# Emails


def _email(registration, template, key, *, fresh=False, replacing=None, attachments=(), **context):
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


def _stamp(moment):
    return moment.strftime("%Y%m%d%H%M%S%f")


def _needs_email_confirmation(registration):
    return registration.source == RegistrationSource.WEB and registration.email_confirmed_at is None


def _send_status_email(registration, reason, now, place=None, replacing=None):
    """Tell the person where they stand after ``reason`` (registered, confirmed, promoted ...).

    Returns the queued email; ``replacing`` is an email of this transaction that this one replaces.
    """
    # A registration made just now has an id no email key can contain yet: skip the outbox's lookup.
    fresh = reason == "registered"
    status = registration.status
    options = {"fresh": fresh, "replacing": replacing}
    if status == RegistrationStatus.PENDING:
        return _email(
            registration,
            "confirm_email",
            f"confirm:{registration.pk}:{_stamp(registration.hold_expires_at)}",
            confirm_url=confirm_url(registration),
            promoted=reason == "promoted",
            **options,
        )
    if status == RegistrationStatus.WAITLISTED:
        queued = registration.waitlisted_at is not None
        return _email(
            registration,
            "waitlisted",
            f"waitlisted:{registration.pk}" if queued else f"waitlisted-unconfirmed:{registration.pk}",
            place=place or waiting_place(registration),
            hours=settings.REGISTRATION_HOLD_HOURS,
            confirm_url=confirm_url(registration) if _needs_email_confirmation(registration) else "",
            **options,
        )
    if status == RegistrationStatus.AWAITING_APPROVAL:
        return _email(registration, "awaiting_approval", f"awaiting-approval:{registration.pk}", **options)
    if status == RegistrationStatus.CONFIRMED:
        return _email(
            registration,
            "confirmed",
            f"confirmed:{registration.pk}",
            promoted=reason == "promoted",
            attachments=[qr_attachment(registration)],
            **options,
        )
    return None


def _resend_link(registration, now):
    """Send the person's link again, at most once per ten minutes (a double submit sends one email)."""
    bucket = int(now.timestamp() // 600)
    context = {}
    if _needs_email_confirmation(registration) and registration.status in (
        RegistrationStatus.PENDING,
        RegistrationStatus.WAITLISTED,
    ):
        context["confirm_url"] = confirm_url(registration)
    _email(registration, "link_reminder", f"resend:{registration.pk}:{bucket}", **context)


def _confirmed(registration):
    registration_confirmed.send(sender=Registration, registration=registration)


# Validating what a caller hands in


DETAIL_FIELDS = (
    "email",
    "first_name",
    "last_name",
    "stakeholder_type",
    "company_size",
    "sector",
    "organisation",
    "job_title",
    "phone",
    "dietary_needs",
    "accessibility_needs",
    "language",
)


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


def _clean(details):
    data = {name: str(details.get(name) or "").strip() for name in DETAIL_FIELDS}
    data["email"] = data["email"].lower() if data["email"].isascii() else data["email"]
    if not data["email"] or not data["first_name"] or not data["last_name"]:
        raise RegistrationError(_("Give your name and email address."), "invalid")
    if data["stakeholder_type"] != StakeholderType.COMPANY:
        data["company_size"] = ""
        data["sector"] = ""
    if data["language"] not in ("nl", "en"):
        data["language"] = settings.LANGUAGE_CODE[:2]
    return data


def _participant(data, organisation):
    """Find the person by email (case-insensitively) or create them; a known person keeps their details.

    Details of an existing person are not overwritten from a public form (anyone can type any email
    address); the person changes them through their private link. Returns (participant, created).
    """
    participant = Participant(
        email=data["email"],
        first_name=data["first_name"][:100],
        last_name=data["last_name"][:100],
        phone=data["phone"][:40],
        job_title=data["job_title"][:150],
        organisation=organisation,
        preferred_language=data["language"],
    )
    if _insert_unless_exists(participant):
        return participant, True
    # Known already (or registered at this moment by another request, whose commit the insert awaited).
    known = (
        Participant.objects.alias(email_lower=Lower("email"))
        .filter(email_lower=Lower(Value(data["email"])))  # the unique index's own expression
        .select_related("organisation")
        .get()
    )
    return known, False


def _insert_unless_exists(instance):
    """INSERT ``instance`` unless a unique constraint says it exists; True when inserted.

    ON CONFLICT DO NOTHING (INSERT OR IGNORE on SQLite): one statement, no savepoint, no IntegrityError
    that would break the transaction. Most people and organisations are new, so this comes first.
    """
    meta = instance._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    rows = type(instance)._base_manager._insert(
        [instance], fields=fields, returning_fields=meta.db_returning_fields, on_conflict=OnConflict.IGNORE
    )
    if not rows:
        return False
    for value, field in zip(rows[0], meta.db_returning_fields, strict=True):
        setattr(instance, field.attname, value)
    instance._state.adding, instance._state.db = False, router.db_for_write(type(instance))
    return True


def _organisation(name, participant=None):
    name = (name or "").strip()[:200]
    if not name:
        return None
    normalised = normalise_organisation_name(name) or name.lower()
    if participant is not None and participant.organisation and participant.organisation.normalised_name == normalised:
        return participant.organisation
    organisation = Organisation.objects.filter(normalised_name=normalised).first()
    if organisation is not None:
        return organisation
    organisation = Organisation(name=name, normalised_name=normalised)
    if _insert_unless_exists(organisation):
        return organisation
    return Organisation.objects.get(normalised_name=normalised)


# The services


def upsert_person(*, details, fill_blanks=False):
    """Return ``(participant, organisation)`` for the person ``details`` name, added when new.

    The person is found by email address (case-insensitively). A known person's details are not
    overwritten from a public form (anyone can type any address); ``fill_blanks=True`` fills in only
    what is empty (an intervision application, read by the group's facilitator).
    """
    data = _clean(details)
    organisation = _organisation(data["organisation"])
    participant, created = _participant(data, organisation)
    if not created and fill_blanks:
        limits = {"first_name": 100, "last_name": 100, "phone": 40, "job_title": 150}
        changed = [name for name in limits if data[name] and not getattr(participant, name)]
        for name in changed:
            setattr(participant, name, data[name][: limits[name]])
        if organisation is not None and participant.organisation_id is None:
            participant.organisation = organisation
            changed.append("organisation")
        if changed:
            participant.save(update_fields=changed)
    return participant, organisation


def register(*, event, details, source=RegistrationSource.WEB, consent=True, notify=True, now=None):
    """Register a person for ``event``: take a seat (held until the email is confirmed) or a place
    on the waiting list. Registering again returns the existing registration and resends its link.

    ``details`` holds the form's fields (see DETAIL_FIELDS). From the public form the seat is held
    for REGISTRATION_HOLD_HOURS until the email address is confirmed; an organiser's addition and
    a walk-in are confirmed at once (the organiser vouches for the address). ``notify=False`` sends
    the person no email of this service (an intervision member's meetings: the group's own emails
    and the calendar invite tell them); the confirmation's signal, and so the invite, still goes.
    """
    given_now, now = now, now or timezone.now()
    data = _clean(details)
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
            organisation = _organisation(data["organisation"])
            participant, new_person = _participant(data, organisation)
            if not new_person:
                existing = Registration.objects.filter(event_id=event.pk, participant=participant).active().first()
                if existing is not None:
                    existing.event, existing.participant = event, participant
                    if notify:
                        _resend_link(existing, now)
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
            _seat(registration, event, now)
            registration.save(force_insert=True)
            email = _send_status_email(registration, "registered", now) if notify else None
            capacity, released = locked_capacity(event.pk)
            seats = count_seats(event.pk, capacity, released)
            stakeholder_type = registration.stakeholder_type
            # The count includes this registration (the transaction sees its own row): leave it out.
            if _release(seats, stakeholder_type).left_for(stakeholder_type) > 0:
                if registration.status == RegistrationStatus.CONFIRMED:
                    _confirmed(registration)
                return RegistrationOutcome(registration, created=True)
            # No seat: the waiting list, stamped inside the lock so its order is the order of the lock.
            # An address typed into the public form joins it only once its owner confirms it: until
            # then it waits in no queue, and lapses with the hold (release_expired_holds).
            registration.status = RegistrationStatus.WAITLISTED
            registration.confirmed_at = None
            if _needs_email_confirmation(registration):
                registration.waitlisted_at = None
                registration.hold_expires_at = now + timedelta(hours=settings.REGISTRATION_HOLD_HOURS)
            else:
                registration.waitlisted_at = given_now or timezone.now()
                registration.hold_expires_at = None
            registration.save(update_fields=["status", "waitlisted_at", "hold_expires_at", "confirmed_at"])
            place = waiting_place(registration)
            if notify:
                _send_status_email(registration, "registered", now, place=place, replacing=email)
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
                _resend_link(existing, now)
        return RegistrationOutcome(existing, created=False)


def _seat(registration, event, now):
    """Give ``registration`` a seat: held until its email is confirmed, then approval or confirmation."""
    if _needs_email_confirmation(registration):
        registration.status = RegistrationStatus.PENDING
        registration.hold_expires_at = now + timedelta(hours=settings.REGISTRATION_HOLD_HOURS)
    elif event.requires_approval and registration.source == RegistrationSource.WEB:
        registration.status = RegistrationStatus.AWAITING_APPROVAL
        registration.hold_expires_at = None
    else:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.hold_expires_at = None


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
            _seat(locked, locked.event, now)
            locked.save()
            _send_status_email(locked, "confirmed", now)
            if locked.status == RegistrationStatus.CONFIRMED:
                _confirmed(locked)
        elif locked.status == RegistrationStatus.WAITLISTED and locked.waitlisted_at is None:
            # The owner of the address asks for a place: they join the waiting list now, at its end.
            locked.waitlisted_at = now
            locked.hold_expires_at = None
            locked.save(update_fields=["email_confirmed_at", "waitlisted_at", "hold_expires_at"])
            _send_status_email(locked, "confirmed", now)
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
        _send_status_email(locked, "approved", now)
        _confirmed(locked)
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
            _email(locked, "cancelled", f"cancelled:{locked.pk}:{_stamp(now)}", by_participant=by_participant)
        if was != RegistrationStatus.PENDING:
            # Nothing was sent for an unconfirmed registration, so there is nothing to withdraw.
            registration_cancelled.send(sender=Registration, registration=locked, by_participant=by_participant)
        if was in SEAT_HOLDING:
            schedule_promotion(locked.event_id)
        return locked


def schedule_promotion(event_id):
    """Promote the waiting list of the event by a task, after the current transaction commits."""

    def enqueue():
        from django_q.tasks import async_task

        async_task("participants.tasks.promote_waiting_list_task", event_id, task_name=f"promote-{event_id}")

    transaction.on_commit(enqueue)


def promote(*, registration, now=None):
    """Move one person from the waiting list to a seat (an organiser's choice), if their type has one."""
    now = now or timezone.now()
    with transaction.atomic():
        event = locked_event(registration.event_id)
        locked = Registration.objects.select_for_update().select_related("participant").get(pk=registration.pk)
        locked.event = event
        if locked.status != RegistrationStatus.WAITLISTED:
            raise RegistrationError(
                _("Only a registration on the waiting list can be moved to a seat."), "wrong_status"
            )
        if current_seats(event).left_for(locked.stakeholder_type) <= 0:
            raise RegistrationError(
                _(
                    "There is no free seat for this stakeholder type. "
                    "Raise the capacity or release reserved seats first."
                ),
                "full",
            )
        _promote(locked, event, now)
        return locked


def _promote(registration, event, now):
    _seat(registration, event, now)
    registration.save()
    _send_status_email(registration, "promoted", now)
    if registration.status == RegistrationStatus.CONFIRMED:
        _confirmed(registration)


def promote_waiting_list(*, event, now=None):
    """Give every free seat to the next waiting person of a type that may take it, first come first served.

    Runs under the event's lock, so one seat never goes to two people however many workers run it.
    Returns the promoted registrations.
    """
    now = now or timezone.now()
    promoted = []
    with transaction.atomic():
        locked = locked_event(event.pk)
        if locked.status != EventStatus.SCHEDULED or (locked.starts_at and locked.starts_at <= now):
            return promoted
        seats = current_seats(locked)
        if seats.total_left <= 0:
            return promoted
        waiting = (
            Registration.objects.filter(event_id=locked.pk, waitlisted_at__isnull=False)
            .waitlisted()
            .select_related("participant")
        )
        for registration in waiting:
            if seats.total_left <= 0:
                break
            if seats.left_for(registration.stakeholder_type) <= 0:
                continue
            registration.event = locked
            _promote(registration, locked, now)
            seats = _take(seats, registration.stakeholder_type)
            promoted.append(registration)
    if promoted:
        logger.info("Promoted %s from the waiting list of event %s", len(promoted), event.pk)
    return promoted


def release_expired_holds(*, now=None):
    """Release the seats of registrations whose email was not confirmed in time, then promote.

    Returns the number of registrations released.
    """
    now = now or timezone.now()
    released = 0
    event_ids = set(
        Registration.objects.filter(status=RegistrationStatus.PENDING, hold_expires_at__lt=now).values_list(
            "event_id", flat=True
        )
    )
    # Addresses typed for a full event and never confirmed leave, unannounced: they had no place.
    Registration.objects.filter(
        status=RegistrationStatus.WAITLISTED, waitlisted_at__isnull=True, hold_expires_at__lt=now
    ).update(status=RegistrationStatus.CANCELLED, cancelled_at=now)
    for event_id in sorted(event_ids):
        with transaction.atomic():
            event = locked_event(event_id)
            expired = list(
                Registration.objects.select_for_update()
                .filter(event_id=event_id, status=RegistrationStatus.PENDING, hold_expires_at__lt=now)
                .select_related("participant")
            )
            for registration in expired:
                registration.event = event
                registration.status = RegistrationStatus.CANCELLED
                registration.cancelled_at = now
                registration.save(update_fields=["status", "cancelled_at"])
                _email(registration, "hold_expired", f"hold-expired:{registration.pk}")
            released += len(expired)
            promote_waiting_list(event=event, now=now)
    return released


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
            participant.organisation = registration.organisation = _organisation(details["organisation"])
        participant.save()
        for field in ("job_title", "dietary_needs", "accessibility_needs"):
            if field in details:
                setattr(registration, field, details[field])
        registration.save(
            update_fields=["job_title", "dietary_needs", "accessibility_needs", "language", "organisation"]
        )
        registration_updated.send(sender=Registration, registration=registration)
    return registration
