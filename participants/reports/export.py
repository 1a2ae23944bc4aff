"""The report as JSON, as CSV (one figure a row) and as an XLSX workbook (one sheet per breakdown)."""

import csv
import json

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from participants.reports.figures import FIGURES
from participants.reports.sections import section_rows
from participants.spreadsheets import neutralise, text_row

STATUS_KEYS = ["pending", "awaiting_approval", "confirmed", "waitlisted", "cancelled", "total"]
EVENT_MEASURES = ["participations", "completed", "no_shows", "past_confirmed", "no_show_rate"]


def to_json(report):
    return json.dumps(report, indent=2, ensure_ascii=False, sort_keys=False)


def _flat(prefix, row):
    """The figures of a summary row (registrations by status, participations, ...) as (measure, value)."""
    pairs = [(f"{prefix}registrations_{k}", row["registrations"][k]) for k in STATUS_KEYS]
    pairs += [(f"{prefix}{k}", row[k]) for k in EVENT_MEASURES]
    return pairs


def report_rows(report):
    """Every figure as a row {section, item, measure, value}: the CSV export, and the admin's spreadsheet."""
    rows = []

    def add(section, item, measure, value):
        rows.append({"section": section, "item": item, "measure": measure, "value": value})

    for measure in ["events", "sessions"]:
        add("summary", "", measure, report[measure])
    for measure, value in _flat("", report):
        add("summary", "", measure, value)
    add("summary", "", "unique_participants", report["unique_participants"])
    add("summary", "", "unique_organisations", report["unique_organisations"])
    for section in ["by_stakeholder_type", "by_stakeholder_group"]:
        for item, counts in report[section].items():
            for measure in ["registered", "attended", "completed", "unique_participants"]:
                add(section, item, measure, counts[measure])
    for size, value in report["companies_by_size"].items():
        add("companies_by_size", size, "organisations", value)
    for size, value in report["company_participations_by_size"].items():
        add("companies_by_size", size, "participations", value)
    for programme in report["by_programme"]:
        for measure in ["events", "sessions"]:
            add("by_programme", programme["slug"], measure, programme[measure])
        for measure, value in _flat("", programme):
            add("by_programme", programme["slug"], measure, value)
        add("by_programme", programme["slug"], "unique_participants", programme["unique_participants"])
        add("by_programme", programme["slug"], "unique_organisations", programme["unique_organisations"])
    for region in report["by_region"]:
        item = region["region"] or "-"
        for measure in ["events", "sessions", "experts_trained"]:
            add("by_region", item, measure, region[measure])
        for measure, value in _flat("", region):
            add("by_region", item, measure, value)
    for event in report["by_event"]:
        item = f"{event['id']} {event['title']}"
        for measure in ["sessions", "required_sessions"]:
            add("by_event", item, measure, event[measure])
        for measure, value in _flat("", event):
            add("by_event", item, measure, value)
    for session in report["by_session"]:
        add(
            "by_session",
            f"{session['event']} {session['event_title']}: {session['title']}",
            "attended",
            session["attended"],
        )
    for row in report["by_session_number"]:
        add("by_session_number", row["number"], "sessions", row["sessions"])
        add("by_session_number", row["number"], "attended", row["attended"])
    for row in report["participations_by_month"]:
        add("participations_by_month", row["month"], "participations", row["participations"])
    for row in report["organisations_by_year"]:
        for measure in ["organisations", "first_time", "returning"]:
            add("organisations_by_year", row["year"], measure, row[measure])
    for section, item, measure, value in section_rows(report):  # what other apps add (evaluations)
        add(section, item, measure, value)
    for language, text in report.get("headline", {}).items():
        add("headline", language, "text", text)
    return rows


