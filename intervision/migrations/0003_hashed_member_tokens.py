"""Store each member's link token as a keyed hash and a sealed copy (participants.hashed_secrets).

Every existing member link keeps working: the plain value is hashed and sealed, then dropped.
Reversible: going back unseals it into the plain column again.
"""

from django.db import migrations, models

import participants.hashed_secrets


def hash_and_seal(apps, schema_editor):
    from participants import hashed_secrets

    Membership = apps.get_model("intervision", "Membership")
    for pk, token in Membership.objects.values_list("pk", "token").iterator():
        Membership.objects.filter(pk=pk).update(
            token_hash=hashed_secrets.digest(token, hashed_secrets.MEMBER), token_sealed=hashed_secrets.seal(token)
        )


def unseal(apps, schema_editor):
    from participants import hashed_secrets

    Membership = apps.get_model("intervision", "Membership")
    for pk, sealed in Membership.objects.values_list("pk", "token_sealed").iterator():
        Membership.objects.filter(pk=pk).update(token=hashed_secrets.unseal(sealed))


class Migration(migrations.Migration):
    dependencies = [
        ("intervision", "0002_roles"),
        ("participants", "0001_squashed_0009_hashed_secrets"),
    ]

    operations = [
        migrations.AlterField(
            model_name="membership",
            name="token",
            field=models.CharField(blank=True, default="", editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="membership", name="token_sealed", field=models.TextField(default="", editable=False)
        ),
        migrations.AddField(
            model_name="membership",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(hash_and_seal, unseal, elidable=False),
        migrations.RemoveField(model_name="membership", name="token"),
        migrations.AlterField(
            model_name="membership",
            name="token_sealed",
            field=models.TextField(default=participants.hashed_secrets.new_sealed_secret, editable=False),
        ),
        migrations.AlterField(
            model_name="membership",
            name="token_hash",
            field=participants.hashed_secrets.SecretHashField(purpose="member", sealed_field="token_sealed", unique=True),
        ),
    ]
