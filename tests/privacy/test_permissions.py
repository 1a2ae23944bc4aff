"""The permission matrix: every role against every view of ours that shows or changes registrations,
attendance, certificates, intervision cases, statistics or personal data. Nothing leaks across events
or groups.

Roles: anonymous, a participant holding the private link of their registration for event B, an
Editor, the Organiser of event A, the Organiser of event B (who facilitates intervision group B),
the facilitator of group A (an organiser of no event), the Secretariat, a superuser. Each Case names
the words that must not show to a role that may not see them (``secret``): by default event A's
participant, "Annabel Alphen"; for intervision, group A's member or the text of her case; for the
statistics, event A's title.

``test_every_url_of_the_site_is_classified`` walks the URL configuration: a URL added by any app
(public, API, or in the admin, including the generic views of our models' viewsets) that is not below
fails it, naming the URL; add a Case for it. Wagtail's own admin URLs are a class of their own
(staff only: each one sends an anonymous visitor to the login), the framework's public ones are
listed. Every answer to a role with nothing of event B (NOTHING_OF_B) is searched, pages, JSON, CSV
and XLSX, for event B's and group B's planted people.
"""

import io
import json
import re
from dataclasses import dataclass, field
from datetime import timedelta

import openpyxl
import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from certificates.codes import new_code
from certificates.content import take_snapshot
from certificates.models import Certificate, CertificateBatch
from certificates.services import issue_year_certificate
from evaluations import services as evaluation_services
from evaluations.models import Invitation
from events.models import EventPage
from intervision.models import Learning, Membership, OecdStep
from participants.models import Answer, Message, Participant, Question, QuestionKind, Registration, ScanLog
from tests.factories import (
    AttendanceFactory,
    ParticipantFactory,
    RegistrationFactory,
    UserFactory,
    make_event,
    organiser,
    secretariat,
)
from tests.intervision.factories import make_case, make_group, make_member

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "editor", "organiser_a", "organiser_b", "facilitator", "secretariat", "superuser"]
STAFF = {"editor", "organiser_a", "organiser_b", "facilitator", "secretariat", "superuser"}
SEES_ALL = {"secretariat", "superuser"}
NAME = ("Annabel", "Alphen")  # event A's participant
MEMBER = ("Ineke", "Ijsselstein")  # intervision group A's member
CASE = ("Zwijgende", "Ivoorkust")  # the text of her case
LEARNING = ("Cacaodoppen",)  # group A's learning, not published
EVENT = ("Apeldoorn",)  # event A's title
QUESTION = ("Kruidnagelvraag",)  # event A's own question
PERSONAL = NAME + MEMBER + CASE  # what no report, export or public page may show
# Event B's participant and group B's member: planted in every world, searched for in every answer
# (page, JSON, CSV and XLSX) to the roles that have nothing of event B.
OTHER_NAME = ("Bertine", "Brakband")
OTHER_MEMBER = ("Gijsbrecht", "Geelvink")
OTHER_PEOPLE = OTHER_NAME + OTHER_MEMBER
NOTHING_OF_B = {"anonymous", "editor", "organiser_a", "facilitator"}


@dataclass
class World:
    event_a: object
    event_b: object
    registration_a: object
    registration_b: object
    session_a: object
    certificate_a: object = None
    scan_a: object = None
    batch_a: object = None
    member_a: object = None
    member_b: object = None
    case_a: object = None
    learning_a: object = None
    question_a: object = None
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

    @property
    def meeting_a(self):
        return self.case_a.meeting

    def meeting_registration(self, membership):
        return Registration.objects.filter(participant=membership.participant, event=self.meeting_a.event).first()


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
    registration_b = RegistrationFactory(
        event=event_b, participant__first_name=OTHER_NAME[0], participant__last_name=OTHER_NAME[1]
    )
    AttendanceFactory(registration=registration_a)
    certificate_a = take_snapshot(Certificate(code=new_code()), registration_a)
    certificate_a.save()
    world = World(
        event_a,
        event_b,
        registration_a,
        registration_b,
        event_a.sessions.first(),
        certificate_a=certificate_a,
        batch_a=CertificateBatch.objects.create(event=event_a),
        scan_a=ScanLog.objects.create(registration=registration_a, session=event_a.sessions.first(), status="ok"),
    )
    # Intervision: organiser A facilitates group A, organiser B group B; one member and case each.
    # Group A has a facilitator of its own, who organises no event: an organiser by role, like all of them.
    facilitator = organiser(username="facilitator")
    group_a = make_group(facilitator=facilitator, meetings=1, name="Groep Noord", slug="groep-noord")
    group_b = make_group(facilitator=organiser_b, meetings=1, name="Groep Zuid", slug="groep-zuid")
    world.member_a = make_member(group_a, participant=ParticipantFactory(first_name="Ineke", last_name="Ijsselstein"))
    world.member_b = make_member(
        group_b, participant=ParticipantFactory(first_name=OTHER_MEMBER[0], last_name=OTHER_MEMBER[1])
    )
    world.case_a = make_case(world.member_a, title="Zwijgende leverancier", question="Kinderarbeid in Ivoorkust?")
    make_case(world.member_b, title="Andere casus", question="Een vraag van groep Zuid")
    AttendanceFactory(registration=world.meeting_registration(world.member_a))
    world.year = world.meeting_a.event.starts_at.year
    issue_year_certificate(participant=world.member_a.participant, series=group_a, year=world.year)
    # Event A's own question, answered by Annabel; its text is the secret of the questions' admin.
    world.question_a = Question.objects.create(event=event_a, kind=QuestionKind.SHORT_TEXT, text_nl="Kruidnagelvraag")
    Answer.objects.create(
        registration=registration_a, question=world.question_a, question_text="Kruidnagelvraag", value="Annabel's"
    )
    world.learning_a = Learning.objects.create(
        group=group_a, title="Cacaodoppen", text="Vraag door naar de tweede schakel.", oecd_step=OecdStep.IDENTIFY
    )
    world.users = {
        "editor": UserFactory(username="editor", groups=["Editors"]),
        "organiser_a": organiser_a,
        "facilitator": facilitator,
        "organiser_b": organiser_b,
        "secretariat": secretariat(username="secretariaat"),
        "superuser": UserFactory(username="root", is_superuser=True, is_staff=True),
    }
    return world


