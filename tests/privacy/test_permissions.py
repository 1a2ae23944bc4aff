"""The permission matrix: every role against every view of ours that shows or changes registrations,
attendance, certificates, intervision cases or personal data. Nothing leaks across events or groups.

Roles: anonymous, a participant holding the private link of their registration for event B, an
Editor, the Organiser of event A, the Organiser of event B, the Secretariat, a superuser. Event A's
participant is "Annabel Alphen"; her name must appear in no response to a role that may not see her.

``test_every_url_of_ours_is_in_the_matrix`` walks the URL configuration: a URL added by any app
(public, API, or in the admin) that is not below fails it, naming the URL; add a Case for it.
"""

import json
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from participants.models import Participant, Registration
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
    session_a: object
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
    # Running today, so check-in answers as it would at the door.
    today = timezone.localtime().replace(hour=0, minute=1, second=0, microsecond=0)
    day = [("Dag 1", today, today + timedelta(hours=23, minutes=58))]
    event_a = make_event(title="Roadshow Apeldoorn", sessions=day)
    event_b = make_event(title="Roadshow Breda", sessions=day)
    for event, user in ((event_a, organiser_a), (event_b, organiser_b)):
        event.organisers.add(user)  # A ParentalManyToManyField: saved with the page.
        event.save()
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
    return World(event_a, event_b, registration_a, registration_b, event_a.sessions.first(), users)


@dataclass
class Case:
    """``url(world)`` requested with ``method`` by each role.

    ``shows``: the roles that get the page (200) with event A's participant on it; every other role
    must not see her. ``refuses``: roles that must be refused outright (a redirect to the login, 403 or
    404); by default everyone not in ``shows``. A Case whose URL name the site does not have (an app
    not merged yet) is left out.
    """

    name: str  # the URL's name, as reverse() knows it
    url: object
    shows: set
    method: str = "GET"
    data: dict = field(default_factory=dict)
    refuses: set | None = None
    succeeds: set = field(default_factory=set)  # roles that get a 200 that need not name her
    may_show: set | None = None  # roles that may see her without having to (default: ``shows``)
    json: bool = False  # send ``data`` as a JSON body
    state: object = None  # state(world) must not change for a refused role (a POST that redirects either way)


OWN_EVENT = {"organiser_a", *SEES_ALL}
NOT_STAFF = {"anonymous", "participant"}

