"""Messages to the people of an event: who gets one, in which language and with which text, that it
goes through the outbox once per person, and who may write one."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from participants.broadcast import services
from participants.broadcast.recipients import recipients
from participants.mail.outbox import send_email
from participants.models import Attendance, Message, MessageStatus, OutboxEmail, RegistrationStatus
from tests.factories import AttendanceFactory, ParticipantFactory, RegistrationFactory, organiser

from .checkin_helpers import add_organiser, sessions_of, today_event

pytestmark = pytest.mark.django_db

LOCMEM_SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"

TEXTS = {
    "subject_nl": "Praktische informatie {event}",
    "body_nl": "Beste {name},\n\nDe sessies:\n{sessions}\n\nUw inschrijving: {link}",
    "subject_en": "Practical information {event}",
    "body_en": "Dear {name},\n\nThe sessions:\n{sessions}\n\nYour registration: {link}",
}


def person(event, first, last, **fields):
    return RegistrationFactory(
        event=event,
        participant=ParticipantFactory(first_name=first, last_name=last, email=f"{first}@example.org"),
        **fields,
    )


@pytest.fixture
def event():
    return today_event(title="Roadshow Zwolle")


@pytest.fixture
def people(event):
    day1, day2 = sessions_of(event)
    anna = person(event, "Anna", "Bakker", language="nl")
    ben = person(event, "Ben", "Smith", language="en", stakeholder_type="ngo", company_size="")
    cor = person(event, "Cor", "Dekker", status=RegistrationStatus.WAITLISTED)
    AttendanceFactory(registration=anna, session=day1)
    AttendanceFactory(registration=anna, session=day2)
    AttendanceFactory(registration=ben, session=day1)
    for registration in (anna, ben):
        registration.refresh_from_db()
    return {"anna": anna, "ben": ben, "cor": cor, "day1": day1, "day2": day2}


def names(queryset):
    return [r.participant.first_name for r in queryset]


def test_recipients_by_status_type_and_attendance(event, people):
    assert names(recipients(event, {})) == ["Anna", "Cor", "Ben"]  # by last name
    assert names(recipients(event, {"statuses": ["confirmed"]})) == ["Anna", "Ben"]
    assert names(recipients(event, {"stakeholder_types": ["ngo"]})) == ["Ben"]
    assert names(recipients(event, {"company_sizes": ["sme"]})) == ["Anna", "Cor"]
    assert names(recipients(event, {"attendance": f"checked_in:{people['day2'].pk}"})) == ["Anna"]
    assert names(recipients(event, {"attendance": "not_checked_in"})) == ["Cor"]
    assert names(recipients(event, {"attendance": "completed"})) == ["Anna"]
    assert names(recipients(event, {"attendance": "not_completed"})) == ["Cor", "Ben"]
    assert names(recipients(event, {"registrations": [people["ben"].pk]})) == ["Ben"]


def test_an_undone_check_in_does_not_count(event, people):
    Attendance.objects.filter(registration=people["ben"]).update(undone_at=timezone.now())
    assert names(recipients(event, {"attendance": "not_checked_in"})) == ["Cor", "Ben"]


def test_each_recipient_gets_one_email_in_their_language_with_the_placeholders_filled(
    event, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = services.send(event=event, sender=None, texts=TEXTS, filters={"statuses": ["confirmed"]})
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED and sorted(message.recipients) == sorted(
        [people["anna"].pk, people["ben"].pk]
    )
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {"Anna@example.org", "Ben@example.org"}
    anna, ben = by_to["Anna@example.org"], by_to["Ben@example.org"]
    assert anna.subject == "Praktische informatie Roadshow Zwolle"
    assert "Beste Anna Bakker," in anna.body and "- Dag 1:" in anna.body and "/r/" in anna.body
    assert ben.subject == "Practical information Roadshow Zwolle"
    assert "Dear Ben Smith," in ben.body and "Your registration: http" in ben.body
    assert services.progress(message) == {"total": 2, "sent": 2, "failed": 0, "waiting": 0}


def test_queuing_twice_sends_once_and_a_mail_outage_is_retried(event, people, django_capture_on_commit_callbacks):
    with mock.patch("participants.mail.outbox.enqueue_send"):  # no worker: the emails wait in the outbox
        with django_capture_on_commit_callbacks(execute=True):
            message = services.send(event=event, sender=None, texts=TEXTS, filters={"statuses": ["confirmed"]})
        assert services.queue_message(message.pk) == 0  # a second run (a restarted worker) adds nothing
    emails = OutboxEmail.objects.filter(key__startswith=message.key_prefix)
    assert emails.count() == 2
    with mock.patch(LOCMEM_SEND, side_effect=OSError("mail server down")):
        for email in emails:
            with pytest.raises(OSError):
                send_email(email.pk)
    assert services.progress(message) == {"total": 2, "sent": 0, "failed": 2, "waiting": 0}
    for email in emails:
        assert send_email(email.pk)
    assert services.progress(message)["sent"] == 2 and len(mail.outbox) == 2


def test_a_scheduled_message_waits_for_its_moment(event, people):
    from django_q.models import Schedule

    later = timezone.now() + timedelta(days=1)
    message = services.send(event=event, sender=None, texts=TEXTS, filters={}, send_at=later)
    assert message.status == MessageStatus.SCHEDULED
    assert not OutboxEmail.objects.exists()
    schedule = Schedule.objects.get(name=f"message-{message.pk}")
    assert schedule.next_run == later and schedule.func == services.QUEUE_TASK
    # At its moment the filter chooses again: whoever registered since gets it too.
    dirk = person(event, "Dirk", "Laat")
    assert services.queue_message(int(schedule.args)) == 4
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED and dirk.pk in message.recipients


# The admin screens.


def organiser_client(event):
    client = Client()
    user = add_organiser(event, organiser(username="org", email="org@example.org"))
    client.force_login(user)
    return client, user


def form(**overrides):
    return {"statuses": ["confirmed"], **TEXTS, "subject_en": "", "body_en": "", **overrides}


def test_an_organiser_previews_tests_and_sends(event, people, django_capture_on_commit_callbacks):
    client, user = organiser_client(event)
    url = reverse("participants_message_new", args=[event.pk])
    assert client.get(url).status_code == 200
    preview = client.post(url, {**form(), "action": "preview"})
    page = preview.content.decode()
    assert "Dit bericht gaat naar 2 mensen." in page
    assert "Praktische informatie Roadshow Zwolle" in page and "Beste Anna Bakker" in page
    assert not OutboxEmail.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**form(), "action": "test"})
    (test,) = mail.outbox
    assert test.to == ["org@example.org"] and test.subject.startswith("[TEST] Praktische informatie")
    assert not Message.objects.exists()

    # The count on the page is what was confirmed: someone registering meanwhile asks again.
    person(event, "Dirk", "Nieuw")
    again = client.post(url, {**form(), "action": "send", "count": "2"})
    assert not Message.objects.exists() and "Dit bericht gaat naar 3 mensen." in again.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**form(), "action": "send", "count": "3"})
    message = Message.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("participants_message", args=[message.pk])
    assert message.sender == user and message.filters == {"statuses": ["confirmed"]}
    assert len(mail.outbox) == 4
    detail = client.get(response["Location"]).content.decode()
    assert 'id="progress-sent">3<' in detail
    listing = client.get(reverse("participants_messages", args=[event.pk])).content.decode()
    assert "Praktische informatie {event}" in listing

    from wagtail.models import PageLogEntry

    entry = PageLogEntry.objects.get(page=event, action="covenant.message")
    assert entry.data["recipients"] == 3 and entry.user == user


def test_a_bad_placeholder_or_half_an_english_text_is_refused_with_a_message(event, people):
    client, _user = organiser_client(event)
    url = reverse("participants_message_new", args=[event.pk])
    response = client.post(url, {**form(body_nl="Hallo {naam}"), "action": "send", "count": "2"})
    page = response.content.decode()
    assert response.status_code == 200 and "{naam}" in page and not Message.objects.exists()
    response = client.post(url, {**form(subject_en="Only a subject"), "action": "preview"})
    assert response.status_code == 200 and "Engelse" in response.content.decode()


def test_another_events_organiser_sees_nothing(event, people):
    other = today_event(title="Andere roadshow")
    stranger = add_organiser(other, organiser(username="stranger"))
    message = services.send(event=event, sender=None, texts=TEXTS, filters={})
    client = Client()
    client.force_login(stranger)
    for url in (
        reverse("participants_messages", args=[event.pk]),
        reverse("participants_message_new", args=[event.pk]),
        reverse("participants_message", args=[message.pk]),
    ):
        assert client.get(url).status_code == 404
    assert (
        client.post(reverse("participants_message_new", args=[event.pk]), {**form(), "action": "send"}).status_code
        == 404
    )
    assert Message.objects.count() == 1
