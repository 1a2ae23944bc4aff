"""The demo's history, called by ``seed_demo``: people who registered for the trainings that took
place, who came (or did not), the certificates they got, and the participants of today's session.

Everything goes through the apps' own services (registration, email confirmation, cancellation,
check-in, certificate batches), so the figures, the scan log, the outbox and the audit log agree
as they would after real use. Each event gets its history once: an event that has registrations
is left alone, so running ``seed_demo`` again adds nothing. The people are the same on every
machine (a fixed list and a seeded random generator), so the demo's figures are too.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from certificates.models import CertificateBatch
from certificates.services import run_batch, start_batch
from evaluations.demo import evaluated_training
from events.choices import CompanySize, StakeholderType
from participants import links
from participants.checkin.services import check_in
from participants.models import (
    Question,
    QuestionKind,
    Registration,
    RegistrationSource,
    RegistrationStatus,
    ScanAction,
    ScanStatus,
)
from participants.registration.services import cancel, confirm_email, register

COMPANY, SME, LARGE = StakeholderType.COMPANY, CompanySize.SME, CompanySize.LARGE

# (organisation, stakeholder type, company size, sector)
ORGANISATIONS = [
    ("Specerijenhuis Van Rijn B.V.", COMPANY, SME, "specerijen"),
    ("Cacao Collectief Zaandam", COMPANY, SME, "cacao"),
    ("Notenbranderij Het Anker", COMPANY, SME, "noten"),
    ("Koffiebranderij De Molen", COMPANY, SME, "koffie"),
    ("Theehandel Oosterhuis", COMPANY, SME, "thee"),
    ("Chocolaterie Puur", COMPANY, SME, "cacao"),
    ("Fruitimport Westland B.V.", COMPANY, SME, "groente en fruit"),
    ("Biscuitfabriek Van Dam", COMPANY, SME, "bakkerij"),
    ("Rietsuikerhandel Zuid", COMPANY, SME, "suiker"),
    ("Royal Zoetwaren N.V.", COMPANY, LARGE, "zoetwaren"),
    ("Holland Groente & Fruit Groep", COMPANY, LARGE, "groente en fruit"),
    ("Meelfabriek Nederland", COMPANY, LARGE, "granen"),
    ("Zuivelcoöperatie Noorderland", COMPANY, LARGE, "zuivel"),
    ("Ministerie van Buitenlandse Zaken", StakeholderType.GOVERNMENT, "", ""),
    ("Rijksdienst voor Ondernemend Nederland", StakeholderType.GOVERNMENT, "", ""),
    ("Stichting Eerlijke Keten", StakeholderType.NGO, "", ""),
    ("Landrechten Nu", StakeholderType.NGO, "", ""),
    ("Vakbond Voeding & Werk", StakeholderType.TRADE_UNION, "", ""),
    ("Federatie Levensmiddelenindustrie", StakeholderType.SECTOR_ASSOCIATION, "", ""),
    ("Kenniscentrum Duurzame Ketens", StakeholderType.KNOWLEDGE_INSTITUTION, "", ""),
    ("Ketenadvies Bos", StakeholderType.OTHER, "", ""),
]
FIRST_NAMES = [
    "Anouk", "Bram", "Carlijn", "Daan", "Esther", "Floor", "Gert-Jan", "Hanneke", "Ingrid", "Jeroen",
    "Karin", "Lars", "Marieke", "Niels", "Oscar", "Petra", "Quinten", "Roos", "Sander", "Tamara",
    "Vera", "Wouter", "Yara", "Zeynep", "Mohammed", "Fatima", "Joost", "Lotte", "Ruben", "Sophie",
    "Thijs", "Eva", "Koen", "Noor", "Pieter", "Iris",
]  # fmt: skip
LAST_NAMES = [
    "de Jong", "Jansen", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
    "de Wit", "Dijkstra", "de Graaf", "van der Meer", "Yilmaz", "El Amrani", "Kramer", "Postma",
]  # fmt: skip
JOB_TITLES = {
    COMPANY: ["Inkoper", "Manager duurzaamheid", "Kwaliteitsmanager", "Directeur", "Category manager"],
    StakeholderType.GOVERNMENT: ["Beleidsmedewerker IMVO", "Adviseur internationaal ondernemen"],
    StakeholderType.NGO: ["Programmamanager", "Campagneleider ketens"],
    StakeholderType.TRADE_UNION: ["Bestuurder internationale solidariteit"],
    StakeholderType.SECTOR_ASSOCIATION: ["Beleidsadviseur duurzaamheid"],
    StakeholderType.KNOWLEDGE_INSTITUTION: ["Onderzoeker"],
    StakeholderType.OTHER: ["Zelfstandig adviseur"],
}


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str
    organisation: str
    stakeholder_type: str
    company_size: str
    sector: str
    job_title: str

    @property
    def email(self):
        local = f"{self.first_name}.{self.last_name}".lower().replace(" ", "").replace("'", "")
        domain = "".join(c for c in self.organisation.lower() if c.isalnum())[:24]
        return f"{local}@{domain}.example"

    def details(self):
        return {
            "email": self.email,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "stakeholder_type": self.stakeholder_type,
            "company_size": self.company_size,
            "sector": self.sector,
            "organisation": self.organisation,
            "job_title": self.job_title,
            "language": "nl",
        }


def people():
    """The demo's people: two or three per organisation, the same on every run and machine."""
    rng = random.Random("covenant-demo-people")
    names = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    pool = []
    for organisation, kind, size, sector in ORGANISATIONS:
        for _ in range(3 if kind == COMPANY else 2):
            first, last = names.pop()
            pool.append(Person(first, last, organisation, kind, size, sector, rng.choice(JOB_TITLES[kind])))
    return pool


