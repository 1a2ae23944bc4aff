from datetime import date, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from events.choices import EventKind
from events.models import EventPage
from intervision import services
from intervision.models import Case, Membership, MembershipStatus, OecdStep
from participants.models import (
    Attendance,
    AttendanceMethod,
    OutboxEmail,
    Participant,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)
from tests.factories import VenueFactory, organiser

from .factories import add_meetings, make_case, make_group, make_member

pytestmark = pytest.mark.django_db

SME = {
    "stakeholder_type": "company",
    "company_size": "sme",
    "first_name": "Anna",
    "last_name": "de Vries",
    "email": "anna@kruidenhandel.example",
    "organisation": "Kruidenhandel De Vries B.V.",
    "job_title": "Inkoper",
    "sector": "specerijen",
    "motivation": "",
    "language": "nl",
}


def test_an_sme_applies_and_applicant_and_facilitator_are_emailed(django_capture_on_commit_callbacks):
    group = make_group()
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.apply(group=group, details=SME)
    assert membership.status == MembershipStatus.APPLIED
    assert membership.organisation.name == "Kruidenhandel De Vries B.V."
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(["anna@kruidenhandel.example", group.facilitator.email])
    applicant_mail = next(m for m in mail.outbox if m.to == ["anna@kruidenhandel.example"])
    assert membership.token in applicant_mail.body


@pytest.mark.parametrize(
    ("changes", "code"),
    [({"company_size": "large"}, "large_company"), ({"stakeholder_type": "ngo", "company_size": ""}, "not_company")],
)
def test_only_sme_companies_can_apply_and_nothing_is_saved_otherwise(changes, code):
    group = make_group()
    with pytest.raises(services.IntervisionError) as error:
        services.apply(group=group, details={**SME, **changes})
    assert error.value.code == code
    assert not Membership.objects.exists()
    assert not Participant.objects.filter(email=SME["email"]).exists()


def test_a_full_group_puts_applicants_on_the_waiting_list():
    group = make_group(max_size=2)
    make_member(group)
    make_member(group, status=MembershipStatus.ACCEPTED)
    membership = services.apply(group=group, details=SME)
    assert membership.status == MembershipStatus.WAITLISTED


def test_applying_twice_keeps_one_application_and_sends_the_link_again():
    group = make_group()
    first = services.apply(group=group, details=SME)
    second = services.apply(group=group, details={**SME, "email": "ANNA@kruidenhandel.example", "first_name": "X"})
    assert first.pk == second.pk
    assert Membership.objects.count() == 1
    assert OutboxEmail.objects.filter(to__iexact=SME["email"]).count() == 2
    # A stranger typing someone's address cannot rename them.
    assert Participant.objects.get().first_name == "Anna"


def test_applying_again_and_again_sends_one_link_per_ten_minutes(time_machine):
    group = make_group()
    time_machine.move_to(timezone.now().replace(minute=1), tick=False)
    services.apply(group=group, details=SME)
    for _ in range(5):
        services.apply(group=group, details=SME)
    assert OutboxEmail.objects.filter(to=SME["email"]).count() == 2  # the application, and one resend
    time_machine.shift(timedelta(minutes=10))
    services.apply(group=group, details=SME)
    assert OutboxEmail.objects.filter(to=SME["email"]).count() == 3


def test_accepting_emails_the_agreement_link_and_a_full_group_refuses(django_capture_on_commit_callbacks):
    group = make_group(max_size=1)
    first = services.apply(group=group, details=SME)
    second = services.apply(group=group, details={**SME, "email": "piet@example.org"})
    facilitator = group.facilitator
    with django_capture_on_commit_callbacks(execute=True):
        services.accept(membership=first, by=facilitator)
    first.refresh_from_db()
    assert first.status == MembershipStatus.ACCEPTED
    assert first.decided_by == facilitator
    accepted_mail = mail.outbox[-1]
    assert accepted_mail.to == [SME["email"]]
    assert f"/intervision/m/{first.token}/" in accepted_mail.body

    with pytest.raises(services.IntervisionError) as error:
        services.accept(membership=second, by=facilitator)
    assert error.value.code == "full"
    with pytest.raises(services.IntervisionError) as error:
        services.accept(membership=first, by=facilitator)
    assert error.value.code == "decided"


def test_accepting_the_agreement_registers_for_every_future_meeting_with_signals(signals_sent):
    group = make_group(meetings=3)
    past = add_meetings(group, count=1, first_in_days=1)[0]
    membership = make_member(group, status=MembershipStatus.ACCEPTED)
    with time_machine.travel(past.event.starts_at + timedelta(hours=3)):
        services.accept_agreement(membership=membership)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    registrations = Registration.objects.filter(participant=membership.participant)
    assert registrations.count() == 3
    assert past.event.pk not in {r.event_id for r in registrations}
    assert {(r.status, r.source, r.stakeholder_type, r.company_size) for r in registrations} == {
        (RegistrationStatus.CONFIRMED, RegistrationSource.INTERVISION, "company", "sme")
    }
    assert sorted(r.pk for kind, r in signals_sent if kind == "confirmed") == sorted(r.pk for r in registrations)
    # Accepting twice (a double click) registers nobody twice.
    services.accept_agreement(membership=membership)
    assert registrations.count() == 3


def test_the_agreement_cannot_be_accepted_before_the_application_is():
    group = make_group(meetings=1)
    membership = make_member(group, status=MembershipStatus.APPLIED)
    with pytest.raises(services.IntervisionError):
        services.accept_agreement(membership=membership)
    assert not Registration.objects.exists()


