"""The report put together from the counted rows: sums per event, programme, type and month, the
summary, and the figures as the views, exports and the command read them."""

from collections import defaultdict

from django.utils import timezone

from core import timezones
from events.choices import CompanySize, EventKind, StakeholderType
from participants.models import RegistrationStatus
from participants.reports.constants import COMPANY, COUNTS, GROUPS, STATUSES


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


def assemble(filters, now, programmes, events, sessions, cells, people, organisations, regions=()):
    region_names = {r["pk"]: r["name"] for r in regions}
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
                # In the event's own zone (the instant is the same; the wall-clock time is the local one).
                "starts_at": _iso(event["starts_at"], timezones.get(event["time_zone"])),
                "ends_at": _iso(event["ends_at"], timezones.get(event["time_zone"])),
                "time_zone": event["time_zone"],
                "region": region_names.get(event["region_id"]),
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
                    "starts_at": _iso(session["starts_at"], timezones.get(event["time_zone"])),
                    "attended": session["attended"],
                }
            )
            by_number[number]["sessions"] += 1
            by_number[number]["attended"] += session["attended"]

    months = defaultdict(int)
    for event in events:
        if event["starts_at"]:
            # The month of the event's start in its own zone: a training on 1 March in Bogotá is March's.
            month = timezones.localtime(event["starts_at"], event["time_zone"]).strftime("%Y-%m")
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
        "by_region": _by_region(events, event_sums, regions),
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


def _by_region(events, event_sums, regions):
    """Sums per region (``events.Region``), in the regions' order; events without a region last.

    ``experts_trained``: participations in Local Expert Network trainings (the covenant's "local
    risk-assessment experts trained"), counted per event like every participation.
    """
    rows = []
    for region in [*sorted(regions, key=lambda r: (r["sort_order"], r["name"])), None]:
        key = region["pk"] if region else None
        region_events = [e for e in events if e["region_id"] == key]
        if not region_events:
            continue
        experts = [e for e in region_events if e["kind"] == EventKind.EXPERT]
        rows.append(
            {
                "region": region["name"] if region else None,
                "name_en": (region["name_en"] or region["name"]) if region else None,
                "abroad": region["abroad"] if region else False,
                "events": len(region_events),
                "sessions": sum(e["n_sessions"] for e in region_events),
                **_summary(_sum([event_sums[e["event_id"]] for e in region_events])),
                "experts_trained": sum(event_sums[e["event_id"]]["attended"] for e in experts),
                "expert_events": len(experts),
            }
        )
    return rows
