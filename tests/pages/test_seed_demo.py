"""seed_demo: the covenant's programme as demo content, the same after a second run."""

import re
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate, CertificateBatch
from evaluations.models import Evaluation
from events.choices import AttendanceRule, EventKind, StakeholderType
from events.models import EventPage, EventSession, ProgrammePage, SeatQuota, Venue
from intervision.models import IntervisionGroup, Membership
from pages.models import EventIndexPage, SiteSettings, StandardPage
from participants.models import Attendance, OutboxEmail, Participant, Registration, RegistrationStatus, ScanLog
from participants.reports import ReportFilters, build_report
from participants.reports.answers import answer_tables

pytestmark = pytest.mark.django_db

TICKET = re.compile(r"^  (?P<name>.+): (?P<url>http://\S+/r/\S+/ticket/)$", re.MULTILINE)


def counts():
    models = (
        *(ProgrammePage, EventPage, EventSession, SeatQuota, Venue, EventIndexPage, StandardPage),
        *(Participant, Registration, Attendance, ScanLog, OutboxEmail, Certificate, CertificateBatch, Membership),
    )
    return {model.__name__: model.objects.count() for model in models} | {
        "revisions": sum(p.revisions.count() for p in EventPage.objects.all())
    }


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """Seed once for the module (seeding takes seconds) as `make run` does, with DEBUG on; each test
    runs in a savepoint inside it. Yields what the command printed."""
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(DEBUG=True):
        out = StringIO()
        call_command("seed_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, db):
    return seeded_once


def user(username):
    return get_user_model().objects.get(username=username)


@override_settings(DEBUG=True)
def test_seed_demo_is_idempotent(seeded):
    first = counts()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert counts() == first
    assert first["Registration"] > 50 and first["Attendance"] > 50 and first["Certificate"] > 20
    assert "Login created" not in out.getvalue() and "/ticket/" not in out.getvalue()


def test_the_statistics_have_real_figures_for_every_stakeholder_type(seeded):
    report = build_report(ReportFilters())
    assert report["participations"] > 40 and report["completed"] > 20
    assert 0 < report["no_show_rate"] < 0.5
    assert report["registrations"]["cancelled"] >= 3
    for kind in StakeholderType:
        assert report["by_stakeholder_type"][kind.value]["registered"] > 0, kind
    assert report["by_stakeholder_type"]["company"]["attended"] > 20
    assert report["companies_by_size"]["sme"] > 0 and report["companies_by_size"]["large"] > 0
    assert {row["title"] for row in report["by_programme"] if row["participations"]} >= {
        "Due Diligence Roadshow",
        "MKB-intervisie",
        "NEVI-training IMVO en inkoop",
    }


def test_past_roadshows_had_no_shows_day_one_only_and_certificates(seeded):
    past = EventPage.objects.filter(kind=EventKind.ROADSHOW, ends_at__lt=timezone.now())
    assert past.count() == 3
    for event in past:
        confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        assert set(confirmed.values_list("sessions_checked_in", flat=True)) == {0, 1, 2}
        assert Registration.objects.filter(event=event, status=RegistrationStatus.CANCELLED).count() == 1
        certificates = Certificate.objects.filter(registration__event=event)
        assert certificates.count() == confirmed.filter(sessions_checked_in=2).count() > 0
    # The trainings ahead are still open, with nobody registered yet.
    assert not Registration.objects.filter(event__kind=EventKind.ROADSHOW, event__starts_at__gt=timezone.now()).exists()


def test_the_intervision_group_met_twice_and_the_nevi_course_is_half_done(seeded):
    group = IntervisionGroup.objects.get(slug="noord")
    met = [m for m in group.meetings.order_by("number") if Attendance.objects.filter(session__page=m.event).exists()]
    assert len(met) == 2 and all(m.event.ends_at < timezone.now() for m in met)
    assert group.memberships.count() == 5
    assert Certificate.objects.filter(year__isnull=False).count() == 5  # everyone came at least once
    nevi = EventPage.objects.get(kind=EventKind.NEVI)
    sessions = list(nevi.sessions.order_by("starts_at"))
    checked_in = [Attendance.objects.filter(session=s).count() for s in sessions]
    assert checked_in[0] > checked_in[1] > 0 and checked_in[2:] == [0, 0]
    assert timezone.localdate(sessions[2].starts_at) == timezone.localdate()  # module 3 is today


def test_the_organiser_can_scan_todays_session_with_the_printed_tickets(seeded, client):
    tickets = TICKET.findall(seeded)
    assert len(tickets) == 3
    name, url = tickets[0]
    ticket = client.get(url.removeprefix("http://127.0.0.1:8000"))
    assert ticket.status_code == 200 and name in ticket.content.decode()
    client.force_login(user("organisator"))
    index = client.get(reverse("participants:checkin"))
    assert index.status_code == 200
    today = EventSession.objects.get(page__kind=EventKind.NEVI, starts_at__date=timezone.localdate())
    assert reverse("participants:checkin_scanner", args=[today.pk]) in index.content.decode()
    assert client.get(reverse("participants:checkin_scanner", args=[today.pk])).status_code == 200


def test_the_secretariat_sees_figures_charts_certificates_and_their_verification(seeded, client):
    cache.clear()  # the dashboard keeps its report for minutes: not one of an earlier test's database
    client.force_login(user("secretariaat"))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "attendance-statistics" in dashboard
    assert dashboard.count("/statistics/chart/") >= 3 and "Nog geen gegevens" not in dashboard
    statistics = client.get(reverse("participants_statistics:index"))
    assert statistics.context["report"]["participations"] > 40
    for name in ("month", "stakeholder", "programme"):
        svg = client.get(reverse("participants_statistics:chart", args=[name, "svg"])).content.decode()
        assert 'id="ytick_1"' in svg and "Nog geen gegevens" not in svg, name
    certificate = Certificate.objects.filter(registration__event__kind=EventKind.ROADSHOW).first()
    verified = client.get(reverse("certificates:verify", args=[certificate.code]), {"format": "json"}).json()
    assert verified["status"] == "valid" and verified["name"] == certificate.holder_name
    listing = client.get(reverse("certificate_admin:index")).content.decode()
    assert certificate.code in listing


def test_roadshow_has_six_two_day_trainings_in_different_cities(seeded):
    roadshow = ProgrammePage.objects.get(slug="due-diligence-roadshow")
    events = EventPage.objects.live().child_of(roadshow).select_related("venue")
    assert len(events) == 6
    assert len({e.venue.city for e in events}) == 6
    for event in events:
        assert event.kind == EventKind.ROADSHOW
        days = {s.starts_at.date() for s in event.sessions.all()}
        assert len(days) == 2
        assert event.attendance_rule == AttendanceRule.ALL_SESSIONS


def test_the_four_programmes(seeded):
    kinds = Counter(EventPage.objects.live().values_list("kind", flat=True))
    assert kinds[EventKind.INTERVISION] >= 1
    nevi = EventPage.objects.get(kind=EventKind.NEVI)
    assert nevi.title == "IMVO en inkoop"
    assert nevi.sessions.count() >= 3 and nevi.attendance_rule == AttendanceRule.AT_LEAST
    assert nevi.pe_points
    expert = EventPage.objects.filter(kind=EventKind.EXPERT).select_related("venue", "region")
    assert {e.venue.country for e in expert if e.venue} == {"Ghana", "Kenya", "Colombia"}
    assert all(e.language == "en" for e in expert)
    # Each in its own zone at local office hours; the Asian one online only.
    zones = {e.time_zone: e for e in expert}
    assert set(zones) == {"Africa/Accra", "Africa/Nairobi", "Asia/Ho_Chi_Minh", "America/Bogota"}
    assert all(e.local(s.starts_at).hour == 9 for e in expert for s in e.sessions.all())
    assert zones["Asia/Ho_Chi_Minh"].is_online
    assert {e.region.name_en for e in expert} == {"West Africa", "East Africa", "Asia", "Latin America"}
    assert EventPage.objects.get(slug="roadshow-utrecht").region.name_en == "the Netherlands"


def test_listing_privacy_page_and_demo_logins_with_debug_on(seeded, client):
    assert EventIndexPage.objects.get().url == "/agenda/"
    assert SiteSettings.objects.get().privacy_page.slug == "privacy"
    admin = authenticate(username="admin", password="admin")
    assert admin is not None and admin.is_superuser
    for username, group in [("organisator", "Organisers"), ("secretariaat", "Secretariat"), ("redacteur", "Editors")]:
        user = authenticate(username=username, password=username)
        assert user is not None and user.groups.filter(name=group).exists()


def test_seeded_pages_render(seeded, client):
    urls = ["/", "/agenda/", *[p.url for p in ProgrammePage.objects.all()], *[e.url for e in EventPage.objects.all()]]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_seed_demo_does_not_reset_a_changed_password(seeded):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="admin")
    admin.set_password("een-ander-wachtwoord")
    admin.save()
    call_command("seed_demo", stdout=StringIO())
    assert authenticate(username="admin", password="een-ander-wachtwoord") is not None


