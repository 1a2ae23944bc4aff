"""Links and codes are stored as keyed hashes and sealed copies; existing ones survive the migration."""

import pytest
from django.db import connection

from participants import hashed_secrets
from participants.models import Registration
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def database_text(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")
        return repr(cursor.fetchall())


def test_the_database_holds_neither_the_private_link_nor_the_check_in_code(client):
    registration = RegistrationFactory()
    token, code = registration.access_token, registration.checkin_code
    stored = database_text(Registration._meta.db_table)
    assert token not in stored and code not in stored
    # Yet the link opens the registration, found by the hash of what was presented.
    assert client.get(f"/r/{token}/").status_code == 200
    assert Registration.objects.get(pk=registration.pk).access_token == token


def test_a_replaced_link_is_dead_at_once(client):
    registration = RegistrationFactory()
    old = registration.access_token
    registration.revoke_access()
    assert client.get(f"/r/{old}/").status_code == 404
    assert client.get(f"/r/{registration.access_token}/").status_code == 200


def test_a_key_in_the_fallbacks_still_opens_links_made_under_it(client, settings):
    registration = RegistrationFactory()
    token = registration.access_token
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key-" + "x" * 50
    assert hashed_secrets.digest(token, hashed_secrets.LINK) != registration.access_token_hash
    assert client.get(f"/r/{token}/").status_code == 200
    assert Registration.objects.get(pk=registration.pk).access_token == token
