"""Helpers for the certificate tests: past events of each kind and people checked in for them."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from events.choices import AttendanceRule, EventKind
from tests.factories import AttendanceFactory, RegistrationFactory, make_event


def past_event(*, kind=EventKind.ROADSHOW, days=2, **fields):
    start = (timezone.now() - timedelta(days=days + 10)).replace(hour=9, minute=0, second=0, microsecond=0)
    if kind == EventKind.NEVI:
        fields.setdefault("attendance_rule", AttendanceRule.AT_LEAST)
        fields.setdefault("attendance_minimum", days - 1)
        fields.setdefault("pe_points", 8)
        fields.setdefault("pe_register", "NEVI PE-register")
    return make_event(kind=kind, start=start, days=days, **fields)


def attend(registration, sessions=None):
    """Check ``registration`` in for ``sessions`` (default: all of its event's)."""
    event = registration.event
    for session in sessions if sessions is not None else event.sessions.order_by("starts_at"):
        AttendanceFactory(registration=registration, session=session)
    return registration


def attendee(event, **fields):
    return attend(RegistrationFactory(event=event, **fields))


@pytest.fixture(autouse=True)
def _clear_cache():
    # The verification rate limit lives in the cache; each test starts with a clean slate.
    cache.clear()
    yield
    cache.clear()
