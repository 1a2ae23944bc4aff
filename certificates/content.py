"""What a certificate says: the snapshot taken from a registration, and the text the PDF prints.

Kept apart from the PDF drawing (pdf.py) so the same content feeds the PDF, the admin preview and
anything else that proves participation (an intervision year overview can build its own
CertificateContent and hand it to ``render_certificate_pdf``). A year certificate's snapshot comes
from ``take_year_snapshot``: the meetings of a series someone attended in a year.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from core import timezones
from events.choices import EventKind

from .choices import CertificateScope
from .eligibility import attended_sessions, series_attendances
from .placeholders import fill_placeholders


@dataclass
class CertificateContent:
    language: str
    title: str
    holder_name: str
    body: list[str]
    details: list[tuple[str, str]]
    issuer: str
    code: str
    verify_url: str
    issued_on: str
    signatory_name: str = ""
    signatory_role: str = ""
    signature: object = None  # a Wagtail Image
    logo: object = None  # a Wagtail Image
    footer: list[str] = field(default_factory=list)


def take_snapshot(certificate, registration, *, holder_name=None):
    """Copy onto ``certificate`` what it will say about ``registration`` (name, event, dates, hours)."""
    event = registration.event
    participant = registration.participant
    sessions = attended_sessions(registration)
    certificate.registration = registration
    certificate.event = event
    certificate.participant = participant
    certificate.holder_name = holder_name or participant.full_name
    organisation = registration.organisation or participant.organisation
    certificate.organisation_name = organisation.name if organisation else ""
    certificate.event_title = event.title
    certificate.event_kind = event.kind
    # The dates of the sessions where they were held: a morning in Bogotá is that day, in its zone.
    starts = [timezones.localdate(s.starts_at, event.time_zone) for s in sessions] or [
        timezones.localdate(timezone.now(), event.time_zone)
    ]
    certificate.first_date, certificate.last_date = min(starts), max(starts)
    hours = sum(((s.ends_at - s.starts_at).total_seconds() for s in sessions), 0.0) / 3600
    certificate.hours = Decimal(str(round(hours, 1)))
    certificate.sessions_attended = len(sessions)
    certificate.pe_points = event.pe_points
    certificate.pe_register = event.pe_register if event.pe_points else ""
    certificate.language = registration.language or participant.preferred_language or settings.LANGUAGE_CODE
    return certificate


def take_year_snapshot(certificate, *, participant, series, year, language=None):
    """Copy onto ``certificate`` the meetings of ``series`` that ``participant`` attended in ``year``.

    ``series`` is any object with ``certificate_events()`` (the EventPages that belong to it); the
    certificate lists each attended event once, with its date and the hours attended. An empty
    ``certificate.meetings`` means there is nothing to certify.
    """
    attendances = list(series_attendances(participant=participant, events=series.certificate_events(), year=year))
    meetings, hours_by_event, kinds = {}, {}, []
    for attendance in attendances:
        session, event = attendance.session, attendance.session.page
        meetings.setdefault(
            event.pk,
            {"title": event.title, "date": timezones.localdate(session.starts_at, event.time_zone).isoformat()},
        )
        hours_by_event[event.pk] = hours_by_event.get(event.pk, 0.0) + (
            (session.ends_at - session.starts_at).total_seconds() / 3600
        )
        kinds.append(event.kind)
    for pk, meeting in meetings.items():
        meeting["hours"] = str(round(hours_by_event[pk], 1))
    certificate.participant = participant
    certificate.series = series
    certificate.year = year
    certificate.meetings = sorted(meetings.values(), key=lambda m: (m["date"], m["title"]))
    certificate.holder_name = certificate.holder_name or participant.full_name
    registration = attendances[-1].registration if attendances else None
    organisation = (registration.organisation if registration else None) or participant.organisation
    certificate.organisation_name = organisation.name if organisation else ""
    certificate.event_title = str(series)
    certificate.event_kind = kinds[0] if kinds else EventKind.INTERVISION
    dates = [datetime.date.fromisoformat(m["date"]) for m in certificate.meetings] or [datetime.date(year, 1, 1)]
    certificate.first_date, certificate.last_date = min(dates), max(dates)
    certificate.hours = Decimal(str(round(sum(hours_by_event.values(), 0.0), 1)))
    certificate.sessions_attended = len(certificate.meetings)
    certificate.pe_points, certificate.pe_register = None, ""
    certificate.language = language or participant.preferred_language or settings.LANGUAGE_CODE
    return certificate


def format_dates(first, last):
    """'3 March 2026', '3-4 March 2026' or '3 March 2026 - 5 May 2026' (with en dashes), in the active language."""
    if first == last:
        return formats.date_format(first, "j F Y")
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}\N{EN DASH}{formats.date_format(last, 'j F Y')}"
    return f"{formats.date_format(first, 'j F Y')} \N{EN DASH} {formats.date_format(last, 'j F Y')}"


def format_number(value):
    if value is None:
        return ""
    value = Decimal(value)
    return formats.number_format(value, 0 if value == value.to_integral_value() else 1)


def default_title(kind, scope=CertificateScope.EVENT):
    if scope == CertificateScope.YEAR:
        return _("Proof of participation {year}")
    if kind == EventKind.INTERVISION:
        return _("Proof of participation")
    return _("Certificate of attendance")


def default_body(kind, scope=CertificateScope.EVENT):
    # An intervision meeting's proof says that the person took part, never what was discussed:
    # the cases are confidential to the group.
    if scope == CertificateScope.YEAR:
        return _(
            "{name} took part in meetings of the SME intervision group “{event}” in {year} (listed below): "
            "confidential peer-review meetings of small and medium-sized companies on due diligence in their "
            "supply chains."
        )
    if kind == EventKind.INTERVISION:
        return _(
            "{name} took part in the intervision meeting “{event}” on {dates}: a confidential peer-review "
            "meeting of small and medium-sized companies on due diligence in their supply chains."
        )
    return _("{name} attended the {kind} “{event}” on {dates}, {hours} hours in {sessions} sessions.")


def certificate_content(certificate, template=None):
    """The text of ``certificate`` in its own language, from ``template`` or the built-in default."""
    with translation.override(certificate.language):
        kind_label = str(EventKind(certificate.event_kind).label) if certificate.event_kind else ""
        issuer = (template.issuer if template else "") or settings.WAGTAIL_SITE_NAME
        values = {
            "name": certificate.holder_name,
            "organisation": certificate.organisation_name,
            "event": certificate.event_title,
            "kind": kind_label,
            "dates": format_dates(certificate.first_date, certificate.last_date),
            "hours": format_number(certificate.hours),
            "sessions": certificate.sessions_attended,
            "pe_points": format_number(certificate.pe_points),
            "pe_register": certificate.pe_register,
            "issuer": issuer,
            "code": certificate.code,
            "year": certificate.year or "",
            "meetings": format_meeting_dates(certificate.meetings),
        }
        scope = certificate.scope
        title = fill_placeholders(template.title if template else default_title(certificate.event_kind, scope), values)
        body_text = fill_placeholders(
            template.body if template else default_body(certificate.event_kind, scope), values
        )
        details = [(_("Name"), certificate.holder_name)]
        if certificate.organisation_name:
            details.append((_("Organisation"), certificate.organisation_name))
        if scope == CertificateScope.YEAR:
            details += [
                (_("Group"), certificate.event_title),
                (_("Year"), str(certificate.year)),
                (_("Meetings attended"), values["meetings"]),
                (_("Hours attended"), values["hours"]),
            ]
        else:
            details += [
                (_("Event"), certificate.event_title),
                (_("Kind"), kind_label),
                (_("Dates"), values["dates"]),
                (_("Hours attended"), values["hours"]),
            ]
        if certificate.pe_points:
            points = values["pe_points"]
            if certificate.pe_register:
                points = f"{points} ({certificate.pe_register})"
            details.append((_("PE points"), points))
        issued = certificate.reissued_at or certificate.issued_at or timezone.now()
        issued_on = formats.date_format(timezone.localtime(issued).date(), "j F Y")
        footer = [_("Verify this certificate at"), certificate.get_verify_url()]
        return CertificateContent(
            language=certificate.language,
            title=title,
            holder_name=certificate.holder_name,
            body=[p.strip() for p in body_text.split("\n\n") if p.strip()],
            details=details,
            issuer=issuer,
            code=certificate.code,
            verify_url=certificate.get_verify_url(),
            issued_on=issued_on,
            signatory_name=template.signatory_name if template else "",
            signatory_role=template.signatory_role if template else "",
            signature=template.signature if template else None,
            logo=template.logo if template else None,
            footer=footer,
        )


def format_meeting_dates(meetings):
    """'12 March, 23 April and 4 June 2026': the dates of a year certificate's meetings, in the active language."""
    dates = [formats.date_format(datetime.date.fromisoformat(m["date"]), "j F") for m in meetings or []]
    if not dates:
        return ""
    year = meetings[-1]["date"][:4]
    if len(dates) == 1:
        return f"{dates[0]} {year}"
    return _("%(dates)s and %(last)s") % {"dates": ", ".join(dates[:-1]), "last": f"{dates[-1]} {year}"}


