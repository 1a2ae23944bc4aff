"""Grant the intervision permissions to the roles.

Organisers (facilitators are organisers) decide on memberships, create and run meetings, read cases
and write learnings; the admin narrows each to the groups they facilitate. The Secretariat sets up
groups (and so chooses their facilitators) and publishes learnings, and has no permission on cases.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Organisers": {
        "intervisiongroup": ["view"],
        "membership": ["view", "change"],
        "meeting": ["view"],
        "case": ["view"],
        "learning": ["add", "change", "view"],
    },
    "Secretariat": {
        "intervisiongroup": ["add", "change", "delete", "view"],
        "meeting": ["view"],
        "learning": ["change", "view", "publish"],
    },
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("intervision")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, models in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for model, actions in models.items():
            for action in actions:
                permission = Permission.objects.get(content_type__app_label="intervision", codename=f"{action}_{model}")
                group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    for group in apps.get_model("auth.Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="intervision"))


class Migration(migrations.Migration):
    dependencies = [
        ("intervision", "0001_groups_memberships_cases_learnings"),
        ("pages", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
