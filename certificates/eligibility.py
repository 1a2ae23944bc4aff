"""Who gets a certificate: the event's attendance rule, counted in the database.

Every kind of event reduces to one number, ``EventPage.required_sessions``: all sessions (a
roadshow's two days, an expert training, an intervision meeting's one session) or at least N (a
NEVI course's modules). A registration qualifies when it is confirmed and has at least that many
counted check-ins (not undone) for sessions of its own event. Cancelled, waitlisted and unconfirmed
registrations never qualify, and nobody does at a cancelled event or one without sessions.

A year certificate of a series (an intervision group's meetings) has its own rule: at least one
counted check-in (not undone, registration not cancelled) at a session of one of the series' events
that starts in that year, Amsterdam time; cancelled events do not count. It lists every such event.
"""

from django.db.models import Count, Prefetch, Q

from events.choices import EventStatus
from participants.models import Attendance, Registration, RegistrationStatus


def counted_sessions(event):
    """A Count of a registration's counted check-ins at ``event``'s sessions, for ``annotate``."""
    return Count(
        "attendances__session",
        filter=Q(attendances__undone_at__isnull=True, attendances__session__page_id=event.pk),
        distinct=True,
    )


def eligible_registrations(event):
    """The registrations of ``event`` that meet its attendance rule, annotated with ``sessions_attended``."""
    required = event.required_sessions
    if not required or event.is_cancelled:
        return Registration.objects.none()
    return (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .annotate(sessions_attended=counted_sessions(event))
        .filter(sessions_attended__gte=required)
    )


def is_eligible(registration):
    return eligible_registrations(registration.event).filter(pk=registration.pk).exists()


def with_attended_sessions(queryset):
    """Prefetch each registration's counted check-ins with their sessions, as ``counted_attendances``."""
    return queryset.prefetch_related(
        Prefetch(
            "attendances",
            queryset=Attendance.objects.filter(undone_at__isnull=True).select_related("session"),
            to_attr="counted_attendances",
        )
    )


def attended_sessions(registration):
    """The sessions of its own event that ``registration`` was checked in for (and not undone), by time."""
    attendances = getattr(registration, "counted_attendances", None)
    if attendances is None:
        attendances = registration.attendances.filter(undone_at__isnull=True).select_related("session")
    sessions = {a.session_id: a.session for a in attendances if a.session.page_id == registration.event_id}
    return sorted(sessions.values(), key=lambda s: (s.starts_at, s.pk))


def _series_attendances(events, year):
    return (
        Attendance.objects.counted()
        .filter(session__page__in=events, session__starts_at__year=year)
        .exclude(session__page__status=EventStatus.CANCELLED)
    )


def series_attendances(*, participant, events, year):
    """``participant``'s counted check-ins at sessions of ``events`` (a queryset) starting in ``year``."""
    return (
        _series_attendances(events, year)
        .filter(registration__participant=participant)
        .select_related("session__page", "registration__organisation")
        .order_by("session__starts_at", "pk")
    )


def series_participant_ids(*, events, year):
    """The ids of everyone eligible for a year certificate of ``events`` in ``year``."""
    return set(_series_attendances(events, year).values_list("registration__participant_id", flat=True))
