"""Relabel the existing log entries of people's rows by type and number (see core.audit.label_by_number).

Wagtail labelled them with ``str(obj)`` ("Name - Event"), which Reports > Site history showed to every
organiser. New entries get the neutral label when they are written.
"""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat

MODELS = {
    "participants": {"participant": "deelnemer", "registration": "inschrijving", "attendance": "aanwezigheid"},
    "intervision": {"membership": "lidmaatschap", "case": "casus"},
}


def relabel(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    for app_label, models in MODELS.items():
        for model, name in models.items():
            content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
            if content_type is not None:
                ModelLogEntry.objects.filter(content_type=content_type).update(
                    label=Concat(Value(f"{name} "), "object_id")
                )


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0004_access_permissions"),
        ("participants", "0001_squashed_0009_hashed_secrets"),
        ("intervision", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(relabel, migrations.RunPython.noop)]
