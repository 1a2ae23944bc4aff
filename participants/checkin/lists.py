"""What the scanner page, the offline list and the admin show of a session's people and counts."""

import hashlib

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from events.choices import StakeholderType
from participants.models import (
    Attendance,
    Registration,
    RegistrationStatus,
)


def code_hash(code):
    """The SHA-256 of a code, in hex: what the scan log and the offline list keep instead of the code."""
    return hashlib.sha256((code or "").encode()).hexdigest()


def registration_json(registration):
    """What the door needs to know of a person (the participant and organisation must be loaded)."""
    return {
        "id": registration.pk,
        "name": registration.participant.full_name,
        "organisation": registration.organisation.name if registration.organisation_id else "",
        "stakeholder_type": registration.stakeholder_type,
        "stakeholder_type_label": str(registration.get_stakeholder_type_display()),
        "status": registration.status,
    }


def session_counts(session):
    """Expected (confirmed registrations) and checked in, in total and per stakeholder type."""
    expected = dict(
        Registration.objects.filter(event_id=session.page_id, status=RegistrationStatus.CONFIRMED)
        .values_list("stakeholder_type")
        .annotate(n=Count("pk"))
        .values_list("stakeholder_type", "n")
    )
    checked_in = dict(
        Attendance.objects.counted()
        .filter(session=session)
        .values_list("registration__stakeholder_type")
        .annotate(n=Count("pk"))
        .values_list("registration__stakeholder_type", "n")
    )
    rows = [
        {"type": value, "label": str(label), "expected": expected.get(value, 0), "checked_in": checked_in.get(value, 0)}
        for value, label in StakeholderType.choices
        if expected.get(value) or checked_in.get(value)
    ]
    return {
        "session": session.pk,
        "expected": sum(expected.values()),
        "checked_in": sum(checked_in.values()),
        "by_stakeholder_type": rows,
        "updated_at": timezone.now().isoformat(),
    }


def session_registrations(session):
    """Everyone registered for the session's event (not cancelled ones first), with their check-in."""
    current = Attendance.objects.filter(registration=OuterRef("pk"), session=session, undone_at__isnull=True)
    return (
        Registration.objects.filter(event_id=session.page_id)
        .exclude(status__in=[RegistrationStatus.PENDING])
        .select_related("participant", "organisation")
        .annotate(checked_in_at=Subquery(current.values("checked_in_at")[:1]))
        .order_by("participant__last_name", "participant__first_name", "pk")
    )


def search_registrations(session, query, limit=20):
    """Registrations of the session's event whose name, email or organisation match every word of ``query``."""
    registrations = session_registrations(session)
    for word in query.split()[:5]:
        registrations = registrations.filter(
            Q(participant__first_name__icontains=word)
            | Q(participant__last_name__icontains=word)
            | Q(participant__email__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    return list(registrations[:limit])


def offline_entry(registration):
    """One person in the list a phone downloads to scan offline: the code only as its hash."""
    return {
        **registration_json(registration),
        "code_sha256": code_hash(registration.checkin_code),
        "checked_in_at": registration.checked_in_at.isoformat() if registration.checked_in_at else None,
    }
