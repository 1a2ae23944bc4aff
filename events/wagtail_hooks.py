from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Venue


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "city", "country"]
    list_filter = ["city", "country"]
    search_fields = ["name", "city"]


register_snippet(VenueViewSet)
