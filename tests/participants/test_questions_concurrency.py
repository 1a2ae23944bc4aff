"""Answers under concurrency, on PostgreSQL: saves at once from the private link store one answer each."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import IntegrityError, connection

from participants.models import Answer, Question, QuestionKind
from participants.questions.services import update_answers
from tests.factories import RegistrationFactory, make_event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 8


def test_simultaneous_saves_of_new_answers_store_one_answer_per_question():
    event = make_event()
    question = Question.objects.create(event=event, kind=QuestionKind.SHORT_TEXT, text_nl="Wat wilt u leren?")
    registration = RegistrationFactory(event=event)
    start = threading.Barrier(THREADS)
    errors = []

    def one(i):
        try:
            start.wait(timeout=30)
            update_answers(registration=registration, answers={question: f"Antwoord {i}"})
        except Exception as error:  # Collected, and the test fails on any.
            errors.append(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(one, range(THREADS)))
    assert not errors, errors
    assert Answer.objects.filter(registration=registration, question=question).count() == 1


def test_a_question_is_an_events_or_a_programmes_and_an_answer_is_one_per_question():
    event = make_event()
    with pytest.raises(IntegrityError):
        Question.objects.create(event=event, programme=event.get_parent().specific, kind="yes_no", text_nl="Beide")
    question = Question.objects.create(event=event, kind=QuestionKind.YES_NO, text_nl="Eén")
    registration = RegistrationFactory(event=event)
    Answer.objects.create(registration=registration, question=question, question_text="Eén", value=True)
    with pytest.raises(IntegrityError):
        Answer.objects.create(registration=registration, question=question, question_text="Eén", value=False)
