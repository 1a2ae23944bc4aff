"""Every user's main flow, in Chromium: an organiser plans an event in the Wagtail admin; a participant
edits their registration through the private link, downloads the calendar invite and shows the QR
ticket; the Secretariat issues certificates, which the participant downloads; an export.

Private links are read from the emails the site sends, as a participant gets them.
"""

import csv
import io
import re
from datetime import timedelta

import pytest
import zxingcpp
from django.core import mail
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from events.models import EventPage
from participants.models import Registration, RegistrationSource
from participants.registration.services import register
from tests.e2e.test_site import assert_accessible
from tests.e2e.test_statistics import log_in, site_tree  # noqa: F401 (site_tree: a fixture)
from tests.factories import AttendanceFactory, make_event, make_programme, organiser, secretariat

pytestmark = pytest.mark.django_db(transaction=True)

FMT = "%Y-%m-%d %H:%M"


def registered(event, email="anna@zuivelhoeve.example", **details):
    """A person registered by an organiser (confirmed at once), and the private link their email holds."""
    outcome = register(
        event=event,
        details={
            "email": email,
            "first_name": "Anna",
            "last_name": "de Vries",
            "stakeholder_type": "company",
            "company_size": "sme",
            "organisation": "Zuivelhoeve B.V.",
            "job_title": "Inkoper",
            "language": "nl",
            **details,
        },
        source=RegistrationSource.ADMIN,
    )
    body = next(m.body for m in reversed(mail.outbox) if m.to == [email] and "/r/" in m.body)
    return outcome.registration, re.search(r"https?://[^/\s]+(/r/[^/\s]+/)", body).group(1)


