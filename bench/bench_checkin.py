"""Check-in through the API, in-process: median milliseconds and SQL queries per successful check-in.

2,000 confirmed registrations, each scanned once (so every scan is a successful check-in) with a
Django test Client posting JSON to /api/checkin/, authenticated by a bearer token (a door phone or
scanner app) and, for comparison, by an organiser's session (the scanner page; CSRF is not
enforced by the test Client, the session and user are read per request as in production).
Target: at most 4 queries and under 3 ms median on SQLite. "queries" counts SQL statements; the
measure also says how many round trips there are with the transaction's BEGIN and COMMIT, which
Django 6 logs as well.
"""

import json
import os
import statistics
import sys
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

SCANS = 2000
SESSION_SCANS = 500


def make_registrations(event, count):
    from participants.models import Participant, Registration, RegistrationStatus

    participants = Participant.objects.bulk_create(
        Participant(email=f"bench{i}@example.org", first_name=f"Bench{i}", last_name="Deelnemer") for i in range(count)
    )
    return Registration.objects.bulk_create(
        Registration(event=event, participant=p, status=RegistrationStatus.CONFIRMED, stakeholder_type="company")
        for p in participants
    )


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


def measure(client, session_id, registrations, headers):
    """(median ms, most statements in one check-in, most with BEGIN/COMMIT counted too)."""
    timings, queries, round_trips = [], [], []
    for i, registration in enumerate(registrations):
        body = json.dumps({"code": registration.checkin_code, "session": session_id, "nonce": f"n{i}"})
        connection.queries_log.clear()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.post("/api/checkin/", body, content_type="application/json", headers=headers)
        timings.append((time.perf_counter() - started) * 1000)
        statements = [q["sql"] for q in captured.captured_queries]
        if len(statements) > 5 and os.environ.get("BENCH_DEBUG"):
            print(i, *(sql[:100] for sql in statements), sep="\n  ", file=sys.stderr)
        queries.append(sum(not sql.lstrip().upper().startswith(TRANSACTION_CONTROL) for sql in statements))
        round_trips.append(len(statements))
        assert response.status_code == 200 and response.json()["status"] == "ok", response.content
    return statistics.median(timings), max(queries), max(round_trips)


def run(args):
    from django.core.cache import cache

    from participants.checkin.tokens import create_token
    from participants.models import Attendance
    from tests.factories import organiser
    from tests.participants.checkin_helpers import add_organiser, sessions_of, today_event

    cache.clear()
    event = today_event(title="Bench check-in")
    session = sessions_of(event)[0]
    user = add_organiser(event, organiser(username="bench-door"))
    token = create_token(user, name="bench")
    registrations = make_registrations(event, SCANS + SESSION_SCANS)

    client = Client()
    # Warm up: URL resolver, translations, the token cache (one query per minute per token).
    client.post("/api/checkin/", "{", content_type="application/json", headers={"authorization": f"Bearer {token}"})
    median_ms, max_queries, round_trips = measure(
        client, session.pk, registrations[:SCANS], {"authorization": f"Bearer {token}"}
    )
    rows = [
        {
            "benchmark": "check-in API",
            "measure": f"median of {SCANS} check-ins, bearer token ({round_trips} with BEGIN/COMMIT)",
            "value": f"{median_ms:.2f}",
            "unit": "ms",
            "queries": max_queries,
            "target": "<= 4 queries, < 3 ms (SQLite)",
            "met": max_queries <= 4 and (median_ms < 3 or connection.vendor != "sqlite"),
        }
    ]
    browser = Client()
    browser.force_login(user)
    median_ms, max_queries, round_trips = measure(browser, session.pk, registrations[SCANS:], {})
    rows.append(
        {
            "benchmark": "check-in API",
            "measure": f"median of {SESSION_SCANS} check-ins, session login ({round_trips} with BEGIN/COMMIT)",
            "value": f"{median_ms:.2f}",
            "unit": "ms",
            "queries": max_queries,
            "target": "<= 6 queries (+2: session, user)",
            "met": max_queries <= 6,
        }
    )
    assert Attendance.objects.filter(session=session).count() == SCANS + SESSION_SCANS
    return rows