def test_leaving_cancels_future_meetings_only(signals_sent):
    group = make_group(meetings=3)
    membership = make_member(group)
    first_meeting = group.meetings.first()
    with time_machine.travel(first_meeting.event.starts_at + timedelta(hours=3)):
        services.leave(membership=membership)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.LEFT
    statuses = dict(Registration.objects.filter(participant=membership.participant).values_list("event_id", "status"))
    assert statuses[first_meeting.event_id] == RegistrationStatus.CONFIRMED
    assert sorted(s for e, s in statuses.items() if e != first_meeting.event_id) == ["cancelled", "cancelled"]
    assert len([1 for kind, _ in signals_sent if kind == "cancelled"]) == 2
    with pytest.raises(services.IntervisionError):
        services.leave(membership=membership)


def test_a_meeting_series_is_created_as_event_pages_under_the_programme():
    group = make_group()
    member = make_member(group)
    venue = VenueFactory()
    # Spans the change to winter time: the local start time stays 14:00.
    meetings = services.create_meeting_series(
        group=group,
        first_date=date(2031, 9, 15),
        start_time=time(14, 0),
        end_time=time(16, 0),
        interval_weeks=6,
        count=4,
        venue=venue,
    )
    assert [m.number for m in meetings] == [1, 2, 3, 4]
    events = EventPage.objects.child_of(group.programme).order_by("starts_at")
    assert events.count() == 4
    starts = [timezone.localtime(e.starts_at) for e in events]
    assert [s.date() for s in starts] == [date(2031, 9, 15) + timedelta(weeks=6 * i) for i in range(4)]
    assert {(s.hour, s.minute) for s in starts} == {(14, 0)}
    event = events.first()
    assert event.kind == EventKind.INTERVISION and event.live and event.capacity == group.max_size
    assert list(event.organisers.all()) == [group.facilitator]
    assert Registration.objects.filter(participant=member.participant, status="confirmed").count() == 4
    # A second series continues the numbering.
    more = add_meetings(group, count=2, first_in_days=400)
    assert [m.number for m in more] == [5, 6]


def test_a_case_after_the_meeting_or_for_another_group_is_refused():
    group = make_group(meetings=2)
    other = make_group(meetings=1)
    membership = make_member(group)
    first, second = group.meetings.all()
    with time_machine.travel(first.event.starts_at + timedelta(minutes=5)):
        with pytest.raises(services.IntervisionError) as error:
            services.submit_case(
                membership=membership, meeting=first, title="Te laat", question="?", oecd_step=OecdStep.TRACK
            )
        assert error.value.code == "too_late"
        case = services.submit_case(
            membership=membership, meeting=second, title="Op tijd", question="?", oecd_step=OecdStep.TRACK
        )
    assert case.meeting == second
    with pytest.raises(services.IntervisionError) as error:
        services.submit_case(
            membership=membership, meeting=other.meetings.get(), title="x", question="?", oecd_step=OecdStep.TRACK
        )
    assert error.value.code == "not_found"
    assert list(Case.objects.values_list("title", flat=True)) == ["Op tijd"]


def test_a_waiting_applicant_cannot_submit_a_case():
    group = make_group(meetings=1)
    membership = make_member(group, status=MembershipStatus.WAITLISTED)
    with pytest.raises(services.IntervisionError) as error:
        services.submit_case(
            membership=membership, meeting=group.meetings.get(), title="x", question="?", oecd_step=OecdStep.TRACK
        )
    assert error.value.code == "not_member"


def test_the_facilitator_ticks_the_attendance_list():
    group = make_group(meetings=1)
    present, absent = make_member(group), make_member(group)
    meeting = group.meetings.get()
    registrations = {r.participant_id: r for r in Registration.objects.filter(event=meeting.event)}
    facilitator = group.facilitator
    services.record_attendance_list(meeting=meeting, present=[registrations[present.participant_id]], by=facilitator)
    attendance = Attendance.objects.counted().get()
    assert attendance.registration.participant == present.participant
    assert attendance.method == AttendanceMethod.LIST and attendance.checked_in_by == facilitator
    # Saving the list again does not count anyone twice; unticking undoes the check-in.
    services.record_attendance_list(meeting=meeting, present=[registrations[present.participant_id]], by=facilitator)
    assert Attendance.objects.counted().count() == 1
    services.record_attendance_list(meeting=meeting, present=[], by=facilitator)
    assert Attendance.objects.counted().count() == 0
    assert Attendance.objects.count() == 1
    assert absent.participant_id not in Attendance.objects.values_list("registration__participant", flat=True)


def test_choosing_case_holders_replaces_the_previous_choice():
    group = make_group(meetings=1)
    a, b = make_case(make_member(group)), make_case(make_member(group))
    services.select_case_holders(meeting=a.meeting, cases=[a], by=group.facilitator)
    services.select_case_holders(meeting=a.meeting, cases=[b], by=group.facilitator)
    a.refresh_from_db(), b.refresh_from_db()
    assert not a.is_selected and b.is_selected


def test_the_facilitator_is_the_only_admin_user_who_sees_a_case():
    group = make_group(meetings=1)
    case = make_case(make_member(group))
    assert list(Case.objects.visible_to(group.facilitator)) == [case]
    assert not Case.objects.visible_to(organiser()).exists()


def test_when_a_member_leaves_the_facilitator_hears_of_the_waiting_list(django_capture_on_commit_callbacks):
    group = make_group(max_size=1)
    member = make_member(group)
    make_member(group, status=MembershipStatus.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.leave(membership=member)
    assert mail.outbox[-1].to == [group.facilitator.email]
    assert "wachtlijst" in mail.outbox[-1].body