@dataclass
class Case:
    """``url(world)`` requested with ``method`` by each role.

    ``shows``: the roles that get the page (200) with one of the ``secret`` words on it; every other
    role must not see them. ``refuses``: roles that must be refused outright (a redirect to the login,
    403 or 404); by default everyone not in ``shows`` or ``succeeds``. A Case whose URL name the site
    does not have (an app not merged yet) is left out.
    """

    name: str  # the URL's name, as reverse() knows it
    url: object = None  # url(world); by default reverse(name, args=args(world)) + query
    shows: set = field(default_factory=set)
    method: str = "GET"
    data: dict = field(default_factory=dict)
    refuses: set | None = None
    succeeds: set = field(default_factory=set)  # roles that get ``status`` (200) that need not show the secret
    may_show: set | None = None  # roles that may see the secret without having to (default: ``shows``)
    json: bool = False  # send ``data`` as a JSON body
    state: object = None  # state(world) must not change for a refused role (a POST that redirects either way)
    args: object = None  # args(world) for reverse()
    query: str = ""
    secret: tuple = NAME
    status: int = 200

    def url_for(self, world):
        if self.url is not None:
            return self.url(world)
        return reverse(self.name, args=self.args(world) if self.args else ()) + self.query


def views(namespace, actions, args, **kwargs):
    """One Case per view of a viewset that shows one object: ``namespace:action`` for each action."""
    return [Case(f"{namespace}:{action}", args=args, **kwargs) for action in actions]


def exports(case, formats=("csv", "xlsx")):
    """``case`` and its spreadsheet downloads (``?export=csv``, ``xlsx``): the same people, the same rules.

    An XLSX is a zip: ``check`` reads its cells (openpyxl) and searches them as it does a page.
    """
    separator = "&" if case.query else "?"
    return [case] + [Case(**{**case.__dict__, "query": f"{case.query}{separator}export={fmt}"}) for fmt in formats]


OWN_EVENT = {"organiser_a", *SEES_ALL}
NOT_STAFF = {"anonymous", "participant"}
OTHER_EVENT = NOT_STAFF | {"organiser_b"}  # refused for event A's own things
FACILITATOR_A = {"facilitator"}  # of group A: organises no event
ORGANISERS = {"organiser_a", "organiser_b", "facilitator"}
NOT_FACILITATING = {"organiser_a"}  # an organiser who facilitates no group: empty lists, no names
ANYONE = {"succeeds": set(ROLES), "may_show": set(ROLES)}  # a link that is its own credential
NOBODY = {"refuses": set(ROLES)}


def link_a(w):
    return [w.registration_a.access_token]


def not_a_token(w):
    return ["not-a-token"]


def registration_a(w):
    return [w.registration_a.pk]


def session_a(w):
    return [w.session_a.pk]


def event_a(w):
    return [w.event_a.pk]


def certificate(w):
    return [w.certificate_a.pk]


def member_a(w):
    return [w.member_a.token]


def scan_a(w):
    return [w.scan_a.pk]


def participant_a(w):
    return [w.registration_a.participant_id]


def message_a(w):
    message, _ = Message.objects.get_or_create(
        event=w.event_a, subject_nl="Praktische informatie", body_nl="Tot morgen", recipients=[w.registration_a.pk]
    )
    return [message.pk]


def registration_and_session(w):
    return {"registration": w.registration_a.pk, "session": w.session_a.pk}


