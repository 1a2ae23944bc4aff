"""Screenshots of the main public pages, on a laptop and a phone, into docs/screenshots/.

    .venv/bin/python bin/screenshots.py

Builds a fresh demo database in a temporary folder (migrate, seed_demo), starts the development
server on it, and photographs each page with the browser tests' Chromium (Playwright; /usr/bin/chromium
or $CHROMIUM). Run it after changing how a page looks, and commit the PNG files: the README shows them.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url}")


def pages(base, ticket_url):
    """(file name, path, what to do first) of each page to photograph."""
    private = re.sub(r"ticket/?$", "", ticket_url) if ticket_url else None
    listed = [
        ("home", "/", None),
        ("agenda", "/agenda/", None),
        ("event", None, "first_event"),
        ("registration-errors", None, "register_with_errors"),
        ("certificate-verification", "/certificates/verify/", None),
        ("intervision", "/intervision/", None),
    ]
    if private:
        listed += [("private-link", private.removeprefix(base), None), ("ticket", ticket_url.removeprefix(base), None)]
    return listed


def main():
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"sqlite:///{folder}/screenshots.sqlite3",
        }
        env.pop("REDIS_URL", None)
        manage(env, "migrate", "--no-input")
        seeded = manage(env, "seed_demo")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        tickets = re.findall(r"https?://\S+/ticket/?", seeded)
        ticket = re.sub(r"^https?://[^/]+", base, tickets[0]) if tickets else None
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(base + "/")
            shoot(chromium, base, ticket)
        finally:
            server.terminate()
            server.wait(10)
    print(f"Screenshots in {OUT.relative_to(ROOT)}/")


def shoot(chromium, base, ticket):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS, headless=True)
        for size_name, viewport in SIZES.items():
            context = browser.new_context(base_url=base, viewport=viewport, locale="nl-NL")
            page = context.new_page()
            for name, path, action in pages(base, ticket):
                if action in ("first_event", "register_with_errors"):
                    page.goto("/agenda/?open=on")
                    page.locator(".event-card a").first.click()
                    if action == "register_with_errors":
                        form = page.locator("form.registration-form")
                        if not form.count():
                            continue
                        form.locator("button[type=submit]").last.click()
                        page.wait_for_load_state()
                        page.locator("#error-summary").scroll_into_view_if_needed()
                else:
                    page.goto(path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(OUT / f"{name}-{size_name}.png"), full_page=size_name == "phone")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
