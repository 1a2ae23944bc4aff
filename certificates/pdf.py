"""Draw a certificate as a one-page A4 PDF with reportlab.

reportlab's canvas writes a page like this in a few milliseconds, which a batch of a thousand
needs; an HTML-to-PDF engine would be slower by two orders of magnitude. Text is set in Helvetica,
which every PDF reader has built in, so nothing is embedded; when the text holds a character
Helvetica's encoding (Windows-1252) lacks, such as a Polish or Vietnamese name in the Local Expert
Network, the certificate embeds DejaVu Sans instead (``participants.pdf_fonts``, shared with the
name badges). The QR code is drawn as vector squares (``participants.tickets.draw_qr``), so it
stays sharp at any zoom and in print.
"""

import io
import logging
from xml.sax.saxutils import escape

from PIL import Image as PILImage
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

from participants.pdf_fonts import fonts_for
from participants.tickets import draw_qr

logger = logging.getLogger("covenant.certificates")

ACCENT = colors.HexColor("#1d5c4d")
GREY = colors.HexColor("#555555")
WIDTH, HEIGHT = A4
MARGIN = 20 * mm


def image_reader(image, max_px=800):
    """A reportlab ImageReader of a Wagtail image, scaled down once and cached per process."""
    if image is None:
        return None
    return _cached_reader(image.pk, image.file.name, max_px, image)


# Keyed by the image's id and file name (which changes when the file is replaced), so a batch scales
# each logo once instead of once per certificate.
_READERS = {}


def _cached_reader(pk, name, max_px, image):
    key = (pk, name, max_px)
    if key not in _READERS:
        try:
            with image.file.open("rb") as handle:
                picture = PILImage.open(io.BytesIO(handle.read()))
                picture.load()
        except (OSError, ValueError) as error:  # A missing or broken file must not stop a batch.
            logger.warning("Certificate image %s cannot be read: %s", name, error)
            _READERS[key] = None
            return None
        if picture.mode not in ("RGB", "RGBA", "L", "LA"):
            picture = picture.convert("RGBA")
        picture.thumbnail((max_px, max_px))
        _READERS[key] = ImageReader(picture)
    return _READERS[key]


def _draw_image(pdf, reader, x, y, max_w, max_h, anchor="left"):
    if reader is None:
        return 0
    iw, ih = reader.getSize()
    scale = min(max_w / iw, max_h / ih)
    w, h = iw * scale, ih * scale
    if anchor == "center":
        x -= w / 2
    pdf.drawImage(reader, x, y, w, h, mask="auto")
    return h


def render_certificate_pdf(content):
    """Return the PDF bytes of one certificate (a CertificateContent)."""
    texts = [
        content.title,
        content.holder_name,
        content.issuer,
        content.issued_on,
        content.signatory_name,
        content.signatory_role,
        *content.body,
        *content.footer,
    ]
    texts += [str(part) for row in content.details for part in row]
    regular, bold = fonts_for(texts)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1, lang=content.language)
    pdf.setTitle(f"{content.title} \N{EN DASH} {content.holder_name}")
    pdf.setAuthor(content.issuer)
    pdf.setSubject(content.code)

    # A frame and the issuer's logo and name at the top.
    pdf.setStrokeColor(ACCENT)
    pdf.setLineWidth(2)
    pdf.rect(10 * mm, 10 * mm, WIDTH - 20 * mm, HEIGHT - 20 * mm)
    top = HEIGHT - MARGIN
    _draw_image(pdf, image_reader(content.logo), MARGIN, top - 22 * mm, 60 * mm, 22 * mm)
    pdf.setFont(regular, 10)
    pdf.setFillColor(GREY)
    pdf.drawRightString(WIDTH - MARGIN, top - 6 * mm, content.issuer)

    # Title, name, body.
    centre = WIDTH / 2
    pdf.setFillColor(ACCENT)
    pdf.setFont(bold, 26)
    pdf.drawCentredString(centre, top - 50 * mm, content.title)
    pdf.setFillColor(colors.black)
    name_size = 22 if len(content.holder_name) < 40 else 16
    pdf.setFont(bold, name_size)
    pdf.drawCentredString(centre, top - 70 * mm, content.holder_name)

    body_style = ParagraphStyle("body", fontName=regular, fontSize=12, leading=17, alignment=TA_CENTER)
    y = top - 80 * mm
    text_width = WIDTH - 2 * MARGIN - 20 * mm
    for paragraph_text in content.body:
        paragraph = Paragraph(escape(paragraph_text).replace("\n", "<br/>"), body_style)
        _, h = paragraph.wrapOn(pdf, text_width, HEIGHT)
        y -= h
        paragraph.drawOn(pdf, MARGIN + 10 * mm, y)
        y -= 4 * mm

    # The details, as a two-column list.
    y -= 8 * mm
    label_x, value_x = MARGIN + 15 * mm, MARGIN + 60 * mm
    value_style = ParagraphStyle("value", fontName=regular, fontSize=11, leading=14)
    for label, value in content.details:
        paragraph = Paragraph(escape(str(value)), value_style)
        _, h = paragraph.wrapOn(pdf, WIDTH - value_x - MARGIN - 10 * mm, HEIGHT)
        pdf.setFont(bold, 11)
        pdf.setFillColor(GREY)
        pdf.drawString(label_x, y - 9, str(label))
        paragraph.drawOn(pdf, value_x, y - h + 3)
        y -= max(h, 14) + 3 * mm

    # Signature.
    y_sig = 75 * mm
    _draw_image(pdf, image_reader(content.signature, 600), centre, y_sig + 2 * mm, 60 * mm, 20 * mm, anchor="center")
    if content.signatory_name:
        pdf.setStrokeColor(GREY)
        pdf.setLineWidth(0.5)
        pdf.line(centre - 35 * mm, y_sig, centre + 35 * mm, y_sig)
        pdf.setFillColor(colors.black)
        pdf.setFont(bold, 11)
        pdf.drawCentredString(centre, y_sig - 6 * mm, content.signatory_name)
        if content.signatory_role:
            pdf.setFont(regular, 10)
            pdf.drawCentredString(centre, y_sig - 11 * mm, content.signatory_role)
    pdf.setFont(regular, 10)
    pdf.setFillColor(GREY)
    pdf.drawCentredString(centre, y_sig - 18 * mm, f"{content.issuer} · {content.issued_on}")

    # Verification: the QR code of the verification URL, the URL and the code to type.
    qr_size = 32 * mm
    draw_qr(pdf, content.verify_url, MARGIN + 2 * mm, MARGIN, qr_size)
    text_x = MARGIN + qr_size + 10 * mm
    pdf.setFillColor(GREY)
    pdf.setFont(regular, 9)
    pdf.drawString(text_x, MARGIN + 24 * mm, content.footer[0] if content.footer else "")
    pdf.setFont(regular, 8)
    pdf.drawString(text_x, MARGIN + 19 * mm, content.verify_url)
    pdf.setFillColor(colors.black)
    pdf.setFont(bold, 16)
    pdf.drawString(text_x, MARGIN + 9 * mm, content.code)

    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
