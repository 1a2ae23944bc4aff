"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

``browser_args`` lets a test module add Chromium flags (the scanner tests feed a fake camera).
"""

import os

import pytest

from tests.conftest import chromium_path

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs in a context of its own, with connection objects of its own; the
    # migrated data for serialized rollback is kept on their class (tests/conftest.py).
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture
def browser_args():
    return []


@pytest.fixture
def browser(playwright_instance, browser_args):
    browser = playwright_instance.chromium.launch(
        executable_path=chromium_path(), args=[*CHROMIUM_FLAGS, *browser_args], headless=True
    )
    yield browser
    browser.close()


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()
