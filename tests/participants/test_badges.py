"""Name badges: what a printed sheet shows, that its QR codes scan at the door, that no name breaks
it, and who may print them."""

import pypdfium2
import pytest
import zxingcpp
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.choices import StakeholderType
from participants.badges.pdf import LAYOUTS, Badge, badges_pdf, draw_badge, fit
from participants.checkin import services as checkin
from participants.models import Organisation, RegistrationStatus, ScanStatus
from tests.factories import ParticipantFactory, RegistrationFactory, UserFactory, make_event, organiser
from tests.participants.test_checkin_walkin import WALK_IN

pytestmark = pytest.mark.django_db


def pages_text(data):
    document = pypdfium2.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def rendered(data, page=0, dpi=200):
    document = pypdfium2.PdfDocument(data)
    try:
        return document[page].render(scale=dpi / 72).to_pil()
    finally:
        document.close()


def person(event, first, last, organisation="", **fields):
    participant = ParticipantFactory(first_name=first, last_name=last)
    org = Organisation.objects.get_or_create(name=organisation)[0] if organisation else None
    return RegistrationFactory(event=event, participant=participant, organisation=org, **fields)


@pytest.fixture
def event():
    today = timezone.localtime().replace(hour=0, minute=1, second=0, microsecond=0)
    return make_event(
        title="Roadshow Zwolle",
        sessions=[("Dag 1", today, today + timezone.timedelta(hours=8))],
        language="nl",
    )


def test_an_a4_sheet_holds_eight_badges_of_the_confirmed_people_only(event):
    for i in range(9):
        person(event, "Deelnemer", f"Nummer {i}", organisation="Zuivelhoeve B.V.")
    person(event, "Wacht", "Lijst", status=RegistrationStatus.WAITLISTED)
    person(event, "Geannuleerd", "Iemand", status=RegistrationStatus.CANCELLED)
    from participants.badges.views import badge_registrations

    text = pages_text(badges_pdf(event, badge_registrations(event), "a4"))
    assert len(text) == 2  # 9 confirmed: a full sheet and one badge
    assert text[0].count("Zuivelhoeve B.V.") == 8
    assert "Deelnemer Nummer 8" in text[1]
    assert "Lijst" not in "".join(text) and "Geannuleerd" not in "".join(text)
    assert "Roadshow Zwolle" in text[0]
    assert "Bedrijf" in text[0]  # the stakeholder type, in the event's language (Dutch)


def test_a_badge_is_in_the_events_language(event):
    event.language = "en"
    registration = person(event, "Jan", "Jansen", stakeholder_type=StakeholderType.NGO)
    text = pages_text(badges_pdf(event, [registration], "a6"))[0]
    assert "NGO" in text and "Jan Jansen" in text


