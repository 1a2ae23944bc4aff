"""Store the private link's token and the check-in code as a keyed hash and a sealed copy.

Every existing link and code keeps working: each plain value is hashed and sealed with the same
functions the lookups use (participants.hashed_secrets), then the plain columns are dropped.
Reversible: going back unseals them into the plain columns again.
"""

from django.db import migrations, models

import participants.hashed_secrets


def drop_triggers(apps, schema_editor):
    # SQLite rebuilds the table to drop a column; the attendance triggers (0007) name it and would
    # stop the rebuild, so they are dropped first and installed again at the end.
    from participants.checkin import triggers as checkin_counts

    checkin_counts.uninstall(schema_editor.connection)


def install_triggers(apps, schema_editor):
    from participants.checkin import triggers as checkin_counts

    checkin_counts.install(schema_editor.connection)


def hash_and_seal(apps, schema_editor):
    from participants import hashed_secrets

    Registration = apps.get_model("participants", "Registration")
    for pk, token, code in Registration.objects.values_list("pk", "access_token", "checkin_code").iterator():
        Registration.objects.filter(pk=pk).update(
            access_token_hash=hashed_secrets.digest(token, hashed_secrets.LINK),
            access_token_sealed=hashed_secrets.seal(token),
            checkin_code_hash=hashed_secrets.digest(code, hashed_secrets.CHECKIN),
            checkin_code_sealed=hashed_secrets.seal(code),
        )


def unseal(apps, schema_editor):
    from participants import hashed_secrets

    Registration = apps.get_model("participants", "Registration")
    for pk, token, code in Registration.objects.values_list(
        "pk", "access_token_sealed", "checkin_code_sealed"
    ).iterator():
        Registration.objects.filter(pk=pk).update(
            access_token=hashed_secrets.unseal(token), checkin_code=hashed_secrets.unseal(code)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0008_registration_cancelled_index"),
    ]

    operations = [
        migrations.RunPython(drop_triggers, install_triggers, elidable=False),
        # Not unique for the time being, so that going back can add them again before unsealing.
        migrations.AlterField(
            model_name="registration",
            name="access_token",
            field=models.CharField(blank=True, default="", editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name="registration",
            name="checkin_code",
            field=models.CharField(blank=True, default="", editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="registration",
            name="access_token_sealed",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="registration",
            name="access_token_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="registration",
            name="checkin_code_sealed",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="registration",
            name="checkin_code_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(hash_and_seal, unseal, elidable=False),
        migrations.RemoveField(model_name="registration", name="access_token"),
        migrations.RemoveField(model_name="registration", name="checkin_code"),
        migrations.AlterField(
            model_name="registration",
            name="access_token_sealed",
            field=models.TextField(default=participants.hashed_secrets.new_sealed_secret, editable=False),
        ),
        migrations.AlterField(
            model_name="registration",
            name="access_token_hash",
            field=participants.hashed_secrets.SecretHashField(
                purpose="link", sealed_field="access_token_sealed", unique=True
            ),
        ),
        migrations.AlterField(
            model_name="registration",
            name="checkin_code_sealed",
            field=models.TextField(default=participants.hashed_secrets.new_sealed_secret, editable=False),
        ),
        migrations.AlterField(
            model_name="registration",
            name="checkin_code_hash",
            field=participants.hashed_secrets.SecretHashField(
                purpose="checkin", sealed_field="checkin_code_sealed", unique=True
            ),
        ),
        migrations.RunPython(install_triggers, drop_triggers, elidable=False),
    ]
