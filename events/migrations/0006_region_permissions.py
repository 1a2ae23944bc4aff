"""The Secretariat keeps the list of regions (a new one is added without code); everyone planning sees it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Secretariat": ["add", "change", "delete", "view"],
    "Organisers": ["view"],
    "Editors": ["view"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, actions in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="events", codename__in=[f"{action}_region" for action in actions]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_regions_and_existing_events"),
        ("pages", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
