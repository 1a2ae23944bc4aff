"""Give the Secretariat the certificates' permissions: only it issues, reissues and revokes.

``add_certificatebatch`` is issuing (an event's batch); ``change_certificate`` is reissuing and
revoking; the templates are the Secretariat's to edit. Organisers and Editors get none of them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT = {
    "certificate": ["view", "change"],
    "certificatebatch": ["view", "add"],
    "certificatetemplate": ["view", "add", "change", "delete"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("certificates")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group, _ = Group.objects.get_or_create(name="Secretariat")
    for model, actions in SECRETARIAT.items():
        for action in actions:
            group.permissions.add(
                Permission.objects.get(content_type__app_label="certificates", codename=f"{action}_{model}")
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group = Group.objects.filter(name="Secretariat").first()
    if group:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="certificates"))


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_certificates"),
        ("pages", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
