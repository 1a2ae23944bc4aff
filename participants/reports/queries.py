"""The attendance report, counted in the database in a fixed number of queries whatever the size:
seven on PostgreSQL (and one that sets the report's transaction up), ten on SQLite (three of them
fill a temporary table of the events in scope, see ``_scope``).

1. programmes (a handful of rows), 2. events in scope with their sessions and required sessions,
3. and 4. sessions and their check-ins, 5. registrations by status, participations, completions and
no-shows per event x stakeholder type x company size, 6. different people, 7. different organisations,
first-time and returning per year.
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

import datetime
from collections import defaultdict
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import Least
from django.utils import timezone

from events.choices import CIVIL_SOCIETY_TYPES, AttendanceRule, CompanySize, StakeholderType
from events.models import EventPage, EventSession, ProgrammePage
from participants.models import Attendance, Registration, RegistrationStatus
from participants.reports.headline import headline

STATUSES = [s.value for s in RegistrationStatus]
COMPANY = StakeholderType.COMPANY.value
CANCELLED = RegistrationStatus.CANCELLED.value
CONFIRMED = RegistrationStatus.CONFIRMED.value
GROUPS = {
    "companies": [COMPANY],
    "civil_society": [t.value for t in CIVIL_SOCIETY_TYPES],
    "others": [t.value for t in StakeholderType if t != COMPANY and t not in CIVIL_SOCIETY_TYPES],
}
COUNTS = ["registered", "attended", "completed"]
REGISTRATION = Registration._meta.db_table


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
            .values("title", "slug", "path", "kind", "starts_at", "ends_at", event_id=F("pk"))
            .annotate(n_sessions=Count("sessions"), programme=programme_number(programmes))
            .annotate(required=required_sessions(F("n_sessions")))
        )

    events_qs = events_in(filters.event_q(programme_path=programme_path))
    events = sorted(events_qs, key=lambda e: (e["starts_at"] or now, e["event_id"]))
    sessions = _sessions(filters, events_qs, programme_path)
    history_qs = events_in(filters.without_period().event_q(programme_path=programme_path))
    years = sorted({timezone.localtime(e["starts_at"]).year for e in events if e["starts_at"]})
    with _scope(filters, history_qs, years) as scope:
        cells = _cells(filters, scope, now)
        people = _people(filters, scope, programmes)
        organisations = _organisations(filters, scope, programmes, years)
    report = _assemble(filters, now, programmes, events, sessions, cells, people, organisations)
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


CELL = ("event_id", "stakeholder_type", "company_size")
SCOPE_TABLE = "report_scope"


@contextmanager
def _scope(filters, history_qs, years):
    """The events the three big queries join each registration to, as (FROM item, params).

    Every event in scope but for the period (the organisations' first participation looks back
    before it), with ``in_period``, and ``year``: the one of ``years`` in which it starts (local
    time), so the per-year counts compare a number per row rather than two timestamps.

    On SQLite a temporary table keyed by the event's id: finding each registration's event by rowid
    takes a quarter less time than in the index SQLite would build on a subquery, for each of the
    three queries. On PostgreSQL a subquery, which it hash-joins.
    """
    sql, params = _sql(history_qs)
    period, period_params = ["1 = 1"], []
    if filters.period_start:
        period.append("h.starts_at >= %s")
        period_params.append(connection.ops.adapt_datetimefield_value(filters.period_start))
    if filters.period_end:
        period.append("h.starts_at < %s")
        period_params.append(connection.ops.adapt_datetimefield_value(filters.period_end))
    year, year_params = "NULL", []
    if years:
        year = "CASE " + " ".join("WHEN h.starts_at >= %s AND h.starts_at < %s THEN %s" for _ in years) + " END"
        for number, (start, end) in zip(years, map(_year_bounds, years), strict=True):
            year_params += [start, end, number]
    select = (
        f"SELECT h.event_id, h.programme, h.required, h.starts_at, h.ends_at, ({' AND '.join(period)}) AS in_period, "
        f"{year} AS year FROM ({sql}) h"
    )
    select_params = [*period_params, *year_params, *params]
    if connection.vendor != "sqlite":
        yield f"({select})", select_params
        return
    with connection.cursor() as cursor:
        # Kept for the connection's life and emptied each time, so a report that failed halfway leaves no trace.
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {SCOPE_TABLE} (event_id INTEGER PRIMARY KEY, programme INTEGER, "
            "required INTEGER, starts_at, ends_at, in_period INTEGER, year INTEGER)"
        )
        cursor.execute(f"DELETE FROM temp.{SCOPE_TABLE}")
        cursor.execute(f"INSERT INTO temp.{SCOPE_TABLE} {select}", select_params)
    yield f"temp.{SCOPE_TABLE}", []


def _count(name, condition):
    """A count of the rows that meet ``condition`` (SQL), in either database."""
    return f"COUNT(CASE WHEN {condition} THEN 1 END) AS {name}"


def _sql(queryset):
    return queryset.query.sql_with_params()


def _type_filter(filters):
    """The registrations of the chosen stakeholder type only, as SQL on ``r``."""
    return ("AND r.stakeholder_type = %s", [filters.stakeholder_type]) if filters.stakeholder_type else ("", [])


def _fetch(sql, params):
    """Rows as dicts, without Django's per-value converters (which cost more than the counting)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _cells(filters, scope, now):
    """Registrations counted per event x stakeholder type x company size, in one query.

    By status; participations (not cancelled, at least one session attended); completions (at least
    the event's required sessions); and, for events that have ended, confirmed registrations and the
    no-shows among them (no session attended). Django's ORM cannot compare with a column of a joined
    subquery, so this is SQL around the ORM's own query of the events.
    """
    events_sql, events_params = scope
    type_sql, type_params = _type_filter(filters)
    participation = "r.status <> %s AND r.sessions_checked_in > 0"
    past_confirmed = "r.status = %s AND ev.ends_at < %s"
    now_param = connection.ops.adapt_datetimefield_value(now)  # a raw parameter: SQLite keeps UTC text
    counts = [(f"st_{s}", "r.status = %s", [s]) for s in STATUSES] + [
        ("attended", participation, [CANCELLED]),
        ("completed", f"{participation} AND r.sessions_checked_in >= ev.required", [CANCELLED]),
        ("past_confirmed", past_confirmed, [CONFIRMED, now_param]),
        ("no_shows", f"{past_confirmed} AND r.sessions_checked_in = 0", [CONFIRMED, now_param]),
    ]
    sql = f"""
        SELECT r.event_id, r.stakeholder_type, r.company_size, {", ".join(_count(n, c) for n, c, _ in counts)}
        FROM {REGISTRATION} r CROSS JOIN {events_sql} ev
        WHERE ev.event_id = r.event_id AND ev.in_period {type_sql}
        GROUP BY r.event_id, r.stakeholder_type, r.company_size
    """
    return _fetch(sql, [p for _, _, ps in counts for p in ps] + list(events_params) + type_params)


