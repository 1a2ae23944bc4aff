"""Grant the access policy's permissions (core/access.py) to the roles, and narrow the Organisers' pages.

- The Secretariat runs every event and assigns organisers and facilitators.
- Organisers and the Secretariat plan the operational fields of the events they may edit.
Editors get neither: they keep the texts. Which events an organiser may edit is the access policy's
(EventPage.permissions_for_user), on top of the page permissions granted in 0003_roles.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Secretariat": ["manage_all_events", "assign_organisers", "plan_events"],
    "Organisers": ["plan_events"],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="events", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    codenames = {codename for codenames in GRANTS.values() for codename in codenames}
    permissions = Permission.objects.filter(content_type__app_label="events", codename__in=codenames)
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_roles"),
        ("events", "0003_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
