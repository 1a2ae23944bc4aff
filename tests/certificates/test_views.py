"""Verification by code, and the participant's downloads below their private link."""

import io
import json

import jwt
import pytest
from django.test import override_settings
from django.utils.html import escape
from pypdf import PdfReader
from wagtail import hooks

from certificates import badges
from certificates.services import issue_certificate, revoke_certificate
from participants.signals import PRIVATE_LINK_PANELS
from tests.factories import RegistrationFactory

from .conftest import attendee, past_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    registration = attendee(past_event(days=2, title="Roadshow Utrecht"), language="en")
    return issue_certificate(registration=registration)[0]


def test_a_genuine_certificate_verifies_with_name_event_and_dates(client, certificate):
    response = client.get(f"/certificates/verify/{certificate.code}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Genuine" in page or "Echt" in page
    # Escaped as the page writes it: a name such as "Jet van 't Erve" has an apostrophe.
    assert escape(certificate.holder_name) in page and "Roadshow Utrecht" in page
    assert certificate.registration.participant.email not in page


def test_json_verification_reveals_only_what_the_certificate_says(client, certificate):
    data = client.get(f"/certificates/verify/{certificate.code.lower().replace('-', '')}/?format=json").json()
    assert data == {
        "status": "valid",
        "code": certificate.code,
        "name": certificate.holder_name,
        "event": "Roadshow Utrecht",
        "first_date": certificate.first_date.isoformat(),
        "last_date": certificate.last_date.isoformat(),
        "issued_on": data["issued_on"],
        "version": 1,
    }


def test_a_revoked_certificate_shows_revoked_and_why(client, certificate):
    revoke_certificate(certificate=certificate, reason="Attendance list was wrong")
    page = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert "Attendance list was wrong" in page
    data = client.get(f"/certificates/verify/{certificate.code}/?format=json").json()
    assert data["status"] == "revoked" and data["revocation_reason"] == "Attendance list was wrong"
    # And the participant can no longer download it.
    assert client.get(f"/r/{certificate.registration.access_token}/certificate.pdf").status_code == 404


def test_an_unknown_or_malformed_code_is_a_clear_404(client, certificate):
    for code in ("ABCD-EFGH-JKMN-PQRS", "not-a-code"):
        response = client.get(f"/certificates/verify/{code}/")
        assert response.status_code == 404
        assert (
            "No certificate has this code" in response.content.decode()
            or "Geen certificaat" in response.content.decode()
        )
        assert client.get(f"/certificates/verify/{code}/?format=json").json()["status"] == "unknown"


def test_the_form_redirects_a_typed_code(client, certificate):
    response = client.get("/certificates/verify/", {"code": certificate.code.lower()})
    assert response.status_code == 302 and response["Location"].endswith(f"/verify/{certificate.code}/")
    typo = client.get("/certificates/verify/", {"code": "a/b c"})
    assert typo.status_code == 404 and "a/b c" in typo.content.decode()
    assert client.get("/certificates/verify/").status_code == 200


def test_verification_is_rate_limited_per_address(client, certificate, ratelimits):
    ratelimits["verify"] = "5/d"
    for _ in range(5):
        assert client.get("/certificates/verify/ABCD-EFGH-JKMN-PQRS/").status_code == 404
    response = client.get(f"/certificates/verify/{certificate.code}/?format=json")
    assert response.status_code == 429 and response.json()["status"] == "rate_limited"
    assert 0 < int(response["Retry-After"]) <= 86401
    page = client.get(f"/certificates/verify/{certificate.code}/")
    assert page.status_code == 429 and "Te veel" in page.content.decode()
    # Another address is not affected.
    assert client.get(f"/certificates/verify/{certificate.code}/", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_the_participant_downloads_the_pdf_from_the_private_link(client, certificate):
    response = client.get(f"/r/{certificate.registration.access_token}/certificate.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    assert certificate.code in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert client.get("/r/not-a-token/certificate.pdf").status_code == 404
    assert client.get("/r/not-a-token/certificate.json").status_code == 404


def test_no_certificate_no_download(client):
    registration = RegistrationFactory(event=past_event(days=1))
    assert client.get(f"/r/{registration.access_token}/certificate.pdf").status_code == 404


def test_the_open_badge_json_and_its_signed_jwt(client, certificate):
    token = certificate.registration.access_token
    credential = client.get(f"/r/{token}/certificate.json").json()
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert credential["id"] == certificate.get_verify_url()
    subject = credential["credentialSubject"]
    assert subject["achievement"]["name"] == "Roadshow Utrecht"
    assert subject["identifier"][0]["hashed"] is True
    assert certificate.registration.participant.email not in json.dumps(credential)

    signed = client.get(f"/r/{token}/certificate.jwt").content.decode()
    header = jwt.get_unverified_header(signed)
    assert header["alg"] == "RS256"
    keys = client.get("/certificates/jwks.json").json()["keys"]
    assert header["kid"] == keys[0]["kid"]
    public_key = jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(keys[0]))
    payload = jwt.decode(signed, public_key, algorithms=["RS256"])
    assert payload["jti"] == credential["id"] and payload["iss"] == credential["issuer"]["id"]
    assert payload["credentialSubject"] == subject
    assert client.get("/certificates/issuer.json").json()["id"] == payload["iss"]


def test_without_a_key_there_is_no_signed_copy(client, certificate):
    badges._private_key.cache_clear()
    try:
        with override_settings(CERTIFICATE_SIGNING_KEY="", CERTIFICATE_SIGNING_KEY_FILE=None):
            assert client.get(f"/r/{certificate.registration.access_token}/certificate.jwt").status_code == 404
            assert client.get("/certificates/jwks.json").json() == {"keys": []}
    finally:
        badges._private_key.cache_clear()


def test_the_private_link_page_gets_a_certificate_section(rf, certificate):
    panels = [fn(rf.get("/"), certificate.registration) for fn in hooks.get_hooks(PRIVATE_LINK_PANELS)]
    html = "".join(p for p in panels if p)
    assert f"/r/{certificate.registration.access_token}/certificate.pdf" in html
    assert certificate.code in html
    nobody = RegistrationFactory(event=past_event(days=1))
    assert all(
        fn(rf.get("/"), nobody) is None
        for fn in hooks.get_hooks(PRIVATE_LINK_PANELS)
        if fn.__module__.startswith("certificates")
    )
