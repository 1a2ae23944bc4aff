import logging

import pytest

from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def test_a_404_below_a_private_link_is_logged_without_the_token(client, caplog):
    token = "Zq" * 21 + "x"
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(f"/r/{token}/cancel/")
    assert response.status_code == 404
    messages = [record.getMessage() for record in caplog.records if record.name == "django.request"]
    assert messages == ["Not Found: /r/[redacted]/cancel/"]
    assert token not in caplog.text


def test_a_refused_request_with_a_valid_link_is_logged_without_the_token(client, caplog):
    registration = RegistrationFactory()
    token = registration.access_token
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.put(f"/r/{token}/")
    assert response.status_code == 405
    assert "/r/[redacted]/" in caplog.text
    assert token not in caplog.text


def test_member_links_are_redacted_too(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/intervision/m/SecretMemberToken123/leave/")
    assert "SecretMemberToken123" not in caplog.text
    assert "/intervision/m/[redacted]/leave/" in caplog.text


def test_the_development_servers_request_lines_are_redacted():
    """runserver's access log (django.server) writes every request line, 200s included."""
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    logger = logging.getLogger("django.server")
    handler = Keep()
    logger.addHandler(handler)
    try:
        logger.warning('"%s" %s %s', "GET /r/AbCdEf123_-/qr.png HTTP/1.1", "404", "17")
    finally:
        logger.removeHandler(handler)
    assert records == ['"GET /r/[redacted]/qr.png HTTP/1.1" 404 17']
