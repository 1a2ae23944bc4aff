from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from events.models import EventPage

from .admin_views import registration_viewset


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


def _registrations_button(page, user, priority):
    if page.specific_class is EventPage and user.has_perm("participants.view_registration"):
        yield Button(
            _("Registrations"),
            url=reverse(f"{registration_viewset.url_namespace}:event", args=[page.pk]),
            icon_name="group",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def registrations_header_button(page, user, view_name=None, next_url=None):
    yield from _registrations_button(page, user, priority=12)


@hooks.register("register_page_listing_more_buttons")
def registrations_listing_button(page, user, next_url=None):
    yield from _registrations_button(page, user, priority=3)
