"""The attendance report, counted in the database in a fixed number of queries (seven, whatever the size).

1. programmes (a handful of rows), 2. events in scope with their session count and required sessions,
3. sessions with their check-ins, 4. registrations counted per event x stakeholder type x company size,
5. distinct people and organisations, 6. first-time and returning organisations per year.
Breakdowns that are sums (by event, by programme, by type, per month) add up the rows of query 4,
at most events x types x sizes rows of counts, never a row per registration or check-in; counts of
different people or organisations are not sums, so query 5 counts them with COUNT(DISTINCT).

Every count reads the registration's own stakeholder_type, company_size and organisation_id (as at
registration) and participant_id, never the Participant's personal fields, so the figures survive the
retention policy's erasure, which blanks those fields in place and keeps the rows.
"""

import datetime
from collections import defaultdict

from django.db import connection
from django.db.models import Case, Count, Exists, F, IntegerField, Min, OuterRef, Q, Value, When
from django.db.models.functions import Least
from django.utils import timezone
from wagtail.models import Page

from events.choices import CIVIL_SOCIETY_TYPES, AttendanceRule, CompanySize, StakeholderType
from events.models import EventPage, EventSession, ProgrammePage

from ..models import Attendance, Registration, RegistrationStatus

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


def counted_checkin_exists():
    """A check-in that counts: not undone. (The registration's own status is checked by the caller.)"""
    return Exists(Attendance.objects.filter(registration=OuterRef("pk"), undone_at__isnull=True))


def build_report(filters):
    """Count every figure of the attendance report for ``filters`` (a ReportFilters)."""
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
    sessions = _sessions(filters, programme_path)
    cells = _cells(events_qs, registration_q, now)
    distinct = _distinct(registration_q, programmes)
    organisations_by_year = _organisations_by_year(filters, programme_path, events)

    return _assemble(filters, now, programmes, events, sessions, cells, distinct, organisations_by_year)


def _sessions(filters, programme_path):
    """Every session of the events in scope with its counted check-ins (of the chosen type)."""
    counted = Q(
        attendances__undone_at__isnull=True,
        attendances__registration__status__in=[s for s in STATUSES if s != RegistrationStatus.CANCELLED],
    )
    if filters.stakeholder_type:
        counted &= Q(attendances__registration__stakeholder_type=filters.stakeholder_type)
    return list(
        EventSession.objects.filter(filters.event_q("page__", programme_path))
        .order_by("page_id", "starts_at", "pk")
        .values("pk", "page_id", "title", "starts_at")
        .annotate(attended=Count("attendances", filter=counted))
    )


