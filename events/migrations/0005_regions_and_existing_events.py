"""The covenant's regions, and every existing event in Europe/Amsterdam.

The stored instants are not touched: an event planned at 09:00 Amsterdam time stays at that instant
(the field's default already put each existing event in Europe/Amsterdam). Expert trainings whose
title names a region's city or name get that region; every other event the Netherlands.
"""

from django.db import migrations

REGIONS = [
    # name, English name, abroad, order, words in an event's title that place it there
    ("Nederland", "the Netherlands", False, 0, ()),
    ("West-Afrika", "West Africa", True, 10, ("west-afrika", "west africa", "accra", "ghana", "abidjan")),
    ("Oost-Afrika", "East Africa", True, 20, ("oost-afrika", "east africa", "nairobi", "kenia", "kenya", "kampala")),
    ("Azië", "Asia", True, 30, ("azië", "azie", "asia", "ho chi minh", "vietnam", "jakarta", "bangkok")),
    ("Latijns-Amerika", "Latin America", True, 40, ("latijns-amerika", "latin america", "bogot", "colombia", "lima")),
]


def forwards(apps, schema_editor):
    Region = apps.get_model("events", "Region")
    EventPage = apps.get_model("events", "EventPage")
    regions = []
    for name, name_en, abroad, order, words in REGIONS:
        region, _ = Region.objects.get_or_create(
            name=name, defaults={"name_en": name_en, "abroad": abroad, "sort_order": order}
        )
        regions.append((region, words))
    home = regions[0][0]
    for event in EventPage.objects.filter(region__isnull=True).only("pk", "title", "kind"):
        region = home
        if event.kind == "expert":
            title = event.title.lower()
            region = next((r for r, words in regions[1:] if any(w in title for w in words)), home)
        EventPage.objects.filter(pk=event.pk).update(region=region, time_zone="Europe/Amsterdam")
    EventPage.objects.filter(time_zone="").update(time_zone="Europe/Amsterdam")


class Migration(migrations.Migration):
    dependencies = [("events", "0004_time_zones_and_regions")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
