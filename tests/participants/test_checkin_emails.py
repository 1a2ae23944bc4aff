"""The check-in QR code travels with the confirmation and the reminder, and decodes to the code."""

import base64
import io
from datetime import timedelta

import pytest
import zxingcpp
from django.core import mail
from django.utils import timezone
from PIL import Image

from participants.invites import send_due_reminders
from participants.services import approve, confirm_email, register
from tests.factories import RegistrationFactory, make_event
from tests.participants.test_services import details

pytestmark = pytest.mark.django_db


def qr_attachments(message):
    return [a.content for a in message.attachments if getattr(a, "filename", None) == "qr-code.png"]


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
