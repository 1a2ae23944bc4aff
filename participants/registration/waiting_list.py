"""The waiting list: promoting people to freed seats (by a task after commit, or an organiser's
choice), and releasing the seats whose holds expired."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_q.tasks import async_task

from events.choices import EventStatus
from participants.models import (
    Registration,
    RegistrationStatus,
)
from participants.registration.errors import RegistrationError
from participants.registration.notices import announce_confirmed, send_email, send_status_email
from participants.registration.rules import seat
from participants.registration.seats import current_seats, locked_event, take_seat

logger = logging.getLogger("covenant.registration")


def schedule_promotion(event_id):
    """Promote the waiting list of the event by a task, after the current transaction commits."""

    def enqueue():
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
    seat(registration, event, now)
    registration.save()
    send_status_email(registration, "promoted", now)
    if registration.status == RegistrationStatus.CONFIRMED:
        announce_confirmed(registration)


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
            seats = take_seat(seats, registration.stakeholder_type)
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
                send_email(registration, "hold_expired", f"hold-expired:{registration.pk}")
            released += len(expired)
            promote_waiting_list(event=event, now=now)
    return released