def _per_group(key, scope, inner, outer, where="", params=()):
    """Two levels in one query: one row per ``key`` (a person, an organisation) of the participations in
    the events of ``scope``, with the ``inner`` counts of its participations of each kind; then the
    ``outer`` counts of those rows. ``inner`` and ``outer`` are (name, SQL condition, params) triples.
    (Cheaper than a COUNT(DISTINCT) per figure, which sorts the rows again for each.)
    """
    events_sql, events_params = scope
    inner_sql = ", ".join(_count(n, c) if c else n for n, c, _ in inner)
    sql = f"""
        SELECT {", ".join(_count(n, c) for n, c, _ in outer)}
        FROM (
            SELECT r.{key}, {inner_sql}
            FROM {REGISTRATION} r CROSS JOIN {events_sql} ev
            WHERE ev.event_id = r.event_id AND r.status <> %s AND r.sessions_checked_in > 0 {where}
            GROUP BY r.{key}
        ) per_{key}
    """
    params = [
        *(p for _, _, ps in outer for p in ps),
        *(p for _, _, ps in inner for p in ps),
        *events_params,
        CANCELLED,
        *params,
    ]
    return _fetch(sql, params)[0]


def _set_of(bit):
    """An aggregate that ORs the one-bit values ``bit`` of a group's rows: the set of the kinds of its rows.
    SQLite has no BIT_OR, but a sum of the different powers of two is the same number."""
    return f"BIT_OR({bit})" if connection.vendor == "postgresql" else f"SUM(DISTINCT {bit})"