CASES = [
    # The participant's own pages: the link is the credential, for whoever holds it.
    Case("participants:answers", args=link_a, succeeds=set(ROLES), may_show=set(ROLES)),
    Case("participants:answers", args=not_a_token, **NOBODY),
    # An event's own questions in the admin: its organisers and the Secretariat; an answer names no one.
    Case(
        "questions:index",
        shows=OWN_EVENT,
        succeeds={"organiser_b", "facilitator"},
        refuses=NOT_STAFF | {"editor"},
        secret=QUESTION,
    ),
    Case(
        "questions:index_results",
        shows=OWN_EVENT,
        succeeds={"organiser_b", "facilitator"},
        refuses=NOT_STAFF | {"editor"},
        secret=QUESTION,
    ),
    Case("questions:add", succeeds=ORGANISERS | SEES_ALL, refuses=NOT_STAFF | {"editor"}, secret=QUESTION),
    *views("questions", ["edit", "delete", "history"], lambda w: [w.question_a.pk], shows=OWN_EVENT, secret=QUESTION),
    *views(
        "questions",
        ["usage", "history_results"],
        lambda w: [w.question_a.pk],
        succeeds=OWN_EVENT,
        may_show=OWN_EVENT,
        secret=QUESTION,
    ),
    Case(
        "questions:delete",
        args=lambda w: [w.question_a.pk],
        method="POST",
        refuses=set(ROLES) - OWN_EVENT,
        may_show=OWN_EVENT,
        state=lambda w: Question.objects.filter(pk=w.question_a.pk).exists(),
        secret=QUESTION,
    ),
    *views("participants", ["private_link", "privacy_download", "privacy_erase"], link_a, shows=set(ROLES)),
    Case("participants:cancel", args=link_a, succeeds=set(ROLES)),
    Case("participants:new_link", args=link_a, method="POST", succeeds=set(ROLES)),
    Case("participants:invite_file", args=link_a, refuses=set(), **ANYONE),
    *views("participants", ["checkin_qr_svg", "checkin_qr_png", "checkin_ticket"], link_a, **ANYONE),
    # A link that is not (or no longer) a registration's: nobody gets anything.
    *views("participants", ["private_link", "privacy_download", "checkin_qr_svg", "confirm_email"], not_a_token),
    # The public registration form names no one who registered (it answers anyone the same).
    Case(
        "participants:register",
        args=event_a,
        method="POST",
        data={"email": "annabel@example.org", "first_name": "X"},
        refuses=set(),
    ),
    # After the form: what happens next, with only the address this browser's own session typed.
    Case("participants:registration_sent", args=event_a, refuses=set(), **ANYONE),
    # The registrations in the admin, and their export: organisers see their own events' only.
    *exports(Case("registrations:index", shows=OWN_EVENT, refuses=NOT_STAFF | {"editor"})),
    Case(
        "registrations:index",
        url=lambda w: f"/admin/registrations/?event={w.event_a.pk}&export=csv",
        shows=OWN_EVENT,
        refuses=NOT_STAFF | {"editor"},
    ),
    Case("registrations:index_results", shows=OWN_EVENT, refuses=NOT_STAFF | {"editor"}),
    # An event's seat counts: figures, no names; not for another event's organiser.
    Case("registrations:event", args=event_a, succeeds=OWN_EVENT, refuses=OTHER_EVENT | {"editor"}),
    *views("registrations", ["edit", "cancel", "approve", "promote"], registration_a, shows=OWN_EVENT),
    Case("registrations:delete", args=registration_a, shows=SEES_ALL),
    # Replacing a private link is the Secretariat's.
    Case("registrations:replace_link", args=registration_a, shows=SEES_ALL),
    Case("registrations:add", refuses=NOT_STAFF | {"editor"}),
    # A registration's history and usage name the person: the organisers of its event only.
    *views("registrations", ["history", "usage"], registration_a, shows=OWN_EVENT),
    Case("registrations:history_results", args=registration_a, succeeds=OWN_EVENT),
    # Check-in: the API, the scanner pages and attendance lists, per session of event A.
    Case(
        "participants:checkin_api",
        shows=OWN_EVENT,
        method="POST",
        json=True,
        data=lambda w: {"code": w.registration_a.checkin_code, "session": w.session_a.pk, "nonce": "n1"},
        refuses=NOT_STAFF,
    ),
    Case(
        "participants:checkin_manual_api",
        shows=OWN_EVENT,
        method="POST",
        json=True,
        data=registration_and_session,
        refuses=NOT_STAFF,
    ),
    Case(
        "participants:checkin_undo_api",
        method="POST",
        json=True,
        data=registration_and_session,
        refuses=NOT_STAFF,
        may_show=OWN_EVENT,
    ),
    Case("participants:checkin_counts_api", args=session_a, refuses=OTHER_EVENT),
    *views(
        "participants",
        ["checkin_registrations_api", "checkin_attendance_list"],
        session_a,
        shows=OWN_EVENT,
        refuses=OTHER_EVENT,
    ),
    *views(
        "participants",
        ["checkin_scanner", "checkin_attendance_list_pdf", "checkin_walk_in"],
        session_a,
        refuses=OTHER_EVENT,
        may_show=OWN_EVENT,
    ),
    Case("participants:checkin", refuses=NOT_STAFF),
    Case("participants_checkin_event", args=event_a, refuses=OTHER_EVENT | {"editor"}, may_show=OWN_EVENT),
    Case(
        "participants_checkin_revoke_code",
        args=registration_a,
        method="POST",
        refuses=OTHER_EVENT | {"editor"},
        may_show=OWN_EVENT,
        state=lambda w: Registration.objects.get(pk=w.registration_a.pk).checkin_code,
    ),
    # Name badges (PDF): an event's own organisers and the Secretariat; one walk-in's at the door.
    *[
        Case(name, args=event_a, succeeds=OWN_EVENT, refuses=OTHER_EVENT | {"editor", "facilitator"})
        for name in ("participants_badges", "participants_badges_pdf")
    ],
    Case(
        "participants:checkin_walk_in_badge",
        args=lambda w: [w.session_a.pk, w.registration_a.pk],
        succeeds=OWN_EVENT,
        refuses=OTHER_EVENT | {"editor", "facilitator"},
    ),
    # Messages to an event's people: writing one lists them by name; the messages' pages name nobody.
    Case("participants_messages", args=event_a, succeeds=OWN_EVENT, refuses=OTHER_EVENT | {"editor", "facilitator"}),
    Case("participants_message_new", args=event_a, shows=OWN_EVENT, refuses=OTHER_EVENT | {"editor", "facilitator"}),
    Case(
        "participants_message",
        args=message_a,
        succeeds=OWN_EVENT,
        refuses=OTHER_EVENT | {"editor", "facilitator"},
    ),
    # The secretariat's erasure and data export of a person.
    *[
        Case(name, args=participant_a, shows=SEES_ALL)
        for name in ("participants_privacy_erase", "participants_privacy_export")
    ],
    Case(
        "participants_privacy_erase",
        args=participant_a,
        method="POST",
        refuses=set(ROLES) - SEES_ALL,
        state=lambda w: Participant.objects.get(pk=w.registration_a.participant_id).anonymised_at,
    ),
    # Wagtail's own admin: staff only; the site history (the audit log) names no one.
    *[
        Case(name, refuses=NOT_STAFF, succeeds=STAFF)
        for name in ("wagtailadmin_home", "wagtailadmin_reports:site_history")
    ],
]