@pytest.mark.usefixtures("site_tree")
def test_an_organiser_plans_an_event_in_the_admin(page, context, live_server):
    programme = make_programme(title="Due Diligence Roadshow")
    user = organiser(username="olga")
    log_in(context, live_server, user)
    start = (timezone.localtime() + timedelta(days=40)).replace(hour=9, minute=30, second=0, microsecond=0)

    page.goto(f"/admin/pages/add/events/eventpage/{programme.pk}/")  # "Add child page" → Event
    expect(page.locator("#id_title")).to_be_visible()
    page.locator("#id_title").fill("Due Diligence Roadshow Deventer")
    page.locator("#id_summary").fill("Tweedaagse training in Deventer.")
    page.locator("#id_sessions-0-title").fill("Dag 1")
    page.locator("#id_sessions-0-starts_at").fill(start.strftime(FMT))
    page.locator("#id_sessions-0-ends_at").fill((start + timedelta(hours=7)).strftime(FMT))
    page.keyboard.press("Escape")  # the date picker
    page.locator("#id_title").click()  # out of the date field, so its picker lets go of the clicks
    tab = page.get_by_role("tab", name="Inschrijving")
    tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")
    page.locator("#id_capacity").fill("16")
    page.locator("#id_registration_closes_at").fill((start - timedelta(days=3)).strftime(FMT))
    page.keyboard.press("Escape")
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[name='action-publish']").click()

    expect(page.locator(".messages")).to_contain_text("Due Diligence Roadshow Deventer")
    event = EventPage.objects.get(title="Due Diligence Roadshow Deventer")
    assert event.live and event.capacity == 16 and event.get_parent().pk == programme.pk
    assert event.starts_at == start

    # Visitors find it under its programme, open for registration.
    page.goto(event.url)
    expect(page.get_by_role("heading", name="Due Diligence Roadshow Deventer", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Inschrijven", exact=True)).to_be_enabled()


def test_a_participant_edits_their_registration_downloads_the_invite_and_shows_the_ticket(page, tmp_path):
    event = make_event(programme=make_programme(title="Due Diligence Roadshow"), title="Roadshow Zwolle")
    registration, link = registered(event)

    page.goto(link)
    expect(page.get_by_role("heading", name="Uw inschrijving", level=1)).to_be_visible()
    page.get_by_label("Functie", exact=True).fill("Manager duurzaamheid")
    page.get_by_role("button", name="Mijn gegevens opslaan").click()
    expect(page.get_by_label("Functie", exact=True)).to_have_value("Manager duurzaamheid")
    registration.refresh_from_db()
    assert registration.job_title == "Manager duurzaamheid"
    page.reload()  # without the flash message: base.html's <ul role="status"> is reported to the lead
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download alle sessies (.ics)").click()
    download.value.save_as(tmp_path / "invite.ics")
    invite = (tmp_path / "invite.ics").read_text()
    assert invite.startswith("BEGIN:VCALENDAR") and invite.count("BEGIN:VEVENT") == 2
    assert "Roadshow Zwolle" in invite

    page.get_by_role("link", name="Afdrukbare versie").click()
    expect(page.get_by_text("Anna de Vries").first).to_be_visible()
    qr = page.locator("svg").first
    image = Image.open(io.BytesIO(qr.screenshot()))
    codes = [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert codes == [Registration.objects.get(pk=registration.pk).checkin_code]


@pytest.mark.usefixtures("site_tree")
def test_the_secretariat_issues_certificates_and_the_participant_downloads_theirs(page, context, live_server, tmp_path):
    start = (timezone.now() - timedelta(days=12)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = make_event(programme=make_programme(title="Due Diligence Roadshow"), title="Roadshow Utrecht", start=start)
    registration, link = registered(event)
    for session in event.sessions.all():
        AttendanceFactory(registration=registration, session=session)
    log_in(context, live_server, secretariat(username="sanne"))

    page.goto(f"/admin/certificate-batches/new/?event={event.pk}")
    expect(page.get_by_label(re.compile("Bijeenkomst|Event"))).to_have_value(str(event.pk))
    page.get_by_role("button", name="Certificaten uitreiken").click()
    expect(page.locator(".messages")).to_contain_text("Roadshow Utrecht")
    certificate = Registration.objects.get(pk=registration.pk).certificate
    assert certificate.holder_name == "Anna de Vries"

    page.goto(link)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download uw certificaat (pdf)").click()
    download.value.save_as(tmp_path / "certificate.pdf")
    text = PdfReader(tmp_path / "certificate.pdf").pages[0].extract_text()
    assert "Anna de Vries" in text and certificate.code in text

    page.goto(f"/certificates/verify/{certificate.code}/")
    expect(page.get_by_text("Anna de Vries")).to_be_visible()


@pytest.mark.usefixtures("site_tree")
def test_an_organiser_exports_the_attendance_list_of_their_event(page, context, live_server, tmp_path):
    start = (timezone.now() - timedelta(days=12)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = make_event(programme=make_programme(title="Due Diligence Roadshow"), title="Roadshow Utrecht", start=start)
    registration, _link = registered(event)
    AttendanceFactory(registration=registration, session=event.sessions.order_by("starts_at").first())
    registered(event, email="bert@groot.example", first_name="Bert", last_name="Bakker", company_size="large")
    user = organiser(username="olga")
    event.organisers.add(user)
    event.save()
    log_in(context, live_server, user)

    page.goto(f"/admin/statistics/events/{event.pk}/")
    expect(page.get_by_text("Anna de Vries").first).to_be_visible()
    page.locator("header [data-w-dropdown-target='toggle']").first.click()  # the header's "more" menu
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("CSV")).first.click()
    download.value.save_as(tmp_path / "export.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "export.csv").read_text(encoding="utf-8-sig"))))
    assert sorted(row[0] for row in rows[1:]) == ["Anna de Vries", "Bert Bakker"]
    assert len(rows) == 3  # a heading and the two registrations
    anna = next(row for row in rows if row[0] == "Anna de Vries")
    assert anna[-1] == "1"  # sessions attended
