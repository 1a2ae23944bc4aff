from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from events.choices import EventStatus
from events.models import EventPage, EventSession
from participants.invites.services import send_due_reminders, sync_registration_calendar
from participants.models import CalendarInvite, Registration, RegistrationStatus
from participants.signals import registration_cancelled, registration_confirmed
from tests.factories import RegistrationFactory, VenueFactory, make_event
from tests.ical import calendars_of, check_itip, parse

pytestmark = pytest.mark.django_db

ORGANISER = "roadshow@example.org"


@pytest.fixture
def event():
    return make_event(title="Roadshow Utrecht", organiser_email=ORGANISER, venue=VenueFactory(), days=2)


def confirm(registration, capture):
    with capture(execute=True):
        registration_confirmed.send(sender=Registration, registration=registration)


def publish(event, capture, **changes):
    """Publish the event the way the admin does: a new revision with the changed sessions, then publish."""
    page = EventPage.objects.get(pk=event.pk)
    sessions = changes.pop("sessions", None)
    for name, value in changes.items():
        setattr(page, name, value)
    if sessions is not None:
        page.sessions = sessions
    with capture(execute=True):
        page.save_revision().publish()
    return page


def sessions_of(event):
    return list(EventSession.objects.filter(page=event).order_by("starts_at"))


def sent_to(registration):
    return [m for m in mail.outbox if m.to == [registration.participant.email]]


