"""The report's SQL: the events in scope, and the counts per cell, per person and per organisation
(queries 5 to 7 of ``queries``), each one pass over the registration table."""

import datetime
from contextlib import contextmanager

from django.db import connection
from django.utils import timezone

from events.choices import CompanySize, StakeholderType
from participants.reports.constants import CANCELLED, COMPANY, CONFIRMED, GROUPS, REGISTRATION, STATUSES

CELL = ("event_id", "stakeholder_type", "company_size")


SCOPE_TABLE = "report_scope"


@contextmanager
def scope_of(filters, history_qs, years):
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


def cells(filters, scope, now):
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


def people(filters, scope, programmes):
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


def organisations(filters, scope, programmes, years):
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
