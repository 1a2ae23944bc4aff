"""Schedule the registration housekeeping in django-q2: release expired seat holds (and promote the
waiting list) and retry emails whose sending failed. Idempotent: update_or_create by name."""

from django.db import migrations

SCHEDULES = [
    ("release expired registration holds", "participants.tasks.release_expired_holds_task", 5),
    ("requeue stale outbox emails", "participants.tasks.requeue_stale_emails_task", 10),
]


def create_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, func, minutes in SCHEDULES:
        Schedule.objects.update_or_create(
            name=name, defaults={"func": func, "schedule_type": "I", "minutes": minutes, "repeats": -1}
        )


def remove_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name__in=[name for name, _, _ in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
