"""The attendance report, counted in the database in a fixed number of queries (eight, whatever the size;
on PostgreSQL one more that gives the report's transaction more working memory).

1. programmes (a handful of rows), 2. events in scope with their session count and required sessions,
3. and 4. sessions and their check-ins, 5. and 6. registrations by status and participations counted
per event x stakeholder type x company size, 7. different people, 8. different organisations,
first-time and returning per year.
Breakdowns that are sums (by event, by programme, by type, per month) add up the rows of query 4,
at most events x types x sizes rows of counts, never a row per registration or check-in; counts of
different people or organisations are not sums, so queries 7 and 8 group by person or organisation.

Every count reads the registration's own stakeholder_type, company_size and organisation_id (as at
registration) and participant_id, never the Participant's personal fields, so the figures survive the
retention policy's erasure, which blanks those fields in place and keeps the rows.
"""

import datetime
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Case, Count, F, IntegerField, Min, Q, When
from django.db.models.functions import Least
from django.utils import timezone
from wagtail.models import Page

from events.choices import CIVIL_SOCIETY_TYPES, AttendanceRule, CompanySize, StakeholderType
from events.models import EventPage, EventSession, ProgrammePage

from ..models import Attendance, Registration, RegistrationStatus
from .headline import headline

STATUSES = [s.value for s in RegistrationStatus]
COMPANY = StakeholderType.COMPANY.value
GROUPS = {
    "companies": [COMPANY],
    "civil_society": [t.value for t in CIVIL_SOCIETY_TYPES],
    "others": [t.value for t in StakeholderType if t != COMPANY and t not in CIVIL_SOCIETY_TYPES],
}
COUNTS = ["registered", "attended", "completed"]


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


def with_counted_checkin():
    """Registrations with a check-in that was not undone (the caller excludes cancelled registrations).

    An IN (subquery) rather than a correlated EXISTS: both databases read the check-ins once through the
    partial unique index on registration x session where not undone, instead of probing per registration.
    """
    return Q(pk__in=Attendance.objects.filter(undone_at__isnull=True).values("registration_id"))


# PostgreSQL's default work_mem (4 MB) makes the per-registration and per-person groupings of 100,000
# registrations spill to disk; the report asks for more, for its own transaction only.
POSTGRESQL_WORK_MEM = "64MB"


def build_report(filters):
    """Count every figure of the attendance report for ``filters`` (a ReportFilters)."""
    if connection.vendor != "postgresql":
        return _build_report(filters)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('work_mem', %s, true)", [POSTGRESQL_WORK_MEM])
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

    event_q = filters.event_q(programme_path=programme_path)
    registration_q = filters.event_q("event__", programme_path) & filters.registration_q()

    events_qs = (
        EventPage.objects.filter(event_q)
        .order_by()
        .values("title", "slug", "path", "kind", "starts_at", "ends_at", event_id=F("pk"))
        .annotate(n_sessions=Count("sessions"))
        .annotate(required=required_sessions(F("n_sessions")))
    )
    events = sorted(events_qs, key=lambda e: (e["starts_at"] or now, e["event_id"]))
    sessions = _sessions(filters, events_qs, programme_path)
    cells = _cells(filters, events_qs, registration_q, now)
    people = _people(registration_q, programmes)
    organisations = _organisations(filters, programme_path, programmes, events)
    report = _assemble(filters, now, programmes, events, sessions, cells, people, organisations)
    report["headline"] = {language: headline(report, language) for language in ("nl", "en")}
    return report


def _sessions(filters, events_qs, programme_path):
    """Every session of the events in scope, with its counted check-ins (of the chosen type). Two queries.

    The check-ins are counted per session from the partial unique index on registration x session
    where not undone, which holds all a count needs; check-ins of cancelled registrations are left out
    by the (few) cancelled ones, rather than by joining every check-in to its registration.
    """
    sessions = list(
        EventSession.objects.filter(filters.event_q("page__", programme_path))
        .order_by("page_id", "starts_at", "pk")
        .values("pk", "page_id", "title", "starts_at")
    )
    cancelled = Registration.objects.filter(status=RegistrationStatus.CANCELLED).values("pk")
    checkins = Attendance.objects.filter(undone_at__isnull=True).exclude(registration_id__in=cancelled)
    if filters.stakeholder_type:
        of_type = Registration.objects.filter(stakeholder_type=filters.stakeholder_type).values("pk")
        checkins = checkins.filter(registration_id__in=of_type)
    if filters.narrowed:
        checkins = checkins.filter(session__page__in=events_qs.values("event_id"))
    counts = dict(checkins.order_by().values("session_id").annotate(n=Count("pk")).values_list("session_id", "n"))
    for session in sessions:
        session["attended"] = counts.get(session["pk"], 0)
    return sessions


