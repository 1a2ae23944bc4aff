"""An event's own questions: in the registration form, stored with the registration, readable later."""

import re

import pytest

from participants.models import Answer, Question, QuestionKind, Registration
from participants.privacy.erasure import export_participant_data
from participants.questions.forms import field_name
from participants.registration.services import register
from tests.factories import make_event, make_programme

from .conftest import details, form_data

pytestmark = pytest.mark.django_db

RAW_MATERIALS = "Specerijen\nPalmolie\nSoja\nKokos\nCacao"
RAW_MATERIALS_EN = "Spices\nPalm oil\nSoy\nCoconut\nCocoa"


def raw_materials(event, **fields):
    fields = {
        "kind": QuestionKind.SEVERAL_CHOICES,
        "text_nl": "Welke van deze grondstoffen koopt uw bedrijf in?",
        "text_en": "Which of these raw materials does your company source?",
        "choices_nl": RAW_MATERIALS,
        "choices_en": RAW_MATERIALS_EN,
        **fields,
    }
    return Question.objects.create(event=event, **fields)


def post(client, event, **overrides):
    return client.post(f"/registration/{event.pk}/", form_data(**overrides))


def test_the_form_asks_the_events_questions_in_a_fieldset_with_labels(client):
    event = make_event()
    question = raw_materials(event, required=True)
    Question.objects.create(event=event, kind=QuestionKind.SHORT_TEXT, text_nl="Wat wilt u leren?")
    html = client.get(event.url).content.decode()
    assert "Vragen bij deze bijeenkomst" in html
    assert re.search(r"<legend [^>]*>Welke van deze grondstoffen koopt uw bedrijf in\?", html)
    assert f'name="{field_name(question)}" value="1"' in html and "Palmolie" in html
    assert "Wat wilt u leren? (niet verplicht)" in html


def test_answers_are_stored_with_the_registration(client):
    event = make_event()
    question = raw_materials(event, required=True)
    number = Question.objects.create(event=event, kind=QuestionKind.NUMBER, text_nl="Hoeveel leveranciers?")
    yes_no = Question.objects.create(event=event, kind=QuestionKind.YES_NO, text_nl="Heeft u een beleid?")
    response = post(
        client, event, **{field_name(question): ["1", "4"], field_name(number): "12", field_name(yes_no): "no"}
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    answers = {answer.question_id: answer for answer in registration.answers.all()}
    assert answers[question.pk].value == [{"nl": "Palmolie", "en": "Palm oil"}, {"nl": "Cacao", "en": "Cocoa"}]
    assert answers[question.pk].display("nl") == "Palmolie, Cacao"
    assert answers[question.pk].display("en") == "Palm oil, Cocoa"
    assert answers[number.pk].display() == "12"
    assert answers[yes_no.pk].value is False and answers[yes_no.pk].display("nl") == "Nee"


def test_a_required_question_left_open_is_an_error_and_nothing_is_saved(client):
    event = make_event()
    question = raw_materials(event, required=True)
    response = post(client, event)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="#reg-{field_name(question)}_0"' in html and "Beantwoord deze vraag." in html
    assert not Registration.objects.exists()


def test_bad_answers_get_a_clear_message_not_a_server_error(client):
    event = make_event()
    number = Question.objects.create(event=event, kind=QuestionKind.NUMBER, text_nl="Hoeveel leveranciers?")
    choice = raw_materials(event, kind=QuestionKind.ONE_CHOICE)
    response = post(client, event, **{field_name(number): "veel", field_name(choice): "99"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Voer een getal in." in html and "99 is geen beschikbare keuze" in html
    assert not Registration.objects.exists()


def test_a_question_for_chosen_types_says_so_and_counts_only_for_them(client):
    event = make_event()
    question = raw_materials(event, required=True, stakeholder_types=["company"])
    html = client.get(event.url).content.decode()
    assert "Alleen voor: Bedrijf." in html
    assert 'data-question-types="company"' in html
    # An NGO need not answer; an answer sent anyway (no JavaScript hid it) is dropped.
    response = post(client, event, stakeholder_type="ngo", **{field_name(question): ["0"]})
    assert response.status_code == 302
    assert not Answer.objects.exists()
    # A company must.
    assert post(client, event, email="bedrijf@example.org").status_code == 400


def test_a_programmes_questions_are_asked_at_each_of_its_events_first():
    programme = make_programme()
    event = make_event(programme=programme)
    own = Question.objects.create(event=event, kind=QuestionKind.SHORT_TEXT, text_nl="Eigen vraag")
    default = Question.objects.create(
        programme=programme, kind=QuestionKind.YES_NO, text_nl="Standaardvraag", sort_order=5
    )
    other = make_event()
    assert list(Question.objects.for_event(event)) == [default, own]
    assert list(Question.objects.for_event(other)) == []


def test_a_changed_question_keeps_its_answers_readable():
    event = make_event()
    question = raw_materials(event)
    outcome = register(event=event, details=details(), answers={question: [{"nl": "Soja", "en": "Soy"}]})
    question.text_nl = "Welke grondstoffen?"
    question.choices_nl = "Specerijen\nPalmolie"  # soy is no longer a choice
    question.save()
    answer = outcome.registration.answers.get()
    assert answer.display("nl") == "Soja"
    assert answer.question_text == "Welke van deze grondstoffen koopt uw bedrijf in?"


def test_registering_again_keeps_the_first_answers():
    event = make_event()
    question = Question.objects.create(event=event, kind=QuestionKind.SHORT_TEXT, text_nl="Wat wilt u leren?")
    register(event=event, details=details(), answers={question: "Eerste"})
    outcome = register(event=event, details=details(), answers={question: "Tweede"})
    assert not outcome.created
    assert list(Answer.objects.values_list("value", flat=True)) == ["Eerste"]


def test_in_english_the_form_asks_in_english_and_keeps_both_labels(client):
    event = make_event()
    question = raw_materials(event)
    client.cookies["django_language"] = "en"
    html = client.get(event.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Which of these raw materials does your company source? (optional)" in html and "Palm oil" in html
    response = client.post(
        f"/registration/{event.pk}/",
        form_data(language="en", **{field_name(question): ["2"]}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.question_text == "Which of these raw materials does your company source?"
    assert answer.display("nl") == "Soja" and answer.display("en") == "Soy"


def test_a_persons_data_download_has_their_answers():
    event = make_event()
    question = Question.objects.create(event=event, kind=QuestionKind.SHORT_TEXT, text_nl="Wat wilt u leren?")
    outcome = register(event=event, details=details(), answers={question: "Ketenanalyse"})
    data = export_participant_data(outcome.registration.participant)
    assert data["registrations"][0]["answers"][0] == {
        "question": "Wat wilt u leren?",
        "answer": "Ketenanalyse",
        "answered_at": data["registrations"][0]["answers"][0]["answered_at"],
    }
