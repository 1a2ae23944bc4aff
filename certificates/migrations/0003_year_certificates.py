"""Year certificates: a certificate of a participant's meetings in a series (an intervision group) in a year.

Event certificates keep their registration (still one per registration) and now also name their
participant, filled in here from the registration. Templates gain a scope (event or year).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_participant(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    Registration = apps.get_model("participants", "Registration")
    Certificate.objects.filter(participant__isnull=True, registration__isnull=False).update(
        participant=models.Subquery(
            Registration.objects.filter(pk=models.OuterRef("registration_id")).values("participant_id")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0002_secretariat_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0002_calendar_entries"),
        ("participants", "0001_squashed_0009_hashed_secrets"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="certificatetemplate",
            options={
                "ordering": ["kind", "scope", "language"],
                "verbose_name": "certificate template",
                "verbose_name_plural": "certificate templates",
            },
        ),
        migrations.RemoveConstraint(
            model_name="certificatetemplate",
            name="one_certificate_template_per_kind_language",
        ),
        migrations.AddField(
            model_name="certificate",
            name="meetings",
            field=models.JSONField(
                blank=True,
                default=list,
                editable=False,
                help_text="[{title, date, hours}] as printed on a year certificate.",
                verbose_name="meetings attended",
            ),
        ),
        migrations.AddField(
            model_name="certificate",
            name="participant",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="certificates",
                to="participants.participant",
                verbose_name="participant",
            ),
        ),
        migrations.AddField(
            model_name="certificate",
            name="series_id",
            field=models.PositiveBigIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="certificate",
            name="series_type",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="certificate",
            name="year",
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True, verbose_name="year"),
        ),
        migrations.AddField(
            model_name="certificatetemplate",
            name="scope",
            field=models.CharField(
                choices=[("event", "One event"), ("year", "A year of a group's meetings")],
                default="event",
                help_text="A year certificate lists the meetings of an intervision group someone attended in a year.",
                max_length=10,
                verbose_name="certificates of",
            ),
        ),
        migrations.AlterField(
            model_name="certificate",
            name="event",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="certificates",
                to="events.eventpage",
                verbose_name="event",
            ),
        ),
        migrations.AlterField(
            model_name="certificate",
            name="registration",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="certificate",
                to="participants.registration",
                verbose_name="registration",
            ),
        ),
        migrations.RunPython(fill_participant, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("event__isnull", False),
                        ("registration__isnull", False),
                        ("series_id__isnull", True),
                        ("year__isnull", True),
                    ),
                    models.Q(
                        ("participant__isnull", False),
                        ("registration__isnull", True),
                        ("series_id__isnull", False),
                        ("series_type__isnull", False),
                        ("year__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="certificate_of_an_event_or_of_a_year",
            ),
        ),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.UniqueConstraint(
                condition=models.Q(("series_id__isnull", False)),
                fields=("participant", "series_type", "series_id", "year"),
                name="one_certificate_per_person_series_year",
            ),
        ),
        migrations.AddConstraint(
            model_name="certificatetemplate",
            constraint=models.UniqueConstraint(
                fields=("kind", "scope", "language"), name="one_certificate_template_per_kind_scope_language"
            ),
        ),
    ]
