"""Evaluations: who is asked, the form below the private link, anonymity, results, report, privacy."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from evaluations import services
from evaluations.models import Answer, Evaluation, Invitation, QuestionKind, Response
from evaluations.results import nps, results
from participants import links
from participants.models import OutboxEmail, RegistrationStatus
from participants.privacy.erasure import erase_participant
from participants.privacy.retention import apply_retention
from participants.reports import ReportFilters, build_report
from tests.factories import AttendanceFactory, RegistrationFactory, make_event, organiser, secretariat

pytestmark = pytest.mark.django_db


def past_roadshow(days_ago=1, **fields):
    start = (timezone.now() - timedelta(days=days_ago + 1)).replace(hour=9, minute=0, second=0, microsecond=0)
    return make_event(start=start, days=2, **fields)


def attended(event, n=1, **fields):
    registrations = []
    for _ in range(n):
        registration = RegistrationFactory(event=event, **fields)
        AttendanceFactory(registration=registration)
        registration.refresh_from_db()
        registrations.append(registration)
    return registrations


def answers_for(evaluation, score=8, scale=4, text=""):
    values = {}
    for question in evaluation.questions.all():
        if question.kind == QuestionKind.RECOMMEND:
            values[question.pk] = score
        elif question.kind == QuestionKind.SCALE:
            values[question.pk] = scale
        else:
            values[question.pk] = text
    return values


def form_data(evaluation, **kwargs):
    return {f"q{pk}": value for pk, value in answers_for(evaluation, **kwargs).items()}


def test_attendees_get_one_invitation_and_one_reminder_the_absent_none(settings):
    event = past_roadshow()
    came = attended(event)[0]
    RegistrationFactory(event=event)  # registered, never checked in
    cancelled = attended(event)[0]
    cancelled.status = RegistrationStatus.CANCELLED
    cancelled.save()

    assert services.send_invitations()["invited"] == 1
    assert services.send_invitations()["invited"] == 0  # twice: nobody is asked twice
    evaluation = Evaluation.objects.get(event=event)
    assert evaluation.questions.filter(session_number=2).exists()  # day 1 and day 2 asked apart
    invitations = OutboxEmail.objects.filter(key__startswith="evaluation-invite:")
    assert [email.to for email in invitations] == [came.participant.email]
    assert links.path(came, "evaluations:form") in invitations.get().body_text

    later = timezone.now() + timedelta(days=settings.EVALUATION_REMINDER_DAYS, hours=1)
    assert services.send_invitations(now=later)["reminded"] == 1
    assert services.send_invitations(now=later + timedelta(days=1))["reminded"] == 0
    assert OutboxEmail.objects.filter(key__startswith="evaluation-reminder:").count() == 1


def test_no_reminder_for_who_answered(settings):
    event = past_roadshow()
    registration = attended(event)[0]
    services.send_invitations()
    evaluation = Evaluation.objects.get(event=event)
    services.submit(registration=registration, evaluation=evaluation, answers=answers_for(evaluation), language="nl")
    later = timezone.now() + timedelta(days=settings.EVALUATION_REMINDER_DAYS + 1)
    assert services.send_invitations(now=later)["reminded"] == 0


def test_the_form_saves_and_changes_answers_and_keeps_them_anonymous():
    event = past_roadshow()
    registration = attended(event)[0]
    evaluation = services.create_evaluation(event)
    client = Client()
    url = links.path(registration, "evaluations:form")
    page = client.get(url)
    assert page.status_code == 200
    assert "Hoe waarschijnlijk" in page.content.decode()  # Dutch, the registration's language

    response = client.post(url, form_data(evaluation, score=9, text="Goede casussen"))
    assert response.status_code == 302
    assert client.post(url, form_data(evaluation, score=6, text="Beter")).status_code == 302
    assert Response.objects.count() == 1
    answer = Answer.objects.get(question__kind=QuestionKind.RECOMMEND)
    assert answer.score == 6
    # Nothing in the answer's rows points to the person.
    fields = {f.name for f in Response._meta.get_fields()} | {f.name for f in Answer._meta.get_fields()}
    assert not fields & {"registration", "participant", "invitation", "submitted_at"}
    assert Invitation.objects.get(registration=registration).answered_at is not None


def test_a_missing_score_is_a_clear_message_not_an_error():
    event = past_roadshow()
    registration = attended(event)[0]
    services.create_evaluation(event)
    response = Client().post(links.path(registration, "evaluations:form"), {})
    assert response.status_code == 400
    assert "Kies een score" in response.content.decode(), response.content.decode()[-3000:]
    assert not Response.objects.exists()


def test_saved_once_when_the_event_says_so():
    event = past_roadshow()
    registration = attended(event)[0]
    evaluation = services.create_evaluation(event)
    Evaluation.objects.filter(pk=evaluation.pk).update(changeable=False)
    client = Client()
    url = links.path(registration, "evaluations:form")
    client.post(url, form_data(evaluation))
    page = client.get(url)
    assert "niet meer worden gewijzigd" in page.content.decode()
    assert client.post(url, form_data(evaluation, score=1)).status_code == 200
    assert Answer.objects.get(question__kind=QuestionKind.RECOMMEND).score == 8


def test_who_did_not_attend_is_refused_with_a_message():
    event = past_roadshow()
    absent = RegistrationFactory(event=event)
    services.create_evaluation(event)
    response = Client().get(links.path(absent, "evaluations:form"))
    assert response.status_code == 403
    assert "niet aanwezig" in response.content.decode()


def test_a_closed_evaluation_takes_no_answers():
    event = past_roadshow()
    registration = attended(event)[0]
    evaluation = services.create_evaluation(event)
    Evaluation.objects.filter(pk=evaluation.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    response = Client().post(links.path(registration, "evaluations:form"), form_data(evaluation))
    assert "gesloten" in response.content.decode()
    assert not Response.objects.exists()


def test_results_nps_and_no_figures_for_fewer_than_three():
    assert nps({10: 5, 9: 1, 8: 2, 3: 2}) == 40
    event = past_roadshow()
    people = attended(event, 4)
    evaluation = services.create_evaluation(event)
    for registration, score in zip(people[:2], (10, 6), strict=True):
        services.submit(
            registration=registration,
            evaluation=evaluation,
            answers=answers_for(evaluation, score=score),
            language="nl",
        )
    small = results(Evaluation.objects.all())
    assert small["responses"] == 2 and not small["shown"] and small["recommendation"] is None
    services.submit(
        registration=people[2], evaluation=evaluation, answers=answers_for(evaluation, score=9), language="nl"
    )
    figures = results(Evaluation.objects.all())
    assert figures["asked"] == 3 and figures["responses"] == 3
    assert figures["recommendation"] == {"mean": 8.3, "nps": 33, "answers": 3}
    overall = next(q for q in figures["questions"] if q["key"] == "overall")
    assert overall["distribution"] == {"1": 0, "2": 0, "3": 0, "4": 3, "5": 0}


def test_attendance_report_has_an_evaluations_section_and_a_headline():
    event = past_roadshow()
    people = attended(event, 4)
    evaluation = services.create_evaluation(event)
    for registration, score in zip(people[:3], (9, 8, 8), strict=True):
        services.submit(
            registration=registration,
            evaluation=evaluation,
            answers=answers_for(evaluation, score=score),
            language="nl",
        )
    Invitation.objects.get_or_create(evaluation=evaluation, registration=people[3])
    report = build_report(ReportFilters())
    assert report["evaluations"]["responses"] == 3
    assert "Rated 8.3 out of 10 by three of four participants." in report["headline"]["en"]
    assert "8,3" in report["headline"]["nl"]
    out = io.StringIO()
    call_command("attendance_report", "--format", "csv", stdout=out)
    assert "evaluations,,responses,3" in out.getvalue()
    assert "evaluations,,nps,33" in out.getvalue()  # one 9 of three answers, no one under 7


def test_erasure_unlinks_the_answers_but_keeps_the_figures():
    event = past_roadshow()
    people = attended(event, 3)
    evaluation = services.create_evaluation(event)
    for registration in people:
        services.submit(
            registration=registration,
            evaluation=evaluation,
            answers=answers_for(evaluation, text="Namen"),
            language="nl",
        )
    erase_participant(participant=people[0].participant)
    assert Invitation.objects.get(registration=people[0]).answer_key_sealed == ""
    assert results(Evaluation.objects.all())["responses"] == 3
    assert services.current_answers(people[1], evaluation) is not None  # the others still can change theirs


def test_retention_deletes_open_answers_and_keeps_scores(settings):
    event = past_roadshow()
    people = attended(event, 3)
    evaluation = services.create_evaluation(event)
    for registration in people:
        services.submit(
            registration=registration,
            evaluation=evaluation,
            answers=answers_for(evaluation, text="Jan zei iets"),
            language="nl",
        )
    months = settings.RETENTION["evaluation_open_answer_months"]
    done = apply_retention(now=evaluation.closes_at + timedelta(days=31 * months + 2))
    assert done["evaluation_open_answers_deleted"] == 6  # two open questions, three people
    assert not Answer.objects.exclude(text="").exists()
    assert results(Evaluation.objects.all())["recommendation"]["answers"] == 3


def test_admin_results_per_role():
    event = past_roadshow(title="Roadshow Zwolle")
    other = past_roadshow(title="Roadshow Tilburg")
    for target in (event, other):
        evaluation = services.create_evaluation(target)
        for registration in attended(target, 3):
            services.submit(
                registration=registration,
                evaluation=evaluation,
                answers=answers_for(evaluation, text=f"Sterk in {target.title}"),
                language="nl",
            )
    own = organiser(username="org")
    event.organisers.add(own)
    event.save()
    client = Client()
    client.force_login(own)
    page = client.get("/admin/evaluations/").content.decode()
    assert "Sterk in Roadshow Zwolle" in page and "Sterk in Roadshow Tilburg" not in page
    client.force_login(secretariat(username="sec"))
    page = client.get("/admin/evaluations/").content.decode()
    assert "Sterk in Roadshow Tilburg" in page
    export = client.get("/admin/evaluations/?export=csv")
    assert b"Sterk in Roadshow Zwolle" in b"".join(export)
    respondents = client.get(f"/admin/evaluations/{event.evaluation.pk}/respondents/")
    assert respondents.status_code == 200


def test_the_private_link_page_offers_the_open_evaluation_and_the_data_download_names_it():
    event = past_roadshow()
    registration = attended(event)[0]
    evaluation = services.create_evaluation(event)
    page = Client().get(links.path(registration)).content.decode()
    assert "Vul de evaluatie in" in page and links.path(registration, "evaluations:form") in page
    services.submit(registration=registration, evaluation=evaluation, answers=answers_for(evaluation), language="nl")
    download = Client().get(links.path(registration, "participants:privacy_download")).json()
    assert download["evaluations"] == [
        {"event": event.title, "invited_at": None, "reminded_at": None, "answered": True}
    ]


def test_the_secretariat_edits_templates_and_an_events_evaluation_an_organiser_does_not():
    from evaluations.models import EvaluationTemplate

    event = past_roadshow()
    evaluation = services.create_evaluation(event)
    template = EvaluationTemplate.objects.get(kind="roadshow")
    own = organiser(username="org")
    event.organisers.add(own)
    event.save()
    client = Client()
    client.force_login(own)
    assert client.get(f"/admin/evaluation_templates/edit/{template.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/evaluation_settings/edit/{evaluation.pk}/").status_code in (302, 403)
    client.force_login(secretariat(username="sec"))
    page = client.get(f"/admin/evaluation_templates/edit/{template.pk}/")
    assert page.status_code == 200 and "Hoe waarschijnlijk" in page.content.decode()
    edit = client.get(f"/admin/evaluation_settings/edit/{evaluation.pk}/")
    assert edit.status_code == 200
    assert client.get("/admin/evaluation_settings/new/").status_code in (302, 403)  # made when an event ends


def test_the_secretariat_sets_an_evaluation_to_saved_once_and_later_closing():
    event = past_roadshow()
    evaluation = services.create_evaluation(event)
    client = Client()
    client.force_login(secretariat(username="sec"))
    closes = timezone.localtime(evaluation.closes_at + timedelta(days=7))
    response = client.post(
        f"/admin/evaluation_settings/edit/{evaluation.pk}/",
        {
            "opens_at": timezone.localtime(evaluation.opens_at).strftime("%Y-%m-%d %H:%M"),
            "closes_at": closes.strftime("%Y-%m-%d %H:%M"),
        },
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert not evaluation.changeable
    assert evaluation.closes_at == closes.replace(second=0, microsecond=0)


def test_an_evaluation_that_closes_before_it_opens_is_refused_with_a_message():
    event = past_roadshow()
    evaluation = services.create_evaluation(event)
    client = Client()
    client.force_login(secretariat(username="sec"))
    opens = timezone.localtime(evaluation.opens_at)
    response = client.post(
        f"/admin/evaluation_settings/edit/{evaluation.pk}/",
        {
            "opens_at": opens.strftime("%Y-%m-%d %H:%M"),
            "closes_at": (opens - timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
            "changeable": "on",
        },
    )
    assert response.status_code == 200
    assert "De evaluatie moet sluiten nadat zij opent." in response.content.decode()
