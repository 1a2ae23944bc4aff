"""The page tree for transactional tests: a flush after another transactional test empties every
table (the data migrations' home page included), so these tests put back what they need."""

from wagtail.models import Locale, Page, Site

from pages.models import HomePage


def ensure_page_tree():
    if HomePage.objects.exists():
        return HomePage.objects.first()
    # The flush may have emptied the content types too; put them back before making pages.
    from django.apps import apps
    from django.contrib.contenttypes.management import create_contenttypes
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
    Locale.objects.get_or_create(language_code="nl")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Trainingen en bijeenkomsten", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Convenant"},
    )
    return home