CASES = [
    # The participant's own pages: the link is the credential, for whoever holds it.
    Case("participants:private_link", lambda w: f"/r/{w.registration_a.access_token}/", set(ROLES)),
    Case("participants:cancel", lambda w: f"/r/{w.registration_a.access_token}/cancel/", set(), succeeds=set(ROLES)),
    Case("participants:privacy_download", lambda w: f"/r/{w.registration_a.access_token}/my-data.json", set(ROLES)),
    Case("participants:privacy_erase", lambda w: f"/r/{w.registration_a.access_token}/erase/", set(ROLES)),
    # A link that is not (or no longer) a registration's: nobody gets anything.
    Case("participants:private_link", lambda w: "/r/not-a-token/", set()),
    Case(
        "participants:invite_file",
        lambda w: f"/r/{w.registration_a.access_token}/calendar.ics",
        set(),
        succeeds=set(ROLES),
        refuses=set(),
        may_show=set(ROLES),
    ),
    Case("participants:privacy_download", lambda w: "/r/not-a-token/my-data.json", set()),
    Case("participants:confirm_email", lambda w: "/registration/confirm/not-a-token/", set()),
    # The public registration form names no one who registered (it answers anyone the same).
    Case(
        "participants:register",
        lambda w: f"/registration/{w.event_a.pk}/",
        set(),
        method="POST",
        data={"email": "annabel@example.org", "first_name": "X"},
        refuses=set(),
    ),
    # The registrations in the admin: organisers see their own events' only.
    Case("registrations:index", lambda w: "/admin/registrations/", OWN_EVENT, refuses=NOT_STAFF | {"editor"}),
    Case(
        "registrations:index_results",
        lambda w: "/admin/registrations/results/",
        OWN_EVENT,
        refuses=NOT_STAFF | {"editor"},
    ),
    # An event's seat counts: figures, no names; not for another event's organiser.
    Case(
        "registrations:event",
        lambda w: f"/admin/registrations/event/{w.event_a.pk}/",
        set(),
        succeeds=OWN_EVENT,
        refuses=NOT_STAFF | {"editor", "organiser_b"},
    ),
    # The registrations export (CSV): an organiser's export holds their own events' people only.
    Case(
        "registrations:index",
        lambda w: "/admin/registrations/?export=csv",
        OWN_EVENT,
        refuses=NOT_STAFF | {"editor"},
    ),
    Case(
        "registrations:index",
        lambda w: f"/admin/registrations/?event={w.event_a.pk}&export=csv",
        OWN_EVENT,
        refuses=NOT_STAFF | {"editor"},
    ),
    Case("registrations:edit", lambda w: f"/admin/registrations/edit/{w.registration_a.pk}/", OWN_EVENT),
    Case("registrations:cancel", lambda w: f"/admin/registrations/{w.registration_a.pk}/cancel/", OWN_EVENT),
    Case("registrations:approve", lambda w: f"/admin/registrations/{w.registration_a.pk}/approve/", OWN_EVENT),
    Case("registrations:promote", lambda w: f"/admin/registrations/{w.registration_a.pk}/promote/", OWN_EVENT),
    Case("registrations:delete", lambda w: f"/admin/registrations/delete/{w.registration_a.pk}/", SEES_ALL),
    Case(
        "registrations:add",
        lambda w: "/admin/registrations/new/",
        set(),
        refuses=NOT_STAFF | {"editor"},
    ),
    # Check-in: the API, the scanner pages and attendance lists, per session of event A.
    Case(
        "participants:checkin_api",
        lambda w: "/api/checkin/",
        OWN_EVENT,
        method="POST",
        json=True,
        data=lambda w: {"code": w.registration_a.checkin_code, "session": w.session_a.pk, "nonce": "n1"},
        refuses=NOT_STAFF,
    ),
    Case(
        "participants:checkin_manual_api",
        lambda w: "/api/checkin/manual/",
        OWN_EVENT,
        method="POST",
        json=True,
        data=lambda w: {"registration": w.registration_a.pk, "session": w.session_a.pk},
        refuses=NOT_STAFF,
    ),
    Case(
        "participants:checkin_undo_api",
        lambda w: "/api/checkin/undo/",
        set(),
        method="POST",
        json=True,
        data=lambda w: {"registration": w.registration_a.pk, "session": w.session_a.pk},
        refuses=NOT_STAFF,
        may_show=OWN_EVENT,
    ),
    Case(
        "participants:checkin_counts_api",
        lambda w: f"/api/checkin/sessions/{w.session_a.pk}/counts/",
        set(),
        refuses=NOT_STAFF | {"organiser_b"},
    ),
    Case(
        "participants:checkin_registrations_api",
        lambda w: f"/api/checkin/sessions/{w.session_a.pk}/registrations/",
        OWN_EVENT,
        refuses=NOT_STAFF | {"organiser_b"},
    ),
    Case("participants:checkin", lambda w: "/checkin/", set(), refuses=NOT_STAFF),
    Case(
        "participants:checkin_scanner",
        lambda w: f"/checkin/{w.session_a.pk}/",
        set(),
        refuses=NOT_STAFF | {"organiser_b"},
        may_show=OWN_EVENT,
    ),
    Case(
        "participants:checkin_attendance_list",
        lambda w: f"/checkin/{w.session_a.pk}/attendance-list/",
        OWN_EVENT,
        refuses=NOT_STAFF | {"organiser_b"},
    ),
    Case(
        "participants:checkin_attendance_list_pdf",
        lambda w: f"/checkin/{w.session_a.pk}/attendance-list.pdf",
        set(),
        refuses=NOT_STAFF | {"organiser_b"},
        may_show=OWN_EVENT,
    ),
    Case(
        "participants:checkin_walk_in",
        lambda w: f"/checkin/{w.session_a.pk}/walk-in/",
        set(),
        refuses=NOT_STAFF | {"organiser_b"},
        may_show=OWN_EVENT,
    ),
    Case(
        "participants:checkin_qr_svg",
        lambda w: f"/r/{w.registration_a.access_token}/qr.svg",
        set(),
        succeeds=set(ROLES),
        may_show=set(ROLES),
    ),
    Case(
        "participants:checkin_qr_png",
        lambda w: f"/r/{w.registration_a.access_token}/qr.png",
        set(),
        succeeds=set(ROLES),
        may_show=set(ROLES),
    ),
    Case(
        "participants:checkin_ticket",
        lambda w: f"/r/{w.registration_a.access_token}/ticket/",
        set(),
        succeeds=set(ROLES),
        may_show=set(ROLES),
    ),
    Case("participants:checkin_qr_svg", lambda w: "/r/not-a-token/qr.svg", set()),
    Case(
        "participants_checkin_event",
        lambda w: f"/admin/checkin/event/{w.event_a.pk}/",
        set(),
        refuses=NOT_STAFF | {"organiser_b", "editor"},
        may_show=OWN_EVENT,
    ),
    Case(
        "participants_checkin_revoke_code",
        lambda w: f"/admin/checkin/registration/{w.registration_a.pk}/revoke-code/",
        set(),
        method="POST",
        refuses=NOT_STAFF | {"organiser_b", "editor"},
        may_show=OWN_EVENT,
        state=lambda w: Registration.objects.get(pk=w.registration_a.pk).checkin_code,
    ),
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
        refuses=set(ROLES) - SEES_ALL,
        state=lambda w: Participant.objects.get(pk=w.registration_a.participant_id).anonymised_at,
    ),
    # Wagtail's own admin: staff only; the site history (the audit log) names no one.
    Case("wagtailadmin_home", lambda w: "/admin/", set(), refuses=NOT_STAFF, succeeds=STAFF),
    Case(
        "wagtailadmin_reports:site_history",
        lambda w: "/admin/reports/site-history/",
        set(),
        refuses=NOT_STAFF,
        succeeds=STAFF,
    ),
]

