"""The Secretariat's statistics page in a real browser: headline, figures and charts that load."""

import datetime
import importlib

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from tests.factories import AttendanceFactory, RegistrationFactory, make_event, secretariat

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site_tree():
    """The page tree and roles that data migrations make, again: a transactional test before this one
    flushes the database (serialized_rollback clashes with the content types Wagtail recreates)."""
    from django.apps import apps
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page

    if Page.objects.filter(depth=1).exists():
        return
    locale, _ = Locale.objects.get_or_create(language_code=get_supported_content_language_variant("nl"))
    Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    importlib.import_module("pages.migrations.0002_initial_site").create_homepage(apps, None)
    importlib.import_module("pages.migrations.0003_roles").create_roles(apps, None)


def log_in(context, live_server, user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}])


def test_statistics_page_shows_headline_figures_and_charts(site_tree, page, context, live_server):
    start = (timezone.now() - datetime.timedelta(days=20)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = make_event(title="Roadshow Utrecht", start=start)
    first_day = event.sessions.order_by("starts_at").first()
    for _ in range(3):
        AttendanceFactory(registration=RegistrationFactory(event=event), session=first_day)
    RegistrationFactory(event=event, stakeholder_type="ngo")
    log_in(context, live_server, secretariat())

    page.goto("/admin/statistics/")
    assert "Eén tweedaagse training bereikte drie vertegenwoordigers van bedrijven" in page.inner_text("main")
    images = page.locator(".statistics-charts img")
    assert images.count() == 3
    for i in range(3):
        image = images.nth(i)
        image.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=image.element_handle(), timeout=30_000
        )
        assert image.get_attribute("alt")
    page.screenshot(path=str(settings.BASE_DIR / "var" / "statistics.png"), full_page=True)