def sample_certificate(template, certificate_model):
    """An imaginary, unsaved certificate for the live preview of ``template``.

    The models pass their Certificate class in: the models use this module, so it does not import them.
    """
    kind = template.kind or EventKind.ROADSHOW
    sample = certificate_model(
        code="K7QM-3XTR-9PDA-W2HF",
        version=1,
        holder_name="Sam de Vries",
        organisation_name="Voorbeeld Voedingsmiddelen B.V.",
        event_title={
            EventKind.INTERVISION: "Intervisie MKB, bijeenkomst 3",
            EventKind.NEVI: "NEVI Duurzaam inkopen en due diligence",
            EventKind.EXPERT: "Local Expert Network: West Africa",
        }.get(kind, "Due diligence roadshow Utrecht"),
        event_kind=kind,
        first_date=datetime.date(2026, 3, 3),
        last_date=datetime.date(2026, 3, 4) if kind != EventKind.INTERVISION else datetime.date(2026, 3, 3),
        hours=Decimal("14") if kind != EventKind.INTERVISION else Decimal("3"),
        sessions_attended=2 if kind != EventKind.INTERVISION else 1,
        pe_points=Decimal("8") if kind == EventKind.NEVI else None,
        pe_register="NEVI PE-register" if kind == EventKind.NEVI else "",
        language=template.language or settings.LANGUAGE_CODE,
        issued_at=timezone.now(),
    )
    if template.scope == CertificateScope.YEAR:
        sample.event_title, sample.year = "Intervisiegroep Ketentransparantie", 2026
        sample.meetings = [
            {"title": f"Intervisiegroep Ketentransparantie, bijeenkomst {n}", "date": day, "hours": "2.0"}
            for n, day in enumerate(["2026-03-03", "2026-04-14", "2026-05-26", "2026-09-08"], start=1)
        ]
        sample.first_date, sample.last_date = datetime.date(2026, 3, 3), datetime.date(2026, 9, 8)
        sample.hours, sample.sessions_attended = Decimal("8"), 4
    return sample
