"""An organiser adds a question of the event's own in the admin; a company answers it in the
registration form (the question follows the chosen type), and changes the answer on its private link."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from participants.models import Answer, Question
from tests.e2e.test_site import assert_accessible
from tests.factories import make_event, make_programme, organiser

pytestmark = pytest.mark.django_db(transaction=True)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_an_organiser_adds_a_question_and_a_participant_answers_it(page):
    user = organiser(username="olga")
    user.set_password("password")
    user.save()
    event = make_event(programme=make_programme(title="Due Diligence Roadshow"), title="Roadshow Zwolle")
    event.organisers.add(user)
    event.save()

    # The organiser adds the covenant's question, for companies only.
    page.goto("/admin/login/")
    page.fill("input[name=username]", "olga")
    page.fill("input[name=password]", "password")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/questions/new/?event={event.pk}")
    page.get_by_label("Soort antwoord").select_option("several_choices")
    page.get_by_label("Vraag in het Nederlands").fill("Welke van deze grondstoffen koopt uw bedrijf in?")
    page.get_by_label("Keuzes in het Nederlands").fill("Specerijen\nPalmolie\nSoja\nKokos\nCacao")
    page.get_by_label("Vraag in het Engels").fill("Which of these raw materials does your company source?")
    page.get_by_label("Keuzes in het Engels").fill("Spices\nPalm oil\nSoy\nCoconut\nCocoa")
    page.get_by_label("Bedrijf", exact=True).check()
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_url("**/admin/questions/")
    expect(page.get_by_role("cell", name="Welke van deze grondstoffen koopt uw bedrijf in?")).to_be_visible()
    question = Question.objects.get()
    assert question.event_id == event.pk and question.stakeholder_types == ["company"]
    page.context.clear_cookies()

    # A participant: the question shows for a company only, in a fieldset of its own.
    page.goto(event.url)
    fieldset = page.get_by_role("group", name="Welke van deze grondstoffen koopt uw bedrijf in? (niet verplicht)")
    page.get_by_label("Maatschappelijke organisatie (ngo)").check()
    expect(fieldset).to_be_hidden()
    page.get_by_label("Bedrijf", exact=True).check()
    expect(fieldset).to_be_visible()
    expect(page.get_by_text("Alleen voor: Bedrijf.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Mkb (minder dan 250 medewerkers)").check()
    page.get_by_label("Voornaam").fill("Anna")
    page.get_by_label("Achternaam").fill("de Vries")
    page.get_by_label("E-mailadres").fill("anna@example.org")
    page.get_by_label("Organisatie", exact=True).fill("Specerijenhuis B.V.")
    page.get_by_label("Functie", exact=True).fill("Inkoper")
    fieldset.get_by_label("Palmolie").check()
    fieldset.get_by_label("Cacao").check()
    page.get_by_label("Ik ga ermee akkoord").check()
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.get_by_text("Bijna klaar")).to_be_visible()
    assert Answer.objects.get().display("en") == "Palm oil, Cocoa"

    # On the private link: the answers, and a page to change them while registration is open.
    email = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    page.goto(path_of(re.search(r"https?://\S+/registration/confirm/\S+/", email.body).group(0)))
    page.get_by_role("button", name="Bevestig mijn inschrijving").click()
    page.wait_for_url("**/r/**")
    expect(page.get_by_text("Palmolie, Cacao")).to_be_visible()
    page.get_by_role("link", name="Mijn antwoorden wijzigen").click()
    expect(page.get_by_role("heading", name="Uw antwoorden", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Palmolie").uncheck()
    page.get_by_role("button", name="Mijn antwoorden opslaan").click()
    expect(page.get_by_text("Uw antwoorden zijn opgeslagen.")).to_be_visible()
    expect(page.locator("#answers-heading + dl")).to_have_text(re.compile(r"Cacao"))
    assert Answer.objects.get().display("nl") == "Cacao"