CASES += [
    # Statistics: cross-event figures for the Secretariat; never a name or a case, not even to it.
    *exports(Case("participants_statistics:index", succeeds=SEES_ALL, secret=PERSONAL)),
    Case("participants_statistics:index_results", succeeds=SEES_ALL, secret=PERSONAL),
    Case("participants_statistics:chart", args=lambda w: ["stakeholder", "svg"], succeeds=SEES_ALL, secret=PERSONAL),
    # Attendance by event: each organiser's own events only (event A's title is the secret here).
    *exports(
        Case(
            "participants_statistics:events",
            shows=OWN_EVENT,
            succeeds=STAFF,
            refuses=NOT_STAFF,
            secret=EVENT,
        )
    ),
    Case("participants_statistics:events_results", shows=OWN_EVENT, succeeds=STAFF, refuses=NOT_STAFF, secret=EVENT),
    *exports(Case("participants_statistics:attendance", args=lambda w: [w.event_a.pk], shows=OWN_EVENT)),
    Case("participants_statistics:attendance_results", args=lambda w: [w.event_a.pk], shows=OWN_EVENT),
    # Certificates in the admin: the Secretariat's; nobody adds or deletes one through the generic views.
    Case("certificate_admin:index", shows=SEES_ALL),
    Case("certificate_admin:index_results", shows=SEES_ALL),
    *views("certificate_admin", ["edit", "inspect", "history", "revoke"], certificate, shows=SEES_ALL),
    *views("certificate_admin", ["usage", "history_results"], certificate, succeeds=SEES_ALL, may_show=SEES_ALL),
    # (Wagtail's history needs add, change or delete, its usage view change: view-only roles get neither.)
    Case("certificate_admin:add", **NOBODY),
    Case("certificate_admin:delete", args=certificate, **NOBODY),
    Case(
        "certificate_admin:revoke",
        args=certificate,
        method="POST",
        data={"revoke_reason": "Test"},
        refuses=set(ROLES) - SEES_ALL,
        may_show=SEES_ALL,
        state=lambda w: Certificate.objects.get(pk=w.certificate_a.pk).revoked_at,
    ),
    Case("certificate_batches:index", succeeds=SEES_ALL),
    Case("certificate_batches:index_results", succeeds=SEES_ALL),
    Case("certificate_batches:add", succeeds=SEES_ALL),
    Case(
        "certificate_batches:add",
        method="POST",
        data=lambda w: {"event": w.event_a.pk},
        refuses=set(ROLES) - SEES_ALL,
        state=lambda w: CertificateBatch.objects.count(),
    ),
    *views(
        "certificate_batches", ["inspect", "history", "history_results"], lambda w: [w.batch_a.pk], succeeds=SEES_ALL
    ),
    *views("certificate_batches", ["edit", "delete", "usage"], lambda w: [w.batch_a.pk], **NOBODY),
    # Certificate templates: no one's data; the Secretariat's to edit.
    Case("wagtailsnippets_certificates_certificatetemplate:index", succeeds=SEES_ALL),
    Case("wagtailsnippets_certificates_certificatetemplate:add", succeeds=SEES_ALL),
    # Verification: whoever has the code sees whose certificate it is; an unknown code shows nothing.
    Case("certificates:verify", args=lambda w: [w.certificate_a.code], shows=set(ROLES)),
    Case("certificates:verify", args=lambda w: ["AAAA-BBBB-CCCC-DDDD"], **NOBODY),
    Case("certificates:verify_form", succeeds=set(ROLES), refuses=set()),
    # The certificate below the private link: the link is the credential.
    Case("certificates:badge_json", args=lambda w: [w.registration_a.access_token], shows=set(ROLES)),
    *views("certificates", ["pdf", "badge_jwt"], lambda w: [w.registration_a.access_token], **ANYONE),
    *views("certificates", ["pdf", "badge_json", "badge_jwt"], lambda w: ["not-a-token"], **NOBODY),
    # The people we hold data about: the Secretariat's listing, from which it erases; read-only.
    *exports(Case("participants_participant:index", shows=SEES_ALL), formats=()),
    Case("participants_participant:index", query="?q=Alphen", shows=SEES_ALL),
    Case("participants_participant:index_results", shows=SEES_ALL),
    Case("participants_participant:inspect", args=participant_a, shows=SEES_ALL),
    *views(
        "participants_participant", ["edit", "delete", "history", "history_results", "usage"], participant_a, **NOBODY
    ),
    Case("participants_participant:add", **NOBODY),
    # A registration's history and usage name the person: the organisers of its event only.
    *views("registrations", ["history", "usage"], lambda w: [w.registration_a.pk], shows=OWN_EVENT),
    Case("registrations:history_results", args=lambda w: [w.registration_a.pk], succeeds=OWN_EVENT),
    # The scan log: a record for superusers (no role is granted it); it names the registration.
    *exports(Case("scan_log:index", shows={"superuser"})),
    Case("scan_log:index_results", shows={"superuser"}),
    Case("scan_log:inspect", args=scan_a, shows={"superuser"}),
    *views("scan_log", ["edit", "copy", "delete", "history", "history_results", "usage"], scan_a, **NOBODY),
    Case("scan_log:add", **NOBODY),
    # Intervision groups: no one's data (names and themes are public); the Secretariat sets them up.
    Case("intervision_groups:index", succeeds=ORGANISERS | SEES_ALL, secret=PERSONAL),
    Case("intervision_groups:index_results", succeeds=ORGANISERS | SEES_ALL, secret=PERSONAL),
    Case("intervision_groups:add", succeeds=SEES_ALL),
    *views("intervision_groups", ["edit", "delete"], lambda w: [w.member_a.group_id], succeeds=SEES_ALL),
    *views(
        "intervision_groups",
        ["history", "history_results", "usage"],
        lambda w: [w.member_a.group_id],
        succeeds=SEES_ALL,
        may_show={"superuser"},  # the group's usage lists its memberships: the Secretariat gets no names
        secret=PERSONAL,
    ),
    Case("intervision_groups:series", args=lambda w: [w.member_a.group_id], succeeds=FACILITATOR_A | SEES_ALL),
    # Memberships: the group's facilitator only (and superusers); not the other group's, not the Secretariat.
    *exports(
        Case(
            "intervision_memberships:index",
            shows=FACILITATOR_A | {"superuser"},
            succeeds={"organiser_b", *NOT_FACILITATING},
            secret=MEMBER,
        )
    ),
    Case(
        "intervision_memberships:index_results",
        shows=FACILITATOR_A | {"superuser"},
        succeeds={"organiser_b", *NOT_FACILITATING},
        secret=MEMBER,
    ),
    *views(
        "intervision_memberships",
        ["edit", "inspect", "history", "accept", "decline"],
        lambda w: [w.member_a.pk],
        shows=FACILITATOR_A | {"superuser"},
        secret=MEMBER,
    ),
    *views(
        "intervision_memberships",
        ["usage", "history_results"],
        lambda w: [w.member_a.pk],
        succeeds=FACILITATOR_A | {"superuser"},
        may_show=FACILITATOR_A | {"superuser"},
        secret=MEMBER,
    ),
    Case("intervision_memberships:delete", args=lambda w: [w.member_a.pk], shows={"superuser"}, secret=MEMBER),
    Case("intervision_memberships:add", succeeds={"superuser"}, may_show={"superuser"}, secret=MEMBER),
    Case(
        "intervision_memberships:decline",
        args=lambda w: [w.member_b.pk],
        method="POST",
        refuses=set(ROLES) - {"organiser_b", "superuser"},
        state=lambda w: Membership.objects.get(pk=w.member_b.pk).status,
        secret=MEMBER,
    ),
    # Meetings: dates, not cases; each facilitator their own, whoever manages groups all of them.
    Case("intervision_meetings:index", succeeds=ORGANISERS | SEES_ALL, secret=CASE + MEMBER),
    Case("intervision_meetings:index_results", succeeds=ORGANISERS | SEES_ALL, secret=CASE + MEMBER),
    Case("intervision_meetings:add", succeeds={"superuser"}, secret=CASE + MEMBER),
    *views(
        "intervision_meetings",
        ["edit", "delete"],
        lambda w: [w.meeting_a.pk],
        succeeds={"superuser"},
        secret=CASE + MEMBER,
    ),
    *views(
        "intervision_meetings",
        ["history", "history_results", "usage"],
        lambda w: [w.meeting_a.pk],
        succeeds={"superuser"},
        secret=CASE + MEMBER,
    ),
    # Cases: the group's own facilitator only, whatever the role (not the Secretariat, not a superuser).
    *exports(
        Case(
            "intervision_cases:index",
            shows=FACILITATOR_A,
            succeeds={"organiser_b", "superuser", *NOT_FACILITATING},
            secret=CASE,
        )
    ),
    Case(
        "intervision_cases:index_results",
        shows=FACILITATOR_A,
        succeeds={"organiser_b", "superuser", *NOT_FACILITATING},
        secret=CASE,
    ),
    Case("intervision_cases:inspect", args=lambda w: [w.case_a.pk], shows=FACILITATOR_A, secret=CASE),
    *views(
        "intervision_cases",
        ["edit", "delete", "history", "history_results", "usage"],
        lambda w: [w.case_a.pk],
        **NOBODY,
        secret=CASE,
    ),
    Case("intervision_cases:add", succeeds={"superuser"}, secret=CASE),
    Case("intervision_meeting_cases", args=lambda w: [w.meeting_a.pk], shows=FACILITATOR_A, secret=CASE),
    Case(
        "intervision_meeting_cases",
        args=lambda w: [w.meeting_a.pk],
        method="POST",
        data=lambda w: {"case_holders": "1", "case": [w.case_a.pk]},
        refuses=set(ROLES) - FACILITATOR_A,
        state=lambda w: w.case_a.__class__.objects.get(pk=w.case_a.pk).selected_at,
        secret=CASE,
    ),
    # Learnings: the facilitator's own group's; the Secretariat (who publishes) sees them all.
    *exports(
        Case(
            "intervision_learnings:index",
            shows=FACILITATOR_A | SEES_ALL,
            succeeds={"organiser_b", *NOT_FACILITATING},
            secret=LEARNING,
        )
    ),
    Case(
        "intervision_learnings:index_results",
        shows=FACILITATOR_A | SEES_ALL,
        succeeds={"organiser_b", *NOT_FACILITATING},
        secret=LEARNING,
    ),
    *views(
        "intervision_learnings",
        ["edit", "history"],
        lambda w: [w.learning_a.pk],
        shows=FACILITATOR_A | SEES_ALL,
        secret=LEARNING,
    ),
    *views(
        "intervision_learnings",
        ["usage", "history_results"],
        lambda w: [w.learning_a.pk],
        succeeds=FACILITATOR_A | SEES_ALL,
        may_show=FACILITATOR_A | SEES_ALL,
        secret=LEARNING,
    ),
    Case("intervision_learnings:delete", args=lambda w: [w.learning_a.pk], shows={"superuser"}, secret=LEARNING),
    Case("intervision_learnings:add", succeeds=ORGANISERS | {"superuser"}, secret=LEARNING),
    # Public intervision pages: no member, no case, no unpublished learning.
    *[
        Case(name, args=args, succeeds=set(ROLES), refuses=set(), secret=PERSONAL + LEARNING)
        for name, args in (
            ("intervision:groups", None),
            ("intervision:learnings", None),
            ("intervision:group", lambda w: [w.member_a.group.slug]),
            ("intervision:applied", lambda w: [w.member_a.group.slug]),
        )
    ],
    # The member's own pages: the link is the credential; a case is found only within the link's group.
    Case("intervision:member", args=member_a, shows=set(ROLES), secret=CASE),
    Case("intervision:case", args=lambda w: [w.member_a.token, w.case_a.pk], shows=set(ROLES), secret=CASE),
    Case("intervision:case", args=lambda w: [w.member_b.token, w.case_a.pk], **NOBODY, secret=CASE),
    Case("intervision:leave", args=member_a, succeeds=set(ROLES), secret=CASE),
    Case(
        "intervision:participation",
        args=lambda w: [w.member_a.token, w.meeting_a.event.starts_at.year],
        shows=set(ROLES),
        secret=MEMBER,
    ),
    Case("intervision:participation", args=lambda w: [w.member_b.token, w.meeting_a.event.starts_at.year], **NOBODY),
    # The member's year certificate: behind her link only; another member's link finds nothing of hers.
    Case("intervision:certificate_json", args=lambda w: [w.member_a.token, w.year], shows=set(ROLES), secret=MEMBER),
    Case("intervision:certificate_pdf", args=lambda w: [w.member_a.token, w.year], **ANYONE),
    *views("intervision", ["certificate_json", "certificate_pdf"], lambda w: [w.member_b.token, w.year], **NOBODY),
    # Issuing a group's year certificates: its facilitator and the Secretariat.
    Case(
        "intervision_groups:certificates",
        args=lambda w: [w.member_a.group_id],
        shows=FACILITATOR_A | SEES_ALL,
        secret=MEMBER,
    ),
    Case(
        "intervision:agreement",
        args=lambda w: [w.member_b.token],
        method="POST",
        succeeds=set(ROLES),
        status=302,
        secret=CASE + MEMBER,
    ),
    Case("intervision:member", args=lambda w: ["not-a-token"], **NOBODY),
    Case(
        "intervision:private_link",
        args=lambda w: [w.meeting_registration(w.member_a).access_token],
        succeeds=set(ROLES),
        status=302,
        secret=CASE + MEMBER,
    ),
    Case("intervision:private_link", args=lambda w: [w.registration_b.access_token], **NOBODY),
]

