"""Sections other apps add to the attendance report, so this package imports none of them.

Two Wagtail hooks, registered in the owning app's wagtail_hooks.py:

- ``attendance_report_sections``: functions ``fn(filters=..., event_ids=[...])`` returning
  ``(key, JSON-ready value)``; the report gets ``report[key] = value`` (evaluations adds
  ``evaluations``: response rate, scores, the recommendation score).
- ``attendance_report_headline``: functions ``fn(report, language)`` returning sentences (a list of
  strings, in the active language) for the end of the headline ("Rated 8.4 out of 10 by 52 of 67
  participants.").
- ``attendance_report_rows``: functions ``fn(report)`` returning rows ``(section, item, measure,
  value)`` of the section for the CSV export and the admin's statistics table.
"""

from wagtail import hooks

SECTIONS = "attendance_report_sections"
HEADLINE = "attendance_report_headline"
ROWS = "attendance_report_rows"


def add_sections(report, filters):
    event_ids = [event["id"] for event in report["by_event"]]
    for fn in hooks.get_hooks(SECTIONS):
        key, value = fn(filters=filters, event_ids=event_ids)
        report[key] = value


def headline_sentences(report, language):
    return [sentence for fn in hooks.get_hooks(HEADLINE) for sentence in fn(report, language)]


def section_rows(report):
    return [row for fn in hooks.get_hooks(ROWS) for row in fn(report)]
