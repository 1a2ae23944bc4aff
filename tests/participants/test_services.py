"""The registration rules: seats, quotas, windows, SME-only intervision, duplicates, holds, waiting list."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.choices import EventKind
from participants.models import Organisation, Participant, Registration, RegistrationSource, RegistrationStatus
from participants.registration.services import (
    RegistrationError,
    approve,
    cancel,
    confirm_email,
    promote,
    promote_waiting_list,
    register,
    release_expired_holds,
    waiting_place,
)
from participants.signals import registration_cancelled, registration_confirmed
from tests.factories import make_event

from .conftest import details

pytestmark = pytest.mark.django_db


@pytest.fixture
def signals():
    received = []

    def confirmed(sender, registration, **kwargs):
        received.append(("confirmed", registration.pk))

    def cancelled(sender, registration, by_participant, **kwargs):
        received.append(("cancelled", registration.pk, by_participant))

    registration_confirmed.connect(confirmed)
    registration_cancelled.connect(cancelled)
    yield received
    registration_confirmed.disconnect(confirmed)
    registration_cancelled.disconnect(cancelled)


def sent(captured):
    return [m.subject for m in mail.outbox]


def test_register_holds_a_seat_until_the_email_is_confirmed(django_capture_on_commit_callbacks, signals):
    event = make_event(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = register(event=event, details=details(email="Anna@Example.ORG"))
    registration = outcome.registration
    assert outcome.created
    assert registration.status == RegistrationStatus.PENDING
    assert registration.hold_expires_at > timezone.now() + timedelta(hours=23)
    assert registration.participant.email == "anna@example.org"
    assert mail.outbox[-1].to == ["anna@example.org"]
    assert "/registration/confirm/" in mail.outbox[-1].body
    assert signals == []

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = confirm_email(registration=registration)
    assert confirmed.status == RegistrationStatus.CONFIRMED
    assert signals == [("confirmed", registration.pk)]
    assert f"/r/{registration.access_token}/" in mail.outbox[-1].body
    # Twice is harmless: no second signal, no second email.
    count = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        confirm_email(registration=registration)
    assert len(mail.outbox) == count
    assert signals == [("confirmed", registration.pk)]


def test_one_person_across_events_and_organisations_matched_on_normalised_name():
    first, second = make_event(), make_event()
    register(event=first, details=details(email="jan@example.org", organisation="Unilever N.V."))
    register(event=second, details=details(email="JAN@example.org", organisation="unilever"))
    assert Participant.objects.count() == 1
    assert Organisation.objects.count() == 1
    assert Registration.objects.filter(participant__email="jan@example.org").count() == 2


def test_registering_twice_resends_the_link_instead_of_duplicating(django_capture_on_commit_callbacks):
    event = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        register(event=event, details=details())
        again = register(event=event, details=details(email="ANNA@example.org", first_name="Someone"))
        third = register(event=event, details=details())
    assert not again.created and not third.created
    assert Registration.objects.count() == 1
    # One confirmation email and one resend: a double submit within minutes sends one reminder.
    assert len(mail.outbox) == 2
    assert "al ingeschreven" in mail.outbox[1].body
    assert Participant.objects.get().first_name == "Anna"


def test_a_cancelled_person_may_register_again():
    event = make_event()
    first = register(event=event, details=details()).registration
    cancel(registration=first, by_participant=True)
    second = register(event=event, details=details())
    assert second.created and second.registration.pk != first.pk


@pytest.mark.parametrize(
    ("fields", "state"),
    [
        ({"registration_opens_at": timezone.now() + timedelta(days=1)}, "not yet"),
        ({"registration_closes_at": timezone.now() - timedelta(minutes=1)}, "closed"),
        ({"status": "cancelled"}, "cancelled"),
    ],
)
def test_outside_the_window_nobody_registers(fields, state):
    event = make_event(**fields)
    with pytest.raises(RegistrationError) as error:
        register(event=event, details=details())
    assert error.value.code == "not_open"
    assert Registration.objects.count() == 0
    assert Participant.objects.count() == 0


def test_past_events_take_no_registrations():
    start = timezone.now() - timedelta(days=1)
    event = make_event(start=start)
    with pytest.raises(RegistrationError) as error:
        register(event=event, details=details())
    assert error.value.code == "not_open"


def test_an_organiser_may_add_someone_after_the_window_closed():
    event = make_event(registration_closes_at=timezone.now() - timedelta(days=1))
    outcome = register(event=event, details=details(), source=RegistrationSource.ADMIN)
    assert outcome.registration.status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize(
    ("kind", "size"),
    [("company", "large"), ("ngo", ""), ("government", ""), ("company", "")],
)
def test_intervision_is_for_sme_companies_only(kind, size):
    event = make_event(kind=EventKind.INTERVISION, capacity=8)
    with pytest.raises(RegistrationError) as error:
        register(event=event, details=details(stakeholder_type=kind, company_size=size))
    assert error.value.code in {"sme_only", "invalid"}
    assert Registration.objects.count() == 0


def test_an_sme_joins_an_intervision_group():
    event = make_event(kind=EventKind.INTERVISION, capacity=8)
    assert register(event=event, details=details()).registration.status == RegistrationStatus.PENDING


def test_quota_seats_stay_reserved_for_their_type_until_released():
    event = make_event(capacity=3, quotas=[("ngo", 2)])
    a = register(event=event, details=details(email="a@example.org")).registration
    b = register(event=event, details=details(email="b@example.org")).registration
    assert a.status == RegistrationStatus.PENDING
    # The third seat is reserved for NGOs: the second company waits.
    assert b.status == RegistrationStatus.WAITLISTED
    ngo = register(event=event, details=details(email="c@example.org", stakeholder_type="ngo")).registration
    assert ngo.status == RegistrationStatus.PENDING

    confirm_email(registration=b)  # only a confirmed address waits in the queue
    event.release_unused_quotas = True
    event.save_revision().publish()
    promoted = promote_waiting_list(event=event)
    assert [r.pk for r in promoted] == [b.pk]
    b.refresh_from_db()
    assert b.status == RegistrationStatus.CONFIRMED


def test_waiting_list_place_per_type_and_first_come_first_served(django_capture_on_commit_callbacks, signals):
    event = make_event(capacity=1)
    seat = register(event=event, details=details(email="seat@example.org")).registration
    confirm_email(registration=seat)
    first = register(event=event, details=details(email="first@example.org"))
    second = register(event=event, details=details(email="second@example.org"))
    ngo = register(event=event, details=details(email="ngo@example.org", stakeholder_type="ngo"))
    # No place before the address is confirmed; then in the order of confirmation, per type.
    assert (first.waiting_place, second.waiting_place, ngo.waiting_place) == (None, None, None)
    places = [waiting_place(confirm_email(registration=outcome.registration)) for outcome in (first, second, ngo)]
    assert places == [1, 2, 1]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel(registration=seat, by_participant=True)
    first_reg = Registration.objects.get(pk=first.registration.pk)
    # The first waiting person had confirmed their address: they are confirmed at once, and told.
    assert first_reg.status == RegistrationStatus.CONFIRMED
    assert Registration.objects.get(pk=second.registration.pk).status == RegistrationStatus.WAITLISTED
    assert ("cancelled", seat.pk, True) in signals
    assert ("confirmed", first_reg.pk) in signals
    assert sorted({m.to[0] for m in mail.outbox}) == ["first@example.org", "seat@example.org"]


def test_promoted_by_hand_without_a_confirmed_address_gets_a_new_hold():
    event = make_event(capacity=1)
    seat = register(event=event, details=details(email="seat@example.org"), source=RegistrationSource.ADMIN)
    waiting = register(event=event, details=details(email="wait@example.org")).registration
    cancel(registration=seat.registration, by_participant=False)
    assert promote_waiting_list(event=event) == []  # the queue holds confirmed addresses only
    promote(registration=waiting)  # an organiser's choice
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.PENDING
    assert waiting.hold_expires_at > timezone.now()


def test_expired_holds_are_released_and_the_waiting_list_promoted(django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    late = register(event=event, details=details(email="late@example.org")).registration
    waiting = register(event=event, details=details(email="wait@example.org")).registration
    confirm_email(registration=waiting)
    assert release_expired_holds() == 0
    with django_capture_on_commit_callbacks(execute=True):
        released = release_expired_holds(now=timezone.now() + timedelta(hours=25))
    assert released == 1
    late.refresh_from_db()
    waiting.refresh_from_db()
    assert late.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    with pytest.raises(RegistrationError) as error:
        confirm_email(registration=late)
    assert error.value.code == "lapsed"


def test_approval_by_hand(signals):
    event = make_event(requires_approval=True)
    registration = register(event=event, details=details()).registration
    registration = confirm_email(registration=registration)
    assert registration.status == RegistrationStatus.AWAITING_APPROVAL
    assert signals == []
    approve(registration=registration)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert signals == [("confirmed", registration.pk)]
    with pytest.raises(RegistrationError) as error:
        approve(registration=registration)
    assert error.value.code == "wrong_status"


def test_an_organiser_moves_someone_from_the_waiting_list_only_into_a_free_seat():
    event = make_event(capacity=1)
    register(event=event, details=details(email="seat@example.org"), source=RegistrationSource.ADMIN)
    waiting = register(event=event, details=details(email="wait@example.org"), source=RegistrationSource.ADMIN)
    with pytest.raises(RegistrationError) as error:
        promote(registration=waiting.registration)
    assert error.value.code == "full"
    event.capacity = 2
    event.save_revision().publish()
    promoted = promote(registration=waiting.registration)
    assert promoted.status == RegistrationStatus.CONFIRMED


def test_emails_are_in_the_participants_language(django_capture_on_commit_callbacks):
    event = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        register(event=event, details=details(email="en@example.org", language="en"))
        register(event=event, details=details(email="nl@example.org", language="nl"))
    english, dutch = mail.outbox
    assert english.subject.startswith("Confirm your registration")
    assert dutch.subject.startswith("Bevestig je inschrijving") or dutch.subject.startswith("Bevestig uw inschrijving")
    assert english.alternatives and "<a href" in english.alternatives[0][0]


def test_an_address_typed_for_a_full_event_joins_no_waiting_list_until_its_owner_confirms(
    django_capture_on_commit_callbacks,
):
    """Issue 13, row 11: a stranger cannot put someone on a waiting list (or take their place in it)."""
    event = make_event(capacity=1)
    first = register(event=event, details=details(email="eerste@example.org")).registration
    confirm_email(registration=first)
    with django_capture_on_commit_callbacks(execute=True):
        typed = register(event=event, details=details(email="iemand@example.org")).registration
    assert typed.status == RegistrationStatus.WAITLISTED and typed.waitlisted_at is None
    assert "confirm" in mail.outbox[-1].body.lower() or "bevestig" in mail.outbox[-1].body.lower()
    later = register(event=event, details=details(email="later@example.org")).registration
    confirm_email(registration=later)
    # A seat frees up: it goes to whoever confirmed, not to the address someone typed earlier.
    cancel(registration=Registration.objects.get(pk=first.pk), by_participant=True)
    promote_waiting_list(event=event)
    assert Registration.objects.get(pk=later.pk).status != RegistrationStatus.WAITLISTED
    assert Registration.objects.get(pk=typed.pk).status == RegistrationStatus.WAITLISTED


def test_confirming_joins_the_waiting_list_and_an_unconfirmed_address_lapses_with_the_hold():
    event = make_event(capacity=1)
    confirm_email(registration=register(event=event, details=details(email="eerste@example.org")).registration)
    owner = register(event=event, details=details(email="eigenaar@example.org")).registration
    stranger = register(event=event, details=details(email="vreemde@example.org")).registration
    joined = confirm_email(registration=owner)
    assert joined.waitlisted_at is not None and joined.hold_expires_at is None
    release_expired_holds(now=timezone.now() + timedelta(hours=49))
    assert Registration.objects.get(pk=stranger.pk).status == RegistrationStatus.CANCELLED
    assert Registration.objects.get(pk=owner.pk).status == RegistrationStatus.WAITLISTED
