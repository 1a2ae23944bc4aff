from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's children that are shown in menus, in one query."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return site.root_page.get_children().live().in_menu().only("id", "title", "url_path", "path", "depth")


@register.simple_tag
def breadcrumbs(page):
    """The pages above ``page`` from the home page down, for the breadcrumb navigation (none on the home page)."""
    if page is None or not hasattr(page, "get_ancestors") or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gte=2))
