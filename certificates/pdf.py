"""Draw a certificate as a one-page A4 PDF with reportlab.

reportlab's canvas writes a page like this in a few milliseconds, which a batch of a thousand
needs; an HTML-to-PDF engine would be slower by two orders of magnitude. Text is set in Helvetica,
which every PDF reader has built in, so nothing is embedded; when the text holds a character
Helvetica's encoding (Windows-1252) lacks, such as a Polish or Vietnamese name in the Local Expert
Network, the certificate embeds DejaVu Sans instead (Bitstream Vera, shipped with reportlab, where
the system has no DejaVu). Embedding and subsetting a font costs about a third of the drawing time,
so only the certificates that need it pay for it. The QR code is drawn as
vector squares from the ``qrcode`` package's matrix, so it stays sharp at any zoom and in print.
"""

import io
import logging
import os
from functools import lru_cache
from xml.sax.saxutils import escape

import qrcode
import reportlab
from PIL import Image as PILImage
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

logger = logging.getLogger("covenant.certificates")

FONT_CANDIDATES = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
]
ACCENT = colors.HexColor("#1d5c4d")
GREY = colors.HexColor("#555555")
WIDTH, HEIGHT = A4
MARGIN = 20 * mm


def fonts_for(texts):
    """(regular, bold) font names that can set every one of ``texts``."""
    try:
        for text in texts:
            text.encode("cp1252")
    except UnicodeEncodeError:
        return unicode_fonts()
    return "Helvetica", "Helvetica-Bold"


@lru_cache(maxsize=1)
def unicode_fonts():
    """Register the embedded fonts once per process; return (regular, bold) font names."""
    for regular, bold in FONT_CANDIDATES:
        if os.path.exists(regular) and os.path.exists(bold):
            pdfmetrics.registerFont(TTFont("CertSans", regular))
            pdfmetrics.registerFont(TTFont("CertSans-Bold", bold))
            return "CertSans", "CertSans-Bold"
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    pdfmetrics.registerFont(TTFont("CertSans", os.path.join(folder, "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("CertSans-Bold", os.path.join(folder, "VeraBd.ttf")))
    return "CertSans", "CertSans-Bold"


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


def draw_qr(pdf, data, x, y, size):
    """Draw ``data`` as a QR code of ``size`` points with its lower left corner at (x, y)."""
    # A fixed mask pattern spares trying all eight for the "best" one, which took a third of the time to
    # draw a certificate; any mask scans, and a printed code at this size has contrast to spare.
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, mask_pattern=4)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    module = size / len(matrix)
    pdf.setFillColor(colors.black)
    path = pdf.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + 1) * module
        start = None
        for col_index, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                path.rect(x + start * module, top, (col_index - start) * module, module)
                start = None
    pdf.drawPath(path, stroke=0, fill=1)


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
