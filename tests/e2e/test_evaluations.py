"""A participant who attended a roadshow is invited to its evaluation, fills it in in a real browser,
and the Secretariat sees the figures in the admin."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from evaluations.defaults import create_default_templates
from evaluations.models import EvaluationTemplate, QuestionKind, TemplateQuestion
from evaluations.services import send_invitations, submit
from participants.models import OutboxEmail
from tests.e2e.test_statistics import log_in, site_tree  # noqa: F401  (a fixture)
from tests.factories import AttendanceFactory, RegistrationFactory, make_event, secretariat

pytestmark = pytest.mark.django_db(transaction=True)


def test_invited_participant_fills_in_the_evaluation_and_the_secretariat_sees_it(
    site_tree,  # noqa: F811
    page,
    context,
    live_server,
):
    create_default_templates(EvaluationTemplate, TemplateQuestion)  # a transactional test flushed them
    start = (timezone.now() - datetime.timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = make_event(title="Roadshow Deventer", start=start)
    people = []
    for _ in range(3):
        registration = RegistrationFactory(event=event)
        AttendanceFactory(registration=registration)
        registration.refresh_from_db()  # its count of check-ins, kept by the database
        people.append(registration)
    absent = RegistrationFactory(event=event)

    assert send_invitations()["invited"] == 3
    invitation = OutboxEmail.objects.get(key__startswith="evaluation-invite:", to=people[0].participant.email)
    assert not OutboxEmail.objects.filter(key__startswith="evaluation-invite:", to=absent.participant.email).exists()
    link = re.search(r"https?://\S+/evaluation/", invitation.body_text).group(0)
    path = link[link.index("/r/") :]

    # Two others answered already (the figures show from three answers on).
    evaluation = event.evaluation
    for registration, score in zip(people[1:], (8, 10), strict=True):
        answers = {
            q.pk: score if q.kind == QuestionKind.RECOMMEND else 4 if q.kind == QuestionKind.SCALE else ""
            for q in evaluation.questions.all()
        }
        submit(registration=registration, evaluation=evaluation, answers=answers, language="nl")

    page.goto(live_server.url + path)
    expect(page.locator("h1")).to_contain_text("Evaluatie van Roadshow Deventer")
    page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.locator("#error-summary")).to_contain_text("Verbeter het volgende")
    for fieldset in page.locator("fieldset.evaluation-question").all():
        radios = fieldset.locator("input[type=radio]")
        if radios.count() == 11:
            radios.nth(9).check()
        elif radios.count():
            radios.nth(4).check()
        else:
            fieldset.locator("textarea").fill("Ketenverantwoordelijkheid in de praktijk")
    page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.locator(".messages")).to_contain_text("uw antwoorden zijn opgeslagen")
    expect(page.get_by_role("button", name="Wijzigingen opslaan")).to_be_visible()

    log_in(context, live_server, secretariat())
    page.goto(live_server.url + "/admin/evaluations/")
    expect(page.locator('[data-figure="responses"]')).to_have_text("3")
    expect(page.locator('[data-figure="response_rate"]')).to_have_text("100%")
    expect(page.locator('[data-figure="recommendation"]')).to_have_text(re.compile(r"9[.,]0"))
    expect(page.locator("main")).to_contain_text("Ketenverantwoordelijkheid in de praktijk")
    expect(page.locator("svg.evaluation-bars").first).to_be_visible()
