"""The participants migrations were squashed into one (0001_squashed_0009_hashed_secrets): a database
migrated before the squash must run nothing, and a new one gets the schedules and triggers."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django_q.models import Schedule

from participants.checkin import triggers

SQUASHED = ("participants", "0001_squashed_0009_hashed_secrets")


@pytest.mark.django_db
def test_a_database_migrated_before_the_squash_has_nothing_to_run():
    recorder = MigrationRecorder(connection)
    # A database of the previous release records the twelve replaced migrations, not the squash.
    recorder.migration_qs.filter(app=SQUASHED[0], name=SQUASHED[1]).delete()
    executor = MigrationExecutor(connection)
    replaced = executor.loader.graph.nodes.get(SQUASHED) or executor.loader.disk_migrations[SQUASHED]
    assert len(replaced.replaces) == 12
    assert all((app, name) in recorder.applied_migrations() for app, name in replaced.replaces)

    assert SQUASHED in executor.loader.applied_migrations
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


@pytest.mark.django_db
def test_a_new_database_gets_the_schedules_and_the_attendance_triggers():
    assert set(Schedule.objects.values_list("func", flat=True)) >= {
        "participants.tasks.release_expired_holds_task",
        "participants.tasks.requeue_stale_emails_task",
        "participants.tasks.send_due_reminders_task",
        "participants.tasks.apply_retention_task",
    }
    assert not triggers.missing_triggers(connection)