PEOPLE = people()


def of_type(kind, size=""):
    return [p for p in PEOPLE if p.stakeholder_type == kind and (not size or p.company_size == size)]


def roadshow_group(rng):
    """Who registers for one roadshow: mostly companies, and every other stakeholder type."""
    group = rng.sample(of_type(COMPANY, SME), 7) + rng.sample(of_type(COMPANY, LARGE), 4)
    group += rng.sample(of_type(StakeholderType.GOVERNMENT), 2) + rng.sample(of_type(StakeholderType.NGO), 2)
    for kind in (StakeholderType.TRADE_UNION, StakeholderType.SECTOR_ASSOCIATION):
        group.append(rng.choice(of_type(kind)))
    group.append(rng.choice(of_type(rng.choice([StakeholderType.KNOWLEDGE_INSTITUTION, StakeholderType.OTHER]))))
    rng.shuffle(group)
    return group


def nevi_group(rng):
    """Who takes the NEVI course: buyers of companies, a civil servant, an association's adviser."""
    group = rng.sample(of_type(COMPANY), 16)
    group += [rng.choice(of_type(StakeholderType.GOVERNMENT)), rng.choice(of_type(StakeholderType.SECTOR_ASSOCIATION))]
    group += [rng.choice(of_type(StakeholderType.KNOWLEDGE_INSTITUTION)), rng.choice(of_type(StakeholderType.OTHER))]
    rng.shuffle(group)
    return group


class DemoHistoryError(RuntimeError):
    """A service refused what the demo asked of it: the demo and the services disagree."""


def _registration_moment(event, rng, now):
    """A moment inside the event's registration window, before ``now``."""
    opens = event.registration_opens_at or (event.starts_at - timedelta(days=60))
    closes = min(event.registration_closes_at or event.starts_at, now) - timedelta(hours=1)
    span = max(int((closes - opens).total_seconds()), 3600)
    return opens + timedelta(seconds=rng.randrange(span))


# The covenant's own question, asked of the companies at every roadshow (a default of the programme).
RAW_MATERIALS = [
    ("Specerijen", "Spices"),
    ("Palmolie", "Palm oil"),
    ("Soja", "Soy"),
    ("Kokos", "Coconut"),
    ("Cacao", "Cocoa"),
    ("Koffie", "Coffee"),
    ("Thee", "Tea"),
    ("Noten", "Nuts"),
]


def sourcing_question(event):
    """The roadshow programme's "Which of these raw materials does your company source?"."""
    question, _created = Question.objects.get_or_create(
        programme=event.get_parent().specific,
        text_nl="Welke van deze grondstoffen koopt uw bedrijf in?",
        defaults={
            "kind": QuestionKind.SEVERAL_CHOICES,
            "text_en": "Which of these raw materials does your company source?",
            "help_nl": "Zo kunnen we de voorbeelden in de training op uw keten afstemmen.",
            "help_en": "So that the examples in the training fit your supply chain.",
            "choices_nl": "\n".join(nl for nl, _en in RAW_MATERIALS),
            "choices_en": "\n".join(en for _nl, en in RAW_MATERIALS),
            "stakeholder_types": [COMPANY],
        },
    )
    return question


