"""The facilitator's admin screens, and who may see what there: cases stay with the group's facilitator."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import get_commands
from django.urls import reverse
from django.utils.html import escape

from intervision.models import Case, Learning, MembershipStatus, OecdStep
from participants.models import Attendance, AttendanceMethod, Registration
from tests.factories import UserFactory, VenueFactory, organiser, secretariat

from .factories import make_case, make_group, make_member

pytestmark = pytest.mark.django_db

SECRET_QUESTION = "Onze leverancier in Ivoorkust gebruikt mogelijk kinderarbeid"


@pytest.fixture
def two_groups():
    group, other = make_group(meetings=2), make_group(meetings=1)
    case = make_case(make_member(group), title="Casus cacaoketen", question=SECRET_QUESTION)
    other_case = make_case(make_member(other), title="Casus andere groep", question="Vraag van de andere groep")
    return group, other, case, other_case


def test_the_facilitator_accepts_an_application_in_the_admin(client, django_capture_on_commit_callbacks):
    group = make_group()
    applicant = make_member(group, status=MembershipStatus.APPLIED)
    client.force_login(group.facilitator)
    listing = client.get(reverse("intervision_memberships:index"))
    assert escape(applicant.participant.last_name) in listing.text  # "van 't Erve" has an apostrophe
    accept_url = reverse("intervision_memberships:accept", args=[applicant.pk])
    assert accept_url in listing.text
    assert client.get(accept_url).status_code == 200
    applicant.refresh_from_db()
    assert applicant.status == MembershipStatus.APPLIED, "a GET changes nothing"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(accept_url)
    applicant.refresh_from_db()
    assert applicant.status == MembershipStatus.ACCEPTED
    assert mail.outbox[-1].to == [applicant.participant.email]


def test_a_facilitator_cannot_see_or_decide_another_groups_applications(client):
    group, other = make_group(), make_group()
    applicant = make_member(other, status=MembershipStatus.APPLIED)
    client.force_login(group.facilitator)
    assert applicant.participant.last_name not in client.get(reverse("intervision_memberships:index")).text
    assert client.post(reverse("intervision_memberships:accept", args=[applicant.pk])).status_code == 404
    assert client.get(reverse("intervision_memberships:inspect", args=[applicant.pk])).status_code == 404
    applicant.refresh_from_db()
    assert applicant.status == MembershipStatus.APPLIED


def test_accepting_into_a_full_group_says_why(client):
    group = make_group(max_size=1)
    make_member(group)
    waiting = make_member(group, status=MembershipStatus.WAITLISTED)
    client.force_login(group.facilitator)
    response = client.post(reverse("intervision_memberships:accept", args=[waiting.pk]), follow=True)
    assert "De groep is vol" in response.text
    waiting.refresh_from_db()
    assert waiting.status == MembershipStatus.WAITLISTED


def test_the_facilitator_sees_only_their_own_groups_cases(client, two_groups):
    group, _other, case, other_case = two_groups
    client.force_login(group.facilitator)
    listing = client.get(reverse("intervision_cases:index"))
    assert case.title in listing.text and other_case.title not in listing.text
    assert SECRET_QUESTION in client.get(reverse("intervision_cases:inspect", args=[case.pk])).text
    assert client.get(reverse("intervision_cases:inspect", args=[other_case.pk])).status_code == 404
    page = client.get(reverse("intervision_meeting_cases", args=[case.meeting.pk]))
    assert SECRET_QUESTION in page.text
    assert client.get(reverse("intervision_meeting_cases", args=[other_case.meeting.pk])).status_code == 404


@pytest.mark.parametrize("who", ["secretariat", "superuser", "other organiser"])
def test_nobody_but_the_facilitator_reads_a_case_in_the_admin(client, two_groups, who):
    _group, _other, case, _other_case = two_groups
    user = {
        "secretariat": secretariat,
        "superuser": lambda: UserFactory(is_superuser=True, is_staff=True),
        "other organiser": organiser,
    }[who]()
    client.force_login(user)
    urls = [
        reverse("intervision_cases:index"),
        reverse("intervision_cases:inspect", args=[case.pk]),
        reverse("intervision_cases:history", args=[case.pk]),
        reverse("intervision_cases:usage", args=[case.pk]),
        reverse("intervision_cases:edit", args=[case.pk]),
        reverse("intervision_meeting_cases", args=[case.meeting.pk]),
        reverse("intervision_meetings:index"),
        reverse("intervision_memberships:index"),
        reverse("intervision_learnings:index"),
        reverse("wagtailadmin_home"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404)
        assert case.title not in response.text and SECRET_QUESTION not in response.text, url


def test_cases_never_appear_in_exports(client, two_groups):
    group, _other, case, _other_case = two_groups
    Learning.objects.create(group=group, title="Les", text="Geanonimiseerd", oecd_step=OecdStep.IDENTIFY)
    for user in (group.facilitator, secretariat(), UserFactory(is_superuser=True, is_staff=True)):
        client.force_login(user)
        for name in ("intervision_memberships", "intervision_learnings", "intervision_meetings"):
            for fmt in ("csv", "xlsx"):
                response = client.get(reverse(f"{name}:index"), {"export": fmt})
                body = b"".join(response.streaming_content) if response.streaming else response.content
                assert SECRET_QUESTION.encode() not in body and case.title.encode() not in body
        # And the case listing has no export at all.
        response = client.get(reverse("intervision_cases:index"), {"export": "csv"})
        assert response.get("Content-Type", "").startswith("text/html")


@pytest.mark.skipif("attendance_report" not in get_commands(), reason="the statistics report has not landed yet")
def test_cases_never_appear_in_the_attendance_report(two_groups, tmp_path, capsys):
    from django.core.management import call_command

    _group, _other, case, _other_case = two_groups
    call_command("attendance_report", "--format", "json")
    out = capsys.readouterr().out
    assert SECRET_QUESTION not in out and case.title not in out


def test_the_facilitator_chooses_case_holders_from_the_rotation_proposal(client):
    group = make_group(meetings=2, cases_per_meeting=1)
    veteran, newcomer = make_member(group), make_member(group)
    first, second = group.meetings.all()
    services_case = make_case(veteran, first)
    Case.objects.filter(pk=services_case.pk).update(selected_at=first.event.starts_at)
    old, new = make_case(veteran, second, title="Tweede casus veteraan"), make_case(newcomer, second, title="Nieuw")
    client.force_login(group.facilitator)
    page = client.get(reverse("intervision_meeting_cases", args=[second.pk]))
    # The newcomer has never presented, so the proposal ticks their case.
    assert f'value="{new.pk}" id="case-{new.pk}" checked' in page.text
    assert f'value="{old.pk}" id="case-{old.pk}" checked' not in page.text
    client.post(reverse("intervision_meeting_cases", args=[second.pk]), {"case_holders": "1", "case": [new.pk]})
    new.refresh_from_db(), old.refresh_from_db()
    assert new.is_selected and not old.is_selected


def test_the_facilitator_ticks_the_attendance_list_on_the_day(client):
    group = make_group(meetings=1)
    member = make_member(group)
    meeting = group.meetings.get()
    registration = Registration.objects.get(participant=member.participant)
    client.force_login(group.facilitator)
    url = reverse("intervision_meeting_cases", args=[meeting.pk])
    response = client.post(url, {"attendance": "1", "present": [registration.pk]}, follow=True)
    assert "vanaf de dag van de bijeenkomst" in response.text
    assert not Attendance.objects.exists()
    with time_machine.travel(meeting.event.starts_at + timedelta(hours=1)):
        client.force_login(group.facilitator)
        client.post(url, {"attendance": "1", "present": [registration.pk]})
    attendance = Attendance.objects.get()
    assert attendance.method == AttendanceMethod.LIST and attendance.registration == registration


def test_a_meeting_series_is_created_from_the_admin(client):
    group = make_group()
    user = group.facilitator
    client.force_login(user)
    venue = VenueFactory()
    url = reverse("intervision_groups:series", args=[group.pk])
    assert client.get(url).status_code == 200
    from django.utils import timezone

    first = timezone.localdate() + timedelta(days=20)
    data = {
        "programme": group.programme.pk,
        "first_date": first.isoformat(),
        "start_time": "14:00",
        "end_time": "16:00",
        "interval_weeks": 6,
        "count": 5,
        "venue": venue.pk,
    }
    response = client.post(url, {**data, "end_time": "13:00"})
    assert "Een bijeenkomst moet eindigen na het begin" in response.text
    assert not group.meetings.exists()
    client.post(url, data)
    assert group.meetings.count() == 5


def test_learnings_the_facilitator_writes_and_the_secretariat_publishes(client):
    group = make_group(meetings=1)
    facilitator = group.facilitator
    client.force_login(facilitator)
    add = client.get(reverse("intervision_learnings:add"))
    assert 'name="published"' not in add.text, "a facilitator cannot publish"
    other = make_group()
    assert other.name not in add.text
    client.post(
        reverse("intervision_learnings:add"),
        {
            "group": group.pk,
            "title": "Begin klein",
            "text": "Kies eerst een grondstof.",
            "oecd_step": "identify",
            "commodity": "cacao",
        },
    )
    learning = Learning.objects.get()
    assert learning.created_by == facilitator and not learning.published

    client.force_login(secretariat())
    edit_url = reverse("intervision_learnings:edit", args=[learning.pk])
    form = client.get(edit_url)
    assert 'name="published"' in form.text
    client.post(
        edit_url,
        {
            "group": group.pk,
            "title": learning.title,
            "text": learning.text,
            "oecd_step": "identify",
            "commodity": "cacao",
            "published": "on",
        },
    )
    learning.refresh_from_db()
    assert learning.published and learning.published_at
    assert "Begin klein" in client.get(reverse("intervision:learnings")).text


def test_the_secretariat_sets_up_a_group_and_the_facilitator_creates_its_meetings(client):
    group = make_group()
    client.force_login(secretariat())
    add = client.get(reverse("intervision_groups:add"))
    assert add.status_code == 200
    response = client.post(
        reverse("intervision_groups:add"),
        {
            "name": "Groep Oost",
            "slug": "best-practices",
            "theme": "Soja",
            "method": "balint",
            "min_size": 4,
            "max_size": 8,
            "cases_per_meeting": 2,
            "agreement": "Wat hier gezegd wordt, blijft hier.",
            "language": "nl",
            "accepts_applications": "on",
        },
    )
    assert "Dit webadres is al in gebruik" in response.text

    client.force_login(group.facilitator)
    listing = client.get(reverse("intervision_groups:index"))
    assert reverse("intervision_groups:series", args=[group.pk]) in listing.text
    # Wagtail answers "permission denied" with a redirect to the dashboard and a message.
    refused = client.get(reverse("intervision_groups:edit", args=[group.pk]))
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    other = make_group()
    refused = client.get(reverse("intervision_groups:series", args=[other.pk]))
    assert refused.status_code in (302, 403) and "<form" not in refused.text
