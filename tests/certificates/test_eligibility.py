"""Who gets a certificate, for every kind of event: a table of cases, counted in the database."""

import pytest
from django.utils import timezone

from certificates.eligibility import eligible_registrations, is_eligible
from events.choices import EventKind, EventStatus
from participants.models import RegistrationStatus
from tests.factories import AttendanceFactory, RegistrationFactory

from .conftest import attend, past_event

pytestmark = pytest.mark.django_db

CONFIRMED, CANCELLED, WAITLISTED, PENDING = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.CANCELLED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.PENDING,
)


@pytest.mark.parametrize(
    ("kind", "sessions", "attended", "status", "eligible"),
    [
        # A roadshow: both days.
        (EventKind.ROADSHOW, 2, 2, CONFIRMED, True),
        (EventKind.ROADSHOW, 2, 1, CONFIRMED, False),
        (EventKind.ROADSHOW, 2, 0, CONFIRMED, False),
        (EventKind.ROADSHOW, 2, 2, CANCELLED, False),
        (EventKind.ROADSHOW, 2, 2, WAITLISTED, False),
        (EventKind.ROADSHOW, 2, 2, PENDING, False),
        # A NEVI course of four modules: at least three (the past_event default for NEVI: days - 1).
        (EventKind.NEVI, 4, 4, CONFIRMED, True),
        (EventKind.NEVI, 4, 3, CONFIRMED, True),
        (EventKind.NEVI, 4, 2, CONFIRMED, False),
        (EventKind.NEVI, 4, 3, CANCELLED, False),
        # An expert training: every session.
        (EventKind.EXPERT, 3, 3, CONFIRMED, True),
        (EventKind.EXPERT, 3, 2, CONFIRMED, False),
        (EventKind.EXPERT, 3, 3, WAITLISTED, False),
        # An intervision meeting: its one session, a proof per meeting.
        (EventKind.INTERVISION, 1, 1, CONFIRMED, True),
        (EventKind.INTERVISION, 1, 0, CONFIRMED, False),
        (EventKind.INTERVISION, 1, 1, CANCELLED, False),
    ],
)
def test_attendance_rule_of_each_kind(kind, sessions, attended, status, eligible):
    event = past_event(kind=kind, days=sessions)
    registration = RegistrationFactory(event=event)
    attend(registration, list(event.sessions.order_by("starts_at"))[:attended])
    registration.status = status
    registration.save()
    assert is_eligible(registration) is eligible
    assert (registration in eligible_registrations(event)) is eligible


def test_an_undone_check_in_does_not_count():
    event = past_event(days=2)
    registration = attend(RegistrationFactory(event=event))
    attendance = registration.attendances.first()
    attendance.undone_at = timezone.now()
    attendance.save()
    assert not is_eligible(registration)
    # Checked in again for the same session: counts again.
    AttendanceFactory(registration=registration, session=attendance.session)
    assert is_eligible(registration)


def test_nobody_qualifies_at_a_cancelled_event():
    event = past_event(days=1)
    registration = attend(RegistrationFactory(event=event))
    assert is_eligible(registration)
    event.status = EventStatus.CANCELLED
    event.save()
    assert not is_eligible(registration)


def test_the_count_is_per_registration_and_per_event():
    event = past_event(days=2)
    other = past_event(days=2)
    full, half = attend(RegistrationFactory(event=event)), RegistrationFactory(event=event)
    attend(half, [event.sessions.order_by("starts_at").first()])
    attend(RegistrationFactory(event=other))
    rows = {r.pk: r.sessions_attended for r in eligible_registrations(event)}
    assert rows == {full.pk: 2}
