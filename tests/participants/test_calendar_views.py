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
    assert registration.access_token in response.content.decode().replace("\r\n ", "")
    assert "ATTENDEE" not in response.content.decode()


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


def test_private_link_panel_links_to_calendars(rf):
    registration = RegistrationFactory(event=make_event(days=2))
    html = calendar_link_panel(rf.get("/"), registration)
    assert f"/r/{registration.access_token}/calendar.ics" in html
    assert html.count("calendar.google.com") == 2 and html.count("outlook.office.com") == 2
    # Each entry the person adds carries their private link, as the emailed invite does.
    links = re.findall(r'href="(https://[^"]+)"', html)
    assert len(links) == 6
    for link in links:
        query = parse_qs(urlsplit(html_unescape(link)).query)
        text = (query.get("details") or query.get("body"))[0]
        assert f"/r/{registration.access_token}/" in text
    registration.status = RegistrationStatus.CANCELLED
    assert calendar_link_panel(rf.get("/"), registration) is None