def _people(filters, scope, programmes):
    """Different people with a participation: overall, per stakeholder type and group, per programme.

    One row per person (inner) with the set of stakeholder types and the set of programmes of their
    participations, as bits; then the number of people with each combination of sets, a few rows that
    add up to the figures. (Two aggregates a participation, rather than one per type and programme.)
    A person who came as a company and later as an NGO is one of each type, and one overall.
    """
    types = StakeholderType.values
    type_bit = "CASE r.stakeholder_type " + " ".join(f"WHEN %s THEN {1 << i}" for i in range(len(types))) + " END"
    events_sql, events_params = scope
    type_sql, type_params = _type_filter(filters)
    programme_bit = "1 << CAST(ev.programme AS INTEGER)"  # PostgreSQL: the number comes as a parameter
    sql = f"""
        SELECT types, programmes, COUNT(*) AS n
        FROM (
            SELECT r.participant_id, {_set_of(type_bit)} AS types, {_set_of(programme_bit)} AS programmes
            FROM {REGISTRATION} r CROSS JOIN {events_sql} ev
            WHERE ev.event_id = r.event_id AND ev.in_period AND r.status <> %s AND r.sessions_checked_in > 0 {type_sql}
            GROUP BY r.participant_id
        ) per_person
        GROUP BY types, programmes
    """
    rows = _fetch(sql, [*types, *events_params, CANCELLED, *type_params])
    people = {"participants": sum(row["n"] for row in rows)}
    for key, mask, column in [
        *((f"type_{t}", 1 << i, "types") for i, t in enumerate(types)),
        *((f"group_{g}", sum(1 << types.index(t) for t in members), "types") for g, members in GROUPS.items()),
        *((f"programme_{i}", 1 << i, "programmes") for i in range(len(programmes))),
    ]:
        people[key] = sum(row["n"] for row in rows if (row[column] or 0) & mask)
    return people


def _year_bounds(year):
    """1 January of ``year`` and of the next, local midnight, as database parameters."""
    adapt = connection.ops.adapt_datetimefield_value
    return (
        adapt(timezone.make_aware(datetime.datetime(year, 1, 1))),
        adapt(timezone.make_aware(datetime.datetime(year + 1, 1, 1))),
    )


def _organisations(filters, scope, programmes, years):
    """Different organisations with a participation: overall, companies by size, per programme, per year.

    One row per organisation (inner) with its first participation at any time under the same
    programme/kind/type filters (``scope``: the events in scope but for the period), and its
    participations in the period of each kind; the outer level counts organisations. Per calendar year
    of the period, an organisation is first-time when its first participation ever falls in that year
    (on or after 1 January), returning otherwise. A renamed organisation is the same row, so it is
    neither counted twice nor new again.
    """

    def in_period(name, condition="", params=()):
        return (name, f"ev.in_period AND {condition}" if condition else "ev.in_period", list(params))

    inner = [("MIN(ev.starts_at) AS first_at", None, []), in_period("n_in_period")]
    company = "r.stakeholder_type = %s AND r.company_size = %s"
    inner += [in_period(f"n_size_{size}", company, [COMPANY, size]) for size in CompanySize.values]
    inner += [in_period(f"n_programme_{i}", "ev.programme = %s", [i]) for i in range(len(programmes))]
    outer = [("organisations", "n_in_period > 0", [])]
    outer += [(f"size_{size}", f"n_size_{size} > 0", []) for size in CompanySize.values]
    outer += [(f"programme_{i}", f"n_programme_{i} > 0", []) for i in range(len(programmes))]
    for year in years:
        start, _end = _year_bounds(year)
        inner.append(in_period(f"n_in_{year}", "ev.year = %s", [year]))
        outer.append((f"first_{year}", f"n_in_{year} > 0 AND first_at >= %s", [start]))
        outer.append((f"returning_{year}", f"n_in_{year} > 0 AND first_at < %s", [start]))
    type_sql, type_params = _type_filter(filters)
    totals = _per_group(
        "organisation_id",
        scope,
        inner,
        outer,
        f"AND r.organisation_id IS NOT NULL {type_sql}",
        type_params,
    )
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
    programme_of = {
        event["event_id"]: programmes[event["programme"]] if event["programme"] is not None else None
        for event in events
    }

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
