import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from participants.invites.services import send_reminder
from participants.models import OutboxEmail
from tests.factories import RegistrationFactory, make_event


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_send_a_reminder_once():
    registration = RegistrationFactory(event=make_event(start=timezone.now() + timedelta(days=1), days=1))
    barrier = threading.Barrier(4)
    results = []

    def worker():
        try:
            barrier.wait()
            results.append(send_reminder(registration.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, False, True]
    assert OutboxEmail.objects.filter(key=f"reminder:{registration.pk}").count() == 1
    assert len([m for m in mail.outbox if m.subject.startswith("Herinnering")]) == 1


def test_the_schedules_migration_is_idempotent(db):
    import importlib

    from django.apps import apps
    from django_q.models import Schedule

    migration = importlib.import_module("participants.migrations.0001_squashed_0009_hashed_secrets")
    migration.create_schedules(apps, None)
    migration.create_schedules(apps, None)
    for name, func, _, _ in migration.SCHEDULES:
        assert Schedule.objects.filter(name=name).count() == 1
        assert Schedule.objects.get(name=name).func == func
