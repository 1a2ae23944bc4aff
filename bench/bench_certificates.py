"""Certificates: milliseconds per certificate, and a batch of 1,000 with one worker (target ≤ 15 ms each).

Each figure is given as wall-clock time and as the process's CPU time: on a shared, busy machine the
wall clock mostly measures the other processes, the CPU time what one certificate costs.

Issuing one certificate here is everything the worker does for it: the eligibility query's share,
the snapshot, drawing the PDF, storing it (the test settings' in-memory storage), inserting the row
and storing its email in the outbox. Sending the email is a task of its own and is left out.
"""

import statistics
import time
from datetime import timedelta
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

TARGET_MS = 15


def make_attendees(event, count):
    from participants.models import Attendance, Participant, Registration

    session = event.sessions.get()
    stamp = time.time_ns()
    participants = Participant.objects.bulk_create(
        Participant(email=f"bench{stamp}-{i}@example.org", first_name="Bench", last_name=f"Deelnemer {i}")
        for i in range(count)
    )
    registrations = Registration.objects.bulk_create(
        Registration(event=event, participant=p, status="confirmed", stakeholder_type="company", language="nl")
        for p in participants
    )
    Attendance.objects.bulk_create(Attendance(registration=r, session=session) for r in registrations)
    return registrations


def run(args):
    from certificates.content import certificate_content, take_snapshot
    from certificates.eligibility import with_attended_sessions
    from certificates.models import Certificate
    from certificates.pdf import render_certificate_pdf
    from certificates.services import issue_certificate, run_batch, start_batch
    from participants.models import Registration
    from tests.factories import make_event

    start = (timezone.now() - timedelta(days=5)).replace(hour=9, minute=0, second=0, microsecond=0)
    rows = []
    # The email's sending task is not part of issuing; without this the test settings would run it inline.
    with mock.patch("participants.mail.outbox.enqueue_send"):
        # Drawing alone.
        event = make_event(title="Bench roadshow", start=start, days=1, kind="roadshow")
        single = make_attendees(event, 50)
        registration = with_attended_sessions(Registration.objects.filter(pk=single[0].pk)).get()
        content = certificate_content(take_snapshot(Certificate(code="K7QM-3XTR-9PDA-W2HF"), registration))
        render_certificate_pdf(content)
        timings = []
        for _ in range(50):
            started = time.perf_counter()
            render_certificate_pdf(content)
            timings.append((time.perf_counter() - started) * 1000)
        rows.append(
            {
                "benchmark": "certificates",
                "measure": "draw one PDF (median)",
                "value": f"{statistics.median(timings):.1f}",
                "unit": "ms",
            }
        )

        # One at a time, as an admin action would.
        timings = []
        for registration in single:
            registration = Registration.objects.get(pk=registration.pk)
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                issue_certificate(registration=registration)
            timings.append((time.perf_counter() - started) * 1000)
        rows.append(
            {
                "benchmark": "certificates",
                "measure": "issue one certificate (median)",
                "value": f"{statistics.median(timings):.1f}",
                "unit": "ms",
                "queries": len(queries),
                "target": f"<= {TARGET_MS}",
                "met": statistics.median(timings) <= TARGET_MS,
            }
        )

        # A batch of 1,000 with one worker.
        event = make_event(title="Bench batch", start=start, days=1, kind="roadshow")
        make_attendees(event, 1000)
        batch = start_batch(event=event, enqueue=False)
        started, started_cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            batch = run_batch(batch.pk)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - started_cpu
        assert batch.issued == 1000, batch.issued
        rows.append(
            {
                "benchmark": "certificates",
                "measure": "batch of 1,000, one worker",
                "value": f"{seconds:.1f}",
                "unit": "s",
                "queries": len(queries),
            }
        )
        rows.append(
            {
                "benchmark": "certificates",
                "measure": "batch: per certificate",
                "value": f"{seconds * 1000 / 1000:.1f}",
                "unit": "ms",
                "queries": f"{len(queries) / 1000:.1f}",
                "target": f"<= {TARGET_MS}",
                "met": seconds <= TARGET_MS,  # seconds per 1,000 = milliseconds per certificate
            }
        )
        rows.append(
            {
                "benchmark": "certificates",
                "measure": "batch: per certificate (CPU)",
                "value": f"{cpu_seconds:.1f}",
                "unit": "ms CPU",
                "target": f"<= {TARGET_MS}",
                "met": cpu_seconds <= TARGET_MS,
            }
        )
    return rows