@override_settings(DEBUG=False)
def test_without_debug_new_demo_users_get_random_passwords_printed_once(seeded):
    get_user_model().objects.filter(username__in=["admin", "organisator", "secretariaat", "redacteur"]).delete()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    printed = dict(re.findall(r"^Login created: (\S+) / (\S+)$", out.getvalue(), re.MULTILINE))
    assert set(printed) == {"admin", "organisator", "secretariaat", "redacteur"}
    for username, password in printed.items():
        assert password != username and len(password) >= 16
        assert authenticate(username=username, password=username) is None
        assert authenticate(username=username, password=password) is not None
    assert authenticate(username="admin", password="admin") is None


@override_settings(DEBUG=False)
def test_without_debug_a_weak_admin_password_is_refused(seeded):
    get_user_model().objects.filter(username="admin").delete()
    with pytest.raises(CommandError, match="admin-password"):
        call_command("seed_demo", "--admin-password", "admin", stdout=StringIO())


def test_past_roadshows_asked_the_companies_which_raw_materials_they_source(seeded, client):
    past = EventPage.objects.filter(kind=EventKind.ROADSHOW, ends_at__lt=timezone.now()).first()
    tables = answer_tables(past, "en")
    assert [table.question.text("en") for table in tables] == ["Which of these raw materials does your company source?"]
    companies = Registration.objects.filter(event=past, stakeholder_type=StakeholderType.COMPANY)
    assert tables[0].answered == companies.exclude(status=RegistrationStatus.CANCELLED).count() > 0
    assert sum(count for _label, count in tables[0].rows) >= 2 * tables[0].answered
    # The question is the programme's: the trainings ahead ask it in their form too.
    ahead = EventPage.objects.filter(kind=EventKind.ROADSHOW, starts_at__gt=timezone.now()).first()
    assert "Welke van deze grondstoffen koopt uw bedrijf in?" in client.get(ahead.url).content.decode()


def test_past_roadshows_were_evaluated(seeded):
    report = build_report(ReportFilters(kind="roadshow"))
    evaluations = report["evaluations"]
    assert Evaluation.objects.filter(event__kind="roadshow").count() == evaluations["evaluations"] > 0
    assert 0 < evaluations["responses"] < evaluations["asked"]
    assert evaluations["recommendation"]["answers"] == evaluations["responses"]
    assert "out of 10 by" in report["headline"]["en"]


def test_the_demand_report_has_requests_from_several_regions(seeded, client):
    client.force_login(get_user_model().objects.get(username="secretariaat"))
    page = client.get("/admin/demand/").content.decode()
    assert "Groningen" in page and "Eindhoven" in page