CELL = ("event_id", "stakeholder_type", "company_size")


def _cells(filters, events_qs, registration_q, now):
    """Registrations counted per event x stakeholder type x company size, in two queries.

    Registrations by status come from the registrations alone. Participations and completions come
    from the check-ins: each registration's check-ins that were not undone are counted once (the unique
    constraint on registration x session while not undone makes that its number of different
    sessions), compared with its event's required sessions, and summed per cell. Django's ORM cannot
    group over an aggregate, so that outer level is SQL around the ORM's own queries. A confirmed
    registration of an ended event without such a check-in is a no-show.
    """
    confirmed = RegistrationStatus.CONFIRMED.value
    past = Q(event__ends_at__lt=now)
    by_status = (
        Registration.objects.filter(registration_q)
        .order_by()
        .values(*CELL)
        .annotate(
            **{f"st_{s}": Count("pk", filter=Q(status=s)) for s in STATUSES},
            past_confirmed=Count("pk", filter=Q(status=confirmed) & past),
        )
    )
    cells = {
        tuple(row[k] for k in CELL): {**row, "attended": 0, "completed": 0, "no_shows": 0} for row in _raw(by_status)
    }

    checkins = Attendance.objects.filter(undone_at__isnull=True)
    if filters.narrowed:
        checkins = checkins.filter(session__page__in=events_qs.values("event_id"))
    per_registration = checkins.order_by().values("registration_id").annotate(n=Count("pk"))
    inner_sql, inner_params = per_registration.query.sql_with_params()
    events_sql, events_params = events_qs.query.sql_with_params()
    type_sql, type_params = (
        ("AND r.stakeholder_type = %s", [filters.stakeholder_type]) if filters.stakeholder_type else ("", [])
    )
    sql = f"""
        SELECT r.event_id, r.stakeholder_type, r.company_size,
            COUNT(*) AS attended,
            SUM(CASE WHEN a.n >= ev.required THEN 1 ELSE 0 END) AS completed,
            SUM(CASE WHEN r.status = %s AND ev.ends_at < %s THEN 1 ELSE 0 END) AS past_confirmed_attended
        FROM ({inner_sql}) a
        INNER JOIN {Registration._meta.db_table} r ON r.id = a.registration_id
        INNER JOIN ({events_sql}) ev ON ev.event_id = r.event_id
        WHERE r.status <> %s {type_sql}
        GROUP BY r.event_id, r.stakeholder_type, r.company_size
    """
    # A raw parameter is not adapted by the ORM: on SQLite, datetimes are stored as UTC text.
    params = [
        confirmed,
        connection.ops.adapt_datetimefield_value(now),
        *inner_params,
        *events_params,
        RegistrationStatus.CANCELLED.value,
        *type_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for event_id, kind, size, attended, completed, past_attended in cursor.fetchall():
            cell = cells[(event_id, kind, size)]  # a participation is a registration: its cell exists
            cell["attended"], cell["completed"] = attended, completed or 0
            cell["past_confirmed_attended"] = past_attended or 0
    for cell in cells.values():
        cell["no_shows"] = cell["past_confirmed"] - cell.pop("past_confirmed_attended", 0)
    return list(cells.values())


def _raw(queryset):
    """The rows of a values() queryset of plain counts and strings, without Django's per-value converters
    (which cost more than the database's own work for many small rows)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _participating(registration_q):
    """Registrations that are participations: not cancelled, with a check-in that was not undone."""
    return (
        Registration.objects.filter(registration_q)
        .exclude(status=RegistrationStatus.CANCELLED)
        .filter(with_counted_checkin())
        .order_by()
    )


def _in_programme(programme):
    """Registrations for an event of this programme: by a list of the programme's events, which both
    databases read once, rather than a join to the page tree and a LIKE on its path for every row."""
    return Q(event_id__in=EventPage.objects.filter(path__startswith=programme["path"]).values("pk"))


def _people(registration_q, programmes):
    """Different people with a participation: overall, per stakeholder type and group, per programme.

    Two levels in one query: one row per person with their participations of each kind, then a count of
    the people with at least one. (Cheaper than a COUNT(DISTINCT) per figure, which sorts the rows again
    for each.) A person who came as a company and later as an NGO is one of each type, and one overall.
    """
    kinds = {f"type_{t}": Q(stakeholder_type=t) for t in StakeholderType.values}
    kinds |= {f"group_{g}": Q(stakeholder_type__in=types) for g, types in GROUPS.items()}
    kinds |= {f"programme_{i}": _in_programme(p) for i, p in enumerate(programmes)}
    per_person = (
        _participating(registration_q)
        .values("participant_id")
        .annotate(**{f"n_{key}": Count("pk", filter=q) for key, q in kinds.items()})
    )
    return per_person.aggregate(
        participants=Count("participant_id"),
        **{key: Count("participant_id", filter=Q(**{f"n_{key}__gt": 0})) for key in kinds},
    )


def _organisations(filters, programme_path, programmes, events):
    """Different organisations with a participation: overall, companies by size, per programme, per year.

    One row per organisation (inner) with its first participation at any time under the same
    programme/kind/type filters, and its participations in the period of each kind; the outer level
    counts organisations. Per calendar year of the period, an organisation is first-time when its
    first participation ever falls in that year (on or after 1 January), returning otherwise. A renamed
    organisation is the same row, so it is neither counted twice nor new again.
    """
    everything = Q(pk__isnull=False)
    period = everything
    if filters.period_start:
        period &= Q(event__starts_at__gte=filters.period_start)
    if filters.period_end:
        period &= Q(event__starts_at__lt=filters.period_end)
    company = Q(stakeholder_type=COMPANY)
    kinds = {"in_period": period}
    kinds |= {f"size_{size}": period & company & Q(company_size=size) for size in CompanySize.values}
    kinds |= {f"programme_{i}": period & _in_programme(p) for i, p in enumerate(programmes)}
    years = sorted({timezone.localtime(e["starts_at"]).year for e in events if e["starts_at"]})
    year_starts = {}
    for year in years:
        start = timezone.make_aware(datetime.datetime(year, 1, 1))
        end = timezone.make_aware(datetime.datetime(year + 1, 1, 1))
        year_starts[year] = start
        kinds[f"in_{year}"] = period & Q(event__starts_at__gte=start, event__starts_at__lt=end)
    history = filters.without_period().event_q("event__", programme_path) & filters.registration_q()
    per_organisation = (
        _participating(history)
        .filter(organisation__isnull=False)
        .values("organisation_id")
        .annotate(first=Min("event__starts_at"), **{f"n_{key}": Count("pk", filter=q) for key, q in kinds.items()})
    )
    outer = {key: Count("organisation_id", filter=Q(**{f"n_{key}__gt": 0})) for key in kinds}
    outer["organisations"] = outer.pop("in_period")
    for year, start in year_starts.items():
        outer[f"first_{year}"] = Count("organisation_id", filter=Q(**{f"n_in_{year}__gt": 0}, first__gte=start))
        outer[f"returning_{year}"] = Count("organisation_id", filter=Q(**{f"n_in_{year}__gt": 0}, first__lt=start))
    totals = per_organisation.aggregate(**outer)
    totals["by_year"] = [
        {
            "year": year,
            "organisations": totals[f"first_{year}"] + totals[f"returning_{year}"],
            "first_time": totals[f"first_{year}"],
            "returning": totals[f"returning_{year}"],
        }
        for year in years
    ]
    return totals


def _empty_counts():
    return {"registered": 0, "attended": 0, "completed": 0}


ADDITIVE = [*(f"st_{s}" for s in STATUSES), "attended", "completed", "no_shows", "past_confirmed"]


def _sum(rows):
    """Add up the additive counts of cells (or of sums of cells)."""
    sums = dict.fromkeys(ADDITIVE, 0)
    for row in rows:
        for key in ADDITIVE:
            sums[key] += row[key] or 0
    return sums


def _summary(sums):
    """The additive figures, from the sums of a set of cells."""
    registrations = {s: sums[f"st_{s}"] for s in STATUSES}
    registrations["total"] = sum(registrations.values())
    past_confirmed, no_shows = sums["past_confirmed"], sums["no_shows"]
    return {
        "registrations": registrations,
        "participations": sums["attended"],
        "completed": sums["completed"],
        "no_shows": no_shows,
        "past_confirmed": past_confirmed,
        "no_show_rate": round(no_shows / past_confirmed, 4) if past_confirmed else None,
    }


def _iso(value, zone=None):
    return value.astimezone(zone or timezone.get_current_timezone()).isoformat() if value else None


def _assemble(filters, now, programmes, events, sessions, cells, people, organisations):
    zone = timezone.get_current_timezone()
    cells_by_event = defaultdict(list)
    for cell in cells:
        cells_by_event[cell["event_id"]].append(cell)
    sessions_by_event = defaultdict(list)
    for session in sessions:
        sessions_by_event[session["page_id"]].append(session)
    programme_of = {}
    by_path = {p["path"]: p for p in programmes}
    for event in events:
        programme_of[event["event_id"]] = by_path.get(event["path"][: -Page.steplen])

    event_sums = {event["event_id"]: _sum(cells_by_event[event["event_id"]]) for event in events}
    summary = _summary(_sum(event_sums.values()))

    by_type = {t: {**_empty_counts(), "unique_participants": people[f"type_{t}"]} for t in StakeholderType.values}
    for cell in cells:
        counts = by_type[cell["stakeholder_type"]]
        counts["registered"] += cell[f"st_{RegistrationStatus.CONFIRMED}"] or 0
        counts["attended"] += cell["attended"] or 0
        counts["completed"] += cell["completed"] or 0
    by_group = {}
    for group, types in GROUPS.items():
        by_group[group] = {k: sum(by_type[t][k] for t in types) for k in COUNTS}
        by_group[group]["unique_participants"] = people[f"group_{group}"]
        by_group[group]["types"] = types

    company_participations = defaultdict(int)
    for cell in cells:
        if cell["stakeholder_type"] == COMPANY:
            company_participations[cell["company_size"] or "unknown"] += cell["attended"] or 0

    by_event = []
    for event in events:
        programme = programme_of[event["event_id"]]
        by_event.append(
            {
                "id": event["event_id"],
                "title": event["title"],
                "programme": programme["slug"] if programme else None,
                "kind": event["kind"],
                "starts_at": _iso(event["starts_at"], zone),
                "ends_at": _iso(event["ends_at"], zone),
                "past": bool(event["ends_at"] and event["ends_at"] < now),
                "sessions": event["n_sessions"],
                "required_sessions": event["required"],
                **_summary(event_sums[event["event_id"]]),
            }
        )

    by_programme = []
    for i, programme in enumerate(programmes):
        programme_events = [e for e in events if programme_of[e["event_id"]] is programme]
        if not programme_events:
            continue
        by_programme.append(
            {
                "slug": programme["slug"],
                "title": programme["title"],
                "kind": programme["kind"],
                "events": len(programme_events),
                "sessions": sum(e["n_sessions"] for e in programme_events),
                **_summary(_sum([event_sums[e["event_id"]] for e in programme_events])),
                "unique_participants": people[f"programme_{i}"],
                "unique_organisations": organisations[f"programme_{i}"],
            }
        )

    by_session = []
    by_number = defaultdict(lambda: {"sessions": 0, "attended": 0})
    for event in events:
        for number, session in enumerate(sessions_by_event[event["event_id"]], start=1):
            by_session.append(
                {
                    "event": event["event_id"],
                    "event_title": event["title"],
                    "number": number,
                    "title": session["title"],
                    "starts_at": _iso(session["starts_at"], zone),
                    "attended": session["attended"],
                }
            )
            by_number[number]["sessions"] += 1
            by_number[number]["attended"] += session["attended"]

    months = defaultdict(int)
    for event in events:
        if event["starts_at"]:
            month = timezone.localtime(event["starts_at"]).strftime("%Y-%m")
            months[month] += event_sums[event["event_id"]]["attended"]

    return {
        "filters": dict(filters.describe()),
        "generated_at": _iso(now),
        "events": len(events),
        "sessions": len(sessions),
        "events_by_kind": _count_by(events, "kind"),
        "sessions_per_event": _count_by(events, "n_sessions"),
        **summary,
        "unique_participants": people["participants"],
        "unique_organisations": organisations["organisations"],
        "by_stakeholder_type": by_type,
        "by_stakeholder_group": by_group,
        "companies_by_size": {size: organisations[f"size_{size}"] for size in CompanySize.values},
        "company_participations_by_size": {
            size: company_participations.get(size, 0) for size in [*CompanySize.values, "unknown"]
        },
        "by_programme": by_programme,
        "by_event": by_event,
        "by_session": by_session,
        "by_session_number": [{"number": n, **v} for n, v in sorted(by_number.items())],
        "participations_by_month": [{"month": m, "participations": n} for m, n in sorted(months.items())],
        "organisations_by_year": organisations["by_year"],
    }


def _count_by(rows, key):
    counts = defaultdict(int)
    for row in rows:
        counts[str(row[key])] += 1
    return dict(sorted(counts.items()))
