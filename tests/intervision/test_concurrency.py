"""The group's size holds when two accepts race for the last place (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection, connections

from intervision import services
from intervision.models import Membership, MembershipStatus

from .factories import make_group, make_member

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_two_accepts_for_the_last_place_let_one_in():
    group = make_group(max_size=2)
    make_member(group)
    first, second = (make_member(group, status=MembershipStatus.APPLIED) for _ in range(2))
    barrier = threading.Barrier(2)
    outcomes = []

    def accept(membership):
        barrier.wait()
        try:
            services.accept(membership=membership, by=group.facilitator)
            outcomes.append("accepted")
        except services.IntervisionError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(m,)) for m in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["accepted", "full"]
    assert Membership.objects.filter(group=group, status__in=["accepted", "active"]).count() == 2


def test_two_issuing_runs_at_once_give_one_year_certificate_and_one_email(monkeypatch):
    from certificates.models import Certificate
    from participants.models import OutboxEmail

    from .factories import attend, make_year_group

    monkeypatch.setattr("participants.mail.outbox.enqueue_send", lambda pk: None)  # sending is another task
    group, meetings, anna, bram = make_year_group()
    attend(bram, meetings[1])
    barrier = threading.Barrier(2)
    errors = []

    def worker():
        try:
            barrier.wait(timeout=10)
            services.issue_year_certificates(group=group, year=2025)
        except Exception as error:  # Collected and asserted on below, in the main thread.
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert connection.vendor == "postgresql"
    assert set(Certificate.objects.values_list("participant", flat=True)) == {anna.participant_id, bram.participant_id}
    assert Certificate.objects.count() == 2
    assert OutboxEmail.objects.filter(key__startswith="certificate:").count() == 2
