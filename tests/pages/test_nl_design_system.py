"""The public pages in NL Design System markup: status badges from the events' registration state,
forms that guide (labels above fields, hints, an error summary linking to each field), breadcrumbs."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from events.choices import EventStatus
from pages.models import EventIndexPage
from participants.models import RegistrationStatus
from tests.factories import RegistrationFactory, make_event, make_programme

pytestmark = pytest.mark.django_db


def badges(html):
    soup = BeautifulSoup(html, "html.parser")
    return {
        card.select_one("h3 a").get_text(strip=True): card.select_one(".utrecht-status-badge").get_text(strip=True)
        for card in soup.select("article.event-card")
    }


def test_each_card_tells_the_events_state_at_a_glance(client, home):
    agenda = home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))
    programme = make_programme(title="Roadshow")
    now = timezone.now()
    make_event(programme=programme, title="Open")
    few = make_event(programme=programme, title="Bijna vol", capacity=10)
    full = make_event(programme=programme, title="Vol", capacity=1)
    for event, n in ((few, 8), (full, 1)):
        RegistrationFactory.create_batch(n, event=event, status=RegistrationStatus.CONFIRMED)
    make_event(programme=programme, title="Later", registration_opens_at=now + timedelta(days=3))
    make_event(programme=programme, title="Dicht", registration_closes_at=now - timedelta(hours=1))
    make_event(programme=programme, title="Afgelast", status=EventStatus.CANCELLED)

    html = client.get(agenda.url).content.decode()
    assert badges(html) == {
        "Open": "Inschrijving open",
        "Bijna vol": "Nog maar enkele plaatsen",
        "Vol": "Wachtlijst",
        "Later": "Inschrijving nog niet open",
        "Dicht": "Inschrijving gesloten",
        "Afgelast": "Geannuleerd",
    }
    assert "nog 2 plaatsen" in html


def test_the_registration_form_with_errors_has_a_summary_linking_to_each_field(client):
    event = make_event()
    response = client.post(f"/registration/{event.pk}/", {"email": "geen-adres"}, follow=True)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    summary = soup.select_one("#error-summary.utrecht-alert--error")
    links = [a["href"] for a in summary.select("a")]
    assert "#reg-stakeholder_type_0" in links and "#reg-email" in links
    for href in links:
        assert soup.select_one(href) is not None, href  # every link lands on its field
    email = soup.select_one("#reg-email")
    assert email["aria-invalid"] == "true" and "reg-email_error" in email["aria-describedby"]
    field = email.find_parent(class_="utrecht-form-field")
    order = [child.get("class", [""])[0] for child in field.find_all("div", recursive=False)]
    assert order.index("utrecht-form-field__label") < order.index("utrecht-form-field__input")
    assert field.select_one(".utrecht-form-field-error-message")
    # The company size is in the page without JavaScript, in its own fieldset.
    assert soup.select_one("[data-company-fields] input[name=company_size]")


def test_an_event_page_has_breadcrumbs_to_its_programme(client):
    programme = make_programme(title="NEVI-training")
    event = make_event(programme=programme, title="IMVO en inkoop")
    soup = BeautifulSoup(client.get(event.url).content.decode(), "html.parser")
    crumbs = [a.get_text(strip=True) for a in soup.select(".utrecht-breadcrumb-nav a")]
    assert crumbs[-2:] == ["NEVI-training", "IMVO en inkoop"]
    assert soup.select_one(".utrecht-breadcrumb-nav [aria-current=page]").get_text(strip=True) == "IMVO en inkoop"
