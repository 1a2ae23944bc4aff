"""The site-wide calendar feed (/calendar.ics): time and queries with 50 and 500 events (two sessions each).

"median" is the usual request: each event's VEVENTs come from the cache unless the event changed.
"cold cache" builds every VEVENT again, as after a deploy or a cache flush.
"""

import statistics
import time

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def run(args):
    from tests.factories import VenueFactory, make_event, make_programme

    programme = make_programme(title="Bench calendar programme")
    venue = VenueFactory()
    client = Client()
    rows = []
    made = 0
    for total in (50, 500):
        for _ in range(total - made):
            make_event(programme=programme, venue=venue, days=2, summary="Due diligence, stap 1; beleid.")
        made = total
        client.get("/calendar.ics")  # warm caches (site root paths)
        timings = []
        for _ in range(10):
            connection.queries_log.clear()  # a full log (maxlen 9000) would make the count read 0
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get("/calendar.ics")
            timings.append((time.perf_counter() - started) * 1000)
            query_count = len(queries.captured_queries)
            assert response.status_code == 200
        assert response.content.count(b"BEGIN:VEVENT") >= total * 2
        cold = []
        for _ in range(3):
            cache.clear()
            client.get("/")  # Wagtail's cached site paths back; only the calendar's cache is cold
            connection.queries_log.clear()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as cold_queries:
                client.get("/calendar.ics")
            cold.append((time.perf_counter() - started) * 1000)
            cold_count = len(cold_queries.captured_queries)
        client.get("/calendar.ics")
        rows.append(
            {
                "benchmark": "site calendar feed",
                "measure": f"median with {total} events",
                "value": f"{statistics.median(timings):.1f}",
                "unit": "ms",
                "queries": query_count,
                "target": "< 200 ms at 500" if total == 500 else "",
            }
        )
        rows.append(
            {
                "benchmark": "site calendar feed",
                "measure": f"cold cache, {total} events",
                "value": f"{statistics.median(cold):.1f}",
                "unit": "ms",
                "queries": cold_count,
            }
        )
    return rows
