"""The organiser's toolkit in a real browser: name badges for an event, then a message to its people."""

import pypdfium2
import pytest
from django.core import mail
from playwright.sync_api import expect

from participants.models import Message
from tests.e2e.test_statistics import log_in, site_tree  # noqa: F401 (a fixture)
from tests.factories import ParticipantFactory, RegistrationFactory, make_event, organiser

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_organiser_makes_badges_and_sends_a_message(site_tree, page, context, live_server):  # noqa: F811
    event = make_event(title="Roadshow Deventer")
    boss = organiser(username="org-deventer", email="org@example.org")
    event.organisers.add(boss)
    event.save()
    for first, last, language in (("Zoë", "Łukasiewicz", "nl"), ("Ben", "Smith", "en")):
        RegistrationFactory(
            event=event,
            participant=ParticipantFactory(first_name=first, last_name=last, email=f"{first.lower()}@example.org"),
            language=language,
        )
    log_in(context, live_server, boss)

    # Badges: from the event's registrations, an A4 sheet with both names.
    page.goto(f"/admin/registrations/event/{event.pk}/")
    page.get_by_role("link", name="Naambadges").click()
    expect(page.locator("main")).to_contain_text("2 bevestigde deelnemers krijgen een badge.")
    page.get_by_label("A4-vel, 8 badges van 90 x 55 mm").check()
    with context.expect_page() as new_tab:
        page.get_by_role("button", name="Badges downloaden (PDF)").click()
    pdf_url = new_tab.value.url
    response = page.request.get(pdf_url)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    document = pypdfium2.PdfDocument(response.body())
    text = document[0].get_textpage().get_text_range()
    document.close()
    assert "Zoë Łukasiewicz" in text and "Ben Smith" in text

    # A message: write it, preview it for one person with the count, then send it.
    page.goto(f"/admin/registrations/event/{event.pk}/")
    page.get_by_role("link", name="Deelnemers mailen").click()
    page.get_by_role("link", name="Bericht schrijven").click()
    page.get_by_label("Onderwerp (Nederlands)").fill("Praktische informatie {event}")
    page.get_by_label("Tekst (Nederlands)").fill("Tot morgen!\n{sessions}\nUw inschrijving: {link}")
    page.get_by_label("Onderwerp (Engels)").fill("Practical information {event}")
    page.get_by_label("Tekst (Engels)").fill("See you tomorrow!\n{sessions}\nYour registration: {link}")
    page.get_by_role("button", name="Voorbeeld en aantal").click()
    expect(page.locator("#preview-heading")).to_have_text("Dit bericht gaat naar 2 mensen.")
    # One person's text, in their language (Ben registered in English; by last name he comes first).
    expect(page.locator("main")).to_contain_text("Zoals Ben Smith het krijgt:")
    expect(page.locator("#preview-subject")).to_have_text("Practical information Roadshow Deventer")
    page.get_by_role("button", name="Versturen naar 2 mensen").click()
    expect(page.locator("#progress-sent")).to_have_text("2")
    expect(page.locator("#progress-failed")).to_have_text("0")
    message = Message.objects.get()
    assert message.sender == boss and len(message.recipients) == 2
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == ["Practical information Roadshow Deventer", "Praktische informatie Roadshow Deventer"]
