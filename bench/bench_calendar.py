"""The site-wide calendar feed (/calendar.ics): time and queries with 50 and 500 events (two sessions each).

"cached" is the usual request: nothing changed since the feed was last built, so it comes from the
cache (the columns it is made of are still read, to know that nothing changed).
"cold" is a request right after the whole cache was cleared, as after a deploy or a flush, and as
after any publish (a changed event changes the feed's key): every VEVENT is written again, and
Wagtail's own cached site root paths are read again too. Nothing is warmed in between.
"""

import statistics
import time

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def measure(client):
    connection.queries_log.clear()  # a full log (maxlen 9000) would make the count read 0
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/calendar.ics")
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200
    return elapsed, len(queries.captured_queries), response.content


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
        client.get("/calendar.ics")  # the process itself warm: imports, translations, URL resolvers
        cold = []
        for _ in range(5):
            cache.clear()
            elapsed, cold_queries, content = measure(client)
            cold.append(elapsed)
        assert content.count(b"BEGIN:VEVENT") == total * 2
        cached = []
        for _ in range(10):
            elapsed, cached_queries, _content = measure(client)
            cached.append(elapsed)
        rows.append(
            {
                "benchmark": "site calendar feed",
                "measure": f"cold, {total} events",
                "value": f"{statistics.median(cold):.1f}",
                "unit": "ms",
                "queries": cold_queries,
                "target": "< 200 ms at 500" if total == 500 else "",
                "met": statistics.median(cold) < 200 if total == 500 else None,
            }
        )
        rows.append(
            {
                "benchmark": "site calendar feed",
                "measure": f"cached, {total} events",
                "value": f"{statistics.median(cached):.1f}",
                "unit": "ms",
                "queries": cached_queries,
            }
        )
    # The same 500 events in the five zones the covenant trains in: one VTIMEZONE each in one feed.
    from core.timezones import REGION_ZONES
    from events.models import EventPage

    pks = list(EventPage.objects.filter(title__startswith="Event").order_by("pk").values_list("pk", flat=True))
    for i, zone in enumerate(REGION_ZONES):
        EventPage.objects.filter(pk__in=pks[i :: len(REGION_ZONES)]).update(time_zone=zone)
    cold = []
    for _ in range(5):
        cache.clear()
        elapsed, cold_queries, content = measure(client)
        cold.append(elapsed)
    assert content.count(b"BEGIN:VTIMEZONE") == len(REGION_ZONES)
    rows.append(
        {
            "benchmark": "site calendar feed",
            "measure": f"cold, {total} events in {len(REGION_ZONES)} zones",
            "value": f"{statistics.median(cold):.1f}",
            "unit": "ms",
            "queries": cold_queries,
            "target": "< 200 ms",
            "met": statistics.median(cold) < 200,
        }
    )
    return rows