def write_csv(report, stream):
    writer = csv.DictWriter(stream, fieldnames=["section", "item", "measure", "value"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(
        {key: neutralise("" if value is None else value) for key, value in row.items()} for row in report_rows(report)
    )


def _sheet(workbook, title, headings, rows):
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(headings)
    for row in rows:
        sheet.append(text_row(sheet, row))  # Titles and headlines are typed by people: text, not formulas.
    return sheet


def write_xlsx(report, stream):
    """A workbook a secretariat can paste from: a summary sheet, one sheet per breakdown, the definitions."""
    workbook = Workbook(write_only=True)
    summary = [(pgettext("noun", "Filter"), f"{k}: {v}") for k, v in report["filters"].items()]
    summary += [(str(FIGURES["events"].label), report["events"]), (str(FIGURES["sessions"].label), report["sessions"])]
    summary += [(measure, value) for measure, value in _flat("", report)]
    summary += [
        (str(FIGURES["unique_participants"].label), report["unique_participants"]),
        (str(FIGURES["unique_organisations"].label), report["unique_organisations"]),
    ]
    summary += [(f"headline ({language})", text) for language, text in report.get("headline", {}).items()]
    _sheet(workbook, _("Summary"), [_("Figure"), _("Value")], summary)
    counts = ["registered", "attended", "completed", "unique_participants"]
    _sheet(
        workbook,
        _("By stakeholder type"),
        [_("Stakeholder type"), *counts],
        [[t, *(c[k] for k in counts)] for t, c in report["by_stakeholder_type"].items()]
        + [[g, *(c[k] for k in counts)] for g, c in report["by_stakeholder_group"].items()],
    )
    _sheet(
        workbook,
        _("Companies by size"),
        [_("Size"), _("Organisations"), _("Participations")],
        [
            [size, report["companies_by_size"].get(size, ""), report["company_participations_by_size"][size]]
            for size in report["company_participations_by_size"]
        ],
    )
    measures = [m for m, _v in _flat("", report)]
    _sheet(
        workbook,
        _("By programme"),
        ["slug", "title", "events", "sessions", *measures, "unique_participants", "unique_organisations"],
        [
            [p["slug"], p["title"], p["events"], p["sessions"], *(v for _m, v in _flat("", p)),
             p["unique_participants"], p["unique_organisations"]]
            for p in report["by_programme"]
        ],
    )  # fmt: skip
    _sheet(
        workbook,
        _("By event"),
        ["id", "title", "programme", "kind", "region", "time_zone", "starts_at", "ends_at", "sessions",
         "required_sessions", *measures],
        [
            [e["id"], e["title"], e["programme"], e["kind"], e["region"] or "", e["time_zone"], e["starts_at"],
             e["ends_at"], e["sessions"], e["required_sessions"], *(v for _m, v in _flat("", e))]
            for e in report["by_event"]
        ],
    )  # fmt: skip
    _sheet(
        workbook,
        _("By region"),
        ["region", "events", "sessions", "experts_trained", *measures],
        [
            [r["region"] or "", r["events"], r["sessions"], r["experts_trained"], *(v for _m, v in _flat("", r))]
            for r in report["by_region"]
        ],
    )
    _sheet(
        workbook,
        _("By session"),
        ["event", "event_title", "number", "title", "starts_at", "attended"],
        [
            [s[k] for k in ["event", "event_title", "number", "title", "starts_at", "attended"]]
            for s in report["by_session"]
        ],
    )
    _sheet(
        workbook,
        _("Per month"),
        ["month", "participations"],
        [[r["month"], r["participations"]] for r in report["participations_by_month"]],
    )
    _sheet(
        workbook,
        _("Organisations per year"),
        ["year", "organisations", "first_time", "returning"],
        [[r["year"], r["organisations"], r["first_time"], r["returning"]] for r in report["organisations_by_year"]],
    )
    _sheet(
        workbook,
        _("Definitions"),
        [_("Figure"), _("Key"), _("Definition")],
        [[str(f.label), f.key, str(f.help)] for f in FIGURES.values()],
    )
    workbook.save(stream)
