"""The PDF a participant gets: its text, its language, and a QR code that scans to the verification URL."""

import io

import pypdfium2
import pytest
import zxingcpp
from django.core.files.storage import default_storage
from pypdf import PdfReader

from certificates.models import CertificateTemplate
from certificates.services import issue_certificate
from events.choices import EventKind
from tests.factories import ParticipantFactory, RegistrationFactory

from .conftest import attend, past_event

pytestmark = pytest.mark.django_db


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


def rendered_page(data, dpi=150):
    """The PDF's page as an image, as a PDF viewer draws it (PDFium, the renderer of Chromium's viewer)."""
    document = pypdfium2.PdfDocument(data)
    try:
        return document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()


def issued(event, **participant):
    registration = attend(
        RegistrationFactory(event=event, participant=ParticipantFactory(**participant), language="en")
    )
    certificate, _ = issue_certificate(registration=registration)
    with default_storage.open(certificate.pdf.name, "rb") as handle:
        return certificate, handle.read()


def test_the_pdf_holds_name_organisation_event_dates_hours_and_code():
    event = past_event(kind=EventKind.ROADSHOW, days=2, title="Due diligence roadshow Zwolle")
    certificate, data = issued(event, first_name="Zoë", last_name="Łukasiewicz")
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    first, last = certificate.first_date, certificate.last_date
    assert "Zoë Łukasiewicz" in text  # a name outside Latin-1 survives
    assert certificate.organisation_name in text
    assert "Due diligence roadshow Zwolle" in text
    assert f"{first.day}\N{EN DASH}{last.day} {last:%B %Y}" in text or f"{last:%B}" in text
    assert f"{last.day} {last:%B %Y}" in text
    assert "14 hours" in text  # two days of seven hours
    assert certificate.code in text
    assert "Certificate of attendance" in text


def test_the_qr_code_on_the_rendered_page_gives_the_verification_url():
    certificate, data = issued(past_event(days=1))
    results = zxingcpp.read_barcodes(rendered_page(data))
    qr = [r for r in results if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert [r.text for r in qr] == [certificate.get_verify_url()]
    assert qr[0].text.endswith(f"/certificates/verify/{certificate.code}/")


def test_the_pdf_is_in_the_participants_language_with_pe_points():
    event = past_event(kind=EventKind.NEVI, days=4, title="NEVI Duurzaam inkopen")
    registration = attend(RegistrationFactory(event=event, language="nl"))
    certificate, _ = issue_certificate(registration=registration)
    with default_storage.open(certificate.pdf.name, "rb") as handle:
        text = pdf_text(handle.read())
    assert "Certificaat van deelname" in text
    assert "PE-punten" in text and "8 (NEVI PE-register)" in text
    months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]
    assert f"{certificate.last_date.day} {months[certificate.last_date.month - 1]}" in text


def test_an_intervision_proof_says_nothing_of_the_cases():
    event = past_event(kind=EventKind.INTERVISION, days=1, title="Intervisie MKB, bijeenkomst 2")
    _, data = issued(event)
    text = pdf_text(data)
    assert "Proof of participation" in text
    assert "Intervisie MKB, bijeenkomst 2" in text
    assert "case" not in text.lower()


def test_an_editors_template_fills_its_placeholders():
    CertificateTemplate.objects.create(
        name="Roadshow EN",
        kind=EventKind.ROADSHOW,
        language="en",
        title="Well done, {name}",
        body="For {hours} hours at {event}.",
        signatory_name="A. Voorzitter",
        signatory_role="Chair",
    )
    certificate, data = issued(past_event(days=2, title="Roadshow Gouda"), first_name="Ada", last_name="Jansen")
    text = pdf_text(data)
    assert "Well done, Ada Jansen" in text
    assert "For 14 hours at Roadshow Gouda." in text
    assert "A. Voorzitter" in text and "Chair" in text
    assert certificate.template.name == "Roadshow EN"
