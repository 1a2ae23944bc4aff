"""Security headers, login throttling for the admin, rate limits, and `check --deploy`."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse

from core.ratelimit import client_ip, parse_rate, ratelimit
from tests.factories import RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_the_public_site_has_a_strict_content_security_policy(client, home):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    # The nonce is only in the header of a page that used it (Django's LazyNonce).
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'self'" in policy and "object-src 'none'" in policy


def test_the_admin_enforces_a_looser_policy_and_reports_the_strict_one(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy-Report-Only"]


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_the_admin_login_locks_after_repeated_failures(client):
    UserFactory(username="organiser", is_staff=True)
    url = reverse("wagtailadmin_login")
    for _ in range(3):
        client.post(url, {"username": "organiser", "password": "wrong"})
    locked = client.post(url, {"username": "organiser", "password": "password"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another username from the same address is not locked out.
    UserFactory(username="someone", is_staff=True)
    assert client.post(url, {"username": "someone", "password": "password"}).status_code == 302


@override_settings(AXES_ENABLED=True)
def test_a_right_password_logs_in_with_the_throttle_on(client):
    UserFactory(username="editor", is_staff=True, is_superuser=True)
    response = client.post(reverse("wagtailadmin_login"), {"username": "editor", "password": "password"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.fixture
def limited_view(ratelimits):
    ratelimits["test"] = "3/d"

    @ratelimit("test")
    def view(request):
        return HttpResponse("ok")

    return view


@override_settings(LANGUAGE_CODE="nl")
def test_a_rate_limit_answers_429_in_the_visitors_language(limited_view):
    factory = RequestFactory()
    codes = [limited_view(factory.get("/x", REMOTE_ADDR="10.0.0.1")).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    other = limited_view(factory.get("/x", REMOTE_ADDR="10.0.0.2"))
    assert other.status_code == 200
    blocked = limited_view(factory.get("/x", REMOTE_ADDR="10.0.0.1"))
    assert int(blocked["Retry-After"]) > 0
    assert "Te veel" in blocked.content.decode()
    api = limited_view(factory.get("/api/x", REMOTE_ADDR="10.0.0.1"))
    assert api.status_code == 429 and json.loads(api.content)["status"] == "rate_limited"


def test_on_redis_a_request_is_counted_in_one_round_trip(limited_view):
    from django.core.cache import cache, caches
    from django.core.cache.backends.redis import RedisCache

    from core.ratelimit import redis_client

    if not isinstance(caches["default"], RedisCache):
        pytest.skip("the cache is not Redis (REDIS_URL is not set)")
    client = redis_client()
    before = client.info("stats")["total_commands_processed"]
    assert limited_view(RequestFactory().get("/x", REMOTE_ADDR="10.0.0.9")).status_code == 200
    # MULTI, SET NX EX, INCR, EXEC: one round trip (and INFO's own command).
    assert client.info("stats")["total_commands_processed"] - before <= 5
    keys = [k for k in client.keys("*rl:test:10.0.0.9:*")]
    assert len(keys) == 1 and 0 < client.ttl(keys[0]) <= 86401
    assert cache.get(keys[0].decode().split(":", 2)[-1]) == 1
    codes = [limited_view(RequestFactory().get("/x", REMOTE_ADDR="10.0.0.9")).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_limits_are_off_when_switched_off(limited_view, settings):
    settings.RATELIMIT_ENABLED = False
    request = RequestFactory().get("/x", REMOTE_ADDR="10.0.0.1")
    assert {limited_view(request).status_code for _ in range(5)} == {200}


def test_erasure_requests_have_their_own_small_budget(client, ratelimits):
    ratelimits["erase"] = "1/d"
    registration = RegistrationFactory()
    url = reverse("participants:privacy_erase", args=[registration.access_token])
    assert client.post(url, {}).status_code == 400  # the box was not ticked: counted all the same
    assert client.post(url, {"confirm": "yes"}).status_code == 429
    registration.participant.refresh_from_db()
    assert registration.participant.anonymised_at is None
    assert client.get(url).status_code == 200  # reading the page is not an erasure request


def test_rates_and_proxies():
    assert parse_rate("20/m") == (20, 60)
    assert parse_rate("5/10m") == (5, 600)
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
    assert client_ip(request) == "10.0.0.9"
    with override_settings(RATELIMIT_PROXY_COUNT=1):
        assert client_ip(request) == "203.0.113.5"


def production_environment():
    """This process's environment without what the test run itself sets (the browser tests' async switch)."""
    return {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def test_check_deploy_is_clean_under_production_settings():
    env = {
        **production_environment(),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "trainingen.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_puts_media_on_s3_compatible_storage_when_configured():
    env = {
        **production_environment(),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "trainingen.example.org",
        "MEDIA_S3_BUCKET": "covenant-media",
        "MEDIA_S3_ENDPOINT_URL": "http://127.0.0.1:9",
        "MEDIA_S3_ACCESS_KEY_ID": "test-key-id",
        "MEDIA_S3_SECRET_ACCESS_KEY": "test-not-a-secret",
    }
    code = (
        'import django; django.setup(); from django.core.files.storage import storages; s = storages["default"]; '
        "print(type(s).__name__, s.bucket_name, s.url('certificates/a.pdf').split('?')[0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "PYTHONPATH": f"{ROOT / 'site'}:{ROOT}"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "S3Storage",
        "covenant-media",
        "http://127.0.0.1:9/covenant-media/certificates/a.pdf",
    ]


# Limits stop abusers, not teams; the counters are shared by every process; one 429 answer.


def test_a_hundred_participants_behind_one_venue_wifi_open_their_links(client, ratelimits):
    ratelimits["private_link"] = "3/h"  # an hour: the loop may take longer than a minute on a busy machine
    registrations = RegistrationFactory.create_batch(40)
    for registration in registrations:
        url = reverse("participants:private_link", args=[registration.access_token])
        assert {client.get(url).status_code for _ in range(3)} == {200}
    hammered = reverse("participants:private_link", args=[registrations[0].access_token])
    assert client.get(hammered).status_code == 429  # the one link that reloads too often
    assert (
        client.get(reverse("participants:private_link", args=[RegistrationFactory().access_token])).status_code == 200
    )


def test_the_address_still_has_a_budget_for_private_links(client, ratelimits):
    ratelimits["private_link_address"] = "3/m"
    urls = [reverse("participants:private_link", args=[r.access_token]) for r in RegistrationFactory.create_batch(4)]
    assert [client.get(url).status_code for url in urls] == [200, 200, 200, 429]


def test_bad_bearer_tokens_are_throttled_per_address(client, ratelimits):
    from participants.checkin.tokens import create_token

    ratelimits["checkin_token_miss"] = "3/d"
    token = create_token(UserFactory(is_staff=True))

    def post(bearer, address="10.0.0.1"):
        return client.post(
            "/api/checkin/", "{}", content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {bearer}", REMOTE_ADDR=address,
        )  # fmt: skip

    assert [post(f"guess-{i}").status_code for i in range(3)] == [401, 401, 401]
    refused = post(token)  # past the budget even a real token waits: guessing cannot go on at speed
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert refused.json()["status"] == "not_allowed" and refused.json()["reason"] == "rate_limited"
    assert post(token, address="10.0.0.2").status_code != 429  # another door


def test_without_redis_the_counters_are_in_a_table_every_process_shares(settings, ratelimits):
    from django.core.cache.backends.db import DatabaseCache

    from core.ratelimit import hit, limiter_cache, window

    if settings.REDIS_URL:
        pytest.skip("with REDIS_URL the counters are in Redis")
    assert isinstance(limiter_cache(), DatabaseCache)
    for _ in range(3):
        hit("test", "10.0.0.7", "10/h", now=1000.0)
    cache_key, _retry = window("test", "10.0.0.7", 3600, 1000.0)
    # Another gunicorn worker has its own cache object, but reads the same table.
    other_process = DatabaseCache(settings.CACHES["ratelimit"]["LOCATION"], {})
    assert other_process.get(cache_key) == 3


def test_migrate_makes_the_counters_table(settings):
    from django.db import connection

    from participants.apps import ensure_cache_tables

    table = settings.CACHES["ratelimit"].get("LOCATION")
    if "DatabaseCache" not in settings.CACHES["ratelimit"]["BACKEND"]:
        pytest.skip("the counters are not in the database")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
    ensure_cache_tables(sender=None, using="default", apps=object())
    assert table in connection.introspection.table_names()


@override_settings(LANGUAGE_CODE="nl")
def test_every_limit_answers_with_the_same_429(client, ratelimits, limited_view):
    from tests.factories import make_event

    ratelimits.update(register="1/d", verify="1/d", intervision_apply="1/d", checkin_token_miss="1/d")
    event = make_event()
    client.post(f"/registration/{event.pk}/", {"email": "a@example.org"})
    client.get("/certificates/verify/ABCD-EFGH-JKMN-PQRS/")
    client.post("/api/checkin/", "{}", content_type="application/json", HTTP_AUTHORIZATION="Bearer x")
    pages = [
        client.post(f"/registration/{event.pk}/", {"email": "a@example.org"}),
        client.get("/certificates/verify/ABCD-EFGH-JKMN-PQRS/"),
    ]
    answers = [
        client.get("/certificates/verify/ABCD-EFGH-JKMN-PQRS/?format=json"),
        client.post("/api/checkin/", "{}", content_type="application/json", HTTP_AUTHORIZATION="Bearer x"),
    ]
    for _ in range(3):
        limited_view(RequestFactory().get("/x"))
    pages.append(limited_view(RequestFactory().get("/x")))
    for response in pages + answers:
        assert response.status_code == 429 and int(response["Retry-After"]) > 0
    texts = {response.content.decode().split("<h1>", 1)[1].split("</h1>", 1)[0] for response in pages}
    assert texts == {"Te veel verzoeken"}
    bodies = [json.loads(response.content) for response in answers]
    assert {(body["reason"], body["message"]) for body in bodies} == {
        ("rate_limited", "Te veel verzoeken. Probeer het zo opnieuw.")
    }
