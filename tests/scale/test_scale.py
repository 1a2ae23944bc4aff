"""The whole production arrangement on loopback: gunicorn with three workers, two django-q2 clusters on
Redis, PostgreSQL. Drives registrations, emails and check-ins through it concurrently, stops one
cluster in the middle of a batch, and checks that no task is lost, no email goes out twice and no
event is overbooked.

Runs on PostgreSQL (DATABASE_URL) when Redis answers too; it makes a database of its own (the
DATABASE_URL's name + "_scale") and uses Redis db 9 (SCALE_REDIS_URL), never CI's.
"""

import email
import json
import os
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.scale.harness import SCALE_REDIS_URL, arrangement, redis_answers

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not redis_answers(), reason=f"needs Redis at {SCALE_REDIS_URL}"),
]


def query(database_url, sql, *params):
    import psycopg

    with psycopg.connect(database_url) as connection:
        return connection.execute(sql, params).fetchall()


def wait_for(condition, *, seconds, interval=0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


def post_json(url, payload, token):
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        body = error.read()
        try:
            return error.code, json.loads(body)
        except ValueError:
            return error.code, {"status": "http_error", "body": body[:200].decode(errors="replace")}


def sent_outbox_ids(site):
    ids = []
    for path in site.mails():
        ids.append(email.message_from_bytes(path.read_bytes())["X-Outbox-Id"])
    return ids


def check_in_twice_from_two_doors(site, data):
    """Every code scanned at two doors at once: one check-in each, the other scan says so."""
    url = site.base_url + "/api/checkin/"

    def scan(code):
        return post_json(url, {"code": code, "session": data["session"], "nonce": uuid.uuid4().hex}, data["token"])

    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(scan, [code for code in data["codes"] for _door in range(2)]))
    statuses = [body.get("status") for _code, body in results]
    assert all(code == 200 for code, _body in results), results[:5]
    assert statuses.count("ok") == len(data["codes"])
    assert statuses.count("already_checked_in") == len(data["codes"])
    rows = query(
        site.database_url,
        "SELECT count(*), count(DISTINCT registration_id) FROM participants_attendance "
        "WHERE session_id = %s AND undone_at IS NULL",
        data["session"],
    )
    assert rows[0] == (len(data["codes"]), len(data["codes"]))


def test_production_arrangement_survives_a_cluster_stopping_mid_batch():
    started = time.monotonic()
    with arrangement(os.environ["DATABASE_URL"], workers=3, clusters=2, mail_delay=0.1) as site:
        data = site.scenario("setup", 30)
        site.start_web()
        first, second = site.start_cluster(), site.start_cluster()
        try:
            # A batch of emails, as a registration rush produces them; stop one cluster while it sends.
            queued = site.scenario("queue_emails", 80)["queued"]
            assert wait_for(lambda: len(site.mails()) >= 8, seconds=30), site.logs()
            assert len(site.mails()) < len(queued), "the batch finished before the cluster was stopped"
            assert site.stop_cluster(first, timeout=60), "the cluster did not stop gracefully:\n" + site.logs()
            assert second.poll() is None, "the other cluster stopped too"

            def all_sent():
                rows = query(site.database_url, "SELECT count(*) FROM participants_outboxemail WHERE status = 'sent'")
                return rows[0][0] >= len(queued)

            assert wait_for(all_sent, seconds=60), site.logs()
            ids = sent_outbox_ids(site)
            expected = {str(row[0]) for row in query(site.database_url, "SELECT uuid FROM participants_outboxemail")}
            assert len(ids) == len(set(ids)), "an email was sent twice"
            assert set(ids) == expected, "an email was lost"

            if data["token"]:
                check_in_twice_from_two_doors(site, data)
        finally:
            site.stop()
    assert time.monotonic() - started < 150
