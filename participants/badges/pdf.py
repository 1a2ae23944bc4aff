"""Draw name badges with reportlab: one PDF, a sheet of labels per page, crop marks around them.

A badge shows the person's name large (shrunk to fit, over at most two lines), their organisation,
the event and its dates, their stakeholder type as a discreet colour band along the bottom, and the
check-in QR code: the same ``Registration.checkin_code`` the door's scanner accepts, so a badge
printed for day 1 scans on day 2. Everything is drawn in the event's language.

Names are set as typed: ``pdf_fonts.printable`` drops only what no font draws, and a character the
embedded font lacks becomes its missing-glyph box, so no name stops a sheet.
"""

import io
from dataclasses import dataclass

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A6, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from events.choices import StakeholderType
from participants.pdf_fonts import fonts_for, printable
from participants.tickets import draw_qr


@dataclass(frozen=True)
class Layout:
    key: str
    label: str
    page: tuple
    badge: tuple  # width, height in points
    columns: int
    rows: int

    @property
    def per_page(self):
        return self.columns * self.rows

    def origin(self):
        """The lower left corner of the grid of badges, centred on the page."""
        return (
            (self.page[0] - self.columns * self.badge[0]) / 2,
            (self.page[1] - self.rows * self.badge[1]) / 2,
        )


LAYOUTS = {
    # Common label sheets: 2 x 4 badges of 90 x 55 mm on A4 (business-card inserts), and one larger
    # badge on A6 (a lanyard pocket), in the same proportions.
    "a4": Layout("a4", gettext_lazy("A4 sheet, 8 badges of 90 x 55 mm"), A4, (90 * mm, 55 * mm), 2, 4),
    "a6": Layout("a6", gettext_lazy("A6, one badge of 128 x 78 mm"), landscape(A6), (128 * mm, 78 * mm), 1, 1),
}
DEFAULT_LAYOUT = "a4"

# Discreet: a band of 4 mm at the foot of the badge, with the type's name in it for whoever cannot
# tell the colours apart.
BANDS = {
    StakeholderType.COMPANY: "#1d4e89",
    StakeholderType.GOVERNMENT: "#5b2a86",
    StakeholderType.NGO: "#2e7d32",
    StakeholderType.TRADE_UNION: "#b3261e",
    StakeholderType.SECTOR_ASSOCIATION: "#a35200",
    StakeholderType.KNOWLEDGE_INSTITUTION: "#00707a",
    StakeholderType.OTHER: "#5f6368",
}
GREY = colors.HexColor("#555555")
CROP = 4 * mm  # length of a crop mark
CROP_GAP = 1.5 * mm  # between the mark and the badge's edge


@dataclass
class Badge:
    name: str
    organisation: str
    stakeholder_type: str
    stakeholder_label: str
    code: str


def badge_for(registration):
    organisation = registration.organisation.name if registration.organisation_id else ""
    return Badge(
        name=printable(registration.participant.full_name),
        organisation=printable(organisation),
        stakeholder_type=registration.stakeholder_type,
        stakeholder_label=printable(registration.get_stakeholder_type_display()),
        code=registration.checkin_code,
    )


def event_line(event):
    """The event's title and its day or days, as the badge shows them."""
    days = sorted({timezone.localdate(s.starts_at) for s in event.ordered_sessions})
    if not days:
        return printable(event.title)
    when = formats.date_format(days[0], "j F Y")
    if len(days) > 1:
        when = f"{formats.date_format(days[0], 'j F')} \N{EN DASH} {formats.date_format(days[-1], 'j F Y')}"
    return printable(f"{event.title} · {when}")


def split_words(text, font, size, width):
    """``text`` as lines no wider than ``width``; a word wider than a line is broken by characters."""
    lines, line = [], ""
    for word in text.split():
        while stringWidth(word, font, size) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and stringWidth(word[:cut], font, size) > width:
                cut -= 1
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{line} {word}" if line else word
        if stringWidth(candidate, font, size) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def fit(text, font, largest, smallest, width, max_lines):
    """(size, lines): the largest size from ``largest`` down to ``smallest`` at which ``text`` fits
    ``max_lines`` lines of ``width``; at the smallest, the last line ends in an ellipsis."""
    size = largest
    while size >= smallest:
        lines = split_words(text, font, size, width)
        if len(lines) <= max_lines:
            return size, lines
        size -= 1
    size = smallest
    lines = split_words(text, font, size, width)[:max_lines]
    last = lines[-1] if lines else ""
    while last and stringWidth(last + "…", font, size) > width:
        last = last[:-1]
    lines[-1:] = [last + "…"]
    return size, lines


