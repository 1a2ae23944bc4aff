"""POST /api/checkin/: every status of the contract, retries, bad input, permissions and the scan log."""

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participants.checkin.lists import code_hash
from participants.models import Attendance, AttendanceMethod, RegistrationStatus, ScanLog
from tests.factories import AttendanceFactory, RegistrationFactory, UserFactory, organiser, secretariat

from .checkin_helpers import add_organiser, sessions_of, today_event

pytestmark = pytest.mark.django_db

URL = "/api/checkin/"


@pytest.fixture(autouse=True)
def clear_cache():
    # Rate-limit counters and remembered tokens live in the cache; ids repeat between tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def event():
    return today_event()


@pytest.fixture
def door(event):
    """An organiser of the event, logged in."""
    user = organiser()
    add_organiser(event, user)
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def registration(event):
    return RegistrationFactory(
        event=event, participant__first_name="Anna", participant__last_name="de Vries", stakeholder_type="ngo"
    )


def post(client, data, **extra):
    body = data if isinstance(data, (str, bytes)) else json.dumps(data)
    return client.post(URL, body, content_type="application/json", **extra)


def test_a_scan_checks_the_person_in_and_answers_with_their_name(door, event, registration):
    day1 = sessions_of(event)[0]
    response = post(door, {"code": registration.checkin_code, "session": day1.pk})
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert "Anna de Vries" in data["message"]
    assert data["registration"]["name"] == "Anna de Vries"
    assert data["registration"]["organisation"] == registration.organisation.name
    assert data["registration"]["stakeholder_type"] == "ngo"
    attendance = Attendance.objects.get()
    assert attendance.registration == registration and attendance.session == day1
    assert attendance.checked_in_by == door.user and attendance.method == AttendanceMethod.QR
    assert data["checked_in_at"] == attendance.checked_in_at.isoformat()
    log = ScanLog.objects.get()
    assert log.status == "ok" and log.registration == registration and log.user == door.user
    assert log.code_sha256 == code_hash(registration.checkin_code)


def test_a_second_scan_is_already_checked_in_with_the_first_time(door, event, registration):
    day1 = sessions_of(event)[0]
    first = post(door, {"code": registration.checkin_code, "session": day1.pk}).json()
    second = post(door, {"code": registration.checkin_code, "session": day1.pk}).json()
    assert second["status"] == "already_checked_in"
    assert second["checked_in_at"] == first["checked_in_at"]
    assert Attendance.objects.count() == 1
    assert list(ScanLog.objects.order_by("pk").values_list("status", flat=True)) == ["ok", "already_checked_in"]


def test_a_retried_request_with_the_same_nonce_is_the_same_check_in(door, event, registration):
    day1 = sessions_of(event)[0]
    payload = {"code": registration.checkin_code, "session": day1.pk, "nonce": "phone-1-0001"}
    first = post(door, payload).json()
    retry = post(door, payload).json()
    assert first["status"] == retry["status"] == "ok"
    assert retry["checked_in_at"] == first["checked_in_at"]
    assert Attendance.objects.count() == 1
    other_phone = post(door, {**payload, "nonce": "phone-2-0001"}).json()
    assert other_phone["status"] == "already_checked_in"


def test_an_offline_scan_keeps_its_original_time(door, event, registration, time_machine):
    day1 = sessions_of(event)[0]
    # At noon of the session's day, so that twenty minutes earlier is that day too, whenever this runs.
    time_machine.move_to(timezone.localtime(day1.starts_at).replace(hour=12, minute=0), tick=True)
    scanned_at = timezone.now() - timedelta(minutes=20)
    data = post(door, {"code": registration.checkin_code, "session": day1.pk, "scanned_at": scanned_at.isoformat()})
    assert data.json()["status"] == "ok"
    attendance = Attendance.objects.get()
    assert abs(attendance.checked_in_at - scanned_at) < timedelta(seconds=1)
    assert attendance.method == AttendanceMethod.OFFLINE


