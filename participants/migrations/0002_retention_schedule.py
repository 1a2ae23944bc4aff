"""Apply the retention policy every night at 03:00 (participants.tasks.apply_retention_task), and
every ten minutes put emails whose sending was interrupted back in the queue (requeue_stale_emails_task).

Idempotent: running it again updates the schedules, found by name, instead of adding them.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations

NAME = "apply_retention"
REQUEUE = "requeue_stale_emails"


def next_night():
    zone = ZoneInfo(settings.TIME_ZONE)
    tomorrow = datetime.now(zone).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(3, 0), tzinfo=zone)


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name=NAME,
        defaults={
            "func": "participants.tasks.apply_retention_task",
            "schedule_type": "D",
            "repeats": -1,
            "next_run": next_night(),
        },
    )
    Schedule.objects.update_or_create(
        name=REQUEUE,
        defaults={
            "func": "participants.tasks.requeue_stale_emails_task",
            "schedule_type": "I",  # Schedule.MINUTES
            "minutes": 10,
            "repeats": -1,
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name__in=[NAME, REQUEUE]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
