from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.audit import audit

from .models import Region, Venue


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "city", "country", "time_zone"]
    list_filter = ["city", "country"]
    search_fields = ["name", "city"]


register_snippet(VenueViewSet)


class RegionViewSet(SnippetViewSet):
    """The regions reports break figures down by: a new one is added here, without code."""

    model = Region
    icon = "globe"
    menu_label = _("Regions")
    menu_order = 215
    add_to_admin_menu = True
    list_display = ["name", "name_en", "abroad", "sort_order"]


register_snippet(RegionViewSet)


@hooks.register("after_create_page")
def audit_organiser_changes(request, page):
    """Who organises a new event (its planner, or whom the Secretariat named): logged once it has a row."""
    changes = getattr(page, "organiser_changes", None)
    if changes:
        audit("covenant.organisers_change", actor=request.user, obj=page, **changes)
