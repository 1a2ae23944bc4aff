"""Registration: queries per registration, and registrations per second on PostgreSQL through
gunicorn under 20 concurrent clients (targets: at most 10 queries, at least 150 per second).

The throughput part makes its own PostgreSQL database (BENCH_PG_URL, default the local server),
migrates it, starts gunicorn with config.settings.bench against it, and lets 20 client threads post
the real form (with its CSRF token) to one event with room for everyone: the worst case, as every
registration takes the same event's lock.

gunicorn runs as docs/deploy.md tells production to: five sync workers, one request each
(BENCH_GUNICORN_WORKERS and BENCH_GUNICORN_THREADS try others). Threads cost a third of the
throughput here: a thread holding the event's lock gives up the GIL for each database round trip
and then waits up to the 5 ms switch interval for the worker's busy threads to hand it back, while
every other registration for the event waits for that lock.
"""

import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from bench.cpu import CpuSplit

ROOT = Path(__file__).resolve().parents[1]
CONTROL = {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"}
PY = sys.executable
CLIENTS = 20
PER_CLIENT = 60
WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "5"))
THREADS = int(os.environ.get("BENCH_GUNICORN_THREADS", "1"))


def form(i, prefix="bench"):
    return {
        "stakeholder_type": ("company", "ngo", "government", "trade_union")[i % 4],
        "company_size": "sme",
        "first_name": "Bench",
        "last_name": f"Persoon {chr(65 + i % 26)}",
        "email": f"{prefix}{i}@example.org",
        "organisation": f"Organisatie {i % 50}",
        "job_title": "Inkoper",
        "language": "nl",
        "consent": "on",
    }


def queries_per_registration():
    """Queries of one POST of the public form, enqueueing its email as production does (no sync tasks)."""
    from django_q.conf import Conf

    from tests.factories import make_event

    event = make_event(capacity=1000, quotas=[("company", 100), ("ngo", 20)])
    client = Client()
    counts, totals, timings = [], [], []
    sync = Conf.SYNC
    Conf.SYNC = False
    try:
        with override_settings(RATELIMIT_ENABLED=False):
            for i in range(30):
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    response = client.post(f"/registration/{event.pk}/", form(i, "q"))
                timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 302, response.status_code
                control = sum(1 for q in queries.captured_queries if q["sql"].split()[0].upper() in CONTROL)
                counts.append(len(queries) - control)
                totals.append(len(queries))
    finally:
        Conf.SYNC = sync
    broker = "ORM broker: its task row is one of them" if Conf.ORM else "Redis broker"
    return [
        {
            "benchmark": "registration",
            "measure": "one registration in-process, no concurrency (median of 30)",
            "value": f"{statistics.median(timings):.1f}",
            "unit": "ms",
        },
        {
            "benchmark": "registration",
            "measure": "queries per registration (median of 30 form posts, new people, mixed organisations)",
            "value": int(statistics.median(counts)),
            "unit": "queries",
            "queries": f"max {max(counts)}; {int(statistics.median(totals))} with BEGIN/COMMIT; {broker}",
            "target": "<= 10",
            "met": statistics.median(counts) <= 10,
        },
    ]


def pg_admin_url():
    return os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def psql(sql, url):
    import psycopg

    parts = urllib.parse.urlparse(url)
    with psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname=parts.path.lstrip("/") or "postgres",
        autocommit=True,
    ) as conn:
        conn.execute(sql)


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SETUP = """
import django; django.setup()
from tests.factories import make_event
event = make_event(title="Bench", capacity=100000, quotas=[("company", 500), ("ngo", 100)])
print(event.pk, event.url)
"""


