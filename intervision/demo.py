"""Demo content for intervision, called by ``seed_demo``: the demo's intervision meetings become a
group's meetings, facilitated by the demo organiser, with one member, one case and a published
learning. Safe to run again."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from events.choices import EventKind
from events.models import EventPage, ProgrammePage
from participants.models import Organisation, Participant

from . import services
from .models import Case, IntervisionGroup, Learning, Meeting, Membership, MembershipStatus, OecdStep


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
