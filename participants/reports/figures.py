"""Every figure of the attendance report, defined once: its label and what exactly it counts.

The admin shows ``help`` as the figure's tooltip, the spreadsheet export has a sheet of them, and
``manage.py attendance_report --definitions`` prints them for docs/statistics.md.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    help: str


_FIGURES = [
    Figure(
        "events",
        _("Events"),
        _("Events that start in the period and are not cancelled. An event counts in the period of its first session."),
    ),
    Figure("sessions", _("Sessions"), _("Sessions (days, modules, meetings) of those events.")),
    Figure(
        "registrations",
        _("Registrations"),
        _("Registrations for those events, by their status now: confirmed, on the waiting list, cancelled, ..."),
    ),
    Figure(
        "participations",
        _("Participations"),
        _(
            "Registrations that are not cancelled, with at least one check-in that was not undone. "
            "A person at two trainings is two participations."
        ),
    ),
    Figure(
        "completed",
        _("Completions"),
        _(
            "Participations that met the event's attendance rule: checked in for at least as many different "
            "sessions as the rule requires (all sessions, or the minimum the organiser set)."
        ),
    ),
    Figure(
        "unique_participants",
        _("Unique participants"),
        _("Different people with at least one participation. A person at two trainings counts once."),
    ),
    Figure(
        "unique_organisations",
        _("Unique organisations"),
        _(
            "Different organisations with at least one participation, as given at registration. "
            "An organisation that changed its name counts once."
        ),
    ),
    Figure(
        "no_show_rate",
        _("No-show rate"),
        _(
            "Of the confirmed registrations for events that have ended, the share without any check-in. "
            "Events still to come are left out."
        ),
    ),
    Figure(
        "by_stakeholder_type",
        _("By stakeholder type"),
        _(
            "Per stakeholder type as given at registration: registered (confirmed registrations), attended "
            "(participations), completed, and unique participants. A person who came once for a company and "
            "once for an NGO counts in both types."
        ),
    ),
    Figure(
        "by_stakeholder_group",
        _("Companies against government, NGOs and trade unions"),
        _(
            "The stakeholder types grouped as the covenant reports them: companies; government, NGOs and "
            "trade unions; and the others (sector associations, knowledge institutions, other)."
        ),
    ),
    Figure(
        "companies_by_size",
        _("Companies by size"),
        _(
            "Different organisations that took part as a company, by the size given at registration "
            "(SME: under 250 employees)."
        ),
    ),
    Figure(
        "by_programme",
        _("By programme"),
        _("The same figures per programme (the roadshow, the NEVI course, ...)."),
    ),
    Figure(
        "by_region",
        _("By region"),
        _(
            "The same figures per region where the events were held (the Netherlands, West Africa, ...); "
            "experts trained: participations in Local Expert Network trainings."
        ),
    ),
    Figure("by_event", _("By event"), _("The same figures per event, with its sessions and attendance rule.")),
    Figure(
        "by_session",
        _("By session"),
        _("Check-ins per session, and per session number over all events: for two-day trainings, day 1 against day 2."),
    ),
    Figure(
        "participations_by_month",
        _("Participations per month"),
        _("Participations by the month in which their event starts."),
    ),
    Figure(
        "organisations_by_year",
        _("First-time and returning organisations"),
        _(
            "Per calendar year, the organisations with a participation that year: first-time when it is their "
            "first year with a participation (under the same programme, kind and type filters, at any time "
            "before), returning otherwise."
        ),
    ),
]

FIGURES = {figure.key: figure for figure in _FIGURES}


def definitions_markdown():
    """The figures' definitions as a Markdown list, in the active language."""
    lines = []
    for figure in _FIGURES:
        lines.append(f"- **{figure.label}** (`{figure.key}`): {figure.help}")
    return "\n".join(lines) + "\n"
