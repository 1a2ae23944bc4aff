"""Two batches for the same event at once, in real transactions on PostgreSQL: one certificate each."""

import threading

import pytest
from django.db import connection, connections

from certificates.models import Certificate
from certificates.services import run_batch, start_batch
from participants.models import OutboxEmail

from .conftest import attendee, past_event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_batches_at_once_give_one_certificate_and_one_email_per_person(monkeypatch):
    monkeypatch.setattr("participants.mail.outbox.enqueue_send", lambda pk: None)  # sending is another task
    event = past_event(days=1)
    people = [attendee(event) for _ in range(12)]
    batches = [start_batch(event=event, enqueue=False) for _ in range(2)]
    barrier = threading.Barrier(2)
    errors = []

    def worker(batch_pk):
        try:
            barrier.wait(timeout=10)
            run_batch(batch_pk, chunk_size=4)
        except Exception as error:  # Collected and asserted on below, in the main thread.
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(b.pk,)) for b in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert connection.vendor == "postgresql"
    assert Certificate.objects.count() == len(people)
    assert set(Certificate.objects.values_list("registration", flat=True)) == {p.pk for p in people}
    assert OutboxEmail.objects.filter(key__startswith="certificate:").count() == len(people)
    issued = sum(b.issued for b in type(batches[0]).objects.filter(pk__in=[b.pk for b in batches]))
    assert issued == len(people)  # each certificate counted by the batch that made it, none twice
