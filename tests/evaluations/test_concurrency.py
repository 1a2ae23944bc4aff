"""Two at once on PostgreSQL: a double-clicked evaluation form stores one response; two workers
telling of a new event send each interested person one email."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from demand.models import Interest, Notice
from demand.services import notify_new_event
from evaluations import services
from evaluations.defaults import create_default_templates
from evaluations.models import EvaluationTemplate, Invitation, QuestionKind, Response, TemplateQuestion
from participants.models import OutboxEmail
from tests.factories import AttendanceFactory, RegistrationFactory, make_event, make_programme

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def at_once(count, work):
    barrier = threading.Barrier(count)
    errors = []

    def worker():
        try:
            barrier.wait()
            work()
        except Exception as error:  # collected, so the test says which
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_a_double_submitted_form_stores_one_response():
    create_default_templates(EvaluationTemplate, TemplateQuestion)
    start = (timezone.now() - timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = make_event(start=start)
    registration = RegistrationFactory(event=event)
    AttendanceFactory(registration=registration)
    registration.refresh_from_db()
    evaluation = services.create_evaluation(event)
    answers = {
        q.pk: 9 if q.kind == QuestionKind.RECOMMEND else 4
        for q in evaluation.questions.filter(kind__in=["scale", "recommend"])
    }

    errors = at_once(
        4, lambda: services.submit(registration=registration, evaluation=evaluation, answers=answers, language="nl")
    )
    assert not errors
    assert Invitation.objects.count() == 1
    assert Response.objects.count() == 1


def test_two_workers_tell_each_interested_person_once():
    programme = make_programme(title="Roadshow")
    for n in range(5):
        Interest.objects.create(
            programme=programme, email=f"p{n}@example.org", stakeholder_type="company", confirmed_at=timezone.now()
        )
    event = make_event(programme=programme, title="Roadshow Assen")
    errors = at_once(4, lambda: notify_new_event(event.pk))
    assert not errors
    assert Notice.objects.count() == 5
    assert OutboxEmail.objects.filter(key__startswith="interest-notice:").count() == 5
