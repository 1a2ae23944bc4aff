"""Registration.sessions_checked_in, kept by database triggers (see participants/checkin_counts.py),
and the indexes the attendance report reads."""

from django.db import migrations, models


def count_and_create_triggers(apps, schema_editor):
    from participants.checkin import triggers as checkin_counts

    checkin_counts.recount(schema_editor.connection)  # before the triggers, which would count each twice
    checkin_counts.install(schema_editor.connection)


def drop_triggers(apps, schema_editor):
    from participants.checkin import triggers as checkin_counts

    checkin_counts.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0006_merge_20261124_1950"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="sessions_checked_in",
            field=models.PositiveSmallIntegerField(default=0, editable=False, verbose_name="sessions checked in"),
        ),
        migrations.RunPython(count_and_create_triggers, drop_triggers),
        migrations.AddIndex(
            model_name="registration",
            index=models.Index(
                fields=["event", "stakeholder_type", "company_size", "status", "sessions_checked_in"],
                name="registration_report_cells",
            ),
        ),
        migrations.AddIndex(
            model_name="registration",
            index=models.Index(
                fields=["participant", "stakeholder_type", "event", "status", "sessions_checked_in"],
                name="registration_report_people",
            ),
        ),
        migrations.AddIndex(
            model_name="registration",
            index=models.Index(
                fields=["organisation", "stakeholder_type", "company_size", "event", "status", "sessions_checked_in"],
                name="registration_report_orgs",
            ),
        ),
        migrations.AddIndex(
            model_name="attendance",
            index=models.Index(
                condition=models.Q(undone_at__isnull=True),
                fields=["session", "registration"],
                name="attendance_counted_by_session",
            ),
        ),
    ]