# URLs of ours that need no case: they show nothing personal and change nothing.
NOT_SENSITIVE = {
    "participants:checkin_manifest",
    "participants:checkin_service_worker",
    "events:calendar",  # public feeds: no personal data (tests/events/test_calendar.py)
}

# Views that landed after this matrix was written; their own tests check who may see them
# (tests/certificates/test_admin.py, tests/intervision/test_admin.py, test_statistics_admin.py),
# but they still need cases here. Listed so the gap is visible rather than silently skipped.
NOT_YET_IN_MATRIX = (
    "certificate_admin:",
    "certificate_batches:",
    "certificate_templates:",
    "intervision_",
    "participants_statistics:",
    "certificates:",
    "intervision:",
)


def site_url_names():
    return {name for _route, name, _module in walk(get_resolver().url_patterns)}


def check(world, case, role):
    """The problems with ``role`` requesting ``case``, as sentences; empty when all is right."""
    client = world.client_for(role)
    url = case.url(world)
    before = case.state(world) if case.state else None
    if case.method == "POST" and case.json:
        response = client.post(url, json.dumps(case.data(world)), content_type="application/json")
    elif case.method == "POST":
        response = client.post(url, case.data)
    else:
        response = client.get(url)
    content = b"".join(response) if response.streaming else response.content
    text = content.decode(errors="replace")
    where = f"{role}: {case.method} {url} ({case.name})"
    shown = any(part in text for part in SECRET_NAME.split())
    refuses = (set(ROLES) - case.shows - case.succeeds) if case.refuses is None else case.refuses
    problems = []
    if role in case.shows:
        if response.status_code != 200:
            problems.append(f"{where} was refused: {response.status_code}")
        elif not shown:
            problems.append(f"{where} did not show event A's participant")
    elif shown and role not in (case.may_show or set()):
        problems.append(f"{where} showed event A's participant")
    if role in case.succeeds and response.status_code != 200:
        problems.append(f"{where} was refused: {response.status_code}")
    if role in refuses and case.state and case.state(world) != before:
        problems.append(f"{where} changed what it may not change")
    if role in refuses:
        if response.status_code not in (302, 401, 403, 404):
            problems.append(f"{where} answered {response.status_code}, not a refusal")
        elif response.status_code == 302 and not response["Location"].startswith(("/admin/login/", "/admin/")):
            problems.append(f"{where} redirected to {response['Location']}")
    return problems


# One test per role (the world is built once per role, not once per cell); it reports every cell
# that is wrong, not only the first.
@pytest.mark.parametrize("role", ROLES)
def test_matrix(world, role):
    names = site_url_names()
    problems = [problem for case in CASES if case.name in names for problem in check(world, case, role)]
    assert not problems, "\n".join(problems)


def walk(patterns, prefix="", namespace=None):
    """(route, name, module of the view) for every URL of the site."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            view = getattr(pattern.callback, "view_class", pattern.callback)
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield prefix + str(pattern.pattern), name, getattr(view, "__module__", "")


OUR_APPS = ("participants", "certificates", "intervision", "events", "pages")


def ours(route, module):
    """A view of our apps, wherever it is mounted (public, API, admin)."""
    return module.split(".")[0] in OUR_APPS


def test_every_url_of_ours_is_in_the_matrix():
    covered = {case.name for case in CASES} | NOT_SENSITIVE
    covered |= {
        name
        for _route, name, _module in walk(get_resolver().url_patterns)
        if name and name.startswith(NOT_YET_IN_MATRIX)
    }
    missing = sorted(
        f"{route}  ({name})"
        for route, name, module in walk(get_resolver().url_patterns)
        if ours(route, module) and name not in covered
    )
    assert not missing, "URLs missing from the permission matrix (tests/privacy/test_permissions.py):\n" + "\n".join(
        missing
    )
