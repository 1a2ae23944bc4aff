"""Intervision test data: groups with a meeting series, members in a given state, cases."""

import datetime
import itertools
from datetime import time, timedelta

import time_machine
from django.utils import timezone

from events.choices import EventKind
from intervision import services
from intervision.models import Case, IntervisionGroup, Membership, MembershipStatus, OecdStep
from participants.models import Attendance, Registration
from tests.factories import ParticipantFactory, VenueFactory, make_programme, organiser

_counter = itertools.count(1)


def make_group(*, facilitator=None, programme=None, meetings=0, first_in_days=14, **fields):
    n = next(_counter)
    fields.setdefault("name", f"Intervisiegroep {n}")
    fields.setdefault("slug", f"intervisiegroep-{n}")
    fields.setdefault("theme", "Ketentransparantie")
    group = IntervisionGroup.objects.create(
        facilitator=facilitator or organiser(),
        programme=programme or make_programme(kind=EventKind.INTERVISION, title=f"MKB-intervisie {n}"),
        **fields,
    )
    if meetings:
        add_meetings(group, count=meetings, first_in_days=first_in_days)
    return group


def add_meetings(group, *, count, first_in_days=14, interval_weeks=6):
    return services.create_meeting_series(
        group=group,
        first_date=timezone.localdate() + timedelta(days=first_in_days),
        start_time=time(14, 0),
        end_time=time(16, 0),
        interval_weeks=interval_weeks,
        count=count,
        venue=VenueFactory(),
    )


def make_member(group, *, status=MembershipStatus.ACTIVE, participant=None):
    """A membership in ``status``; an active one went through the agreement, so it has registrations."""
    participant = participant or ParticipantFactory()
    initial = MembershipStatus.ACCEPTED if status == MembershipStatus.ACTIVE else status
    membership = Membership.objects.create(
        group=group,
        participant=participant,
        organisation=participant.organisation,
        status=initial,
        consent_at=timezone.now(),
    )
    if status == MembershipStatus.ACTIVE:
        membership = services.accept_agreement(membership=membership)
    return membership


def make_case(membership, meeting=None, **fields):
    meeting = meeting or membership.group.meetings.upcoming().first()
    fields.setdefault("title", f"Leverancier zwijgt {next(_counter)}")
    fields.setdefault("question", "Onze cacaoleverancier wil zijn eigen toeleveranciers niet noemen. Wat nu?")
    fields.setdefault("oecd_step", OecdStep.IDENTIFY)
    return Case.objects.create(membership=membership, meeting=meeting, **fields)


def make_year_group():
    """A group with three meetings in 2025 (20 January, 3 March, 14 April) and two members.

    Anna (English emails) attended the first and the third meeting; Bram attended none.
    """
    with time_machine.travel(datetime.datetime(2025, 1, 6, 9, 0, tzinfo=timezone.get_current_timezone())):
        group = make_group(name="Intervisiegroep Cacao", slug="cacao")
        add_meetings(group, count=3, first_in_days=14)
        anna = make_member(group, participant=ParticipantFactory(first_name="Anna", last_name="Jansen"))
        anna.language = "en"
        anna.save(update_fields=["language"])
        bram = make_member(group, participant=ParticipantFactory(first_name="Bram", last_name="Bakker"))
    meetings = list(group.meetings.select_related("event").order_by("number"))
    attend(anna, meetings[0], meetings[2])
    return group, meetings, anna, bram


def attend(membership, *meetings):
    for meeting in meetings:
        registration = Registration.objects.get(participant=membership.participant, event=meeting.event)
        already = Attendance.objects.counted().filter(session__page=meeting.event).values("registration")
        present = set(Registration.objects.filter(pk__in=already)) | {registration}
        services.record_attendance_list(meeting=meeting, present=present, by=membership.group.facilitator)
