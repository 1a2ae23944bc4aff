"""An online training shows, beside its own local time and Amsterdam's, the time in the viewer's zone."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import make_event

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DASH = "\u2013"
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def context(browser, live_server):
    """A visitor in Bogotá: the browser says so (Playwright's timezone_id)."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", timezone_id="America/Bogota")
    context.set_default_timeout(10_000)
    yield context
    context.close()


def test_online_event_shows_the_viewers_own_time(page):
    start = datetime(date.today().year + 1, 1, 12, 9, 0, tzinfo=ZoneInfo("Africa/Nairobi"))  # 06:00 UTC
    event = make_event(
        title="Local Expert Network online",
        time_zone="Africa/Nairobi",
        online_url="https://meet.example.org/expert",
        sessions=[("Day 1", start, start + timedelta(hours=3))],
    )

    page.goto(event.url)

    row = page.locator("table.sessions tbody tr").first
    expect(row).to_contain_text(f"09:00 {DASH} 12:00 (Nairobi, UTC+3)")
    expect(row.locator(".zone-amsterdam")).to_have_text(f"(07:00 {DASH} 10:00 in Amsterdam (UTC+1))")
    viewer = row.locator(".zone-viewer")
    expect(viewer).to_be_visible()
    expect(viewer).to_contain_text("uw tijd")
    expect(viewer).to_contain_text(f"01:00 {DASH} 04:00")
    expect(viewer).to_contain_text("America/Bogota")
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
