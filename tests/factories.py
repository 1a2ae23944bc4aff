"""Factories for the tests of every app. Pages are made with Wagtail's tree API (add_child)."""

import itertools
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from events.choices import EventKind, StakeholderType
from events.models import EventPage, EventSession, ProgrammePage, SeatQuota, Venue
from pages.models import HomePage
from participants.models import Attendance, Organisation, Participant, Registration, RegistrationStatus

_counter = itertools.count(1)


def home_page():
    return HomePage.objects.first()


def make_programme(*, title=None, kind=EventKind.ROADSHOW, parent=None, **fields):
    n = next(_counter)
    title = title or f"Programme {n}"
    programme = ProgrammePage(title=title, slug=fields.pop("slug", f"{slugify(title)}-{n}"), kind=kind, **fields)
    (parent or home_page()).add_child(instance=programme)
    return programme


def make_event(*, programme=None, title=None, sessions=None, quotas=(), start=None, days=2, publish=True, **fields):
    """An event with ``days`` day-long sessions from ``start`` (default: in 30 days), or the given
    ``sessions`` [(title, starts_at, ends_at)], and quotas [(stakeholder_type, seats)]."""
    n = next(_counter)
    programme = programme or make_programme()
    start = start or (timezone.now() + timedelta(days=30)).replace(hour=9, minute=0, second=0, microsecond=0)
    if sessions is None:
        sessions = [
            (f"Day {i + 1}", start + timedelta(days=i), start + timedelta(days=i, hours=7)) for i in range(days)
        ]
    title = title or f"Event {n}"
    fields.setdefault("capacity", 20)
    fields.setdefault("kind", programme.kind)
    event = EventPage(title=title, slug=fields.pop("slug", f"{slugify(title)}-{n}"), **fields)
    event.sessions = [EventSession(title=t, starts_at=s, ends_at=e) for t, s, e in sessions]
    event.quotas = [SeatQuota(stakeholder_type=k, seats=s) for k, s in quotas]
    programme.add_child(instance=event)
    if publish:
        event.save_revision().publish()
    else:
        event.live = False
        event.save()
    return EventPage.objects.get(pk=event.pk)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Venue {n}")
    street_address = "Stationsplein 1"
    postcode = "3511 AA"
    city = "Utrecht"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "password")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.groups.add(Group.objects.get(name=name))
        if create:
            self.save()


def organiser(**kwargs):
    return UserFactory(groups=["Organisers"], **kwargs)


def secretariat(**kwargs):
    return UserFactory(groups=["Secretariat"], **kwargs)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Voedselbedrijf {n} B.V.")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    job_title = "Inkoper"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.LazyFunction(make_event)
    participant = factory.SubFactory(ParticipantFactory)
    status = RegistrationStatus.CONFIRMED
    stakeholder_type = StakeholderType.COMPANY
    company_size = factory.LazyAttribute(lambda r: "sme" if r.stakeholder_type == StakeholderType.COMPANY else "")
    organisation = factory.LazyAttribute(lambda r: r.participant.organisation)
    confirmed_at = factory.LazyFunction(timezone.now)
    consent_at = factory.LazyFunction(timezone.now)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    registration = factory.SubFactory(RegistrationFactory)
    session = factory.LazyAttribute(lambda a: a.registration.event.sessions.order_by("starts_at").first())
