"""A person registers in Chromium, confirms from the email, opens the private link and cancels; the
first person on the waiting list is promoted and emailed."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from participants.models import Registration, RegistrationStatus
from participants.registration.services import confirm_email, register
from tests.e2e.test_site import assert_accessible
from tests.factories import make_event, make_programme

pytestmark = pytest.mark.django_db(transaction=True)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_register_confirm_cancel_and_the_waiting_list_moves_up(page):
    programme = make_programme(title="Due Diligence Roadshow")
    event = make_event(programme=programme, title="Roadshow Utrecht", capacity=1)

    page.goto(event.url)
    form = page.locator("form.registration-form")
    # With JavaScript the company fields follow the chosen type.
    page.get_by_label("Maatschappelijke organisatie (ngo)").check()
    expect(form.locator("[data-company-fields]")).to_be_hidden()
    page.get_by_label("Bedrijf", exact=True).check()
    expect(form.locator("[data-company-fields]")).to_be_visible()

    # A mistake first: the page comes back with a summary that takes focus, and nothing is lost.
    page.get_by_label("Voornaam").fill("Anna")
    page.get_by_role("button", name="Inschrijven").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'error-summary'")
    assert_accessible(page)
    assert page.get_by_label("Voornaam").input_value() == "Anna"

    page.get_by_label("Mkb (minder dan 250 medewerkers)").check()
    page.get_by_label("Achternaam").fill("de Vries")
    page.get_by_label("E-mailadres").fill("anna@example.org")
    page.get_by_label("Organisatie", exact=True).fill("Zuivelhoeve B.V.")
    page.get_by_label("Functie", exact=True).fill("Inkoper")
    page.get_by_label("Ik ga ermee akkoord").check()
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.get_by_text("Bijna klaar")).to_be_visible()

    # Someone else joins the waiting list and confirms their address.
    waiting = register(
        event=event,
        details={
            "email": "bert@example.org",
            "first_name": "Bert",
            "last_name": "Bakker",
            "stakeholder_type": "company",
            "company_size": "large",
            "organisation": "Groot",
            "job_title": "CSR",
            "language": "nl",
        },
    ).registration
    assert waiting.status == RegistrationStatus.WAITLISTED
    confirm_email(registration=waiting)

    email = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    confirm_link = re.search(r"https?://\S+/registration/confirm/\S+/", email.body).group(0)
    page.goto(path_of(confirm_link))
    page.get_by_role("button", name="Bevestig mijn inschrijving").click()
    page.wait_for_url("**/r/**")
    expect(page.get_by_role("heading", name="Uw inschrijving", level=1)).to_be_visible()
    expect(page.locator(".registration-status")).to_have_text("Bevestigd")
    assert_accessible(page)
    confirmed = [m for m in mail.outbox if m.to == ["anna@example.org"] and "bevestigd" in m.subject]
    assert confirmed and "/r/" in confirmed[0].body

    page.get_by_role("link", name="Mijn inschrijving annuleren").click()
    page.get_by_role("button", name="Ja, annuleer mijn inschrijving").click()
    page.wait_for_url("**/r/**")
    assert page.locator(".registration-status").inner_text() == "Geannuleerd"

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    promoted = [m for m in mail.outbox if m.to == ["bert@example.org"] and "bevestigd" in m.subject]
    assert promoted and "plaats vrijgekomen" in promoted[0].body
    assert Registration.objects.get(participant__email="anna@example.org").cancelled_by_participant
