"""A template per kind of event, with the questions of evaluations/defaults.py."""

from django.db import migrations

from evaluations.defaults import create_default_templates


def create(apps, schema_editor):
    create_default_templates(apps.get_model("evaluations", "EvaluationTemplate"), apps.get_model("evaluations", "TemplateQuestion"))


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0002_schedule_and_permissions")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
