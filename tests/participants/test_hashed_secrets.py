"""Links and codes are stored as keyed hashes and sealed copies; existing ones survive the migration."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from intervision.models import Membership
from participants import hashed_secrets
from participants.checkin.services import read_for_check_in
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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_links_codes_and_member_tokens_made_before_hashing_still_work(client, django_user_model):
    """Back to before the migrations, plain values as they were stored, forward again: all still open."""
    from tests.intervision.factories import make_group, make_member

    registration = RegistrationFactory()
    membership = make_member(make_group())
    executor = MigrationExecutor(connection)
    executor.migrate([("intervision", "0002_roles"), ("participants", "0008_registration_cancelled_index")])
    # Going back unsealed the values into the plain columns; now write them as old rows had them.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Registration._meta.db_table} SET access_token = %s, checkin_code = %s WHERE id = %s",
            ["Old-Link-Token_0123456789abcdefghijklmnop", "Old-Code_0123456789abcdefghijklmnopqrstu", registration.pk],
        )
        cursor.execute(
            f"UPDATE {Membership._meta.db_table} SET token = %s WHERE id = %s",
            ["Old-Member-Token_0123456789abcdefghijklm", membership.pk],
        )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    stored = database_text(Registration._meta.db_table) + database_text(Membership._meta.db_table)
    assert "Old-Link-Token" not in stored and "Old-Code" not in stored and "Old-Member-Token" not in stored
    assert client.get("/r/Old-Link-Token_0123456789abcdefghijklmnop/").status_code == 200
    assert client.get("/intervision/m/Old-Member-Token_0123456789abcdefghijklm/").status_code == 200
    assert Registration.objects.get(pk=registration.pk).checkin_code == "Old-Code_0123456789abcdefghijklmnopqrstu"
    user = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    session = registration.event.ordered_sessions[0]
    found = read_for_check_in(user=user, session_id=session.pk, code="Old-Code_0123456789abcdefghijklmnopqrstu")
    assert found is not None and found.pk == registration.pk
    # The attendance triggers were put back after the table was rebuilt.
    from participants.checkin import triggers as checkin_counts

    assert not checkin_counts.missing_triggers(connection)


def test_a_key_in_the_fallbacks_still_opens_links_made_under_it(client, settings):
    registration = RegistrationFactory()
    token = registration.access_token
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key-" + "x" * 50
    assert hashed_secrets.digest(token, hashed_secrets.LINK) != registration.access_token_hash
    assert client.get(f"/r/{token}/").status_code == 200
    assert Registration.objects.get(pk=registration.pk).access_token == token