def draw_badge(pdf, badge, event_text, x, y, width, height, fonts):
    regular, bold = fonts
    scale = min(width / (90 * mm), height / (55 * mm))
    pad = 4 * mm * scale
    band = 5 * mm * scale
    qr_size = 22 * mm * scale

    # The stakeholder type: a band along the foot, its name in small white letters.
    pdf.setFillColor(colors.HexColor(BANDS.get(badge.stakeholder_type, BANDS[StakeholderType.OTHER])))
    pdf.rect(x, y, width, band, stroke=0, fill=1)
    pdf.setFillColor(colors.white)
    pdf.setFont(regular, 6.5 * scale)
    pdf.drawString(x + pad, y + band / 2 - 2.3 * scale, badge.stakeholder_label)

    # The event along the top.
    pdf.setFillColor(GREY)
    event_size, event_lines = fit(event_text, regular, 8 * scale, 5 * scale, width - 2 * pad, 1)
    pdf.setFont(regular, event_size)
    top = y + height - pad - event_size
    pdf.drawString(x + pad, top, event_lines[0] if event_lines else "")

    # The name, as large as it fits in two lines of the full width.
    pdf.setFillColor(colors.black)
    size, lines = fit(badge.name or "?", bold, 20 * scale, 9 * scale, width - 2 * pad, 2)
    pdf.setFont(bold, size)
    line_y = top - 3 * mm * scale - size
    for line in lines:
        pdf.drawString(x + pad, line_y, line)
        line_y -= size * 1.15

    # The QR code in the lower right, the organisation to its left.
    qr_x, qr_y = x + width - pad - qr_size, y + band + 2.5 * mm * scale
    draw_qr(pdf, badge.code, qr_x, qr_y, qr_size)
    if badge.organisation:
        pdf.setFillColor(GREY)
        org_size, org_lines = fit(badge.organisation, regular, 10 * scale, 6 * scale, qr_x - x - 2 * pad, 2)
        pdf.setFont(regular, org_size)
        org_y = min(line_y + size * 1.15 - 3 * mm * scale, qr_y + qr_size) - org_size
        for line in org_lines:
            pdf.drawString(x + pad, org_y, line)
            org_y -= org_size * 1.2


def draw_crop_marks(pdf, layout):
    """Marks in the sheet's margins on every line along which the badges are cut."""
    left, bottom = layout.origin()
    width, height = layout.badge
    right, top = left + layout.columns * width, bottom + layout.rows * height
    pdf.setStrokeColor(colors.black)
    pdf.setLineWidth(0.25)
    for column in range(layout.columns + 1):
        cut = left + column * width
        pdf.line(cut, top + CROP_GAP, cut, top + CROP_GAP + CROP)
        pdf.line(cut, bottom - CROP_GAP, cut, bottom - CROP_GAP - CROP)
    for row in range(layout.rows + 1):
        cut = bottom + row * height
        pdf.line(left - CROP_GAP, cut, left - CROP_GAP - CROP, cut)
        pdf.line(right + CROP_GAP, cut, right + CROP_GAP + CROP, cut)


def badges_pdf(event, registrations, layout=DEFAULT_LAYOUT):
    """The PDF bytes of the badges of ``registrations`` (of ``event``), in the event's language."""
    layout = LAYOUTS.get(layout, LAYOUTS[DEFAULT_LAYOUT])
    with translation.override(event.language):
        badges = [badge_for(registration) for registration in registrations]
        event_text = event_line(event)
        title = _("Name badges: %(event)s") % {"event": event.title}
    texts = [
        event_text,
        *(text for badge in badges for text in (badge.name, badge.organisation, badge.stakeholder_label)),
    ]
    fonts = fonts_for(texts)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=layout.page, pageCompression=1, lang=event.language)
    pdf.setTitle(printable(title))
    left, bottom = layout.origin()
    width, height = layout.badge
    for start in range(0, max(len(badges), 1), layout.per_page):
        draw_crop_marks(pdf, layout)
        for index, badge in enumerate(badges[start : start + layout.per_page]):
            column, row = index % layout.columns, index // layout.columns
            x = left + column * width
            y = bottom + (layout.rows - 1 - row) * height
            draw_badge(pdf, badge, event_text, x, y, width, height, fonts)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
