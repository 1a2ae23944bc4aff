"""The check-in QR code travels with the confirmation and the reminder, and decodes to the code."""

import base64
import io
from datetime import timedelta

import pytest
import zxingcpp
from django.core import mail
from django.utils import timezone
from PIL import Image

from participants.invites.services import send_due_reminders
from participants.registration.services import approve, confirm_email, register
from tests.factories import RegistrationFactory, make_event
from tests.participants.test_services import details

pytestmark = pytest.mark.django_db


def qr_attachments(message):
    """The QR code PNGs attached, as plain attachments or inline parts (MIME parts with a Content-ID)."""
    found = []
    for attachment in message.attachments:
        if hasattr(attachment, "get_filename"):
            if attachment.get_filename() == "qr-code.png":
                found.append(attachment.get_content())
        elif getattr(attachment, "filename", None) == "qr-code.png":
            found.append(attachment.content)
    return found


def decoded_qr(message):
    (png,) = qr_attachments(message)
    if isinstance(png, str):
        png = base64.b64decode(png)
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_confirmation_email_carries_the_qr_code(django_capture_on_commit_callbacks):
    event = make_event(requires_approval=True)
    with django_capture_on_commit_callbacks(execute=True):
        registration = confirm_email(registration=register(event=event, details=details()).registration)
        approve(registration=registration)
    registration.refresh_from_db()
    (confirmed,) = [m for m in mail.outbox if qr_attachments(m)]
    assert decoded_qr(confirmed) == [registration.checkin_code]
    assert "qr-code.png" in confirmed.body


def test_reminder_carries_the_qr_code(django_capture_on_commit_callbacks):
    registration = RegistrationFactory(event=make_event(start=timezone.now() + timedelta(days=2), days=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders() == 1
    (reminder,) = [m for m in mail.outbox if m.subject.startswith("Herinnering")]
    assert decoded_qr(reminder) == [registration.checkin_code]


def test_the_reminders_qr_code_is_shown_from_the_attachment_never_fetched(django_capture_on_commit_callbacks):
    """The HTML shows the attached image (cid:); no image is loaded from the site with the private link."""
    RegistrationFactory(event=make_event(start=timezone.now() + timedelta(days=2), days=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders() == 1
    (reminder,) = [m for m in mail.outbox if m.subject.startswith("Herinnering")]
    (html,) = [content for content, mimetype in reminder.alternatives if mimetype == "text/html"]
    assert '<img src="cid:qr-code"' in html
    assert "qr.png" not in html
    raw = reminder.message().as_string()
    assert "Content-ID: <qr-code>" in raw
    assert "Content-Disposition: inline" in raw
