"""The attendance report, counted in the database in a fixed number of queries whatever the size:
seven on PostgreSQL (and one that sets the report's transaction up), ten on SQLite (three of them
fill a temporary table of the events in scope, see ``_scope``).

1. programmes (a handful of rows), 2. events in scope with their sessions and required sessions,
3. and 4. sessions and their check-ins, 5. registrations by status, participations, completions and
no-shows per event x stakeholder type x company size, 6. different people, 7. different organisations,
first-time and returning per year. Sections other apps add (``sections.py``: the evaluations) come
on top, one query when the events in scope have none of theirs.
Breakdowns that are sums (by event, by programme, by type, per month) add up the rows of query 5,
at most events x types x sizes rows of counts, never a row per registration or check-in; counts of
different people or organisations are not sums, so queries 6 and 7 group by person or organisation.

Participations and completions are counted from ``Registration.sessions_checked_in`` (its number of
check-ins not undone, kept by the database: see participants/checkin_counts.py), so no query but
the per-session one reads the check-ins. Each query is one pass over the registration table (or, on
SQLite, over an index that holds every column it reads), joined to the events in scope.

Every count reads the registration's own stakeholder_type, company_size and organisation_id (as at
registration) and participant_id, never the Participant's personal fields, so the figures survive the
retention policy's erasure, which blanks those fields in place and keeps the rows.
"""

from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import Least
from django.utils import timezone

from core import timezones
from events.choices import AttendanceRule, StakeholderType
from events.models import EventPage, EventSession, ProgrammePage, Region
from participants.models import Attendance, Registration
from participants.reports import sql
from participants.reports.assemble import assemble
from participants.reports.constants import CANCELLED
from participants.reports.headline import headline
from participants.reports.sections import add_sections


class ReportError(ValueError):
    """A filter that names something that does not exist (an unknown programme, kind or type)."""


def required_sessions(session_count):
    """SQL twin of EventPage.required_sessions: all sessions, or the minimum (at most all) for 'at least'."""
    at_least = Q(attendance_rule=AttendanceRule.AT_LEAST, attendance_minimum__gt=0)
    return Case(
        When(at_least & Q(n_sessions__gt=0), then=Least(F("attendance_minimum"), session_count)),
        When(at_least, then=F("attendance_minimum")),
        default=session_count,
        output_field=IntegerField(),
    )


def programme_number(programmes):
    """Which of ``programmes`` (by position) an event belongs to, for the events query: its parent's."""
    if not programmes:
        return Value(None, output_field=IntegerField())
    return Case(
        *(When(path__startswith=p["path"], then=Value(i)) for i, p in enumerate(programmes)),
        default=None,
        output_field=IntegerField(),
    )


# PostgreSQL's default work_mem (4 MB) makes the per-person and per-organisation groupings of 100,000
# registrations spill to disk; the report asks for more, for its own transaction only. Its queries
# are short: compiling them (JIT, which their estimated cost can switch on) costs more than it saves.
POSTGRESQL_SETTINGS = {"work_mem": "64MB", "jit": "off"}


def build_report(filters):
    """Count every figure of the attendance report for ``filters`` (a ReportFilters)."""
    if connection.vendor != "postgresql":
        return _build_report(filters)
    with transaction.atomic(), connection.cursor() as cursor:
        settings = ", ".join("set_config(%s, %s, true)" for _ in POSTGRESQL_SETTINGS)
        cursor.execute(f"SELECT {settings}", [v for pair in POSTGRESQL_SETTINGS.items() for v in pair])
        return _build_report(filters)


def _build_report(filters):
    now = filters.now or timezone.now()
    programmes = list(ProgrammePage.objects.order_by("path").values("pk", "title", "slug", "path", "kind"))
    programme_path = None
    if filters.programme:
        match = [p for p in programmes if p["slug"] == filters.programme]
        if not match:
            raise ReportError(f"There is no programme with the slug {filters.programme!r}.")
        programme_path = match[0]["path"]
    if filters.stakeholder_type and filters.stakeholder_type not in StakeholderType.values:
        raise ReportError(f"There is no stakeholder type {filters.stakeholder_type!r}.")

    def events_in(event_q):
        return (
            EventPage.objects.filter(event_q)
            .order_by()
            .values("title", "slug", "path", "kind", "starts_at", "ends_at", "time_zone", "region_id", event_id=F("pk"))
            .annotate(n_sessions=Count("sessions"), programme=programme_number(programmes))
            .annotate(required=required_sessions(F("n_sessions")))
        )

    events_qs = events_in(filters.event_q(programme_path=programme_path))
    events = sorted(events_qs, key=lambda e: (e["starts_at"] or now, e["event_id"]))
    sessions = _sessions(filters, events_qs, programme_path)
    history_qs = events_in(filters.without_period().event_q(programme_path=programme_path))
    # An event's year is that of its start in its own zone (docs/statistics.md).
    years = sorted({timezones.localdate(e["starts_at"], e["time_zone"]).year for e in events if e["starts_at"]})
    with sql.scope_of(filters, history_qs, years) as scope:
        cells = sql.cells(filters, scope, now)
        people = sql.people(filters, scope, programmes)
        organisations = sql.organisations(filters, scope, programmes, years)
    regions = list(Region.objects.values("pk", "name", "name_en", "abroad", "sort_order"))
    report = assemble(filters, now, programmes, events, sessions, cells, people, organisations, regions=regions)
    add_sections(report, filters)  # what other apps add (evaluations), through a hook
    report["headline"] = {language: headline(report, language) for language in ("nl", "en")}
    return report


def _sessions(filters, events_qs, programme_path):
    """Every session of the events in scope, with its counted check-ins (of the chosen type). Two queries.

    The check-ins are counted per session from the partial index on session where not undone, which
    holds all a count needs; check-ins of cancelled registrations are left out by the (few) cancelled
    ones, rather than by joining every check-in to its registration. (Not a subquery per session:
    SQLite would then look up each registration of the chosen type in each session.)
    """
    sessions = list(
        EventSession.objects.filter(filters.event_q("page__", programme_path))
        .order_by("page_id", "starts_at", "pk")
        .values("pk", "page_id", "title", "starts_at")
    )
    checkins = Attendance.objects.filter(undone_at__isnull=True)
    if filters.stakeholder_type:
        of_type = Registration.objects.filter(stakeholder_type=filters.stakeholder_type).values("pk")
        checkins = checkins.filter(registration_id__in=of_type)
    if filters.narrowed:
        checkins = checkins.filter(session__page__in=events_qs.values("event_id"))
    # Every check-in, less those of cancelled registrations: found from the (few) cancelled ones, so
    # no check-in is looked up in the registrations. (One filter() call: one join to the check-ins.)
    per_session = checkins.order_by().values("session_id").annotate(n=Count("*")).values_list("session_id", "n")
    theirs = {"status": CANCELLED, "attendances__isnull": False, "attendances__undone_at__isnull": True}
    if filters.stakeholder_type:
        theirs["stakeholder_type"] = filters.stakeholder_type
    if filters.narrowed:
        theirs["attendances__session__page__in"] = events_qs.values("event_id")
    of_cancelled = (
        Registration.objects.filter(**theirs)
        .order_by()
        .values("attendances__session_id")
        .annotate(n=-Count("attendances"))
        .values_list("attendances__session_id", "n")
    )
    counts = defaultdict(int)
    for session_id, n in per_session.union(of_cancelled, all=True).order_by():
        counts[session_id] += n
    for session in sessions:
        session["attended"] = counts[session["pk"]]
    return sessions
