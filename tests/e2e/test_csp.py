"""The Content Security Policy in a real browser: an editor edits and publishes a page in the Wagtail
admin without the browser refusing anything, and the public pages break no rule of the strict policy."""

import pytest

from pages.models import StandardPage
from tests.factories import UserFactory, home_page, make_event

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def enforced_csp_errors(page):
    errors = []

    def collect(message):
        text = message.text
        if "Content Security Policy" in text and "report-only" not in text:
            errors.append(text)

    page.on("console", collect)
    return errors


def log_in(page, username):
    page.goto("/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill("password")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")


def test_an_editor_edits_and_publishes_a_page_under_the_admin_policy(page):
    UserFactory(username="beheer", is_superuser=True, is_staff=True)
    about = home_page().add_child(
        instance=StandardPage(title="Over ons", slug="over-ons", body="<p>Het convenant.</p>")
    )
    errors = enforced_csp_errors(page)

    log_in(page, "beheer")
    page.goto(f"/admin/pages/{about.pk}/edit/")
    page.locator("#id_title").fill("Over het convenant")
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Publiceren").click()
    page.wait_for_url("**/admin/pages/*/")

    assert StandardPage.objects.get(pk=about.pk).title == "Over het convenant"
    assert errors == []


def test_public_pages_keep_the_strict_policy(page):
    event = make_event(title="Roadshow Utrecht")
    errors = enforced_csp_errors(page)
    for url in ("/", event.url):
        response = page.goto(url)
        assert "unsafe-inline" not in response.headers["content-security-policy"]
    assert errors == []