def test_confirmation_sends_one_itip_invite_per_session(event, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(event=event)
    confirm(registration, django_capture_on_commit_callbacks)

    calendars = calendars_of(sent_to(registration))
    assert len(calendars) == 2
    history = check_itip(calendars, attendee=registration.participant.email, organizer=ORGANISER)
    assert set(history) == {str(s.ical_uid) for s in sessions_of(event)}
    for _method, cal, _mime in calendars:
        vevent = cal.walk("VEVENT")[0]
        # The invite lands on calendar servers: the private link is in the email only.
        assert registration.access_token not in cal.to_ical().decode().replace("\r\n ", "")
        assert "Stationsplein 1" in str(vevent["LOCATION"])
        assert str(vevent["URL"]).endswith(event.url)
        attendee = vevent["ATTENDEE"]
        assert attendee.params["RSVP"] == "FALSE" and attendee.params["CN"] == registration.participant.full_name
        assert vevent["DTSTART"].params["TZID"] == "Europe/Amsterdam"


def test_invite_carries_the_online_link_and_the_email_the_private_link(django_capture_on_commit_callbacks):
    event = make_event(title="Webinar", online_url="https://meet.example.org/room-42", days=1)
    registration = RegistrationFactory(event=event)
    confirm(registration, django_capture_on_commit_callbacks)
    (message,) = sent_to(registration)
    ((_method, cal, _mime),) = calendars_of([message])
    vevent = cal.walk("VEVENT")[0]
    assert "https://meet.example.org/room-42" in str(vevent["DESCRIPTION"])
    assert "https://meet.example.org/room-42" in str(vevent["LOCATION"])
    assert registration.access_token not in cal.to_ical().decode().replace("\r\n ", "")
    assert f"/r/{registration.access_token}/" in message.body


def test_a_new_online_link_is_sent_to_those_invited(django_capture_on_commit_callbacks):
    event = make_event(title="Webinar", online_url="https://meet.example.org/room-1", days=1)
    registration = RegistrationFactory(event=event)
    confirm(registration, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    publish(event, django_capture_on_commit_callbacks, online_url="https://meet.example.org/room-2")
    ((method, cal, _mime),) = calendars_of(sent_to(registration))
    assert method == "REQUEST"
    assert "room-2" in str(cal.walk("VEVENT")[0]["DESCRIPTION"])


def test_invite_email_has_the_mime_structure_outlook_and_gmail_expect(event, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(event=event)
    confirm(registration, django_capture_on_commit_callbacks)

    mime = sent_to(registration)[0].message()
    assert mime.get_content_type() == "multipart/mixed"
    alternative, attachment = mime.get_payload()
    assert alternative.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in alternative.get_payload()] == ["text/plain", "text/html", "text/calendar"]
    calendar_part = alternative.get_payload()[2]
    assert calendar_part.get_param("method") == "REQUEST"
    assert calendar_part.get_content_charset() == "utf-8"
    assert calendar_part.get_content_disposition() is None
    assert calendar_part["Content-Transfer-Encoding"] in {"7bit", "base64"}
    assert attachment.get_content_disposition() == "attachment"
    assert attachment.get_content_type() == "application/ics"
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_param("method") == "REQUEST"
    assert attachment.get_payload(decode=True).decode() == calendar_part.get_content().replace("\n", "\r\n")
    assert mime["Subject"] == "Uitnodiging: Roadshow Utrecht: Day 1"


def test_organiser_falls_back_to_the_sites_sender(django_capture_on_commit_callbacks):
    registration = RegistrationFactory(event=make_event(days=1))
    confirm(registration, django_capture_on_commit_callbacks)
    sender = settings.DEFAULT_FROM_EMAIL.split("<")[1].rstrip(">")
    check_itip(calendars_of(sent_to(registration)), attendee=registration.participant.email, organizer=sender)


def test_confirming_twice_sends_the_invites_once(event, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(event=event)
    confirm(registration, django_capture_on_commit_callbacks)
    confirm(registration, django_capture_on_commit_callbacks)
    assert len(sent_to(registration)) == 2


def test_publishing_without_visible_change_sends_nothing(event, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(event=event)
    confirm(registration, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    publish(event, django_capture_on_commit_callbacks, capacity=40, release_unused_quotas=True)
    assert mail.outbox == []


def test_changes_send_updates_with_the_same_uids_and_a_cancel_for_a_removed_session(
    event, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(event=event)
    other = RegistrationFactory(event=event)
    cancelled = RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    confirm(registration, django_capture_on_commit_callbacks)
    day1, day2 = sessions_of(event)

    # Day 2 moves an hour: only day 2 is sent again, to everyone confirmed.
    day2.starts_at += timedelta(hours=1)
    day2.ends_at += timedelta(hours=1)
    publish(event, django_capture_on_commit_callbacks, sessions=[day1, day2])
    # A third day is added.
    day3 = EventSession(
        title="Day 3", starts_at=day2.starts_at + timedelta(days=1), ends_at=day2.ends_at + timedelta(days=1)
    )
    publish(event, django_capture_on_commit_callbacks, sessions=[*sessions_of(event), day3])
    # Day 1 is removed.
    publish(event, django_capture_on_commit_callbacks, sessions=sessions_of(event)[1:])

    history = check_itip(
        calendars_of(sent_to(registration)), attendee=registration.participant.email, organizer=ORGANISER
    )
    day3_uid = str(EventSession.objects.get(page=event, title="Day 3").ical_uid)
    assert [m for m, _s in history[str(day1.ical_uid)]] == ["REQUEST", "CANCEL"]
    assert [m for m, _s in history[str(day2.ical_uid)]] == ["REQUEST", "REQUEST"]
    assert [m for m, _s in history[day3_uid]] == ["REQUEST"]
    assert "Gewijzigd: Roadshow Utrecht: Day 2" in [m.subject for m in sent_to(registration)]
    # The other confirmed participant had no invites yet: the first publish sends them all sessions.
    other_history = check_itip(calendars_of(sent_to(other)), attendee=other.participant.email, organizer=ORGANISER)
    assert [m for m, _s in other_history[str(day1.ical_uid)]] == ["REQUEST", "CANCEL"]
    assert [m for m, _s in other_history[str(day2.ical_uid)]] == ["REQUEST"]
    assert sent_to(cancelled) == []
    # The public feed carries the raised SEQUENCE too.
    assert EventSession.objects.get(pk=day2.pk).ical_sequence == history[str(day2.ical_uid)][-1][1]


def test_cancelling_the_event_withdraws_every_session(event, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(event=event)
    confirm(registration, django_capture_on_commit_callbacks)
    publish(event, django_capture_on_commit_callbacks, status=EventStatus.CANCELLED)
    # The registration flow may also cancel each registration: nothing is sent twice.
    registration.status = RegistrationStatus.CANCELLED
    registration.save()
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancelled.send(sender=Registration, registration=registration, by_participant=False)

    history = check_itip(
        calendars_of(sent_to(registration)), attendee=registration.participant.email, organizer=ORGANISER
    )
    assert all([m for m, _s in steps] == ["REQUEST", "CANCEL"] for steps in history.values())
    assert len(history) == 2
    assert any("geannuleerd" in m.body for m in sent_to(registration))
    assert "Geannuleerd: Roadshow Utrecht: Day 1" in [m.subject for m in sent_to(registration)]


def test_participant_cancellation_sends_cancel_and_a_new_registration_gets_a_higher_sequence(
    event, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(event=event)
    confirm(registration, django_capture_on_commit_callbacks)
    Registration.objects.filter(pk=registration.pk).update(status=RegistrationStatus.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancelled.send(sender=Registration, registration=registration, by_participant=True)
    again = RegistrationFactory(event=event, participant=registration.participant)
    confirm(again, django_capture_on_commit_callbacks)

    history = check_itip(
        calendars_of(sent_to(registration)), attendee=registration.participant.email, organizer=ORGANISER
    )
    assert all([m for m, _s in steps] == ["REQUEST", "CANCEL", "REQUEST"] for steps in history.values())
    assert not CalendarInvite.objects.filter(registration=registration, cancelled=False).exists()


def test_text_with_commas_semicolons_newlines_emoji_and_long_lines_survives(django_capture_on_commit_callbacks):
    title = "Due diligence, stap 1; beleid 🌍 " + "heel lang " * 12
    event = make_event(title=title, summary="Regel één, met; tekens\nRegel twee 🎉 " + "x" * 200, days=1)
    registration = RegistrationFactory(event=event)
    confirm(registration, django_capture_on_commit_callbacks)
    _method, cal, _mime = calendars_of(sent_to(registration))[0]  # parse() checked folding and both parsers
    vevent = cal.walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == f"{title}: Day 1"
    assert str(vevent["DESCRIPTION"]).startswith("Regel één, met; tekens\nRegel twee 🎉 xxx")


def test_reminder_is_sent_once_with_the_calendar(django_capture_on_commit_callbacks):
    soon = make_event(start=timezone.now() + timedelta(days=2), days=2)
    later = make_event(start=timezone.now() + timedelta(days=20))
    due = RegistrationFactory(event=soon)
    not_due = RegistrationFactory(event=later)
    waiting = RegistrationFactory(event=soon, status=RegistrationStatus.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders() == 0

    assert sent_to(not_due) == [] and sent_to(waiting) == []
    (reminder,) = sent_to(due)
    assert reminder.subject == f"Herinnering: {soon.title}"
    mime = reminder.message()
    files = [p for p in mime.walk() if p.get_filename() == "calendar.ics"]
    assert len(files) == 1 and files[0].get_content_type() == "text/calendar"
    cal = parse(files[0].get_payload(decode=True).decode().replace("\n", "\r\n"))
    assert str(cal["METHOD"]) == "PUBLISH"
    assert len(cal.walk("VEVENT")) == 2
    assert f"/r/{due.access_token}/" in reminder.body
    due.refresh_from_db()
    assert due.reminder_sent_at is not None


def test_reminder_schedule_exists_once():
    from django_q.models import Schedule

    schedules = Schedule.objects.filter(func="participants.tasks.send_due_reminders_task")
    assert schedules.count() == 1
    assert schedules.get().schedule_type == Schedule.HOURLY


def test_anonymised_participant_gets_nothing(event, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(event=event)
    registration.participant.email = ""
    registration.participant.save()
    assert sync_registration_calendar(registration.pk) == 0


def test_unpublishing_sends_nothing_and_takes_the_event_out_of_public_feeds(
    event, client, django_capture_on_commit_callbacks
):
    """Unpublishing takes the page off the site; it calls nothing off (the event's status does that)."""
    registration = RegistrationFactory(event=event)
    confirm(registration, django_capture_on_commit_callbacks)
    feed_url = event.url + "calendar.ics"
    assert "Roadshow Utrecht" in client.get("/calendar.ics").text
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        EventPage.objects.get(pk=event.pk).unpublish()

    assert mail.outbox == []
    assert "BEGIN:VEVENT" not in client.get("/calendar.ics").text
    assert client.get(feed_url).status_code == 404
    # Those registered keep their calendar: the file below their private link, and invites for a
    # registration confirmed meanwhile (an organiser's approval, the waiting list).
    own = client.get(f"/r/{registration.access_token}/calendar.ics")
    assert own.status_code == 200 and len(parse(own.content).walk("VEVENT")) == 2
    later = RegistrationFactory(event=event)
    confirm(later, django_capture_on_commit_callbacks)
    assert len(calendars_of(sent_to(later))) == 2
    assert sent_to(registration) == []

    # Published again unchanged: nothing is sent, and the event is back in the feeds.
    with django_capture_on_commit_callbacks(execute=True):
        EventPage.objects.get(pk=event.pk).save_revision().publish()
    assert sent_to(registration) == [] and len(sent_to(later)) == 2
    assert client.get(feed_url).status_code == 200


def test_unpublished_event_still_gets_its_reminder(django_capture_on_commit_callbacks):
    event = make_event(start=timezone.now() + timedelta(days=2), days=1)
    registration = RegistrationFactory(event=event)
    EventPage.objects.get(pk=event.pk).unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders() == 1
    assert [m.subject for m in sent_to(registration)] == [f"Herinnering: {event.title}"]