def throughput():
    admin = pg_admin_url()
    name = f"bench_registration_{os.getpid()}"
    try:
        psql(f'DROP DATABASE IF EXISTS "{name}"', admin)
        psql(f'CREATE DATABASE "{name}"', admin)
    except Exception as error:  # No PostgreSQL here: say so in the table instead of failing.
        return [
            {
                "benchmark": "registration",
                "measure": "registrations per second (PostgreSQL)",
                "value": "skipped",
                "unit": f"no PostgreSQL: {error}"[:60],
            }
        ]
    url = admin.rsplit("/", 1)[0] + f"/{name}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "PYTHONPATH": f"{ROOT / 'site'}:{ROOT}",
    }
    server = None
    try:
        subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        out = subprocess.run([PY, "-c", SETUP], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
        event_id, event_url = out.stdout.split()[-2:]
        port = free_port()
        server = subprocess.Popen(
            [
                str(Path(PY).parent / "gunicorn"),
                "config.wsgi:application",
                "--pythonpath",
                "site",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(WORKERS),
                "--worker-class",
                "gthread" if THREADS > 1 else "sync",
                "--threads",
                str(THREADS),
                "--keep-alive",
                "30",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        wait_for(port, event_url)
        return load(port, event_id, event_url)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        try:
            psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', admin)
        except Exception as error:
            print(f"# could not drop {name}: {error}", file=sys.stderr)


def wait_for(port, path):
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


class BenchClient:
    def __init__(self, port, event_url):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.conn.request("GET", event_url)
        response = self.conn.getresponse()
        html = response.read().decode()
        cookie = next(c for c in response.headers.get_all("Set-Cookie") if c.startswith("csrftoken="))
        self.cookie = cookie.split(";")[0]
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def register(self, event_id, data):
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.token})
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": self.cookie,
            "Origin": f"http://{self.conn.host}:{self.conn.port}",
            "Referer": f"http://{self.conn.host}/",
        }
        self.conn.request("POST", f"/registration/{event_id}/", body, headers)
        response = self.conn.getresponse()
        response.read()
        return response.status


def load(port, event_id, event_url):
    clients = [BenchClient(port, event_url) for _ in range(CLIENTS)]
    # Warm up every worker (imports, connections) before timing.
    for n, client in enumerate(clients):
        assert client.register(event_id, form(n, "warm")) == 302
    statuses = []
    latencies = []
    lock = threading.Lock()
    start = threading.Barrier(CLIENTS + 1)

    def run(n, client):
        start.wait()
        mine, times = [], []
        for k in range(PER_CLIENT):
            t = time.perf_counter()
            mine.append(client.register(event_id, form(n * PER_CLIENT + k)))
            times.append(time.perf_counter() - t)
        with lock:
            statuses.extend(mine)
            latencies.extend(times)

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in enumerate(clients)]
    for t in threads:
        t.start()
    start.wait()
    with CpuSplit() as cpu:
        began = time.perf_counter()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - began
    cpu_total, cpu_shares = cpu.per(len(statuses))
    ok = statuses.count(302)
    latencies.sort()
    p50, p95 = latencies[len(latencies) // 2] * 1000, latencies[int(len(latencies) * 0.95)] * 1000
    return [
        {
            "benchmark": "registration",
            "measure": (
                f"registrations per second, PostgreSQL, gunicorn {WORKERS} workers x {THREADS} thread(s), "
                f"{CLIENTS} clients"
            ),
            "value": f"{ok / elapsed:.0f}",
            "unit": "/s",
            "queries": f"{ok} of {len(statuses)} ok",
            "target": ">= 150",
            "met": ok / elapsed >= 150,
        },
        {
            "benchmark": "registration",
            "measure": "latency p50 / p95 under that load",
            "value": f"{p50:.0f} / {p95:.0f}",
            "unit": "ms",
        },
        {
            "benchmark": "registration",
            "measure": "CPU per registration under that load (2 cores: 13.3 ms in all allows 150/s)",
            "value": f"{cpu_total:.1f}",
            "unit": "ms",
            "queries": cpu_shares,
        },
    ]


def run(args):
    return [*queries_per_registration(), *throughput()]
