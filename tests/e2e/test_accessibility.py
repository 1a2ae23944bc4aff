"""axe-core (vendored by bin/vendor_nlds.sh, tests/e2e/vendor) finds no WCAG 2.1 A/AA violation on the
public pages, in Dutch and English, on a phone (320 px) and a laptop (1280 px): the home page, the
listing, an event, the registration form with its errors shown, the private link and the ticket.

axe is served from the site's own origin (a routed URL), so the page's CSP stays as strict as in use."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from playwright.sync_api import expect

from pages.models import EventIndexPage
from participants import links
from tests.factories import RegistrationFactory, home_page, make_event, make_programme, organiser
from tests.intervision.factories import make_group
from tests.participants.checkin_helpers import add_organiser, sessions_of, today_event

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
AXE_URL = "/__axe__/axe.min.js"
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
WIDTHS = (320, 1280)


def axe_violations(page):
    page.add_script_tag(url=AXE_URL)
    return page.evaluate("options => axe.run(document, options).then(r => r.violations)", WCAG_AA)


def report(violations):
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n"
        + "\n".join(f"    {n['target']}: {n['failureSummary']}" for n in v["nodes"])
        for v in violations
    )


@pytest.fixture
def site():
    home = home_page()
    home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda", show_in_menus=True))
    programme = make_programme(title="Due Diligence Roadshow", show_in_menus=True)
    event = make_event(programme=programme, title="Roadshow Zwolle", summary="Tweedaagse training in Zwolle.")
    make_event(programme=programme, title="Roadshow Deventer", capacity=1)
    registration = RegistrationFactory(event=event)
    return {"event": event, "registration": registration, "group": make_group(meetings=2)}


def pages_of(site):
    registration = site["registration"]
    return {
        "home": "/",
        "listing": "/agenda/",
        "event": site["event"].url,
        "private link": links.path(registration),
        "ticket": links.path(registration, "participants:checkin_ticket"),
        "programme": site["event"].get_parent().url,
        "intervision groups": reverse("intervision:groups"),
        "intervision group": reverse("intervision:group", args=[site["group"].slug]),
        "certificate verification": reverse("certificates:verify_form"),
        "certificate not found": reverse("certificates:verify", args=["ABCD-EFGH-JKLM"]),
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_the_public_pages_have_no_wcag_violations(context, site, width):
    context.route(f"**{AXE_URL}", lambda route: route.fulfill(body=AXE, content_type="text/javascript"))
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for language in ("nl", "en"):
        page.goto("/")
        if language == "en":
            page.get_by_role("form", name="Taal").get_by_role("button", name="English").click()
            expect(page.locator("html")).to_have_attribute("lang", "en")
        for name, path in pages_of(site).items():
            page.goto(path)
            expect(page.locator("h1").first).to_be_visible()
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} ({language}, {width} px) scrolls sideways by {overflow} px"
            if violations := axe_violations(page):
                found[f"{name} ({language})"] = report(violations)
        page.goto(site["event"].url)
        submit = "Inschrijven" if language == "nl" else "Register"
        page.get_by_role("button", name=submit, exact=True).click()
        expect(page.locator("#error-summary")).to_be_focused()
        if violations := axe_violations(page):
            found[f"registration with errors ({language})"] = report(violations)
    assert not found, "\n\n".join(f"{name}:\n{text}" for name, text in found.items())


def test_the_scanner_works_on_a_phone(context, live_server):
    """The organiser's scanner at the door, 320 px wide: nothing scrolls sideways, no WCAG violations."""
    event = today_event(title="Roadshow Utrecht met een lange naam voor een smal scherm")
    RegistrationFactory(event=event)
    user = add_organiser(event, organiser())
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}])
    context.route(f"**{AXE_URL}", lambda route: route.fulfill(body=AXE, content_type="text/javascript"))
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"/checkin/{sessions_of(event)[0].pk}/")
    expect(page.locator("#camera-start")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    violations = axe_violations(page)
    assert not violations, report(violations)
