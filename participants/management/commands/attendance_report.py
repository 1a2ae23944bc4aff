"""python manage.py attendance_report --format json|csv|xlsx [--from DATE] [--to DATE] [--programme SLUG] [--kind KIND]

Writes the attendance report (see participants/reports) to stdout, or to --output FILE.
"""

import datetime
import io
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from core.audit import audit
from events.choices import EventKind, StakeholderType
from participants.reports import ReportFilters, build_report, calendar_year, covenant_year
from participants.reports.export import to_json, write_csv, write_xlsx
from participants.reports.figures import definitions_markdown
from participants.reports.queries import ReportError


def date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value!r}") from None


class Command(BaseCommand):
    help = "Write the attendance statistics as JSON, CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--from", dest="date_from", type=date, help="events starting on or after (YYYY-MM-DD)")
        parser.add_argument("--to", dest="date_to", type=date, help="events starting on or before (YYYY-MM-DD)")
        parser.add_argument("--year", type=int, help="a calendar year (instead of --from/--to)")
        parser.add_argument("--covenant-year", type=int, help="June of this year to May of the next")
        parser.add_argument("--programme", help="a programme's slug")
        parser.add_argument("--kind", choices=EventKind.values)
        parser.add_argument("--event", type=int, help="an event's id")
        parser.add_argument("--stakeholder-type", choices=StakeholderType.values)
        parser.add_argument("--output", "-o", help="write to this file instead of stdout")
        parser.add_argument("--definitions", action="store_true", help="print what each figure counts (Markdown)")
        parser.add_argument("--language", choices=["nl", "en"], default="nl", help="of headings and definitions")

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            self.write_report(options)

    def write_report(self, options):
        if options["definitions"]:
            self.stdout.write(definitions_markdown(), ending="")
            return
        date_from, date_to = options["date_from"], options["date_to"]
        if options["year"] and options["covenant_year"]:
            raise CommandError("Give --year or --covenant-year, not both.")
        if options["year"]:
            date_from, date_to = calendar_year(options["year"])
        elif options["covenant_year"]:
            date_from, date_to = covenant_year(options["covenant_year"])
        if date_from and date_to and date_from > date_to:
            raise CommandError("--from must not be after --to.")
        filters = ReportFilters(
            date_from=date_from,
            date_to=date_to,
            programme=options["programme"],
            kind=options["kind"],
            event=options["event"],
            stakeholder_type=options["stakeholder_type"],
        )
        try:
            report = build_report(filters)
        except ReportError as error:
            raise CommandError(str(error)) from None

        fmt = options["format"]
        # Figures only, no one's data; still an export of the covenant's records, so it is on file.
        audit(
            "covenant.export",
            what="attendance_report",
            format=fmt,
            filters={key: value for key, value in filters.describe() if value},
        )
        if fmt == "xlsx":
            buffer = io.BytesIO()
            write_xlsx(report, buffer)
            data = buffer.getvalue()
            if options["output"]:
                with open(options["output"], "wb") as f:
                    f.write(data)
            else:
                stdout = getattr(self.stdout, "_out", sys.stdout)
                (stdout.buffer if hasattr(stdout, "buffer") else stdout).write(data)
            return
        if fmt == "json":
            text = to_json(report) + "\n"
        else:
            buffer = io.StringIO()
            write_csv(report, buffer)
            text = buffer.getvalue()
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as f:
                f.write(text)
        else:
            self.stdout.write(text, ending="")
