"""A visitor browses the site: home, a programme, an event, switching language; no WCAG A/AA violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import make_event, make_programme

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
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", name="Aankomende bijeenkomsten").is_visible()
    assert_accessible(page)

    page.get_by_role("main").get_by_role("link", name="Due Diligence Roadshow").click()
    page.wait_for_url("**/due-diligence-roadshow-*/")
    assert_accessible(page)

    page.get_by_role("link", name="Roadshow Zwolle").first.click()
    assert page.get_by_role("heading", name="Roadshow Zwolle", level=1).is_visible()
    assert page.get_by_role("heading", name="Sessies").is_visible()
    assert_accessible(page)

    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wissel").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Sessions").is_visible()
    assert page.get_by_role("heading", name="Roadshow Zwolle", level=1).is_visible()
    assert_accessible(page)
