"""The group's size holds when two accepts race for the last place (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection

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
