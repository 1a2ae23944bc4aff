"""What a certificate says: the snapshot taken from a registration, and the text the PDF prints.

Kept apart from the PDF drawing (pdf.py) so the same content feeds the PDF, the admin preview and
anything else that proves participation (an intervision year overview can build its own
CertificateContent and hand it to ``render_certificate_pdf``).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from events.choices import EventKind

from .eligibility import attended_sessions
from .models import fill_placeholders


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
    certificate.holder_name = holder_name or participant.full_name
    organisation = registration.organisation or participant.organisation
    certificate.organisation_name = organisation.name if organisation else ""
    certificate.event_title = event.title
    certificate.event_kind = event.kind
    starts = [timezone.localtime(s.starts_at).date() for s in sessions] or [timezone.localdate()]
    certificate.first_date, certificate.last_date = min(starts), max(starts)
    hours = sum(((s.ends_at - s.starts_at).total_seconds() for s in sessions), 0.0) / 3600
    certificate.hours = Decimal(str(round(hours, 1)))
    certificate.sessions_attended = len(sessions)
    certificate.pe_points = event.pe_points
    certificate.pe_register = event.pe_register if event.pe_points else ""
    certificate.language = registration.language or participant.preferred_language or settings.LANGUAGE_CODE
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


def default_title(kind):
    if kind == EventKind.INTERVISION:
        return _("Proof of participation")
    return _("Certificate of attendance")


def default_body(kind):
    # An intervision meeting's proof says that the person took part, never what was discussed:
    # the cases are confidential to the group.
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
        }
        title = fill_placeholders(template.title if template else default_title(certificate.event_kind), values)
        body_text = fill_placeholders(template.body if template else default_body(certificate.event_kind), values)
        details = [(_("Name"), certificate.holder_name)]
        if certificate.organisation_name:
            details.append((_("Organisation"), certificate.organisation_name))
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


def sample_content(template):
    """The content of an imaginary certificate, for the admin's live preview of ``template``."""
    from .models import Certificate

    kind = template.kind or EventKind.ROADSHOW
    sample = Certificate(
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
    return certificate_content(sample, template)
