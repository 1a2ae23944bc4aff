"""A registration's check-in QR code: the image, and the email attachment that carries it.

The QR holds nothing but ``Registration.checkin_code``: a random secret that names no one. Only
the check-in API, behind an organiser's login, turns it into a name. The pages that show it (below
the private link) are in ``participants.checkin.qr``; the emails that attach it are sent by the
registration services, which is why this sits below both. The PDFs (certificates, name badges) draw
it as vectors with ``draw_qr``.
"""

import base64
import io

import qrcode
import qrcode.image.svg
from reportlab.lib.colors import black


def qr_code(code, box_size=10, border=4, mask_pattern=None):
    # Medium error correction survives a creased print-out or a cracked phone screen; border=4 is
    # the quiet zone the QR standard asks for.
    qr = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=border, mask_pattern=mask_pattern
    )
    qr.add_data(code)
    qr.make(fit=True)
    return qr


def qr_svg(code):
    return qr_code(code).make_image(image_factory=qrcode.image.svg.SvgPathImage).to_string(encoding="unicode")


def qr_png(code, box_size=10):
    buffer = io.BytesIO()
    qr_code(code, box_size=box_size).make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def draw_qr(pdf, data, x, y, size):
    """Draw ``data`` as a QR code on a reportlab canvas: ``size`` points, lower left corner at (x, y).

    Vector squares from the matrix, so the code stays sharp at any zoom and in print. No quiet zone
    is drawn: the caller leaves white space around it. A fixed mask pattern spares trying all eight
    for the "best" one, which took a third of the time to draw a certificate; any mask scans, and a
    printed code has contrast to spare.
    """
    matrix = qr_code(data, border=0, mask_pattern=4).get_matrix()
    module = size / len(matrix)
    pdf.setFillColor(black)
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


# The Content-ID of the attached QR code: the email's HTML shows it with <img src="cid:qr-code">.
QR_CID = "qr-code"


def qr_attachment(registration):
    """The QR code as an inline email attachment for ``outbox.queue_email(attachments=[...])``.

    Attached, never linked: mail clients block remote images, a person at the door with a weak
    signal can still open an attachment that came with the email, and a remote image would send
    the private link in its address to whoever fetches the email's images.
    """
    return {
        "filename": "qr-code.png",
        "mimetype": "image/png",
        "content_b64": base64.b64encode(qr_png(registration.checkin_code)).decode(),
        "cid": QR_CID,
    }
