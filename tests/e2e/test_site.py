"""A visitor browses the site: home, a programme, an event, the filtered listing, switching language;
no WCAG 2.1 A/AA violations on any of them."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from events.choices import EventKind
from pages.models import EventIndexPage
from tests.factories import home_page, make_event, make_programme

# serialized_rollback: the flush after another transactional test takes the home page (a data migration) along.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_accessible(page):
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_visitor_follows_a_programme_to_an_event_and_switches_language(page):
    programme = make_programme(title="Due Diligence Roadshow", show_in_menus=True)
    make_event(programme=programme, title="Roadshow Zwolle", summary="Tweedaagse training in Zwolle.")

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", name="Aankomende bijeenkomsten")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("main").get_by_role("link", name="Due Diligence Roadshow").click()
    page.wait_for_url("**/due-diligence-roadshow-*/")
    expect(page.get_by_role("heading", name="Due Diligence Roadshow", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Roadshow Zwolle").first.click()
    page.wait_for_url("**/roadshow-zwolle-*/")
    expect(page.get_by_role("heading", name="Roadshow Zwolle", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Sessies")).to_be_visible()
    expect(page.get_by_role("button", name="Inschrijven", exact=True)).to_be_enabled()
    assert_accessible(page)

    page.get_by_role("form", name="Taal").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Sessions")).to_be_visible()
    expect(page.get_by_role("heading", name="Roadshow Zwolle", level=1)).to_be_visible()
    assert_accessible(page)


def test_visitor_filters_the_listing(page):
    home_page().add_child(instance=EventIndexPage(title="Agenda", slug="agenda", show_in_menus=True))
    roadshow = make_programme(title="Due Diligence Roadshow", kind=EventKind.ROADSHOW)
    nevi = make_programme(title="NEVI-training", kind=EventKind.NEVI)
    make_event(programme=roadshow, title="Roadshow Zwolle")
    make_event(programme=nevi, title="IMVO en inkoop", days=1)

    page.goto("/")
    page.get_by_role("main").get_by_role("link", name="Alle bijeenkomsten").first.click()
    page.wait_for_url("**/agenda/")
    expect(page.locator("article.event-card")).to_have_count(2)
    assert_accessible(page)

    page.get_by_label("Soort").select_option("nevi")
    page.get_by_label("Inschrijving open").check()
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url(re.compile(r".*/agenda/\?.*kind=nevi"))
    expect(page.locator("article.event-card")).to_have_count(1)
    expect(page.get_by_role("link", name="IMVO en inkoop")).to_be_visible()
    expect(page.get_by_label("Soort")).to_have_value("nevi")
    assert_accessible(page)

    # A value no form offers is explained, not a server error.
    page.goto("/agenda/?kind=webinar&month=2025-13")
    expect(page.locator("article.event-card")).to_have_count(2)
    expect(page.locator(".filters .utrecht-form-field-error-message").first).to_be_visible()
    assert_accessible(page)
