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
from tests.scale.registration import registration_calls

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


def registration_rush(site, data, people):
    """``people`` register at once for ``data["capacity"]`` seats: every one is registered once, and
    no more hold a seat than there are seats. Returns how many registered (0 without a form)."""
    calls = registration_calls(site, data, people)
    if calls is None:
        return 0
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda call: call(), calls))
    assert all(status == 200 for status, _body in results), [status for status, _body in results]
    rows = query(
        site.database_url,
        "SELECT status, count(*) FROM participants_registration WHERE event_id = %s GROUP BY status",
        data["rush_event"],
    )
    by_status = dict(rows)
    assert sum(by_status.values()) == people, by_status
    holding = sum(by_status.get(status, 0) for status in ("pending", "awaiting_approval", "confirmed"))
    assert holding == data["capacity"], f"{holding} hold a seat of {data['capacity']}: {by_status}"
    return people


def test_production_arrangement_survives_a_cluster_stopping_mid_batch():
    started = time.monotonic()
    with arrangement(os.environ["DATABASE_URL"], workers=3, clusters=2, mail_delay=0.1) as site:
        data = site.scenario("setup", 30)
        site.start_web()
        first, second = site.start_cluster(), site.start_cluster()
        try:
            rush = registration_rush(site, data, people=40)
            # A batch of emails, as a registration rush produces them; stop one cluster while it sends.
            queued = site.scenario("queue_emails", 80)["queued"]
            # Count only this batch's emails: the rush sends confirmation emails and invites too.
            batch = {
                str(row[0])
                for row in query(
                    site.database_url, "SELECT uuid FROM participants_outboxemail WHERE id = ANY(%s)", list(queued)
                )
            }

            def batch_sent():
                return len([i for i in sent_outbox_ids(site) if i in batch])

            assert wait_for(lambda: batch_sent() >= 8, seconds=30), site.logs()
            assert batch_sent() < len(queued), "the batch finished before the cluster was stopped"
            assert site.stop_cluster(first, timeout=60), "the cluster did not stop gracefully:\n" + site.logs()
            assert second.poll() is None, "the other cluster stopped too"

            # Every email, the rush's and the batch's: a row not yet sent is waited for, never counted lost.
            def unsent():
                rows = query(
                    site.database_url,
                    "SELECT status, count(*) FROM participants_outboxemail WHERE status <> 'sent' GROUP BY status",
                )
                return dict(rows)

            assert wait_for(lambda: not unsent(), seconds=60), f"still unsent: {unsent()}\n" + site.logs()
            ids = sent_outbox_ids(site)
            expected = {str(row[0]) for row in query(site.database_url, "SELECT uuid FROM participants_outboxemail")}
            assert len(ids) == len(set(ids)), "an email was sent twice"
            assert set(ids) == expected, "an email was lost"
            if rush:
                recipients = {email.message_from_bytes(p.read_bytes())["To"] for p in site.mails()}
                assert {f"rush{n}@example.org" for n in range(rush)} <= recipients

            if data["token"]:
                check_in_twice_from_two_doors(site, data)
        finally:
            site.stop()
    assert time.monotonic() - started < 150
