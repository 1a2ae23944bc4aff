"""Apply the retention policy every night at 03:00 (participants.tasks.apply_retention_task).
(The registration work's migration schedules requeue_stale_emails_task every ten minutes.)

Also lets the Secretariat read the audit entries that hang on the Site rather than on one object
(retention runs, site-wide exports): Wagtail shows a log entry to users with a permission on its
object's type, so the Secretariat gets "view site".

Idempotent: running it again updates the schedule, found by name, instead of adding one.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations

NAME = "apply_retention"


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


def secretariat_sees_site_entries(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("wagtailcore")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth.Permission")
    permission = Permission.objects.filter(content_type__app_label="wagtailcore", codename="view_site").first()
    if permission is not None:
        group, _ = apps.get_model("auth.Group").objects.get_or_create(name="Secretariat")
        group.permissions.add(permission)


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_schedule, remove_schedule),
        migrations.RunPython(secretariat_sees_site_entries, migrations.RunPython.noop),
    ]
