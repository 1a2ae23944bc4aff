"""The hourly schedule that opens evaluations and sends invitations and reminders, and the
Secretariat's permissions: it edits the templates and the evaluations of events."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SCHEDULE = "evaluations.send_invitations"
SECRETARIAT = {
    "evaluationtemplate": ["view", "add", "change", "delete"],
    "evaluation": ["view", "change"],
}


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name=SCHEDULE,
        defaults={"func": "evaluations.tasks.send_invitations_task", "schedule_type": "H", "repeats": -1},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE).delete()


def grant(apps, schema_editor):
    app_config = apps.get_app_config("evaluations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group, _ = Group.objects.get_or_create(name="Secretariat")
    for model, actions in SECRETARIAT.items():
        for action in actions:
            group.permissions.add(
                Permission.objects.get(content_type__app_label="evaluations", codename=f"{action}_{model}")
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group = Group.objects.filter(name="Secretariat").first()
    if group:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="evaluations"))


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0001_evaluations"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
        ("pages", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule), migrations.RunPython(grant, revoke)]