def test_the_qr_on_a_printed_badge_checks_the_person_in_at_the_door(event):
    registration = person(event, "Zoë", "Łukasiewicz", organisation="Kaaskop Łódź")
    data = badges_pdf(event, [registration], "a4")
    codes = [r.text for r in zxingcpp.read_barcodes(rendered(data)) if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert codes == [registration.checkin_code]
    result = checkin.check_in(user=UserFactory(is_superuser=True), session_id=event.sessions.get().pk, code=codes[0])
    assert result.status == ScanStatus.OK
    text = pages_text(data)[0]
    assert "Zoë Łukasiewicz" in text and "Kaaskop Łódź" in text  # embedded font, not Helvetica


def test_a_long_name_is_shrunk_and_wrapped_within_the_badge():
    name = "Maximiliaan Alexander Frederik van Oranje-Nassau tot Amsberg-Vollenhoven"
    size, lines = fit(name, "Helvetica-Bold", 20, 9, 82 * 2.835, 2)
    assert size < 20 and 1 < len(lines) <= 2
    assert " ".join(lines).replace("…", "") in name or lines[-1].endswith("…")


WEIRD = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()),
    max_size=300,
) | st.sampled_from(
    [
        "",
        " ",
        "王秀英",
        "محمد بن سلمان",
        "Ἀλέξανδρος",
        "👩🏽‍🔬 Emoji Name",
        "a" * 500,
        "Ze\u0301\u0301\u0301\u0301lda",
        "<b>Bold</b> &amp; </para>",
        "\x00\x1b[31mRed\ud800",
        "\u202eesrever",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=WEIRD, organisation=WEIRD)
def test_no_name_ever_stops_a_badge(name, organisation):
    import io

    from reportlab.pdfgen import canvas

    from participants.pdf_fonts import printable, unicode_fonts

    badge = Badge(printable(name), printable(organisation), "company", "Bedrijf", "CODE123")
    for fonts in (unicode_fonts(), ("Helvetica", "Helvetica-Bold")):
        pdf = canvas.Canvas(io.BytesIO())
        width, height = LAYOUTS["a4"].badge
        draw_badge(pdf, badge, printable(name), 0, 0, width, height, fonts)
        pdf.save()


def test_a_sheet_with_weird_names_renders(event):
    names = ["王秀英", "محمد", "👩🏽‍🔬", "\x07bell\u200b", "", "Ἀλέξανδρος " * 9]
    registrations = [person(event, name, "X", organisation=name or "") for name in names]
    data = badges_pdf(event, registrations, "a4")
    assert len(pages_text(data)) == 1
    assert "Ἀλέξανδρος" in pages_text(data)[0]


# Who may print them.


@pytest.fixture
def two_events():
    own, other = make_event(title="Eigen roadshow"), make_event(title="Andere roadshow")
    boss = organiser(username="org-own")
    own.organisers.add(boss)
    own.save()
    person(own, "Annabel", "Alphen")
    return own, other, boss


def test_an_organiser_downloads_the_badges_of_their_own_event(two_events):
    own, _other, boss = two_events
    client = Client()
    client.force_login(boss)
    page = client.get(reverse("participants_badges", args=[own.pk]))
    assert page.status_code == 200
    assert "Eén bevestigde deelnemer krijgt een badge." in page.content.decode()
    response = client.get(reverse("participants_badges_pdf", args=[own.pk]) + "?layout=a6")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Annabel Alphen" in pages_text(response.content)[0]
    from wagtail.models import PageLogEntry

    entry = PageLogEntry.objects.filter(page=own, action="covenant.export").latest("timestamp")
    assert entry.data["what"] == "badges" and entry.data["rows"] == 1


def test_another_events_organiser_gets_nothing(two_events):
    own, other, _boss = two_events
    stranger = organiser(username="org-other")
    other.organisers.add(stranger)
    other.save()
    client = Client()
    client.force_login(stranger)
    assert client.get(reverse("participants_badges", args=[own.pk])).status_code == 404
    assert client.get(reverse("participants_badges_pdf", args=[own.pk])).status_code == 404
    assert Client().get(reverse("participants_badges_pdf", args=[own.pk])).status_code == 302  # to the login


def test_a_walk_in_gets_a_badge_from_the_scanner_page(event):
    boss = organiser(username="door")
    event.organisers.add(boss)
    event.save()
    session = event.sessions.get()
    client = Client()
    client.force_login(boss)
    response = client.post(
        reverse("participants:checkin_walk_in", args=[session.pk]),
        {**WALK_IN, "first_name": "Wim", "last_name": "Binnenloper", "email": "wim@example.org"},
        follow=True,
    )
    page = response.content.decode()
    assert "Wim Binnenloper" in page
    registration = event.registrations.get(participant__email="wim@example.org")
    badge_url = reverse("participants:checkin_walk_in_badge", args=[session.pk, registration.pk])
    assert badge_url in page
    badge = client.get(badge_url)
    assert badge.status_code == 200
    assert "Wim Binnenloper" in pages_text(badge.content)[0]
    # Not a registration of this event, or not confirmed: nothing.
    other = person(make_event(), "Ander", "Mens")
    assert client.get(reverse("participants:checkin_walk_in_badge", args=[session.pk, other.pk])).status_code == 404


def test_sheets_have_crop_marks_in_the_margins_and_a6_is_one_badge_a_page(event):
    registrations = [person(event, "Deelnemer", f"Nummer {i}") for i in range(3)]
    image = rendered(badges_pdf(event, registrations, "a4"), dpi=150).convert("L")
    px = 150 / 25.4  # pixels per mm

    def darkest(x_mm, y_mm):
        """The darkest pixel within half a millimetre of (x, y), measured from the page's top left."""
        x, y, r = round(x_mm * px), round(y_mm * px), round(0.5 * px)
        return min(image.getpixel((i, j)) for i in range(x - r, x + r + 1) for j in range(y - r, y + r + 1))

    # The grid of 2 x 4 badges of 90 x 55 mm sits centred: 15 mm at the sides, 38.5 mm above and below.
    assert darkest(15, 38.5 - 3.5) < 160  # above the left cut
    assert darkest(105, 38.5 - 3.5) < 160  # above the middle cut
    assert darkest(15 - 3.5, 38.5 + 55) < 160  # left of the first row's cut
    assert darkest(60, 20) > 250  # no mark where there is no cut
    assert len(pages_text(badges_pdf(event, registrations, "a6"))) == 3