# Wagtail's page editor: who may edit an event (the access policy's may_edit_event). Editors edit the
# texts of every event; an organiser only their own; nobody but the Secretariat says who organises.
CASES += [
    *views(
        "wagtailadmin_pages",
        ["edit", "history"],
        event_a,
        succeeds=OWN_EVENT | {"editor"},
        refuses=NOT_STAFF | {"organiser_b"},
    ),
    *views(
        "wagtailadmin_pages",
        ["edit", "history"],
        lambda w: [w.meeting_a.event.pk],
        succeeds={"facilitator", "editor", *SEES_ALL},
        refuses=NOT_STAFF | {"organiser_b"},
        secret=MEMBER,
    ),
    Case(
        "wagtailadmin_pages:edit",
        args=event_a,
        method="POST",
        data=lambda w: {"title": w.event_a.title, "slug": w.event_a.slug, "organisers": [w.users["organiser_b"].pk]},
        refuses=NOT_STAFF | {"organiser_b"},
        may_show=set(ROLES),
        state=lambda w: sorted(EventPage.objects.get(pk=w.event_a.pk).organisers.values_list("pk", flat=True)),
        secret=("-",),
    ),
]


def evaluation_a(w):
    """Event A's evaluation, with registration A (who attended) asked to fill it in."""
    evaluation = evaluation_services.create_evaluation(w.event_a)
    Invitation.objects.get_or_create(evaluation=evaluation, registration=w.registration_a)
    return [evaluation.pk]