def demo_answers(questions, person, rng):
    """A company's answer to the raw-materials question: two to four of them, the same on every machine."""
    answers = {}
    for question in questions:
        if question.asks(person.stakeholder_type) and question.kind == QuestionKind.SEVERAL_CHOICES:
            chosen = sorted(rng.sample(range(len(question.choices())), rng.randint(2, 4)))
            answers[question] = [dict(zip(("nl", "en"), question.choices()[i], strict=True)) for i in chosen]
    return answers


def register_people(event, group, rng, now, questions=()):
    """Register ``group`` through the public form's service, each confirming their address soon after."""
    registrations = []
    answers_rng = random.Random(f"covenant-demo-answers-{event.slug}")  # its own: the other figures stay as they were
    for person in group:
        moment = _registration_moment(event, rng, now)
        outcome = register(
            event=event,
            details=person.details(),
            answers=demo_answers(questions, person, answers_rng),
            source=RegistrationSource.WEB,
            now=moment,
        )
        confirmed_at = moment + timedelta(minutes=rng.randint(2, 90))
        registration = confirm_email(registration=outcome.registration, now=confirmed_at)
        registrations.append(registration)
    return registrations


def scan(*, user, session, registration, rng):
    """Check ``registration`` in at the door of a session that has taken place, as the phone recorded it.

    The scanner queues a scan made without network with the phone's time (``scanned_at``); that is
    how a scan of weeks ago reaches ``check_in`` here.
    """
    moment = session.starts_at + timedelta(minutes=rng.randint(-20, 25))
    result = check_in(
        user=user, session_id=session.pk, registration_id=registration.pk, scanned_at=moment, action=ScanAction.SCAN
    )
    if result.status != ScanStatus.OK:
        raise DemoHistoryError(f"check-in of the demo refused ({result.status}): {result.message}")


def past_training(*, event, organiser, secretariat, now):
    """A training that took place: registrations, a cancellation, check-ins (some no-shows, some who
    came on day 1 only) and, once it is over, its certificate batch."""
    if Registration.objects.filter(event=event).exists():
        return
    rng = random.Random(f"covenant-demo-{event.slug}")
    registrations = register_people(event, roadshow_group(rng), rng, now, questions=[sourcing_question(event)])
    cancelled = registrations.pop(rng.randrange(len(registrations)))
    cancel(registration=cancelled, by_participant=True, now=event.starts_at - timedelta(days=rng.randint(2, 10)))
    sessions = list(event.sessions.order_by("starts_at"))
    present = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    # The first two never came (the report's no-shows); the next two came on day 1 only.
    for number, registration in enumerate(present[2:]):
        for session in sessions[:1] if number < 2 else sessions:
            if session.ends_at <= now:
                scan(user=organiser, session=session, registration=registration, rng=rng)
    if event.ends_at <= now and not CertificateBatch.objects.filter(event=event).exists():
        batch = start_batch(event=event, user=secretariat, enqueue=False)
        run_batch(batch.pk)
    evaluated_training(event, now)  # most of those who came answered its evaluation


def course_half_done(*, event, organiser, now):
    """The NEVI course: its first modules have taken place, with fewer people each time."""
    if Registration.objects.filter(event=event).exists():
        return []
    rng = random.Random(f"covenant-demo-{event.slug}")
    registrations = register_people(event, nevi_group(rng), rng, now)
    present = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    today = timezone.localdate(now)  # today's module is the newcomer's to scan
    done = [s for s in event.sessions.order_by("starts_at") if timezone.localdate(s.ends_at) < today]
    for number, session in enumerate(done):
        for registration in present[1 + number :]:  # one more absent each module
            scan(user=organiser, session=session, registration=registration, rng=rng)
    return registrations


def ticket_links(registrations, count=3):
    """The private links (QR ticket) of the first ``count`` registrations, as the services give them.

    Only known when the registration is made: the link's secret is not read back from the database.
    """
    return [
        (registration.participant.full_name, links.url(registration) + "ticket/")
        for registration in registrations[:count]
    ]
