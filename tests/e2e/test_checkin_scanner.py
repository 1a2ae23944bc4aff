"""The scanner at the door, in Chromium with a fake camera that films a participant's QR code.

Chromium plays a one-frame YUV4MPEG2 file as the camera (``--use-file-for-fake-video-capture``):
the QR is rendered from the registration with the qrcode package, as the participant's phone
would show it, on a white 640x480 frame.
"""

import io

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from PIL import Image
from playwright.sync_api import expect

from participants.models import Attendance, AttendanceMethod
from participants.tickets import qr_png
from tests.e2e.test_site import assert_accessible
from tests.factories import ParticipantFactory, RegistrationFactory, organiser
from tests.participants.checkin_helpers import add_organiser, sessions_of, today_event

# serialized_rollback: the flush after each test would take the home page (a data migration) along.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The code the fake camera films: fixed, because Chromium reads the video file when it starts,
# before the test has made the registration.
CODE = "e2e-scanner-code-000000000000000000000000000"


def write_y4m(path, code, width=640, height=480):
    """One frame, 4:2:0 planar: the QR's grey levels as luma, neutral chroma."""
    qr = Image.open(io.BytesIO(qr_png(code, box_size=8))).convert("L")
    frame = Image.new("L", (width, height), 255)
    frame.paste(qr, ((width - qr.width) // 2, (height - qr.height) // 2))
    chroma = bytes([128]) * ((width // 2) * (height // 2))
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        out.write(b"FRAME\n" + frame.tobytes() + chroma + chroma)


@pytest.fixture(scope="module")
def camera_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("camera") / "qr.y4m"
    write_y4m(path, CODE)
    return path


@pytest.fixture
def browser_args(camera_file):
    return [
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={camera_file}",
        "--autoplay-policy=no-user-gesture-required",
    ]


@pytest.fixture
def scene(context, live_server):
    """An event today, a confirmed participant whose code the camera sees, an organiser logged in."""
    event = today_event(title="Roadshow Utrecht")
    registration = RegistrationFactory(
        event=event,
        participant=ParticipantFactory(first_name="Fatima", last_name="El Amrani"),
        stakeholder_type="trade_union",
    )
    registration.checkin_code = CODE
    registration.save(update_fields=["checkin_code_hash", "checkin_code_sealed"])
    user = add_organiser(event, organiser())
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}])
    return {"event": event, "registration": registration, "session": sessions_of(event)[0]}


def test_the_camera_scans_a_participants_qr_and_the_page_reports_the_check_in(page, scene):
    page.goto(f"/checkin/{scene['session'].pk}/")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    page.get_by_role("button", name="Camera starten").click()
    result = page.locator("#result")
    expect(result).to_have_attribute("data-status", "ok")
    expect(result).to_contain_text("Fatima El Amrani")
    expect(result).to_contain_text("Vakbond")  # the stakeholder type, in Dutch
    expect(result).to_contain_text(scene["registration"].organisation.name)
    assert_accessible(page)
    attendance = Attendance.objects.get()
    assert attendance.registration_id == scene["registration"].pk
    assert attendance.session_id == scene["session"].pk
    assert attendance.method == AttendanceMethod.QR
    # The counts follow.
    expect(page.locator("#count-checked-in")).to_have_text("1")
    # The QR stays in view: the next scan says so, and there is still one check-in.
    expect(result).to_have_attribute("data-status", "already_checked_in", timeout=15_000)
    assert Attendance.objects.count() == 1


def test_offline_scans_are_queued_and_sent_once_when_the_network_is_back(page, context, scene):
    page.goto(f"/checkin/{scene['session'].pk}/")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(page.locator("#list-state")).to_have_attribute("data-count", "1")

    context.set_offline(True)
    expect(page.locator("#connection")).to_have_attribute("data-online", "false")
    page.get_by_role("button", name="Camera starten").click()
    result = page.locator("#result")
    expect(result).to_have_attribute("data-status", "ok")
    expect(result).to_have_attribute("data-offline", "true")
    expect(result).to_contain_text("Fatima El Amrani")
    expect(page.locator("#queue-count")).to_have_attribute("data-count", "1")
    # Scanned again offline: the local list knows she is in, and nothing more is queued.
    expect(result).to_have_attribute("data-status", "already_checked_in", timeout=15_000)
    expect(page.locator("#queue-count")).to_have_attribute("data-count", "1")
    assert not Attendance.objects.exists()

    context.set_offline(False)
    expect(page.locator("#queue-count")).to_have_attribute("data-count", "0", timeout=15_000)
    attendance = Attendance.objects.get()
    assert attendance.registration_id == scene["registration"].pk
    assert attendance.method == AttendanceMethod.OFFLINE
    # Online again, the camera keeps seeing her: the server answers, still one row.
    expect(result).to_have_attribute("data-offline", "false", timeout=15_000)
    page.wait_for_timeout(500)
    assert Attendance.objects.count() == 1