# Evaluations: results name no one (organisers their own events'); who answered is the Secretariat's.
CASES += [
    # Event A ends tonight: its evaluation is not open yet, which the page says to whoever holds the link.
    Case(
        "evaluations:form",
        url=lambda w: evaluation_a(w) and reverse("evaluations:form", args=link_a(w)),
        **ANYONE,
        refuses=set(),
    ),
    Case("evaluations:form", args=not_a_token, **NOBODY),
    *[
        Case(name, succeeds={"organiser_a", "organiser_b", *SEES_ALL}, refuses=NOT_STAFF | {"editor"}, secret=PERSONAL)
        for name in ("evaluations_admin:results", "evaluations_admin:results_results")
    ],
    Case(
        "evaluations_admin:results",
        query="?export=csv",
        succeeds={"organiser_a", "organiser_b", *SEES_ALL},
        refuses=NOT_STAFF | {"editor"},
        secret=PERSONAL,
    ),
    *views("evaluations_admin", ["respondents", "respondents_results"], evaluation_a, shows=SEES_ALL),
    Case(
        "evaluations_admin:remind",
        args=evaluation_a,
        method="POST",
        succeeds=SEES_ALL,
        status=302,
        state=lambda w: list(Invitation.objects.values_list("reminded_at", flat=True)),
    ),
]

