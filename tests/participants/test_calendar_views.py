import re
from html import unescape as html_unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from participants.models import RegistrationStatus
from participants.wagtail_hooks import calendar_link_panel
from tests.factories import RegistrationFactory, make_event
from tests.ical import parse

pytestmark = pytest.mark.django_db


def test_private_link_offers_the_participants_calendar(client):
    registration = RegistrationFactory(event=make_event(title="NEVI module", days=3))
    response = client.get(f"/r/{registration.access_token}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = parse(response.content)
    assert str(cal["METHOD"]) == "PUBLISH"
    assert len(cal.walk("VEVENT")) == 3
    assert "ATTENDEE" not in response.content.decode()


def test_participants_calendar_file_has_the_online_link_but_not_the_private_link(client):
    """Imported into a calendar server, the file must not carry the key to the registration."""
    registration = RegistrationFactory(event=make_event(online_url="https://meet.example.org/secret-room", days=2))
    response = client.get(f"/r/{registration.access_token}/calendar.ics")
    text = response.content.decode().replace("\r\n ", "")
    assert registration.access_token not in text
    assert "/r/" not in text
    for vevent in parse(response.content).walk("VEVENT"):
        assert "https://meet.example.org/secret-room" in str(vevent["DESCRIPTION"])
        assert "personal link in our emails" in str(vevent["DESCRIPTION"]) or "persoonlijke link" in str(
            vevent["DESCRIPTION"]
        )


@pytest.mark.parametrize("case", ["unknown", "revoked", "cancelled", "waitlisted"])
def test_bad_private_link_is_a_clear_404_without_anyones_data(client, case):
    registration = RegistrationFactory()
    token = registration.access_token
    if case == "unknown":
        token = "x" * 43
    elif case == "revoked":
        registration.revoke_access()
    else:
        registration.status = {"cancelled": RegistrationStatus.CANCELLED, "waitlisted": RegistrationStatus.WAITLISTED}[
            case
        ]
        registration.save()
    response = client.get(f"/r/{token}/calendar.ics")
    assert response.status_code == 404
    # A link that leads nowhere gets the page every private link gives; a valid one says why there is no invite.
    expected = "Deze link werkt niet" if case in ("unknown", "revoked") else "Agenda-uitnodiging niet gevonden"
    assert expected in response.text
    assert registration.participant.last_name not in response.text
    assert registration.event.title not in response.text


def test_private_link_panel_links_to_calendars_with_public_text_only(rf):
    registration = RegistrationFactory(event=make_event(days=2, online_url="https://meet.example.org/secret-room"))
    html = calendar_link_panel(rf.get("/"), registration)
    assert f"/r/{registration.access_token}/calendar.ics" in html
    assert html.count("calendar.google.com") == 2 and html.count("outlook.office.com") == 2
    # Google and Microsoft get the query string: neither the private link nor the online link goes there.
    links = re.findall(r'href="(https://[^"]+)"', html)
    assert len(links) == 6
    for link in links:
        query = parse_qs(urlsplit(html_unescape(link)).query)
        text = (query.get("details") or query.get("body"))[0]
        assert registration.access_token not in html_unescape(link)
        assert "/r/" not in text
        assert "secret-room" not in html_unescape(link)
        assert registration.event.url in text
    registration.status = RegistrationStatus.CANCELLED
    assert calendar_link_panel(rf.get("/"), registration) is None
