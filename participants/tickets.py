"""A registration's check-in QR code: the image, and the email attachment that carries it.

The QR holds nothing but ``Registration.checkin_code``: a random secret that names no one. Only
the check-in API, behind an organiser's login, turns it into a name. The pages that show it (below
the private link) are in ``participants.checkin.qr``; the emails that attach it are sent by the
registration services, which is why this sits below both.
"""

import base64
import io

import qrcode
import qrcode.image.svg


def qr_code(code, box_size=10):
    # Medium error correction survives a creased print-out or a cracked phone screen; border=4 is
    # the quiet zone the QR standard asks for.
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=4)
    qr.add_data(code)
    qr.make(fit=True)
    return qr


def qr_svg(code):
    return qr_code(code).make_image(image_factory=qrcode.image.svg.SvgPathImage).to_string(encoding="unicode")


def qr_png(code, box_size=10):
    buffer = io.BytesIO()
    qr_code(code, box_size=box_size).make_image().save(buffer, format="PNG")
    return buffer.getvalue()


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
