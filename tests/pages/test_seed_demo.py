"""seed_demo: the covenant's programme as demo content, the same after a second run."""

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction

from events.choices import AttendanceRule, EventKind
from events.models import EventPage, EventSession, ProgrammePage, SeatQuota, Venue
from pages.models import EventIndexPage, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (ProgrammePage, EventPage, EventSession, SeatQuota, Venue, EventIndexPage, StandardPage)
    } | {"revisions": sum(p.revisions.count() for p in EventPage.objects.all())}


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """Seed once for the module (seeding takes seconds); each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, db):
    return None


def test_seed_demo_is_idempotent(seeded):
    first = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == first


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
    expert = EventPage.objects.filter(kind=EventKind.EXPERT).select_related("venue")
    assert {e.venue.country for e in expert} == {"Ghana", "Kenya", "Vietnam", "Colombia"}
    assert all(e.language == "en" for e in expert)


def test_listing_privacy_page_and_users(seeded, client):
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
