"""The event page under a registration rush: a popular training opens, people register at once, and
everyone else keeps loading its page (seats left, the form). Target: the page's p95 under 1 s.

In one process, with threads (as one threaded server process), on the benchmark's database (a file
on SQLite): REGISTRANTS threads post the registration form while READERS threads load the event
page until the rush is over. Every registration is a write, which SQLite serialises; the page only
reads, which WAL lets it do beside the writers. Also checks that nobody was given a seat beyond the
capacity. Bounded: a fixed number of registrations.
"""

import statistics
import threading
import time

from django.db import connection
from django.test import Client

REGISTRANTS, PER_REGISTRANT = 8, 25
READERS = 4
CAPACITY = 30
P95_TARGET_MS = 1000


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run(args):
    from events.models import EventPage
    from participants.models import Registration, RegistrationStatus
    from tests.factories import make_event, make_programme
    from tests.scale.registration import form_data, registration_form_path

    event = make_event(programme=make_programme(title="Bench rush"), title="Popular training", capacity=CAPACITY)
    url, form = event.url, registration_form_path(event)
    Client().get(url)  # warm up: templates, translations, URL resolvers

    quiet = []
    client = Client()
    for _ in range(30):
        started = time.perf_counter()
        assert client.get(url).status_code == 200
        quiet.append((time.perf_counter() - started) * 1000)

    rushing = threading.Event()
    done = threading.Event()
    lock = threading.Lock()
    page_ms, errors, registered = [], [], []

    def registrant(number):
        client = Client()
        rushing.wait()
        try:
            for i in range(PER_REGISTRANT):
                n = number * PER_REGISTRANT + i
                response = client.post(form, form_data(n))
                with lock:
                    (registered if response.status_code in (200, 302) else errors).append(response.status_code)
        finally:
            connection.close()

    def reader():
        client = Client()
        rushing.wait()
        try:
            while not done.is_set():
                started = time.perf_counter()
                response = client.get(url)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    page_ms.append(elapsed)
                    if response.status_code != 200:
                        errors.append(response.status_code)
        finally:
            connection.close()

    writers = [threading.Thread(target=registrant, args=(n,)) for n in range(REGISTRANTS)]
    readers = [threading.Thread(target=reader) for _ in range(READERS)]
    for thread in writers + readers:
        thread.start()
    began = time.perf_counter()
    rushing.set()
    for thread in writers:
        thread.join()
    elapsed = time.perf_counter() - began
    done.set()
    for thread in readers:
        thread.join()

    seats = Registration.objects.filter(event=event).holding_seats().count()
    waitlisted = Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).count()
    assert EventPage.objects.filter(pk=event.pk).exists()
    p95 = percentile(page_ms, 0.95)
    return [
        {
            "benchmark": "rush: event page",
            "measure": "p50 / p95 with nobody registering (30 loads)",
            "value": f"{statistics.median(quiet):.0f} / {percentile(quiet, 0.95):.0f}",
            "unit": "ms",
        },
        {
            "benchmark": "rush: event page",
            "measure": (
                f"p95 while {REGISTRANTS} clients post {REGISTRANTS * PER_REGISTRANT} registrations "
                f"({READERS} readers, {len(page_ms)} loads; p50 {statistics.median(page_ms):.0f} ms)"
            ),
            "value": f"{p95:.0f}",
            "unit": "ms",
            "target": f"< {P95_TARGET_MS}",
            "met": p95 < P95_TARGET_MS,
        },
        {
            "benchmark": "rush: event page",
            "measure": "registrations per second during the rush",
            "value": f"{len(registered) / elapsed:.0f}",
            "unit": "/s",
            "queries": f"{seats} seated, {waitlisted} waitlisted",
        },
        {
            "benchmark": "rush: event page",
            "measure": "errors (pages and form posts) and seats beyond capacity",
            "value": f"{len(errors)} / {max(seats - CAPACITY, 0)}",
            "unit": "",
            "target": "0 / 0",
            "met": not errors and seats <= CAPACITY,
        },
    ]
