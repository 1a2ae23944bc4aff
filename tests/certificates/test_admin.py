"""The Secretariat's admin: templates with a live preview, issuing, progress, reissuing and revoking."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from certificates.models import BatchStatus, Certificate, CertificateBatch, CertificateTemplate
from certificates.services import issue_certificate
from tests.factories import organiser, secretariat

from .conftest import attendee, past_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(secretariat())
    return client


def test_the_secretariat_issues_an_events_certificates_and_sees_the_progress(
    staff_client, django_capture_on_commit_callbacks
):
    event = past_event(days=1, title="Roadshow Arnhem")
    attendee(event), attendee(event)
    listing = staff_client.get(f"/admin/pages/{event.get_parent().pk}/").content.decode()
    add_url = reverse("certificate_batches:add")
    assert f"{add_url}?event={event.pk}" in listing
    form = staff_client.get(add_url, {"event": event.pk})
    assert form.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(add_url, {"event": event.pk})
    assert response.status_code == 302
    batch = CertificateBatch.objects.get()
    assert (batch.status, batch.done, batch.total) == (BatchStatus.DONE, 2, 2)
    assert Certificate.objects.count() == 2
    index = staff_client.get(reverse("certificate_batches:index")).content.decode()
    assert "Roadshow Arnhem" in index and "2 / 2" in index


def test_an_event_that_has_not_ended_cannot_be_chosen(staff_client):
    from tests.factories import make_event

    upcoming = make_event(days=1)
    response = staff_client.post(reverse("certificate_batches:add"), {"event": upcoming.pk})
    assert response.status_code == 200  # the form again, with the error
    assert not CertificateBatch.objects.exists()


def test_organisers_cannot_issue_or_revoke(client):
    client.force_login(organiser())
    event = past_event(days=1)
    certificate, _ = issue_certificate(registration=attendee(event))
    assert client.get(reverse("certificate_batches:add")).status_code in (302, 403)
    assert client.post(reverse("certificate_batches:add"), {"event": event.pk}).status_code in (302, 403)
    client.post(reverse("certificate_admin:revoke", args=[certificate.pk]), {"revoke_reason": "x"})
    certificate.refresh_from_db()
    assert not certificate.is_revoked and not CertificateBatch.objects.exists()


def test_revoke_and_reissue_from_the_admin(staff_client, django_capture_on_commit_callbacks):
    certificate, _ = issue_certificate(registration=attendee(past_event(days=1)))
    index = staff_client.get(reverse("certificate_admin:index")).content.decode()
    assert certificate.code in index
    assert reverse("certificate_admin:revoke", args=[certificate.pk]) in index

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("certificate_admin:edit", args=[certificate.pk]), {"holder_name": "Corrected Name"}
        )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert (certificate.version, certificate.holder_name) == (2, "Corrected Name")

    blank = staff_client.post(reverse("certificate_admin:revoke", args=[certificate.pk]), {"revoke_reason": ""})
    assert blank.status_code == 200
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    staff_client.post(reverse("certificate_admin:revoke", args=[certificate.pk]), {"revoke_reason": "Duplicate"})
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoke_reason == "Duplicate"
    # Certificates are never deleted: no delete view for anyone.
    assert staff_client.get(reverse("certificate_admin:delete", args=[certificate.pk])).status_code in (302, 403)


def test_a_template_with_an_unknown_placeholder_is_refused(staff_client):
    url = reverse("wagtailsnippets_certificates_certificatetemplate:add")
    data = {"name": "NL", "kind": "", "language": "nl", "title": "Certificaat", "body": "{naam} was er"}
    response = staff_client.post(url, nested_form_data(data))
    assert response.status_code == 200
    assert "{naam}" in response.content.decode()
    assert not CertificateTemplate.objects.exists()


def test_the_live_preview_renders_a_sample_pdf(staff_client):
    template = CertificateTemplate.objects.create(
        name="EN", language="en", title="Certificate for {name}", body="At {event}.", signatory_name="The Chair"
    )
    url = reverse("wagtailsnippets_certificates_certificatetemplate:preview_on_edit", args=[template.pk])
    data = {"name": "EN", "kind": "", "language": "en", "title": "Proof for {name}", "body": "At {event}."}
    assert staff_client.post(url, nested_form_data(data)).json()["is_valid"]
    response = staff_client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    import io

    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Proof for Sam de Vries" in text  # the unsaved title, filled with the sample's name
    text_mode = staff_client.get(url, {"mode": "text"})
    assert "Proof for Sam de Vries" in text_mode.content.decode()
