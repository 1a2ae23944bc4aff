"""The ``evaluations`` section of the attendance report and its sentence in the headline.

Registered for participants' hooks ``attendance_report_sections`` and ``attendance_report_headline``
(participants/reports/sections.py) in wagtail_hooks.py. Answers are anonymous, so the section
counts every response of the events in the report, whatever the report's stakeholder type.
"""

from django.utils import formats, translation
from django.utils.translation import ngettext

from participants.reports.headline import number

from .models import Evaluation
from .results import results


def report_section(*, filters, event_ids):
    figures = results(Evaluation.objects.filter(event_id__in=event_ids))
    return "evaluations", figures


def headline_sentences(report, language):
    section = report.get("evaluations")
    if not section or not section["recommendation"]:
        return []
    with translation.override(language):
        mean = formats.number_format(section["recommendation"]["mean"], decimal_pos=1, use_l10n=True)
        return [
            ngettext(
                "Rated %(mean)s out of 10 by %(responses)s of %(asked)s participant.",
                "Rated %(mean)s out of 10 by %(responses)s of %(asked)s participants.",
                section["asked"],
            )
            % {
                "mean": mean,
                "responses": number(section["recommendation"]["answers"], language),
                "asked": number(section["asked"], language),
            }
        ]


def report_rows(report):
    """The section as rows (section, item, measure, value): the CSV export and the admin's table."""
    section = report.get("evaluations")
    if not section or not section["evaluations"]:
        return []
    rows = [("evaluations", "", measure, section[measure]) for measure in ("evaluations", "asked", "responses")]
    rows.append(("evaluations", "", "response_rate", section["response_rate"]))
    if section["recommendation"]:
        rows.append(("evaluations", "", "recommendation_mean", section["recommendation"]["mean"]))
        rows.append(("evaluations", "", "nps", section["recommendation"]["nps"]))
    for question in section["questions"]:
        rows.append(("evaluations", question["key"], "answers", question["answers"]))
        if question.get("mean") is not None:
            rows.append(("evaluations", question["key"], "mean", question["mean"]))
    return rows
