"""Registering over HTTP, for the scale test, the fuzz pass and the load benchmark, the way a browser
does it: open the event page (a CSRF cookie and token), post the public registration form.

Everything returns None while the site has no registration form (``participants:register``).
"""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

from django.urls import NoReverseMatch, reverse

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def registration_form_path(event):
    """The path ``event``'s registration form posts to, or None when there is none yet."""
    try:
        return reverse("participants:register", args=[event.pk])
    except NoReverseMatch:
        return None


def letters(n):
    """0 -> "a", 25 -> "z", 26 -> "ba": names may hold letters only."""
    text = ""
    while True:
        n, digit = divmod(n, 26)
        text = chr(ord("a") + digit) + text
        if not n:
            return text


def form_data(n, stakeholder_type="company"):
    return {
        "stakeholder_type": stakeholder_type,
        "company_size": "sme" if stakeholder_type == "company" else "",
        "sector": "Zuivel",
        "first_name": "Deelnemer",
        "last_name": f"Van {letters(n).capitalize()}",
        "email": f"rush{n}@example.org",
        "organisation": f"Voedselbedrijf {n % 7}",
        "job_title": "Inkoper",
        "phone": "",
        "dietary_needs": "Vegetarisch" if n % 3 == 0 else "",
        "accessibility_needs": "",
        "language": "nl",
        "consent": "on",
    }


def register_once(base_url, event_url, form_path, n, timeout=30):
    """One person: read the event page, post the form. Returns (status, body) of the post."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    try:
        with opener.open(base_url + event_url, timeout=timeout) as response:
            page = response.read().decode()
    except (urllib.error.URLError, OSError):
        return 0, b""
    match = CSRF_INPUT.search(page)
    data = {**form_data(n), "csrfmiddlewaretoken": match.group(1) if match else ""}
    request = urllib.request.Request(
        base_url + form_path,
        data=urllib.parse.urlencode(data).encode(),
        headers={"Referer": base_url + event_url},
        method="POST",
    )
    try:
        with opener.open(request, timeout=timeout) as response:  # follows the redirect to the event page
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, OSError):
        return 0, b""


def registration_calls(site, data, people):
    """One call per person for the rush on ``data["rush_event"]``; None without a registration form."""
    form_path = data.get("register_path")
    if not form_path:
        return None
    return [(lambda n=n: register_once(site.base_url, data["rush_url"], form_path, n)) for n in range(people)]
