"""The public pages: queries and time per request with 10 and 200 events (queries must not grow)."""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

REPEAT = 20


def measure(client, url):
    """Median time of REPEAT requests after a warm-up one, and the queries of the last."""
    client.get(url)
    timings = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), len(queries)


def run(args):
    from pages.models import EventIndexPage
    from tests.factories import VenueFactory, home_page, make_event, make_programme

    home = home_page()
    if not EventIndexPage.objects.exists():
        home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))
    programme = make_programme(title="Bench programme", show_in_menus=True)
    venue = VenueFactory()
    pages = {
        "home page": "/",
        "listing /agenda/": "/agenda/",
        "listing, filtered": "/agenda/?kind=roadshow&open=on",
        "programme page": programme.url,
    }
    rows = []
    made = 0
    client = Client()
    at_ten = {}
    for total in (10, 200):
        for _ in range(total - made):
            make_event(programme=programme, quotas=[("company", 5)], venue=venue)
        made = total
        for name, url in pages.items():
            median, queries = measure(client, url)
            at_ten.setdefault(name, queries)
            rows.append(
                {
                    "benchmark": name,
                    "measure": f"median with {total} events",
                    "value": f"{median:.1f}",
                    "unit": "ms",
                    "queries": queries,
                    "target": "same queries at 10 and 200",
                    "met": queries <= at_ten[name] if total == 200 else None,
                }
            )
    return rows
