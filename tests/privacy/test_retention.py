"""The retention policy: needs go a week after the event, people are anonymised after N months, the
figures stay the same, and running it twice changes nothing the second time."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from django_q.models import Schedule
from wagtail.models import ModelLogEntry

from events.choices import StakeholderType
from participants.models import Attendance, OutboxEmail, OutboxStatus, Participant, Registration
from participants.privacy.retention import apply_retention, months_before
from tests.factories import AttendanceFactory, ParticipantFactory, RegistrationFactory, make_event

pytestmark = pytest.mark.django_db


def figures():
    """What the secretariat's reports count: by participant, organisation and stakeholder type."""
    registrations = Registration.objects.all()
    attendance = Attendance.objects.counted()
    return {
        "registrations": dict(registrations.values_list("status").annotate(n=Count("pk")).order_by("status")),
        "by_type": dict(
            registrations.values_list("stakeholder_type").annotate(n=Count("pk")).order_by("stakeholder_type")
        ),
        "participants": registrations.values("participant_id").distinct().count(),
        "organisations": registrations.values("organisation_id").distinct().count(),
        "attended": attendance.values("registration__participant_id").distinct().count(),
        "attended_by_type": dict(
            attendance.values_list("registration__stakeholder_type")
            .annotate(n=Count("registration", distinct=True))
            .order_by("registration__stakeholder_type")
        ),
        "companies_by_size": dict(
            registrations.filter(stakeholder_type=StakeholderType.COMPANY)
            .values_list("company_size")
            .annotate(n=Count("pk"))
            .order_by("company_size")
        ),
    }


def event_days_ago(days):
    return make_event(start=timezone.now() - timedelta(days=days), days=2)


def test_needs_are_deleted_a_week_after_the_event_and_not_before():
    old = RegistrationFactory(event=event_days_ago(10), dietary_needs="Vegan", accessibility_needs="Rolstoel")
    recent = RegistrationFactory(event=event_days_ago(4), dietary_needs="Halal")
    coming = RegistrationFactory(dietary_needs="Glutenvrij")

    done = apply_retention()

    old.refresh_from_db()
    recent.refresh_from_db()
    coming.refresh_from_db()
    assert (old.dietary_needs, old.accessibility_needs) == ("", "")
    assert old.needs_deleted_at is not None
    assert recent.dietary_needs == "Halal" and recent.needs_deleted_at is None
    assert coming.dietary_needs == "Glutenvrij"
    assert done["needs_deleted"] == 1


def test_people_are_anonymised_months_after_their_last_event_keeping_the_figures():
    long_ago = event_days_ago(800)
    recent = event_days_ago(100)
    gone = ParticipantFactory(first_name="Anna", last_name="Jansen", email="Anna@Example.org", phone="0612345678")
    staying = ParticipantFactory(first_name="Bram")
    returning = ParticipantFactory(first_name="Cor")  # came long ago and again recently: kept
    registration = RegistrationFactory(participant=gone, event=long_ago, stakeholder_type=StakeholderType.NGO)
    AttendanceFactory(registration=registration)
    AttendanceFactory(registration=RegistrationFactory(participant=staying, event=recent))
    RegistrationFactory(participant=returning, event=long_ago)
    RegistrationFactory(participant=returning, event=recent, status="cancelled")
    OutboxEmail.objects.create(
        key="x",
        to=gone.email,
        registration=registration,
        subject="Bevestiging",
        body_text="Beste Anna",
        status=OutboxStatus.SENT,
    )
    old_token, old_code = registration.access_token, registration.checkin_code
    before = figures()

    done = apply_retention()

    assert done["participants_anonymised"] == 1
    assert figures() == before
    gone.refresh_from_db()
    assert gone.anonymised_at is not None
    assert (gone.first_name, gone.last_name, gone.phone, gone.job_title) == ("", "", "", "")
    assert "anna" not in gone.email.lower() and gone.email.endswith(".invalid")
    assert gone.organisation_id is not None
    registration.refresh_from_db()
    assert registration.access_token != old_token and registration.checkin_code != old_code
    assert registration.stakeholder_type == StakeholderType.NGO
    email = OutboxEmail.objects.get(key="x")
    assert "Anna" not in email.body_text and email.to == gone.email
    assert Participant.objects.get(pk=staying.pk).anonymised_at is None
    assert Participant.objects.get(pk=returning.pk).anonymised_at is None


def test_a_second_run_changes_nothing_and_the_first_is_in_the_audit_log():
    for _ in range(2):
        RegistrationFactory(event=event_days_ago(900), dietary_needs="Vegan")

    first = apply_retention()
    after_first = list(Participant.objects.values_list("email", "anonymised_at").order_by("pk"))
    second = apply_retention()

    assert first["participants_anonymised"] == 2 and first["needs_deleted"] == 2
    assert not any(second.values())
    assert list(Participant.objects.values_list("email", "anonymised_at").order_by("pk")) == after_first
    entries = ModelLogEntry.objects.filter(action="covenant.retention")
    assert entries.count() == 1
    assert entries.get().data["participants_anonymised"] == 2


