"""Load on the production arrangement: gunicorn (3 workers) on PostgreSQL with Redis and two django-q2
clusters, started on loopback by tests/scale/harness.py. Scenarios:

- the registration rush when a popular training opens: many people open the event page and register
  at once for few seats (requests per second, p50/p95 latency, errors, and no overbooking);
- a morning of check-ins at several doors: each door scans a queue of QR codes through the API.

Needs DATABASE_URL=postgres://... and Redis (db 9); otherwise it reports itself skipped. Bounded:
a fixed number of requests, each with a timeout.
"""

import json
import os
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

from bench.cpu import CpuSplit


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.errors = 0
        self.statuses = {}

    def add(self, seconds, status, ok):
        with self.lock:
            self.latencies.append(seconds * 1000)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if not ok:
                self.errors += 1


def request(method, url, *, data=None, headers=None, timeout=30):
    body = None
    headers = dict(headers or {})
    if isinstance(data, dict):
        if headers.get("Content-Type") == "application/json":
            body = json.dumps(data).encode()
        else:
            body = urllib.parse.urlencode(data).encode()
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    req = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


def run_load(name, calls, *, concurrency, ok=lambda status, body: status < 400, unit="requests", per="request"):
    """Run ``calls`` (functions returning (status, body)) with ``concurrency`` threads; one row per figure."""
    recorder = Recorder()

    def timed(call):
        started = time.perf_counter()
        status, body = call()
        recorder.add(time.perf_counter() - started, status, ok(status, body))

    with CpuSplit() as cpu:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            list(pool.map(timed, calls))
        elapsed = time.perf_counter() - started
    count = len(recorder.latencies)
    cpu_total, cpu_shares = cpu.per(count)
    return [
        {"benchmark": name, "measure": f"{unit} ({concurrency} concurrent)", "value": count, "unit": ""},
        {"benchmark": name, "measure": "throughput", "value": f"{count / elapsed:.1f}", "unit": f"{unit}/s"},
        {
            "benchmark": name,
            "measure": "p50 latency",
            "value": f"{statistics.median(recorder.latencies):.0f}",
            "unit": "ms",
        },
        {
            "benchmark": name,
            "measure": "p95 latency",
            "value": f"{percentile(recorder.latencies, 0.95):.0f}",
            "unit": "ms",
            "target": "< 1000",
            "met": percentile(recorder.latencies, 0.95) < 1000,
        },
        {
            "benchmark": name,
            "measure": "errors",
            "value": recorder.errors,
            "unit": "",
            "target": "0",
            "met": recorder.errors == 0,
            "statuses": recorder.statuses,
        },
        {
            "benchmark": name,
            "measure": f"CPU per {per}",
            "value": f"{cpu_total:.1f}",
            "unit": "ms",
            "queries": cpu_shares,
        },
    ]


def settle(site):
    if not site.settle():
        raise RuntimeError("the arrangement did not settle (emails left unsent or processes busy):\n" + site.logs())


def event_page_rush(site, data, people):
    url = site.base_url + data["rush_url"]
    return run_load("rush: event page", [lambda: request("GET", url)] * people, concurrency=20)


def checkin_morning(site, data, doors):
    url = site.base_url + "/api/checkin/"
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {data['token']}"}
    codes = data["codes"]

    def scan(code):
        payload = {"code": code, "session": data["session"], "nonce": uuid.uuid4().hex}
        return lambda: request("POST", url, data=payload, headers=headers)

    def ok(status, body):
        try:
            return status == 200 and json.loads(body).get("status") in {"ok", "already_checked_in"}
        except ValueError:
            return False

    # Every code is scanned once, and a fifth of them a second time at another door.
    calls = [scan(code) for code in codes] + [scan(code) for code in codes[: len(codes) // 5]]
    return run_load(f"check-in: {doors} doors", calls, concurrency=doors, ok=ok)


def run(args):
    from django.db import connection

    from tests.scale.harness import SCALE_REDIS_URL, arrangement, redis_answers

    if connection.vendor != "postgresql" or not redis_answers():
        return [{"benchmark": "load", "measure": "skipped", "value": f"needs PostgreSQL and Redis ({SCALE_REDIS_URL})"}]
    rows = []
    people = int(os.environ.get("BENCH_RUSH_PEOPLE", "200"))
    checkins = int(os.environ.get("BENCH_CHECKINS", "400"))
    with arrangement(os.environ["DATABASE_URL"], workers=3, clusters=2) as site:
        data = site.scenario("setup", checkins, timeout=300)
        site.start_web()
        site.start_cluster()
        site.start_cluster()
        # Each scenario starts on a settled arrangement: processes started, earlier emails sent.
        settle(site)
        rows += event_page_rush(site, data, people)
        rows += registration_rush(site, data, people)
        settle(site)
        if data["token"]:
            rows += checkin_morning(site, data, doors=4)
        else:
            rows.append({"benchmark": "check-in", "measure": "skipped", "value": "no check-in API"})
    return [{k: v for k, v in row.items() if k != "statuses"} for row in rows]


def registration_rush(site, data, people):
    """People register at once for the popular training (when the registration form exists)."""
    from tests.scale.registration import registration_calls

    calls = registration_calls(site, data, people)
    if calls is None:
        return [{"benchmark": "rush: register", "measure": "skipped", "value": "no registration form yet"}]
    # One "person" is three requests: the event page, the form post, the redirect back to the page.
    return run_load("rush: register", calls, concurrency=20, unit="people", per="person")
