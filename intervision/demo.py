"""Demo content for intervision, called by ``seed_demo``: the demo's intervision meetings become a
group's meetings, facilitated by the demo organiser, with five members, one case and a published
learning. The group has met twice: its members were registered and the facilitator ticked the
attendance list, and they have their proofs of participation. Safe to run again."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from events.choices import CompanySize, EventKind, StakeholderType
from events.models import EventPage, ProgrammePage
from participants.models import Organisation, Participant, Registration, RegistrationSource
from participants.registration.services import register

from . import services
from .models import Case, IntervisionGroup, Learning, Meeting, Membership, MembershipStatus, OecdStep

# Members who applied through the group's page and were accepted by the facilitator.
MEMBERS = [
    ("Jeroen", "Postma", "Cacaobranderij Noord B.V.", "cacao", "Inkoper"),
    ("Hanneke", "Dijkstra", "Specerijenmaalderij Friesland", "specerijen", "Manager duurzaamheid"),
    ("Mohammed", "El Amrani", "Dadelimport Zwolle", "gedroogd fruit", "Directeur"),
    ("Lotte", "Kramer", "Notenhandel Kramer", "noten", "Kwaliteitsmanager"),
]


def _member_details(first, last, organisation, sector, job_title):
    domain = "".join(c for c in organisation.lower() if c.isalnum())[:24]
    return {
        "email": f"{first}.{last}".lower().replace(" ", "") + f"@{domain}.example",
        "first_name": first,
        "last_name": last,
        "organisation": organisation,
        "sector": sector,
        "job_title": job_title,
        "stakeholder_type": StakeholderType.COMPANY,
        "company_size": CompanySize.SME,
        "language": "nl",
    }


def _members(group, facilitator):
    """Apply, accept and sign the agreement for each demo member who is not in the group yet."""
    for first, last, organisation, sector, job_title in MEMBERS:
        details = _member_details(first, last, organisation, sector, job_title)
        if group.memberships.filter(participant__email=details["email"]).exists():
            continue
        membership = services.apply(group=group, details=details)
        services.accept(membership=membership, by=facilitator)
        services.accept_agreement(membership=membership)


def _past_meetings(group, facilitator, now):
    """The meetings that took place: members registered, the attendance list ticked (one absent each time)."""
    members = list(
        group.memberships.filter(status=MembershipStatus.ACTIVE).select_related("participant", "organisation")
    )
    past = list(group.meetings.filter(event__starts_at__lt=now).select_related("event").order_by("event__starts_at"))
    for number, meeting in enumerate(past):
        if Registration.objects.filter(event=meeting.event).exists():
            continue
        registrations = []
        for membership in members:
            person = membership.participant
            details = {
                "email": person.email,
                "first_name": person.first_name,
                "last_name": person.last_name,
                "organisation": membership.organisation.name if membership.organisation else "",
                "sector": membership.sector,
                "job_title": membership.job_title,
                "stakeholder_type": StakeholderType.COMPANY,
                "company_size": CompanySize.SME,
                "language": membership.language,
            }
            # The group existed before this site: the facilitator added its members to the first meetings.
            outcome = register(event=meeting.event, details=details, source=RegistrationSource.ADMIN)
            registrations.append(outcome.registration)
        absent = registrations[number % len(registrations)] if registrations else None
        present = [r for r in registrations if r is not absent]
        services.record_attendance_list(meeting=meeting, present=present, by=facilitator)
    for year in sorted({timezone.localtime(meeting.event.starts_at).year for meeting in past}):
        services.issue_year_certificates(group=group, year=year, by=facilitator)


def seed_demo_group():
    programme = ProgrammePage.objects.filter(kind=EventKind.INTERVISION).first()
    if programme is None:
        return None
    facilitator = get_user_model().objects.filter(username="organisator").first()
    group, _created = IntervisionGroup.objects.get_or_create(
        slug="noord",
        defaults={
            "name": "Intervisiegroep Noord",
            "theme": "Transparantie in de keten van specerijen en cacao",
            "description": "Zes bijeenkomsten per jaar in Zwolle, volgens de incidentmethode.",
            "facilitator": facilitator,
            "programme": programme,
        },
    )
    events = EventPage.objects.child_of(programme).filter(kind=EventKind.INTERVISION).order_by("starts_at")
    for number, event in enumerate(events, start=1):
        if not Meeting.objects.filter(event=event).exists():
            Meeting.objects.create(group=group, event=event, number=number)
    organisation, _ = Organisation.objects.get_or_create(
        normalised_name="kruidenhandel de vries", defaults={"name": "Kruidenhandel De Vries B.V."}
    )
    participant, _ = Participant.objects.get_or_create(
        email="anna@kruidenhandel.example",
        defaults={"first_name": "Anna", "last_name": "de Vries", "organisation": organisation, "job_title": "Inkoper"},
    )
    membership = Membership.objects.filter(group=group, participant=participant).first()
    if membership is None:
        membership = Membership.objects.create(
            group=group,
            participant=participant,
            organisation=organisation,
            job_title="Inkoper",
            status=MembershipStatus.ACCEPTED,
            consent_at=timezone.now(),
            sector="specerijen",
        )
        services.accept_agreement(membership=membership)
    _members(group, facilitator)
    _past_meetings(group, facilitator, timezone.now())
    meeting = group.meetings.upcoming().first()
    if meeting and not Case.objects.filter(membership=membership).exists():
        Case.objects.create(
            membership=membership,
            meeting=meeting,
            title="Leverancier noemt zijn toeleveranciers niet",
            question="Onze peperleverancier zegt niet bij wie hij inkoopt. Hoe brengen we de keten toch in beeld?",
            oecd_step=OecdStep.IDENTIFY,
        )
    if not group.learnings.exists():
        Learning.objects.create(
            group=group,
            title="Begin bij de grootste risico's",
            oecd_step=OecdStep.IDENTIFY,
            commodity="cacao",
            text="Leden maakten eerst een heatmap van hun grondstoffen en landen, en vroegen pas daarna "
            "leveranciers om informatie over de risicovolste ketens. Dat maakte het gesprek concreet.",
            published=True,
            created_by=facilitator,
        )
    return group