def test_two_anonymised_people_keep_the_email_constraint():
    people = [RegistrationFactory(event=event_days_ago(900)).participant for _ in range(3)]
    apply_retention()
    emails = {p.email for p in Participant.objects.filter(pk__in=[p.pk for p in people])}
    assert len(emails) == 3


def test_someone_who_never_registered_is_anonymised_after_the_period():
    person = ParticipantFactory(created_at=timezone.now() - timedelta(days=800))
    newcomer = ParticipantFactory()
    apply_retention()
    assert Participant.objects.get(pk=person.pk).anonymised_at is not None
    assert Participant.objects.get(pk=newcomer.pk).anonymised_at is None


def test_sent_email_text_is_blanked_after_its_period():
    old = OutboxEmail.objects.create(
        key="old",
        to="a@example.org",
        subject="s",
        body_text="Beste A",
        status=OutboxStatus.SENT,
        sent_at=timezone.now() - timedelta(days=100),
    )
    new = OutboxEmail.objects.create(
        key="new",
        to="b@example.org",
        subject="s",
        body_text="Beste B",
        status=OutboxStatus.SENT,
        sent_at=timezone.now() - timedelta(days=2),
    )
    apply_retention()
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.body_text == "" and new.body_text == "Beste B"


def test_the_command_prints_what_it_did(capsys):
    RegistrationFactory(event=event_days_ago(10), dietary_needs="Vegan")
    call_command("apply_retention")
    out = capsys.readouterr().out
    assert "needs_deleted: 1" in out
    call_command("apply_retention")
    assert "needs_deleted: 0" in capsys.readouterr().out


def test_a_daily_schedule_runs_it():
    schedule = Schedule.objects.get(name="apply_retention")
    assert schedule.func == "participants.tasks.apply_retention_task"
    assert schedule.schedule_type == Schedule.DAILY and schedule.repeats == -1


def test_months_before_handles_month_ends():
    moment = timezone.now().replace(year=2026, month=3, day=31)
    assert months_before(moment, 1).date().isoformat() == "2026-02-28"
    assert months_before(moment, 24).date().isoformat() == "2024-03-31"


def test_the_privacy_statement_shows_the_periods_in_force(client, home, settings):
    from pages.models import SiteSettings, StandardPage

    statement = home.add_child(instance=StandardPage(title="Privacyverklaring", slug="privacy", body="<p>Wij.</p>"))
    site_settings = SiteSettings.for_site(home.get_site())
    site_settings.privacy_page = statement
    site_settings.save()
    settings.RETENTION = {**settings.RETENTION, "personal_data_months_after_last_event": 18}

    text = client.get(statement.url).content.decode()
    assert "18 maanden" in text and "7 dagen" in text


def test_emails_whose_task_was_lost_are_queued_again(django_capture_on_commit_callbacks, mailoutbox):
    from participants.mail.outbox import requeue_stale_emails

    lost = OutboxEmail.objects.create(
        key="lost",
        to="a@example.org",
        subject="Bevestiging",
        body_text="Hallo",
        created_at=timezone.now() - timedelta(minutes=30),
    )
    fresh = OutboxEmail.objects.create(key="fresh", to="b@example.org", subject="Nieuw", body_text="Hallo")

    requeue_stale_emails()

    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert lost.status == OutboxStatus.SENT and fresh.status == OutboxStatus.QUEUED
    assert [m.subject for m in mailoutbox] == ["Bevestiging"]


def test_failed_emails_and_old_task_results_go_after_the_period():
    from django_q.models import Task

    long_ago = timezone.now() - timedelta(days=100)
    failed = OutboxEmail.objects.create(
        key="failed", to="a@example.org", subject="Welkom A", body_text="Beste A", status=OutboxStatus.FAILED,
        attempts=8, last_error="550 a@example.org unknown",
    )  # fmt: skip
    OutboxEmail.objects.filter(pk=failed.pk).update(created_at=long_ago)
    sent = OutboxEmail.objects.create(
        key="sent", to="b@example.org", subject="Welkom B", body_text="Beste B", status=OutboxStatus.SENT,
        sent_at=long_ago,
    )  # fmt: skip
    Task.objects.create(id="old", name="email-x", func="f", started=long_ago, stopped=long_ago, success=False)
    now = timezone.now()
    Task.objects.create(id="new", name="email-y", func="f", started=now, stopped=now, success=True)
    done = apply_retention()
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.subject, failed.body_text, failed.last_error) == ("", "", "")
    assert sent.subject == "" and sent.body_text == ""
    assert list(Task.objects.values_list("id", flat=True)) == ["new"] and done["task_results_deleted"] == 1
