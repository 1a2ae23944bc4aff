"""Shared set-up for the check-in tests: an event with a session today and one tomorrow."""

from datetime import timedelta

from django.utils import timezone

from tests.factories import make_event


def today_event(**fields):
    """An event whose first session runs today (all day, local time) and whose second is tomorrow."""
    now = timezone.localtime()
    start = now.replace(hour=0, minute=1, second=0, microsecond=0)
    end = now.replace(hour=23, minute=59, second=0, microsecond=0)
    fields.setdefault("title", "Roadshow Zwolle")
    return make_event(
        sessions=[("Dag 1", start, end), ("Dag 2", start + timedelta(days=1), end + timedelta(days=1))],
        **fields,
    )


def sessions_of(event):
    return list(event.sessions.order_by("starts_at"))


def add_organiser(event, user):
    """Make ``user`` an organiser of ``event`` (a ParentalManyToManyField: saved with the page)."""
    event.organisers.add(user)
    event.save()
    return user
