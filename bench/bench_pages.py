"""The event listing: queries and time per request with 10 and 200 events (queries must not grow)."""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def run(args):
    from tests.factories import make_event, make_programme

    programme = make_programme(title="Bench programme")
    rows = []
    made = 0
    client = Client()
    for total in (10, 200):
        for _ in range(total - made):
            make_event(programme=programme, quotas=[("company", 5)])
        made = total
        client.get("/agenda/")
        timings = []
        for _ in range(20):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(f"{programme.url}")
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        rows.append(
            {
                "benchmark": "programme page",
                "measure": f"median with {total} events",
                "value": f"{statistics.median(timings):.1f}",
                "unit": "ms",
                "queries": len(queries),
            }
        )
    return rows
