"""Who a message goes to: an event's registrations by status, stakeholder type, company size,
attendance, or picked by hand. The filter is kept with the message as plain choices and ids."""

from django.db.models import Exists, OuterRef

from participants.models import Attendance, Registration

# Attendance choices: "", "checked_in:<session id>", "not_checked_in", "completed", "not_completed".
CHECKED_IN = "checked_in:"
NOT_CHECKED_IN = "not_checked_in"
COMPLETED = "completed"
NOT_COMPLETED = "not_completed"


def recipients(event, filters):
    """The registrations of ``event`` that ``filters`` (a dict of lists and strings) choose, by name."""
    registrations = Registration.objects.filter(event=event).select_related("participant", "event")
    if filters.get("registrations"):
        registrations = registrations.filter(pk__in=filters["registrations"])
    if filters.get("statuses"):
        registrations = registrations.filter(status__in=filters["statuses"])
    if filters.get("stakeholder_types"):
        registrations = registrations.filter(stakeholder_type__in=filters["stakeholder_types"])
    if filters.get("company_sizes"):
        registrations = registrations.filter(company_size__in=filters["company_sizes"])
    attendance = filters.get("attendance") or ""
    counted = Attendance.objects.counted().filter(registration=OuterRef("pk"))
    if attendance.startswith(CHECKED_IN):
        session_id = attendance.removeprefix(CHECKED_IN)
        registrations = registrations.filter(Exists(counted.filter(session_id=int(session_id))))
    elif attendance == NOT_CHECKED_IN:
        registrations = registrations.exclude(Exists(counted))
    elif attendance == COMPLETED:
        registrations = registrations.filter(sessions_checked_in__gte=max(event.required_sessions, 1))
    elif attendance == NOT_COMPLETED:
        registrations = registrations.filter(sessions_checked_in__lt=max(event.required_sessions, 1))
    return registrations.order_by("participant__last_name", "participant__first_name", "pk")
