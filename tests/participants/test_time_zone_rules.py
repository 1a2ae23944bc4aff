"""Rules about "the day" follow the event's zone: reminders, the report's months and regions, certificates."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.urls import reverse

from certificates.content import take_snapshot
from certificates.models import Certificate
from events.models import Region
from participants.invites.services import due_reminders, reminder_due_at, sync_registration_calendar
from participants.models import OutboxEmail
from participants.reports import ReportFilters, build_report
from tests.factories import AttendanceFactory, RegistrationFactory, make_event, make_programme, organiser

pytestmark = pytest.mark.django_db

BOGOTA = ZoneInfo("America/Bogota")
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
NEXT_YEAR = date.today().year + 1


@override_settings(REMINDER_DAYS_BEFORE=3, REMINDER_LOCAL_HOUR=10)
def test_reminder_goes_at_ten_in_the_events_own_zone():
    start = datetime(NEXT_YEAR, 3, 12, 9, 0, tzinfo=BOGOTA)
    event = make_event(time_zone="America/Bogota", sessions=[("Day 1", start, start + timedelta(hours=4))])
    registration = RegistrationFactory(event=event)
    assert reminder_due_at(event.starts_at, event.time_zone) == datetime(NEXT_YEAR, 3, 9, 10, 0, tzinfo=BOGOTA)
    # 03:00 in Bogotá (09:00 in Amsterdam) three days before: not yet.
    assert not due_reminders(datetime(NEXT_YEAR, 3, 9, 3, 0, tzinfo=BOGOTA)).filter(pk=registration.pk).exists()
    assert due_reminders(datetime(NEXT_YEAR, 3, 9, 10, 0, tzinfo=BOGOTA)).filter(pk=registration.pk).exists()


def _expert_event(title, zone, start, region_name):
    programme = make_programme(title="Local Expert Network", kind="expert")
    return make_event(
        programme=programme,
        title=title,
        time_zone=zone,
        region=Region.objects.get(name=region_name),
        sessions=[("Day 1", start, start + timedelta(hours=4))],
    )


def test_report_counts_months_in_the_events_zone_and_breaks_down_by_region():
    # 19:00 on 31 May in Bogotá is 1 June in Amsterdam: the report counts it in May, where it was held.
    bogota = _expert_event(
        "Bogotá", "America/Bogota", datetime(NEXT_YEAR, 5, 31, 19, 0, tzinfo=BOGOTA), "Latijns-Amerika"
    )
    hanoi = _expert_event("Ho Chi Minh City", "Asia/Ho_Chi_Minh", datetime(NEXT_YEAR, 6, 2, 9, 0, tzinfo=HANOI), "Azië")
    for event, people in ((bogota, 3), (hanoi, 2)):
        for _ in range(people):
            AttendanceFactory(registration=RegistrationFactory(event=event))
    report = build_report(ReportFilters(kind="expert", now=datetime(NEXT_YEAR + 1, 1, 1, tzinfo=UTC)))

    assert report["participations_by_month"] == [
        {"month": f"{NEXT_YEAR}-05", "participations": 3},
        {"month": f"{NEXT_YEAR}-06", "participations": 2},
    ]
    regions = {row["region"]: row for row in report["by_region"]}
    assert set(regions) == {"Latijns-Amerika", "Azië"}
    assert regions["Latijns-Amerika"]["experts_trained"] == 3
    assert regions["Azië"]["participations"] == 2
    by_event = {row["title"]: row for row in report["by_event"]}
    assert by_event["Bogotá"]["starts_at"] == f"{NEXT_YEAR}-05-31T19:00:00-05:00"
    assert by_event["Bogotá"]["time_zone"] == "America/Bogota"
    # In the covenant's words (regions in the order of the Region snippets).
    assert (
        "Vijf lokale risicobeoordelingsexperts getraind in twee regio's (Azië, Latijns-Amerika)."
        in (report["headline"]["nl"])
    )
    assert (
        "Five local risk-assessment experts trained in two regions (Asia, Latin America)." in report["headline"]["en"]
    )
    assert not any("planned" in sentence for sentence in report["headline"]["en"])


def test_the_headline_says_a_region_whose_training_is_still_to_come_is_planned():
    now = datetime(NEXT_YEAR, 7, 1, tzinfo=UTC)
    accra = _expert_event("Accra", "Africa/Accra", datetime(NEXT_YEAR, 3, 2, 9, 0, tzinfo=UTC), "West-Afrika")
    for _ in range(2):
        AttendanceFactory(registration=RegistrationFactory(event=accra))
    later = datetime(NEXT_YEAR, 9, 7, 9, 0, tzinfo=BOGOTA)
    RegistrationFactory(event=_expert_event("Bogotá", "America/Bogota", later, "Latijns-Amerika"))
    headline = build_report(ReportFilters(kind="expert", now=now))["headline"]

    assert "Two local risk-assessment experts trained in one region (West Africa)." in headline["en"]
    assert "A further region is planned (Latin America)." in headline["en"]
    assert "Nog een regio is gepland (Latijns-Amerika)." in headline["nl"]


def test_certificate_dates_are_the_local_days():
    # 20:00 on 31 May in Bogotá: the certificate says 31 May, not 1 June (Amsterdam's day).
    event = _expert_event(
        "Bogotá", "America/Bogota", datetime(NEXT_YEAR, 5, 31, 20, 0, tzinfo=BOGOTA), "Latijns-Amerika"
    )
    registration = RegistrationFactory(event=event)
    AttendanceFactory(registration=registration)
    certificate = take_snapshot(Certificate(), registration)
    assert certificate.first_date == certificate.last_date == date(NEXT_YEAR, 5, 31)


def test_invite_email_and_scanner_show_the_local_time_with_its_zone(client, django_capture_on_commit_callbacks):
    start = datetime(NEXT_YEAR, 3, 2, 9, 0, tzinfo=BOGOTA)
    event = _expert_event("Bogotá", "America/Bogota", start, "Latijns-Amerika")
    registration = RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=False):
        assert sync_registration_calendar(registration.pk) == 1
    (email,) = OutboxEmail.objects.filter(registration=registration)
    assert "09:00\u201313:00 (Bogotá, UTC\u22125)" in email.body_text
    assert "(Bogotá, UTC\u22125)" in email.body_html

    user = organiser()
    event.organisers.add(user)
    event.save_revision().publish()
    client.force_login(user)
    session = event.sessions.get()
    page = client.get(reverse("participants:checkin_scanner", args=[session.pk])).content.decode()
    assert "09:00 \u2013 13:00 (Bogotá, UTC\u22125)" in page