def _cells(events_qs, registration_q, now):
    """Registrations counted per event x stakeholder type x company size, in one query.

    Two levels: the inner query counts each registration's check-ins that were not undone (the unique
    constraint on registration x session while not undone makes that its number of different sessions);
    the outer query sums registrations per cell, comparing each one's count with its event's required
    sessions. Django's ORM cannot group over an aggregate, so the outer level is SQL around the ORM's own.
    """
    inner = (
        Registration.objects.filter(registration_q)
        .order_by()
        .values("id", "event_id", "stakeholder_type", "company_size", "status")
        .annotate(attended=Count("attendances", filter=Q(attendances__undone_at__isnull=True)))
    )
    inner_sql, inner_params = inner.query.sql_with_params()
    events_sql, events_params = events_qs.query.sql_with_params()
    status_sums = ",\n".join(f"SUM(CASE WHEN reg.status = %s THEN 1 ELSE 0 END) AS st_{s}" for s in STATUSES)
    cancelled, confirmed = RegistrationStatus.CANCELLED.value, RegistrationStatus.CONFIRMED.value
    sql = f"""
        SELECT reg.event_id, reg.stakeholder_type, reg.company_size,
            {status_sums},
            SUM(CASE WHEN reg.status <> %s AND reg.attended > 0 THEN 1 ELSE 0 END) AS attended,
            SUM(CASE WHEN reg.status <> %s AND reg.attended > 0 AND reg.attended >= ev.required
                THEN 1 ELSE 0 END) AS completed,
            SUM(CASE WHEN reg.status = %s AND ev.ends_at < %s THEN 1 ELSE 0 END) AS past_confirmed,
            SUM(CASE WHEN reg.status = %s AND ev.ends_at < %s AND reg.attended = 0 THEN 1 ELSE 0 END) AS no_shows
        FROM ({inner_sql}) reg
        INNER JOIN ({events_sql}) ev ON ev.event_id = reg.event_id
        GROUP BY reg.event_id, reg.stakeholder_type, reg.company_size
    """
    params = [*STATUSES, cancelled, cancelled, confirmed, now, confirmed, now, *inner_params, *events_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _distinct(registration_q, programmes):
    """Different people and organisations with a participation, overall and per type, group, size, programme."""
    participating = (
        Registration.objects.filter(registration_q)
        .exclude(status=RegistrationStatus.CANCELLED)
        .filter(counted_checkin_exists())
        .order_by()
    )
    aggregates = {
        "participants": Count("participant", distinct=True),
        "organisations": Count("organisation", distinct=True),
    }
    for value in StakeholderType.values:
        aggregates[f"type_{value}"] = Count("participant", distinct=True, filter=Q(stakeholder_type=value))
    for group, types in GROUPS.items():
        aggregates[f"group_{group}"] = Count("participant", distinct=True, filter=Q(stakeholder_type__in=types))
    for size in CompanySize.values:
        aggregates[f"size_{size}"] = Count(
            "organisation", distinct=True, filter=Q(stakeholder_type=COMPANY, company_size=size)
        )
    for i, programme in enumerate(programmes):
        inside = Q(event__path__startswith=programme["path"])
        aggregates[f"programme_{i}_participants"] = Count("participant", distinct=True, filter=inside)
        aggregates[f"programme_{i}_organisations"] = Count("organisation", distinct=True, filter=inside)
    return participating.aggregate(**aggregates)


def _organisations_by_year(filters, programme_path, events):
    """Per calendar year of the period: organisations with a participation, first-time or returning.

    One row per organisation (inner) with its first participation at any time under the same
    programme/kind/type filters and its participations in each year of the period; the outer level
    counts organisations per year. An organisation first seen in year Y had its first participation
    on or after 1 January of Y; whether it was renamed since does not matter, it is the same row.
    """
    years = sorted({timezone.localtime(e["starts_at"]).year for e in events if e["starts_at"]})
    if not years:
        return []
    history = (
        Registration.objects.filter(filters.without_period().event_q("event__", programme_path))
        .filter(filters.registration_q(), organisation__isnull=False)
        .exclude(status=RegistrationStatus.CANCELLED)
        .filter(counted_checkin_exists())
        .order_by()
        .values("organisation_id")
    )
    bounds = {}
    per_year = {}
    for year in years:
        start = timezone.make_aware(datetime.datetime(year, 1, 1))
        end = timezone.make_aware(datetime.datetime(year + 1, 1, 1))
        inside = Q(event__starts_at__gte=max(start, filters.period_start or start))
        inside &= Q(event__starts_at__lt=min(end, filters.period_end or end))
        bounds[year] = start
        per_year[f"in_{year}"] = Count("pk", filter=inside)
    per_organisation = history.annotate(first=Min("event__starts_at"), **per_year)
    outer = {}
    for year, start in bounds.items():
        outer[f"first_{year}"] = Count("organisation_id", filter=Q(**{f"in_{year}__gt": 0}, first__gte=start))
        outer[f"returning_{year}"] = Count("organisation_id", filter=Q(**{f"in_{year}__gt": 0}, first__lt=start))
    totals = per_organisation.aggregate(**outer)
    return [
        {
            "year": year,
            "organisations": totals[f"first_{year}"] + totals[f"returning_{year}"],
            "first_time": totals[f"first_{year}"],
            "returning": totals[f"returning_{year}"],
        }
        for year in years
    ]


def _empty_counts():
    return {"registered": 0, "attended": 0, "completed": 0}


def _status_counts(cells):
    counts = {s: sum(c[f"st_{s}"] or 0 for c in cells) for s in STATUSES}
    counts["total"] = sum(counts.values())
    return counts


def _summary(cells):
    """The additive figures of a set of cells."""
    past_confirmed = sum(c["past_confirmed"] or 0 for c in cells)
    no_shows = sum(c["no_shows"] or 0 for c in cells)
    return {
        "registrations": _status_counts(cells),
        "participations": sum(c["attended"] or 0 for c in cells),
        "completed": sum(c["completed"] or 0 for c in cells),
        "no_shows": no_shows,
        "past_confirmed": past_confirmed,
        "no_show_rate": round(no_shows / past_confirmed, 4) if past_confirmed else None,
    }


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None


def _assemble(filters, now, programmes, events, sessions, cells, distinct, organisations_by_year):
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

    summary = _summary(cells)

    by_type = {t: {**_empty_counts(), "unique_participants": distinct[f"type_{t}"]} for t in StakeholderType.values}
    for cell in cells:
        counts = by_type[cell["stakeholder_type"]]
        counts["registered"] += cell[f"st_{RegistrationStatus.CONFIRMED}"] or 0
        counts["attended"] += cell["attended"] or 0
        counts["completed"] += cell["completed"] or 0
    by_group = {}
    for group, types in GROUPS.items():
        by_group[group] = {k: sum(by_type[t][k] for t in types) for k in COUNTS}
        by_group[group]["unique_participants"] = distinct[f"group_{group}"]
        by_group[group]["types"] = types

    company_participations = defaultdict(int)
    for cell in cells:
        if cell["stakeholder_type"] == COMPANY:
            company_participations[cell["company_size"] or "unknown"] += cell["attended"] or 0

    by_event = []
    for event in events:
        event_cells = cells_by_event[event["event_id"]]
        programme = programme_of[event["event_id"]]
        by_event.append(
            {
                "id": event["event_id"],
                "title": event["title"],
                "programme": programme["slug"] if programme else None,
                "kind": event["kind"],
                "starts_at": _iso(event["starts_at"]),
                "ends_at": _iso(event["ends_at"]),
                "past": bool(event["ends_at"] and event["ends_at"] < now),
                "sessions": event["n_sessions"],
                "required_sessions": event["required"],
                **_summary(event_cells),
            }
        )

    by_programme = []
    for i, programme in enumerate(programmes):
        programme_events = [e for e in events if programme_of[e["event_id"]] is programme]
        if not programme_events:
            continue
        programme_cells = [c for e in programme_events for c in cells_by_event[e["event_id"]]]
        by_programme.append(
            {
                "slug": programme["slug"],
                "title": programme["title"],
                "kind": programme["kind"],
                "events": len(programme_events),
                "sessions": sum(e["n_sessions"] for e in programme_events),
                **_summary(programme_cells),
                "unique_participants": distinct[f"programme_{i}_participants"],
                "unique_organisations": distinct[f"programme_{i}_organisations"],
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
                    "starts_at": _iso(session["starts_at"]),
                    "attended": session["attended"],
                }
            )
            by_number[number]["sessions"] += 1
            by_number[number]["attended"] += session["attended"]

    months = defaultdict(int)
    for event in events:
        if event["starts_at"]:
            month = timezone.localtime(event["starts_at"]).strftime("%Y-%m")
            months[month] += sum(c["attended"] or 0 for c in cells_by_event[event["event_id"]])

    return {
        "filters": dict(filters.describe()),
        "generated_at": _iso(now),
        "events": len(events),
        "sessions": len(sessions),
        "events_by_kind": _count_by(events, "kind"),
        "sessions_per_event": _count_by(events, "n_sessions"),
        **summary,
        "unique_participants": distinct["participants"],
        "unique_organisations": distinct["organisations"],
        "by_stakeholder_type": by_type,
        "by_stakeholder_group": by_group,
        "companies_by_size": {size: distinct[f"size_{size}"] for size in CompanySize.values},
        "company_participations_by_size": {
            size: company_participations.get(size, 0) for size in [*CompanySize.values, "unknown"]
        },
        "by_programme": by_programme,
        "by_event": by_event,
        "by_session": by_session,
        "by_session_number": [{"number": n, **v} for n, v in sorted(by_number.items())],
        "participations_by_month": [{"month": m, "participations": n} for m, n in sorted(months.items())],
        "organisations_by_year": organisations_by_year,
    }


def _count_by(rows, key):
    counts = defaultdict(int)
    for row in rows:
        counts[str(row[key])] += 1
    return dict(sorted(counts.items()))
