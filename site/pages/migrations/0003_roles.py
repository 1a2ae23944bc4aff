"""Create the three roles with the Wagtail and model permissions that fit them.

Organisers plan events and check people in (row-level: only their own events, enforced in the apps);
the Secretariat reports, issues certificates and sees all registrations; Editors keep the content.
Later apps grant their own models' permissions to these groups in their own migrations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Organisers": {
        "pages": ["add", "change", "publish"],
        "models": {
            "wagtailadmin.admin": ["access"],
            "events.venue": ["add", "change", "view"],
            "participants.registration": ["add", "change", "view"],
            "participants.attendance": ["add", "change", "view"],
            "participants.participant": ["view"],
            "participants.organisation": ["view"],
            "wagtailimages.image": ["add", "change", "choose"],
            "wagtaildocs.document": ["add", "change", "choose"],
        },
    },
    "Secretariat": {
        "pages": ["add", "change", "publish", "lock", "unlock"],
        "models": {
            "wagtailadmin.admin": ["access"],
            "events.venue": ["add", "change", "delete", "view"],
            "participants.registration": ["add", "change", "delete", "view"],
            "participants.attendance": ["add", "change", "delete", "view"],
            "participants.participant": ["add", "change", "delete", "view"],
            "participants.organisation": ["add", "change", "delete", "view"],
            "participants.outboxemail": ["view"],
            "wagtailimages.image": ["add", "change", "choose"],
            "wagtaildocs.document": ["add", "change", "choose"],
            "pages.sitesettings": ["change"],
        },
    },
    "Editors": {
        "pages": ["add", "change", "publish"],
        "models": {
            "wagtailadmin.admin": ["access"],
            "wagtailimages.image": ["add", "change", "delete", "choose"],
            "wagtaildocs.document": ["add", "change", "delete", "choose"],
            "events.venue": ["view"],
        },
    },
}


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore.Collection")

    home = Page.objects.filter(depth=2).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).first()
    for name, spec in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for label, actions in spec["models"].items():
            app_label, model = label.split(".")
            for action in actions:
                permission = Permission.objects.filter(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                ).first()
                if permission is None:
                    continue
                if app_label in {"wagtailimages", "wagtaildocs"} and root_collection:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )
                else:
                    group.permissions.add(permission)
        if home:
            for action in spec["pages"]:
                permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page")
                GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)


def remove_roles(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_initial_site"),
        ("events", "0001_initial"),
        ("participants", "0001_squashed_0009_hashed_secrets"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