# Demand: the public form answers everyone alike; its links are their own credential; the figures
# (counts, no addresses) are the Secretariat's.
CASES += [
    Case(
        "demand:interest",
        args=lambda w: [w.event_a.get_parent().pk],
        succeeds=set(ROLES),
        refuses=set(),
        secret=PERSONAL,
    ),
    Case("demand:confirm", args=not_a_token, **NOBODY),
    Case("demand:unsubscribe", args=not_a_token, succeeds=set(ROLES), refuses=set(), secret=PERSONAL),
    *exports(Case("demand_admin:index", succeeds=SEES_ALL, secret=PERSONAL)),
    Case("demand_admin:index_results", succeeds=SEES_ALL, secret=PERSONAL),
]

# URLs of ours that need no case: they show nothing personal and change nothing.
NOT_SENSITIVE = {
    "participants:checkin_manifest",
    "participants:checkin_service_worker",
    "events:calendar",  # public feeds: no personal data (tests/events/test_calendar.py)
    "certificates:jwks",  # the issuer's public keys
    "certificates:issuer",  # the issuer's Open Badges profile
}

# Venues are addresses of buildings, not of people; regions are names of parts of the world;
# certificate templates hold no one's data. Their own tests check who may edit them.
NOT_SENSITIVE_VIEWSETS = (
    "wagtailsnippets_events_venue:",
    "wagtailsnippetchoosers_events_venue:",
    "wagtailsnippets_events_region:",
    "wagtailsnippetchoosers_events_region:",
    "wagtailsnippets_certificates_certificatetemplate:",
    "wagtailsnippetchoosers_certificates_certificatetemplate:",
    # Evaluation templates are questions; an event's evaluation settings are dates and a switch.
    "evaluation_templates:",
    "evaluation_settings:",
)


def xlsx_text(content):
    """Every cell of every sheet of an XLSX file, as one text to search."""
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for value in row if value
    )


def site_url_names():
    return {name for _route, name, _app in walk(get_resolver().url_patterns)}


