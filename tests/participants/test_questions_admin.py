"""An event's questions in the admin, in the registrations export, on the private link, in the event's
report, and in erasure and retention."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.utils import timezone

from participants.models import Answer, Question, QuestionKind
from participants.privacy.erasure import erase_participant
from participants.privacy.retention import apply_retention
from participants.questions.forms import field_name
from participants.registration.services import register
from tests.factories import RegistrationFactory, make_event, make_programme, organiser, secretariat

from .conftest import details
from .test_questions import raw_materials

pytestmark = pytest.mark.django_db

QUESTIONS = "/admin/questions/"
REGISTRATIONS = "/admin/registrations/"


def sourcing_event(**fields):
    """An event with the raw-materials question and a written one, and two people who answered."""
    event = make_event(title="Roadshow Zwolle", **fields)
    materials = raw_materials(event)
    remark = Question.objects.create(event=event, kind=QuestionKind.LONG_TEXT, text_nl="Wat wilt u ons vertellen?")
    anna = register(
        event=event,
        details=details(),
        answers={
            materials: [{"nl": "Palmolie", "en": "Palm oil"}, {"nl": "Soja", "en": "Soy"}],
            remark: "Wij zijn AnnaCo",
        },
    ).registration
    bert = register(
        event=event,
        details=details(email="bert@example.org", first_name="Bert"),
        answers={materials: [{"nl": "Soja", "en": "Soy"}]},
    ).registration
    return event, materials, remark, anna, bert


def body(response):
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


def test_an_organiser_adds_a_question_to_their_own_event_only(client):
    user = organiser()
    mine, theirs = make_event(), make_event()
    mine.organisers.add(user)
    mine.save()
    client.force_login(user)
    form = client.get(f"{QUESTIONS}new/?event={mine.pk}").content.decode()
    assert f'<option value="{mine.pk}" selected>' in form
    assert f'<option value="{theirs.pk}"' not in form
    assert 'name="programme"' not in form  # a programme's defaults are the Secretariat's
    data = {
        "event": mine.pk,
        "kind": QuestionKind.ONE_CHOICE,
        "text_nl": "Welke dag?",
        "choices_nl": "Maandag\nDinsdag",
        "choices_en": "Monday",
        "sort_order": 0,
    }
    response = client.post(f"{QUESTIONS}new/", data)
    assert response.status_code == 200 and "Geef evenveel Engelse als Nederlandse keuzes" in response.content.decode()
    response = client.post(f"{QUESTIONS}new/", {**data, "choices_en": "Monday\nTuesday", "stakeholder_types": ["ngo"]})
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.event == mine and question.stakeholder_types == ["ngo"]
    # Another organiser's event: refused, and its questions are not found.
    assert client.post(f"{QUESTIONS}new/", {**data, "event": theirs.pk, "choices_en": ""}).status_code == 200
    other = Question.objects.create(event=theirs, kind=QuestionKind.YES_NO, text_nl="Niet van u")
    assert client.get(f"{QUESTIONS}edit/{other.pk}/").status_code == 404
    assert "Niet van u" not in client.get(QUESTIONS).content.decode()


def test_the_secretariat_sets_a_programmes_default_question(client):
    programme = make_programme()
    client.force_login(secretariat())
    response = client.post(
        f"{QUESTIONS}new/",
        {"programme": programme.pk, "kind": QuestionKind.YES_NO, "text_nl": "Eerder deelgenomen?", "sort_order": 0},
    )
    assert response.status_code == 302
    assert list(Question.objects.for_event(make_event(programme=programme))) == [Question.objects.get()]


def test_deleting_an_answered_question_asks_first_and_says_how_many_answers_go(client):
    _event, materials, _remark, _anna, _bert = sourcing_event()
    client.force_login(secretariat())
    html = client.get(f"{QUESTIONS}delete/{materials.pk}/").content.decode()
    assert "2 mensen hebben deze beantwoord" in html
    assert Question.objects.filter(pk=materials.pk).exists() and Answer.objects.filter(question=materials).count() == 2
    client.post(f"{QUESTIONS}delete/{materials.pk}/")
    assert not Question.objects.filter(pk=materials.pk).exists()
    assert not Answer.objects.filter(question_id=materials.pk).exists()


def test_the_registrations_list_and_export_have_a_column_per_question(client):
    event, _materials, _remark, _anna, _bert = sourcing_event()
    client.force_login(secretariat())
    html = client.get(REGISTRATIONS, {"event": event.pk}).content.decode()
    assert "Welke van deze grondstoffen koopt uw bedrijf in?" in html and "Palmolie, Soja" in html
    csv = body(client.get(REGISTRATIONS, {"event": event.pk, "export": "csv"}))
    header = csv.splitlines()[0]
    assert header.endswith("Welke van deze grondstoffen koopt uw bedrijf in?,Wat wilt u ons vertellen?")
    assert '"Palmolie, Soja",Wij zijn AnnaCo' in csv
    xlsx = client.get(REGISTRATIONS, {"event": event.pk, "export": "xlsx"})
    rows = list(
        openpyxl.load_workbook(
            io.BytesIO(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content)
        ).active.values
    )
    assert rows[0][-2:] == ("Welke van deze grondstoffen koopt uw bedrijf in?", "Wat wilt u ons vertellen?")
    assert {row[-2] for row in rows[1:]} == {"Palmolie, Soja", "Soja"}
    # Unfiltered, across events: one column with every answer.
    csv = body(client.get(REGISTRATIONS, {"export": "csv"}))
    assert csv.splitlines()[0].endswith(",Antwoorden")
    assert (
        "Welke van deze grondstoffen koopt uw bedrijf in?: Palmolie, Soja; Wat wilt u ons vertellen?: Wij zijn AnnaCo"
        in csv
    )


def test_the_events_report_counts_the_answers_per_choice(client):
    event, materials, _remark, _anna, _bert = sourcing_event()
    materials.choices_nl = "Specerijen\nPalmolie\nKokos\nCacao"  # soy renamed away after people chose it
    materials.save()
    client.force_login(secretariat())
    html = client.get(f"/admin/statistics/events/{event.pk}/").content.decode()
    assert "Antwoorden op de vragen van de bijeenkomst" in html
    assert '<th scope="row">Palmolie</th><td>1</td>' in html
    assert '<th scope="row">Cacao</th><td>0</td>' in html
    assert '<th scope="row">Soja (niet meer te kiezen)</th><td>2</td>' in html


def test_the_private_link_changes_answers_until_registration_closes(client):
    event, materials, remark, anna, _bert = sourcing_event()
    page = client.get(f"/r/{anna.access_token}/").content.decode()
    assert "Uw antwoorden" in page and "Palmolie, Soja" in page
    url = f"/r/{anna.access_token}/answers/"
    form = client.get(url).content.decode()
    assert f'value="1" id="answers-{field_name(materials)}_1" checked' in form  # palm oil, as answered
    response = client.post(url, {field_name(materials): ["4"], field_name(remark): ""})
    assert response.status_code == 302
    assert anna.answers.get().display("nl") == "Cacao"  # the emptied remark is gone
    event.registration_closes_at = timezone.now() - timedelta(minutes=1)
    event.save()
    closed = client.get(url).content.decode()
    assert "uw antwoorden kunt u niet meer wijzigen" in closed and 'type="checkbox"' not in closed
    client.post(url, {field_name(materials): ["0"]})
    assert anna.answers.get().display("nl") == "Cacao"


def test_erasure_blanks_written_answers_and_keeps_the_counted_ones():
    _event, materials, remark, anna, _bert = sourcing_event()
    erase_participant(participant=anna.participant)
    answers = {answer.question_id: answer for answer in Answer.objects.filter(registration=anna)}
    assert answers[remark.pk].value is None and answers[remark.pk].display("nl") == "(gewist)"
    assert answers[materials.pk].display("nl") == "Palmolie, Soja"


def test_retention_blanks_written_answers_some_days_after_the_event(settings):
    event = make_event(start=timezone.now() - timedelta(days=40), days=1)
    remark = Question.objects.create(event=event, kind=QuestionKind.LONG_TEXT, text_nl="Wat wilt u ons vertellen?")
    anna = RegistrationFactory(event=event)
    Answer.objects.create(registration=anna, question=remark, question_text=remark.text_nl, value="Wij zijn AnnaCo")
    settings.RETENTION = {**settings.RETENTION, "answer_text_days_after_event": 60}
    assert apply_retention()["answer_texts_erased"] == 0
    settings.RETENTION = {**settings.RETENTION, "answer_text_days_after_event": 30}
    assert apply_retention()["answer_texts_erased"] == 1
    assert Answer.objects.get(registration=anna, question=remark).value is None
    assert apply_retention()["answer_texts_erased"] == 0


def test_the_event_page_and_its_registrations_lead_to_its_questions(client):
    user = organiser()
    event = make_event()
    event.organisers.add(user)
    event.save()
    client.force_login(user)
    questions_url = f"{QUESTIONS}?event={event.pk}"
    assert questions_url.replace("&", "&amp;") in client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert questions_url in client.get(f"{REGISTRATIONS}event/{event.pk}/").content.decode()