def test_an_offline_scan_sent_after_the_session_counts_and_is_marked_late(door, event, registration, time_machine):
    day1 = sessions_of(event)[0]
    scanned_at = day1.starts_at + timedelta(minutes=10)
    time_machine.move_to(day1.ends_at + timedelta(hours=20), tick=True)  # the phone came back online the next day
    data = post(door, {"code": registration.checkin_code, "session": day1.pk, "scanned_at": scanned_at.isoformat()})
    assert data.json()["status"] == "ok" and data.json()["reason"] == "late"
    assert abs(Attendance.objects.get().checked_in_at - scanned_at) < timedelta(seconds=1)
    log = ScanLog.objects.get()
    assert (log.status, log.reason, log.action) == ("ok", "late", "offline")


@pytest.mark.parametrize("hours_after_end", [25, 24 * 5])
def test_an_offline_scan_sent_past_the_limit_is_refused_with_a_message(
    door, event, registration, time_machine, hours_after_end
):
    day1 = sessions_of(event)[0]
    scanned_at = day1.starts_at + timedelta(minutes=10)  # "on the session's day", says the phone
    time_machine.move_to(day1.ends_at + timedelta(hours=hours_after_end), tick=True)
    data = post(door, {"code": registration.checkin_code, "session": day1.pk, "scanned_at": scanned_at.isoformat()})
    assert data.status_code == 200
    assert data.json()["status"] == "invalid" and data.json()["reason"] == "offline_too_late"
    assert "24 uur" in data.json()["message"]
    assert not Attendance.objects.exists()
    assert ScanLog.objects.get().reason == "offline_too_late"


def test_the_offline_limit_is_a_setting(door, event, registration, time_machine, settings):
    settings.CHECKIN_OFFLINE_GRACE_HOURS = 48
    day1 = sessions_of(event)[0]
    time_machine.move_to(day1.ends_at + timedelta(hours=30), tick=True)
    scanned_at = (day1.starts_at + timedelta(minutes=10)).isoformat()
    data = post(door, {"code": registration.checkin_code, "session": day1.pk, "scanned_at": scanned_at})
    assert data.json()["status"] == "ok" and data.json()["reason"] == "late"


def test_a_scanned_at_in_the_future_counts_as_now(door, event, registration):
    day1 = sessions_of(event)[0]
    future = (timezone.now() + timedelta(days=3)).isoformat()
    assert (
        post(door, {"code": registration.checkin_code, "session": day1.pk, "scanned_at": future}).json()["status"]
        == "ok"
    )
    assert Attendance.objects.get().checked_in_at <= timezone.now()


def test_each_day_of_a_two_day_training_is_its_own_check_in(door, event, registration):
    day1, day2 = sessions_of(event)
    assert post(door, {"code": registration.checkin_code, "session": day1.pk}).json()["status"] == "ok"
    # Tomorrow's session is not open today.
    answer = post(door, {"code": registration.checkin_code, "session": day2.pk}).json()
    assert answer["status"] == "invalid" and answer["reason"] == "not_today"
    tomorrow = timezone.now() + timedelta(days=1)
    answer = post(door, {"code": registration.checkin_code, "session": day2.pk, "scanned_at": tomorrow.isoformat()})
    # A scanned_at in the future is taken as now: a phone cannot check in for tomorrow.
    assert answer.json()["status"] == "invalid"
    assert Attendance.objects.count() == 1


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (RegistrationStatus.CANCELLED, "cancelled"),
        (RegistrationStatus.WAITLISTED, "waitlisted"),
        (RegistrationStatus.PENDING, "invalid"),
    ],
)
def test_registrations_without_a_seat_are_not_checked_in(door, event, status, expected):
    registration = RegistrationFactory(event=event, status=status)
    response = post(door, {"code": registration.checkin_code, "session": sessions_of(event)[0].pk})
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == expected
    assert data["message"]
    assert data["registration"]["id"] == registration.pk
    assert not Attendance.objects.exists()
    assert ScanLog.objects.get().status == expected


def test_a_code_of_another_event_is_wrong_event(door, event):
    other = today_event(title="Roadshow Venlo")
    registration = RegistrationFactory(event=other)
    data = post(door, {"code": registration.checkin_code, "session": sessions_of(event)[0].pk}).json()
    assert data["status"] == "wrong_event"
    assert "Roadshow Venlo" in data["message"]
    assert not Attendance.objects.exists()