def check(world, case, role):
    """The problems with ``role`` requesting ``case``, as sentences; empty when all is right."""
    client = world.client_for(role)
    url = case.url_for(world)
    before = case.state(world) if case.state else None
    if case.method == "POST" and case.json:
        response = client.post(url, json.dumps(case.data(world)), content_type="application/json")
    elif case.method == "POST":
        response = client.post(url, case.data(world) if callable(case.data) else case.data)
    else:
        response = client.get(url)
    content = b"".join(response) if response.streaming else response.content
    text = xlsx_text(content) if content.startswith(b"PK") else content.decode(errors="replace")
    where = f"{role}: {case.method} {url} ({case.name})"
    shown = any(word in text for word in case.secret)
    refuses = (set(ROLES) - case.shows - case.succeeds) if case.refuses is None else case.refuses
    problems = []
    if role in case.shows:
        if response.status_code != case.status:
            problems.append(f"{where} was refused: {response.status_code}")
        elif not shown:
            problems.append(f"{where} did not show {case.secret}")
    elif shown and role not in (case.may_show or set()):
        problems.append(f"{where} showed {[word for word in case.secret if word in text]}")
    if role in NOTHING_OF_B and (leaked := [word for word in OTHER_PEOPLE if word in text]):
        problems.append(f"{where} showed event B's or group B's people: {leaked}")
    if role in case.succeeds and response.status_code != case.status:
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
    # Reading first: a POST may change what later cases look at (erase the person, revoke the certificate).
    ordered = sorted(CASES, key=lambda case: case.method != "GET")
    problems = [problem for case in ordered if case.name in names for problem in check(world, case, role)]
    assert not problems, "\n".join(problems)


def walk(patterns, prefix="", namespace=None):
    """(route, name, app of the view or of its model) for every URL of the site."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            view = getattr(pattern.callback, "view_class", pattern.callback)
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield prefix + str(pattern.pattern), name, app_of(pattern.callback, view)


def app_of(callback, view):
    """Our app for a view of ours, and for Wagtail's generic views of our models (a viewset's inspect,
    history, usage ... views are Wagtail's code, but show our rows)."""
    model = getattr(callback, "view_initkwargs", {}).get("model") or getattr(view, "model", None)
    if isinstance(model, type) and model._meta.app_label in OUR_APPS:
        return model._meta.app_label
    return getattr(view, "__module__", "").split(".")[0]


OUR_APPS = ("participants", "certificates", "demand", "evaluations", "intervision", "events", "pages")


# The site's URLs that are neither ours nor Wagtail's admin: the framework's public ones.
PUBLIC_FRAMEWORK = {
    "wagtail_serve",  # every page: Wagtail applies its view restrictions; ours are tested by name above
    "wagtailcore_authenticate_with_password",
    "wagtailcore_login",
    "wagtaildocs_serve",  # documents: Wagtail's collection privacy
    "wagtaildocs_authenticate_with_password",
    "set_language",
    "javascript-catalog",
}
ADMIN = "admin/"  # Wagtail's own admin views: staff only, each asking Wagtail's permission policies
# ... but for what the login page itself needs: its icons and its translations.
ADMIN_PUBLIC = {"wagtailadmin_login", "wagtailadmin_sprite", "wagtailadmin_javascript_catalog"}


def test_every_url_of_the_site_is_classified():
    """A URL nobody has classified fails here, naming it: ours need a Case, anything else a class."""
    covered = {case.name for case in CASES} | NOT_SENSITIVE
    missing = []
    for route, name, app in walk(get_resolver().url_patterns):
        if app in OUR_APPS:
            if name not in covered and not (name or "").startswith(NOT_SENSITIVE_VIEWSETS):
                missing.append(f"{route}  ({name}): add a Case")
        elif not route.startswith(ADMIN) and name not in PUBLIC_FRAMEWORK:
            missing.append(f"{route}  ({name}): classify it (PUBLIC_FRAMEWORK or a Case)")
    assert not missing, "URLs missing from the permission matrix (tests/privacy/test_permissions.py):\n" + "\n".join(
        missing
    )


def sample_url(route, world):
    """``route`` with each parameter filled in (event A's page, or 1): enough to ask who gets in."""
    path = re.sub(r"<int:[^>]+>", str(world.event_a.pk), route)
    path = re.sub(r"<[^>]+>", "x", path)
    path = re.sub(r"\^|\$|\(\?P<[^>]+>[^)]*\)|\([^)]*\)", "1", path)
    return "/" + path.replace("\\", "")


def test_wagtails_admin_refuses_anonymous_visitors_everywhere(world):
    """Every URL of Wagtail's admin (the class ADMIN above) sends an anonymous visitor to the login."""
    client = Client()
    problems = []
    for route, name, _app in walk(get_resolver().url_patterns):
        if not route.startswith(ADMIN) or name in ADMIN_PUBLIC:
            continue
        if name and name.startswith(("wagtailadmin_password_reset", "wagtailadmin_login")):
            continue
        url = sample_url(route, world)
        response = client.get(url)
        text = response.content.decode(errors="replace")
        if response.status_code == 200 or any(word in text for word in PERSONAL + OTHER_PEOPLE):
            problems.append(f"anonymous: GET {url} ({name}) answered {response.status_code}")
    assert not problems, "\n".join(problems)
