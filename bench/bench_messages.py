"""Messages to participants: 1,000 recipients. Time to queue (the queuing task writes one outbox email
per recipient, rendered in their language) and time to send them (the outbox's send task, run one
after another as one worker would, to the in-memory mailer). Wall clock and CPU time."""

import time
from datetime import timedelta
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

COUNT = 1000
QUEUE_TARGET_S = 10


def run(args):
    from participants.broadcast import services
    from participants.mail.outbox import send_email
    from participants.models import OutboxEmail, Participant, Registration
    from tests.factories import make_event

    start = (timezone.now() + timedelta(days=5)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = make_event(title="Bench message roadshow", start=start, days=2, kind="roadshow")
    stamp = time.time_ns()
    participants = Participant.objects.bulk_create(
        Participant(email=f"message{stamp}-{i}@example.org", first_name="Bench", last_name=f"Deelnemer {i}")
        for i in range(COUNT)
    )
    Registration.objects.bulk_create(
        Registration(
            event=event, participant=p, status="confirmed", stakeholder_type="company", language=("nl", "en")[i % 2]
        )
        for i, p in enumerate(participants)
    )
    texts = {
        "subject_nl": "Praktische informatie {event}",
        "body_nl": "Beste {name},\n\n{sessions}\n\nUw inschrijving: {link}",
        "subject_en": "Practical information {event}",
        "body_en": "Dear {name},\n\n{sessions}\n\nYour registration: {link}",
    }
    rows = []
    with (
        mock.patch("participants.broadcast.services.enqueue_queuing"),
        mock.patch("participants.mail.outbox.enqueue_send"),
    ):
        message = services.send(event=event, sender=None, texts=texts, filters={"statuses": ["confirmed"]})
        started, started_cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            added = services.queue_message(message.pk)
        seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    assert added == COUNT, added
    rows.append(
        {
            "benchmark": "messages",
            "measure": f"queue {COUNT:,} recipients",
            "value": f"{seconds:.2f}",
            "unit": "s",
            "queries": len(queries),
            "target": f"< {QUEUE_TARGET_S}",
            "met": seconds < QUEUE_TARGET_S,
        }
    )
    rows.append({"benchmark": "messages", "measure": "queue (CPU)", "value": f"{cpu:.2f}", "unit": "s CPU"})
    pks = list(OutboxEmail.objects.filter(key__startswith=message.key_prefix).values_list("pk", flat=True))
    started, started_cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as queries:
        for pk in pks:
            send_email(pk)
    seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    assert services.progress(message)["sent"] == COUNT
    rows.append(
        {
            "benchmark": "messages",
            "measure": f"send {COUNT:,} (send task, one worker, in-memory mailer)",
            "value": f"{seconds:.2f}",
            "unit": "s",
            "queries": len(queries),
        }
    )
    rows.append({"benchmark": "messages", "measure": "send (CPU)", "value": f"{cpu:.2f}", "unit": "s CPU"})
    return rows