def test_a_revoked_code_is_invalid(door, event, registration):
    old = registration.checkin_code
    registration.revoke_checkin_code()
    data = post(door, {"code": old, "session": sessions_of(event)[0].pk}).json()
    assert data["status"] == "invalid" and "registration" not in data
    assert post(door, {"code": registration.checkin_code, "session": sessions_of(event)[0].pk}).json()["status"] == "ok"


@pytest.mark.parametrize(
    ("body", "reason", "http_status"),
    [
        ("{not json", "malformed", 400),
        ('"just a string"', "malformed", 400),
        ("[1, 2]", "malformed", 400),
        ("", "malformed", 400),
        (b"\xff\xfe\x00", "malformed", 400),
        ({"code": "", "session": "SESSION"}, "empty", 400),
        ({"code": "   ", "session": "SESSION"}, "empty", 400),
        ({"code": None, "session": "SESSION"}, "bad_code", 400),
        ({"code": ["a"], "session": "SESSION"}, "bad_code", 400),
        ({"code": "x" * 3000, "session": "SESSION"}, "unknown_code", 400),
        ({"code": "CODE"}, "bad_session", 400),
        ({"code": "CODE", "session": "day one"}, "bad_session", 400),
        ({"code": "CODE", "session": True}, "bad_session", 400),
        ({"code": "CODE", "session": 10**30}, "bad_session", 400),
        ({"code": "CODE", "session": "SESSION", "nonce": 5}, "bad_nonce", 400),
        ({"code": "CODE", "session": "SESSION", "nonce": "n" * 65}, "bad_nonce", 400),
        ({"code": "CODE", "session": "SESSION", "scanned_at": "yesterday"}, "bad_scanned_at", 400),
        ({"code": "CODE", "session": "SESSION", "scanned_at": 12}, "bad_scanned_at", 400),
        ({"code": "garbage ☃ 'quotes' <b>", "session": "SESSION"}, "unknown_code", 200),
        ({"code": "CODE", "session": 999999}, "unknown_session", 200),
    ],
)
def test_bad_input_gets_a_clear_answer_and_nothing_is_checked_in(door, event, registration, body, reason, http_status):
    if isinstance(body, dict):
        replace = {"CODE": registration.checkin_code, "SESSION": sessions_of(event)[0].pk}
        body = {k: replace.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    response = post(door, body)
    assert response.status_code == http_status
    data = response.json()
    assert data["status"] == "invalid"
    assert data["reason"] == reason
    assert data["message"]
    assert not Attendance.objects.exists()
    assert ScanLog.objects.count() == 1


def test_a_huge_body_is_refused_before_it_is_read(door, event):
    response = post(door, {"code": "x" * 100_000, "session": sessions_of(event)[0].pk})
    assert response.status_code == 413
    assert response.json()["reason"] == "too_large"


def test_messages_are_in_the_users_language(door, event, registration):
    day1 = sessions_of(event)[0]
    dutch = post(door, {"code": "nonsense", "session": day1.pk}, HTTP_ACCEPT_LANGUAGE="nl").json()
    english = post(door, {"code": "nonsense", "session": day1.pk}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["message"].startswith("Unknown code")
    assert dutch["message"].startswith("Onbekende code")


def test_get_is_refused_with_json(door):
    response = door.get(URL)
    assert response.status_code == 405
    assert response.json()["status"] == "invalid"


def test_failed_scans_are_rate_limited_per_user(door, event, registration, ratelimits):
    ratelimits["checkin"] = "3/d"
    day1 = sessions_of(event)[0]
    for i in range(3):
        assert post(door, {"code": f"guess-{i}", "session": day1.pk}).json()["status"] == "invalid"
    response = post(door, {"code": registration.checkin_code, "session": day1.pk})
    assert response.status_code == 429 and 0 < int(response["Retry-After"]) <= 86401
    assert response.json()["reason"] == "rate_limited" and response.json()["message"].startswith("Te veel")
    assert not Attendance.objects.exists()
    # Another organiser at the same door is not affected.
    colleague = organiser()
    add_organiser(event, colleague)
    other = Client()
    other.force_login(colleague)
    assert post(other, {"code": registration.checkin_code, "session": day1.pk}).json()["status"] == "ok"
    assert ScanLog.objects.count() == 5


def test_successful_and_repeated_scans_do_not_count_towards_the_limit(door, event, registration, ratelimits):
    ratelimits["checkin"] = "2/d"
    day1 = sessions_of(event)[0]
    for _ in range(5):
        assert post(door, {"code": registration.checkin_code, "session": day1.pk}).status_code == 200


# Permissions.


def test_anonymous_is_not_allowed_and_learns_nothing(event, registration):
    response = post(Client(), {"code": registration.checkin_code, "session": sessions_of(event)[0].pk})
    assert response.status_code == 401
    data = response.json()
    assert data["status"] == "not_allowed"
    assert "registration" not in data and "de Vries" not in json.dumps(data)
    assert not Attendance.objects.exists()


def test_organiser_of_another_event_is_not_allowed(event, registration):
    other_event = today_event(title="Elders")
    stranger = organiser()
    add_organiser(other_event, stranger)
    client = Client()
    client.force_login(stranger)
    response = post(client, {"code": registration.checkin_code, "session": sessions_of(event)[0].pk})
    assert response.status_code == 403
    data = response.json()
    assert data["status"] == "not_allowed" and "registration" not in data
    # Nor does a made-up code tell them more than "not allowed".
    assert post(client, {"code": "made-up", "session": sessions_of(event)[0].pk}).json()["status"] == "not_allowed"
    assert not Attendance.objects.exists()
    assert ScanLog.objects.filter(status="not_allowed", user=stranger).count() == 2


def test_an_editor_is_not_allowed(event, registration):
    editor = UserFactory(groups=["Editors"])
    client = Client()
    client.force_login(editor)
    response = post(client, {"code": registration.checkin_code, "session": sessions_of(event)[0].pk})
    assert response.json()["status"] == "not_allowed"
    assert not Attendance.objects.exists()


def test_secretariat_and_superusers_may_check_in_anywhere(event):
    day1 = sessions_of(event)[0]
    for user in (secretariat(), UserFactory(is_superuser=True, is_staff=True)):
        client = Client()
        client.force_login(user)
        registration = RegistrationFactory(event=event)
        assert post(client, {"code": registration.checkin_code, "session": day1.pk}).json()["status"] == "ok"


def test_session_login_needs_the_csrf_token(event, registration):
    user = organiser()
    add_organiser(event, user)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    day1 = sessions_of(event)[0]
    refused = post(client, {"code": registration.checkin_code, "session": day1.pk})
    assert refused.status_code == 403 and refused.json()["reason"] == "csrf"
    assert not Attendance.objects.exists()
    client.get(f"/checkin/{day1.pk}/")  # the scanner page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = post(client, {"code": registration.checkin_code, "session": day1.pk}, HTTP_X_CSRFTOKEN=token)
    assert accepted.json()["status"] == "ok"


def test_bearer_token_from_the_management_command(event, registration, capsys):
    user = organiser(username="deur")
    add_organiser(event, user)
    call_command("checkin_token", "deur")
    token = capsys.readouterr().out.strip()
    client = Client(enforce_csrf_checks=True)  # a token client needs no CSRF token
    day1 = sessions_of(event)[0]
    response = post(
        client, {"code": registration.checkin_code, "session": day1.pk}, HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.json()["status"] == "ok"
    assert Attendance.objects.get().checked_in_by == user


def test_a_wrong_or_revoked_token_is_refused(event, registration):
    from wagtail.models import APIToken

    user = organiser()
    add_organiser(event, user)
    api_token, token = APIToken.create_token(user=user, name="door")
    day1 = sessions_of(event)[0]
    client = Client()
    payload = {"code": registration.checkin_code, "session": day1.pk}
    assert post(client, payload, HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401
    assert post(client, payload, HTTP_AUTHORIZATION=f"Basic {token}").status_code == 401
    assert post(client, {**payload, "nonce": "a"}, HTTP_AUTHORIZATION=f"Bearer {token}").json()["status"] == "ok"
    api_token.revoke()
    refused = post(client, payload, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert refused.status_code == 401 and refused.json()["status"] == "not_allowed"
    # A user who is deactivated loses their tokens at once too.
    _api_token2, token2 = APIToken.create_token(user=user, name="door 2")
    assert post(client, payload, HTTP_AUTHORIZATION=f"Bearer {token2}").status_code == 200
    user.is_active = False
    user.save()
    assert post(client, payload, HTTP_AUTHORIZATION=f"Bearer {token2}").status_code == 401


def test_checkin_token_command_refuses_an_unknown_user():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("checkin_token", "nobody")


# By hand, undo, and the constraint as last line of defence.


def test_check_in_by_hand_and_undo(door, event, registration):
    day1 = sessions_of(event)[0]
    payload = {"registration": registration.pk, "session": day1.pk}
    answer = door.post("/api/checkin/manual/", payload, content_type="application/json").json()
    assert answer["status"] == "ok"
    assert Attendance.objects.get().method == AttendanceMethod.MANUAL
    undone = door.post("/api/checkin/undo/", payload, content_type="application/json").json()
    assert undone["status"] == "undone"
    assert not Attendance.objects.counted().exists()
    assert Attendance.objects.get().undone_by == door.user
    again = door.post("/api/checkin/undo/", payload, content_type="application/json").json()
    assert again["status"] == "invalid" and again["reason"] == "not_checked_in"
    # After an undo the person can be checked in again: a new row, the undone one stays.
    assert post(door, {"code": registration.checkin_code, "session": day1.pk}).json()["status"] == "ok"
    assert Attendance.objects.count() == 2 and Attendance.objects.counted().count() == 1
    assert list(ScanLog.objects.order_by("pk").values_list("action", flat=True)) == ["manual", "undo", "undo", "scan"]


def test_by_hand_refuses_a_registration_of_another_event(door, event):
    other = RegistrationFactory(event=today_event())
    day1 = sessions_of(event)[0]
    answer = door.post(
        "/api/checkin/manual/", {"registration": other.pk, "session": day1.pk}, content_type="application/json"
    )
    # Another organiser's registration, picked by number: as unknown as a wrong number, nothing of it told.
    assert answer.json()["status"] == "invalid" and "registration" not in answer.json()
    undo = door.post(
        "/api/checkin/undo/", {"registration": other.pk, "session": day1.pk}, content_type="application/json"
    )
    assert undo.json()["status"] == "invalid"


def test_an_attendance_written_without_the_lock_makes_the_scan_already_checked_in(
    door, event, registration, monkeypatch
):
    """The unique constraint turns a racing insert into already_checked_in, not a second row or a 500."""
    from participants.checkin import services as checkin

    day1 = sessions_of(event)[0]
    # Another writer that skips the row lock (the admin, an import) commits its row right after our
    # read: our read does not see it, our insert hits the constraint.
    AttendanceFactory(registration=registration, session=day1)
    real_read = checkin.read_for_check_in

    def read_before_the_other_writer(**kwargs):
        registration = real_read(**kwargs)
        registration.first_checked_in_at = registration.first_nonce = None
        return registration

    monkeypatch.setattr(checkin, "read_for_check_in", read_before_the_other_writer)
    data = post(door, {"code": registration.checkin_code, "session": day1.pk}).json()
    assert data["status"] == "already_checked_in"
    assert data["checked_in_at"]
    assert Attendance.objects.count() == 1
    assert ScanLog.objects.get().status == "already_checked_in"


def test_a_successful_scan_is_three_statements(event, registration):
    """One read that locks, two inserts (plus BEGIN and COMMIT, which Django 6 logs): see bench_checkin."""
    from participants.checkin.tokens import create_token

    user = add_organiser(event, organiser())
    token = create_token(user)
    client = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    post(client, {"code": "warm-up", "session": sessions_of(event)[0].pk}, **auth)  # the token is remembered
    session = sessions_of(event)[0]
    with CaptureQueriesContext(connection) as captured:
        answer = post(client, {"code": registration.checkin_code, "session": session.pk}, **auth)
    assert answer.json()["status"] == "ok"
    statements = [q["sql"] for q in captured.captured_queries]
    # In a test the transaction is a savepoint inside the test's own: SAVEPOINT/RELEASE, not BEGIN/COMMIT.
    work = [sql for sql in statements if not sql.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "BEGIN"))]
    assert len(work) == 3, statements
