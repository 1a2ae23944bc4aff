"""The permission matrix: every role against every view of ours that shows or changes registrations,
attendance, certificates, intervision cases or personal data. Nothing leaks across events or groups.

Roles: anonymous, a participant holding the private link of their registration for event B, an
Editor, the Organiser of event A, the Organiser of event B, the Secretariat, a superuser. Event A's
participant is "Annabel Alphen"; her name must appear in no response to a role that may not see her.

``test_every_url_of_ours_is_in_the_matrix`` walks the URL configuration: a URL added by any app
(public, API, or in the admin) that is not below fails it, naming the URL; add a Case for it.
"""

from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import AttendanceFactory, RegistrationFactory, UserFactory, make_event, organiser, secretariat

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "editor", "organiser_a", "organiser_b", "secretariat", "superuser"]
STAFF = {"editor", "organiser_a", "organiser_b", "secretariat", "superuser"}
SEES_ALL = {"secretariat", "superuser"}
SECRET_NAME = "Annabel Alphen"


@dataclass
class World:
    event_a: object
    event_b: object
    registration_a: object
    registration_b: object
    users: dict = field(default_factory=dict)

    def client_for(self, role):
        client = Client()
        user = self.users.get(role)
        if user is not None:
            client.force_login(user)
        if role == "participant":
            # A participant has no account: what they have is their own private link (event B's).
            client.get(f"/r/{self.registration_b.access_token}/")
        return client


@pytest.fixture
def world(db):
    organiser_a, organiser_b = organiser(username="org-a"), organiser(username="org-b")
    event_a = make_event(title="Roadshow Apeldoorn")
    event_b = make_event(title="Roadshow Breda")
    event_a.organisers.add(organiser_a)
    event_b.organisers.add(organiser_b)
    registration_a = RegistrationFactory(
        event=event_a, participant__first_name="Annabel", participant__last_name="Alphen"
    )
    registration_b = RegistrationFactory(event=event_b, participant__first_name="Bert", participant__last_name="Bakker")
    AttendanceFactory(registration=registration_a)
    users = {
        "editor": UserFactory(username="editor", groups=["Editors"]),
        "organiser_a": organiser_a,
        "organiser_b": organiser_b,
        "secretariat": secretariat(username="secretariaat"),
        "superuser": UserFactory(username="root", is_superuser=True, is_staff=True),
    }
    return World(event_a, event_b, registration_a, registration_b, users)


@dataclass
class Case:
    """``url(world)`` requested with ``method`` by each role; ``allowed`` roles succeed, the others are
    refused (a redirect to the login, 403 or 404) and never see event A's participant."""

    name: str  # the URL's name, as reverse() knows it
    url: object
    allowed: set
    method: str = "GET"
    data: dict = field(default_factory=dict)
    secret_for_allowed: bool = True  # allowed roles see Annabel's name in the response


CASES = [
    # The participant's own privacy pages: the link is the credential, for whoever holds it.
    Case("participants:privacy_download", lambda w: f"/r/{w.registration_a.access_token}/my-data.json", set(ROLES)),
    Case("participants:privacy_erase", lambda w: f"/r/{w.registration_a.access_token}/erase/", set(ROLES)),
    # A link that is not (or no longer) a registration's: nobody gets anything.
    Case("participants:privacy_download", lambda w: "/r/not-a-token/my-data.json", set(), secret_for_allowed=False),
    # The secretariat's erasure and data export of a person.
    Case(
        "participants_privacy_erase",
        lambda w: f"/admin/participants/privacy/{w.registration_a.participant_id}/erase/",
        SEES_ALL,
    ),
    Case(
        "participants_privacy_export",
        lambda w: f"/admin/participants/privacy/{w.registration_a.participant_id}/data.json",
        SEES_ALL,
    ),
    Case(
        "participants_privacy_erase",
        lambda w: f"/admin/participants/privacy/{w.registration_a.participant_id}/erase/",
        set(),
        method="POST",
        secret_for_allowed=False,
    ),
    # Wagtail's own admin: staff only; the site history (the audit log) names no one.
    Case("wagtailadmin_home", lambda w: "/admin/", STAFF, secret_for_allowed=False),
    Case(
        "wagtailadmin_reports:site_history",
        lambda w: "/admin/reports/site-history/",
        SEES_ALL | {"organiser_a", "organiser_b", "editor"},
        secret_for_allowed=False,
    ),
]

# URLs of ours that need no case: they show nothing personal and change nothing.
NOT_SENSITIVE = set()


def succeeded(response, method):
    if method == "POST":
        return response.status_code in (200, 302) and "/login/" not in response.get("Location", "")
    return response.status_code == 200


def check(world, case, role):
    """The problems with ``role`` requesting ``case``, as sentences; empty when all is right."""
    client = world.client_for(role)
    url = case.url(world)
    response = client.post(url, case.data) if case.method == "POST" else client.get(url)
    content = b"".join(response) if response.streaming else response.content
    text = content.decode(errors="replace")
    where = f"{role}: {case.method} {url} ({case.name})"
    if role in case.allowed:
        if not succeeded(response, case.method):
            return [f"{where} was refused: {response.status_code}"]
        if case.secret_for_allowed and SECRET_NAME.split()[0] not in text:
            return [f"{where} did not show what it should"]
        return []
    problems = []
    if response.status_code not in (302, 403, 404):
        problems.append(f"{where} answered {response.status_code}, not a refusal")
    elif response.status_code == 302 and not response["Location"].startswith(("/admin/login/", "/admin/")):
        problems.append(f"{where} redirected to {response['Location']}")
    if any(part in text for part in SECRET_NAME.split()):
        problems.append(f"{where} showed event A's participant")
    return problems


# One test per role (the world is built once per role, not once per cell); it reports every cell
# that is wrong, not only the first.
@pytest.mark.parametrize("role", ROLES)
def test_matrix(world, role):
    problems = [problem for case in CASES for problem in check(world, case, role)]
    assert not problems, "\n".join(problems)


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), f"{namespace}:{pattern.name}" if namespace else pattern.name


OUR_APPS = ("participants", "certificates", "intervision", "events", "pages")


def ours(route, name):
    name = name or ""
    if name.split(":")[0] in OUR_APPS:
        return True
    if route.startswith("admin/"):
        return name.startswith(tuple(f"{app}_" for app in OUR_APPS)) or name.split(":")[0].startswith(OUR_APPS)
    return route.startswith(("api/", "r/", "certificates/", "intervision/", "checkin/"))


def test_every_url_of_ours_is_in_the_matrix():
    covered = {case.name for case in CASES} | NOT_SENSITIVE
    missing = sorted(
        f"{route}  ({name})"
        for route, name in walk(get_resolver().url_patterns)
        if ours(route, name) and name not in covered
    )
    assert not missing, "URLs missing from the permission matrix (tests/privacy/test_permissions.py):\n" + "\n".join(
        missing
    )
