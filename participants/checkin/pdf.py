"""The attendance list as a PDF signature sheet (reportlab), for registers that want one on paper.

A reportlab ``Paragraph`` reads its text as markup (``<b>``, ``<img src=...>``, ``</para>``), so every
value in one is escaped first (``text()``): a participant's name is shown as typed, never obeyed.
"""

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core import timezones


def text(value):
    """``value`` as the literal text of a reportlab Paragraph: its markup characters escaped."""
    return escape(str(value))


def attendance_pdf(session, people):
    """A4 pages: the event and session, then one row per person with room for a signature."""
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    event = session.page
    # In the event's own zone, as everything shown at the door (the label names it).
    starts = timezones.localtime(session.starts_at, event.time_zone)
    ends = timezones.localtime(session.ends_at, event.time_zone)
    title = f"{_('Attendance list')}: {event.title}"
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    cell = styles["BodyText"]
    rows = [["#", _("Name"), _("Organisation"), _("Stakeholder type"), _("Checked in"), _("Signature")]]
    for number, registration in enumerate(people, start=1):
        checked_in = (
            timezones.localtime(registration.checked_in_at, event.time_zone).strftime("%H:%M")
            if registration.checked_in_at
            else ""
        )
        rows.append(
            [
                str(number),
                Paragraph(text(registration.participant.full_name), cell),
                Paragraph(text(registration.organisation.name if registration.organisation_id else ""), cell),
                Paragraph(text(registration.get_stakeholder_type_display()), cell),
                checked_in,
                "",
            ]
        )
    table = Table(
        rows,
        colWidths=[8 * mm, 45 * mm, 42 * mm, 30 * mm, 18 * mm, 37 * mm],
        rowHeights=[None] + [12 * mm] * len(people),
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f3f3f3")]),
            ]
        )
    )
    story = [
        Paragraph(text(title), styles["Title"]),
        Paragraph(
            text(
                f"{session.title} · {starts:%d-%m-%Y %H:%M}-{ends:%H:%M} ({timezones.label(event.time_zone, starts)})"
            ),
            styles["Normal"],
        ),
        Spacer(1, 6 * mm),
        table,
    ]
    document.build(story)
    return buffer.getvalue()
