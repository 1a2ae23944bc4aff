"""Registration.sessions_attended, kept by database triggers (see participants/sessions_attended.py),
and the indexes the attendance report reads."""

from django.db import migrations, models


def count_and_create_triggers(apps, schema_editor):
    from participants import sessions_attended

    sessions_attended.recount(schema_editor.connection)  # before the triggers, which would count each twice
    sessions_attended.install(schema_editor.connection)


def drop_triggers(apps, schema_editor):
    from participants import sessions_attended

    sessions_attended.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0006_merge_20261124_1950"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="sessions_attended",
            field=models.PositiveSmallIntegerField(default=0, editable=False, verbose_name="sessions attended"),
        ),
        migrations.RunPython(count_and_create_triggers, drop_triggers),
        migrations.AddIndex(
            model_name="registration",
            index=models.Index(
                fields=["event", "stakeholder_type", "company_size", "status", "sessions_attended"],
                name="registration_report_cells",
            ),
        ),
        migrations.AddIndex(
            model_name="registration",
            index=models.Index(
                fields=["participant", "stakeholder_type", "event", "status", "sessions_attended"],
                name="registration_report_people",
            ),
        ),
        migrations.AddIndex(
            model_name="registration",
            index=models.Index(
                fields=["organisation", "stakeholder_type", "company_size", "event", "status", "sessions_attended"],
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
