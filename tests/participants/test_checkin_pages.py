"""The QR code below the private link, the scanner page, live counts, offline list, attendance lists, admin."""

import io

import pytest
import zxingcpp
from django.core.cache import cache
from django.test import Client
from django.utils.html import escape
from PIL import Image
from pypdf import PdfReader

from participants.checkin.lists import code_hash
from participants.models import RegistrationStatus
from tests.factories import AttendanceFactory, RegistrationFactory, UserFactory, organiser, secretariat

from .checkin_helpers import add_organiser, sessions_of, today_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()


@pytest.fixture
def event():
    return today_event()


@pytest.fixture
def door(event):
    user = add_organiser(event, organiser())
    client = Client()
    client.force_login(user)
    return client


def decode(image_bytes):
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(image_bytes)))
    assert len(results) == 1
    return results[0].text


def test_the_qr_png_decodes_to_the_registrations_code(event):
    registration = RegistrationFactory(event=event)
    response = Client().get(f"/r/{registration.access_token}/qr.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "private" in response["Cache-Control"]
    assert decode(response.content) == registration.checkin_code


def test_the_qr_holds_nothing_but_the_random_code(event):
    registration = RegistrationFactory(event=event, participant__first_name="Geheim")
    text = decode(Client().get(f"/r/{registration.access_token}/qr.png").content)
    assert "Geheim" not in text and str(registration.pk) != text
    assert len(text) >= 43  # 256 random bits, URL-safe base64


def test_a_revoked_code_gives_a_new_qr(event):
    registration = RegistrationFactory(event=event)
    old = decode(Client().get(f"/r/{registration.access_token}/qr.png").content)
    registration.revoke_checkin_code()
    new = decode(Client().get(f"/r/{registration.access_token}/qr.png").content)
    assert new != old and new == registration.checkin_code


@pytest.mark.parametrize("suffix", ["qr.svg", "qr.png", "ticket/"])
def test_unknown_or_cancelled_links_are_404(event, suffix):
    assert Client().get(f"/r/not-a-token/{suffix}").status_code == 404
    cancelled = RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    assert Client().get(f"/r/{cancelled.access_token}/{suffix}").status_code == 404


def test_svg_and_printable_ticket(event):
    registration = RegistrationFactory(event=event, participant__first_name="Sanne", participant__last_name="Bos")
    svg = Client().get(f"/r/{registration.access_token}/qr.svg")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert svg.content.startswith(b"<svg") or b"<svg" in svg.content[:200]
    ticket = Client().get(f"/r/{registration.access_token}/ticket/").content.decode()
    assert "Sanne Bos" in ticket and event.title in ticket and "<svg" in ticket


def test_the_private_link_panel_shows_the_qr_for_confirmed_registrations_only(event, rf):
    from wagtail import hooks

    registration = RegistrationFactory(event=event)
    panels = hooks.get_hooks("participant_link_panels")
    html = "".join(fn(rf.get("/"), registration) or "" for fn in panels)
    assert f"/r/{registration.access_token}/qr.svg" in html
    assert f"/r/{registration.access_token}/ticket/" in html
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
    assert "qr.svg" not in "".join(fn(rf.get("/"), waiting) or "" for fn in panels)


# The scanner page and what it loads.


def test_scanner_index_lists_todays_sessions_of_my_events(door, event):
    other = today_event(title="Niet van mij")
    page = door.get("/checkin/").content.decode()
    day1 = sessions_of(event)[0]
    assert f"/checkin/{day1.pk}/" in page
    assert f"/checkin/{sessions_of(event)[1].pk}/" not in page  # tomorrow
    assert f"/checkin/{sessions_of(other)[0].pk}/" not in page


def test_scanner_page_loads_the_decoder_manifest_and_service_worker_config(door, event):
    day1 = sessions_of(event)[0]
    page = door.get(f"/checkin/{day1.pk}/").content.decode()
    assert "vendor/jsqr-1.4.0/jsQR.js" in page and "participants/checkin.js" in page and "/jsi18n/" in page
    assert "/checkin/manifest.webmanifest" in page and "/checkin/sw.js" in page
    manifest = door.get("/checkin/manifest.webmanifest").json()
    assert manifest["start_url"] == "/checkin/" and manifest["display"] == "standalone"
    worker = door.get("/checkin/sw.js")
    assert worker["Content-Type"].startswith("text/javascript")
    assert b"jsQR.js" in worker.content


def test_scanner_pages_need_a_login_and_permission(event):
    day1 = sessions_of(event)[0]
    anonymous = Client().get(f"/checkin/{day1.pk}/")
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    editor = Client()
    editor.force_login(UserFactory(groups=["Editors"]))
    assert editor.get(f"/checkin/{day1.pk}/").status_code == 403
    assert editor.get("/checkin/").status_code == 403
    assert editor.get(f"/checkin/{day1.pk}/attendance-list/").status_code == 403
    stranger = Client()
    stranger.force_login(add_organiser(today_event(), organiser()))
    assert stranger.get(f"/checkin/{day1.pk}/").status_code == 403


def test_live_counts_by_stakeholder_type(door, event):
    day1, day2 = sessions_of(event)
    companies = [RegistrationFactory(event=event, stakeholder_type="company") for _ in range(3)]
    ngo = RegistrationFactory(event=event, stakeholder_type="ngo")
    RegistrationFactory(event=event, stakeholder_type="ngo", status=RegistrationStatus.WAITLISTED)
    AttendanceFactory(registration=companies[0], session=day1)
    AttendanceFactory(registration=ngo, session=day1)
    AttendanceFactory(registration=companies[1], session=day2)
    undone = AttendanceFactory(registration=companies[2], session=day1)
    undone.undone_at = undone.checked_in_at
    undone.save()
    data = door.get(f"/api/checkin/sessions/{day1.pk}/counts/").json()
    assert data["expected"] == 4 and data["checked_in"] == 2
    by_type = {row["type"]: (row["checked_in"], row["expected"]) for row in data["by_stakeholder_type"]}
    assert by_type == {"company": (1, 3), "ngo": (1, 1)}


def test_counts_and_lists_are_refused_to_others(event):
    day1 = sessions_of(event)[0]
    assert Client().get(f"/api/checkin/sessions/{day1.pk}/counts/").status_code == 401
    editor = Client()
    editor.force_login(UserFactory(groups=["Editors"]))
    assert editor.get(f"/api/checkin/sessions/{day1.pk}/counts/").json()["status"] == "not_allowed"
    assert editor.get(f"/api/checkin/sessions/{day1.pk}/registrations/").status_code == 403
    assert editor.get("/api/checkin/sessions/99999/counts/").status_code == 404


def test_the_offline_list_has_codes_only_as_hashes(door, event):
    registration = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
    day1 = sessions_of(event)[0]
    response = door.get(f"/api/checkin/sessions/{day1.pk}/registrations/")
    assert registration.checkin_code not in response.content.decode()
    assert registration.access_token not in response.content.decode()
    people = {p["id"]: p for p in response.json()["registrations"]}
    assert people[registration.pk]["code_sha256"] == code_hash(registration.checkin_code)
    assert people[waiting.pk]["status"] == "waitlisted"


def test_search_by_name_email_or_organisation(door, event):
    anna = RegistrationFactory(
        event=event,
        participant__first_name="Anna",
        participant__last_name="Jansen",
        participant__email="anna@zuivel.example",
        participant__organisation__name="Zuivelhuis",
    )
    RegistrationFactory(event=event, participant__first_name="Bram", participant__last_name="Smit")
    RegistrationFactory(event=today_event(), participant__first_name="Anna", participant__last_name="Elders")
    day1 = sessions_of(event)[0]
    for query in ("anna", "JANSEN", "zuivel.example", "zuivelhuis", "anna jansen"):
        found = door.get(f"/api/checkin/sessions/{day1.pk}/registrations/", {"q": query}).json()["registrations"]
        assert [p["id"] for p in found] == [anna.pk], query


def test_printable_attendance_list_and_pdf(door, event):
    day1 = sessions_of(event)[0]
    here = RegistrationFactory(event=event, participant__first_name="Ilse", participant__last_name="Kok")
    RegistrationFactory(event=event, participant__first_name="Joost", participant__last_name="Maas")
    RegistrationFactory(event=event, participant__last_name="Geannuleerd", status=RegistrationStatus.CANCELLED)
    AttendanceFactory(registration=here, session=day1)
    html = door.get(f"/checkin/{day1.pk}/attendance-list/").content.decode()
    assert "Ilse Kok" in html and "Joost Maas" in html and "Geannuleerd" not in html
    assert "@media print" not in html  # the print rules live in the stylesheet
    pdf = door.get(f"/checkin/{day1.pk}/attendance-list.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Ilse Kok" in text and "Joost Maas" in text and "Geannuleerd" not in text


@pytest.mark.parametrize(
    "first_name, organisation",
    [
        ("Eva</para>", "Zuivel & Co <b>"),
        ('<img src="/etc/passwd"/> Eva', '<font color="red">Rood</font>'),
        ("<para>Eva", "Kaas <br/> BV"),
    ],
)
def test_the_pdf_prints_hostile_names_as_typed(door, event, first_name, organisation):
    day1 = sessions_of(event)[0]
    RegistrationFactory(
        event=event, participant__first_name=first_name, participant__last_name="Kok",
        participant__organisation__name=organisation,
    )  # fmt: skip
    pdf = door.get(f"/checkin/{day1.pk}/attendance-list.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    flat = " ".join(text.split())
    assert " ".join(f"{first_name} Kok".split()) in flat
    assert " ".join(organisation.split())[:12] in flat


def test_admin_checkin_page_counts_and_revokes_a_code(event, django_capture_on_commit_callbacks, mailoutbox):
    day1 = sessions_of(event)[0]
    registration = RegistrationFactory(event=event)
    AttendanceFactory(registration=registration, session=day1)
    user = secretariat(is_staff=True)
    client = Client()
    client.force_login(user)
    response = client.get(f"/admin/checkin/event/{event.pk}/")
    if response.status_code == 302:  # the Secretariat group may lack admin access in this set-up
        user.is_superuser = True
        user.save()
        response = client.get(f"/admin/checkin/event/{event.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/api/checkin/sessions/{day1.pk}/counts/" in html
    assert f"/checkin/{day1.pk}/attendance-list/" in html
    old = registration.checkin_code
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/checkin/registration/{registration.pk}/revoke-code/")
    registration.refresh_from_db()
    assert registration.checkin_code != old
    # The participant gets the new code by email; the attached QR decodes to it.
    (email,) = mailoutbox
    assert email.to == [registration.participant.email]
    # An inline part (a MIME part with a Content-ID), so the HTML shows it without fetching anything.
    (attachment,) = [a for a in email.attachments if a.get_filename() == "qr-code.png"]
    assert decode(attachment.get_content()) == registration.checkin_code
    assert f"/r/{registration.access_token}/" in email.body
    # The event's page in the admin links to it.
    edit = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert f"/admin/checkin/event/{event.pk}/" in edit


def test_admin_checkin_page_is_refused_to_organisers_of_other_events(event):
    user = add_organiser(today_event(), organiser(is_staff=True))
    client = Client()
    client.force_login(user)
    assert client.get(f"/admin/checkin/event/{event.pk}/").status_code in (302, 403)
    assert client.post(
        f"/admin/checkin/registration/{RegistrationFactory(event=event).pk}/revoke-code/"
    ).status_code in (
        302,
        403,
    )


def test_the_scan_log_is_listed_read_only_in_the_admin(door, event):
    registration = RegistrationFactory(event=event)
    day1 = sessions_of(event)[0]
    door.post("/api/checkin/", {"code": registration.checkin_code, "session": day1.pk}, content_type="application/json")
    admin = Client()
    admin.force_login(UserFactory(is_superuser=True, is_staff=True))
    listing = admin.get("/admin/scan_log/")
    assert listing.status_code == 200
    assert escape(str(registration.participant)) in listing.content.decode()  # names may have an apostrophe
    assert admin.get("/admin/scan_log/new/").status_code in (302, 403)
    log_pk = registration.scans.get().pk
    assert admin.get(f"/admin/scan_log/inspect/{log_pk}/").status_code == 200
    assert admin.get(f"/admin/scan_log/edit/{log_pk}/").status_code in (302, 403)
    export = admin.get("/admin/scan_log/?export=csv")
    assert export.status_code == 200 and b"ok" in b"".join(export.streaming_content)
