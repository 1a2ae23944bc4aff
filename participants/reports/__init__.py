"""Attendance statistics for the secretariat: one report, counted in the database.

``build_report(ReportFilters(...))`` returns every figure of DESIGN.md's ``attendance_report``
contract. The management command, the Wagtail report views, the dashboard panel and the charts all
read that one report, so a figure means the same everywhere; ``figures.FIGURES`` says what each
figure counts, for tooltips and for docs/statistics.md.

Everything is counted from the Registration and Attendance rows and the registration's own
``stakeholder_type``, ``company_size`` and ``organisation_id``, as they were when the person
registered. Erasure under the retention policy blanks a Participant's personal fields in place and
keeps the rows, so every figure stays the same after it. Nothing here reads the intervision app.
"""

from participants.reports.filters import ReportFilters, calendar_year, covenant_year
from participants.reports.queries import build_report

__all__ = ["ReportFilters", "build_report", "calendar_year", "covenant_year"]
