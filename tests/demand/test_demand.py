"""Demand: asking to hear of a new training (double opt-in), one-click unsubscribe, one email per
new event to those whose region and language fit, and the Secretariat's view of it."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from demand import services
from demand.models import Interest, Notice
from evaluations import services as evaluation_services
from evaluations.models import QuestionKind
from events.models import Region, Venue
from participants.mail.outbox import send_email
from participants.models import OutboxEmail, RegistrationStatus
from participants.privacy.erasure import erase_participant
from tests.factories import AttendanceFactory, RegistrationFactory, make_event, make_programme, organiser, secretariat

pytestmark = pytest.mark.django_db


def ask(client, programme, email="ans@example.org", region="Utrecht", language="nl", **extra):
    return client.post(
        f"/interest/{programme.pk}/",
        {
            "email": email,
            "stakeholder_type": "company",
            "region": region,
            "language": language,
            "consent": "on",
            **extra,
        },
    )


def confirm_link(email):
    message = OutboxEmail.objects.filter(to=email, key__startswith="interest-confirm:").latest("created_at")
    return re.search(r"https?://\S+/interest/confirm/[^/\s]+/", message.body_text).group(0), message


def confirmed(client, programme, **kwargs):
    ask(client, programme, **kwargs)
    link, _message = confirm_link(kwargs.get("email", "ans@example.org"))
    path = link[link.index("/interest/") :]
    assert client.post(path).status_code == 200
    return Interest.objects.get(email=kwargs.get("email", "ans@example.org"))


def test_double_opt_in_and_the_same_answer_for_a_known_address(home):
    programme = make_programme(title="Roadshow")
    client = Client()
    response = ask(client, programme)
    assert response.status_code == 200 and "Controleer uw e-mail" in response.content.decode()
    interest = Interest.objects.get()
    assert interest.confirmed_at is None and not Interest.objects.active().exists()
    link, _message = confirm_link("ans@example.org")
    path = link[link.index("/interest/") :]
    assert client.get(path).status_code == 200  # a GET (a mail scanner) confirms nothing
    assert Interest.objects.get().confirmed_at is None
    client.post(path)
    assert Interest.objects.active().count() == 1
    again = ask(client, programme)  # asked again: the same page, no second email, one row
    assert again.content.decode().count("Controleer uw e-mail") >= 1
    assert Interest.objects.count() == 1
    assert OutboxEmail.objects.filter(key__startswith="interest-confirm:").count() == 1


def test_bad_input_is_a_clear_message(home):
    programme = make_programme()
    response = Client().post(f"/interest/{programme.pk}/", {"email": "not an address", "stakeholder_type": "company"})
    assert response.status_code == 400
    assert "Controleer de gemarkeerde velden" in response.content.decode()
    assert not Interest.objects.exists()


def test_every_email_has_one_click_unsubscribe(home):
    programme = make_programme()
    client = Client()
    ask(client, programme)
    _link, message = confirm_link("ans@example.org")
    assert message.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    send_email(message.pk)
    sent = mail.outbox[-1]
    unsubscribe = sent.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in sent.body
    # The mail client's one-click POST: no CSRF token, no cookie.
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe[unsubscribe.index("/interest/") :], {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert not Interest.objects.exists()


def test_a_new_event_is_told_once_to_those_whose_region_and_language_fit(home, django_capture_on_commit_callbacks):
    programme = make_programme(title="Roadshow")
    client = Client()
    utrecht = confirmed(client, programme, email="utrecht@example.org", region="Utrecht")
    anywhere = confirmed(client, programme, email="overal@example.org", region="")
    confirmed(client, programme, email="groningen@example.org", region="Groningen")
    confirmed(client, programme, email="english@example.org", region="", language="en")
    ask(client, programme, email="unconfirmed@example.org", region="")
    other = make_programme(title="NEVI")
    confirmed(client, other, email="nevi@example.org", region="")

    venue = Venue.objects.create(name="Jaarbeurs", city="Utrecht")
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(programme=programme, title="Roadshow Utrecht", venue=venue, language="nl")
    told = set(OutboxEmail.objects.filter(key__startswith="interest-notice:").values_list("to", flat=True))
    assert told == {utrecht.email, anywhere.email}
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()  # published again: nobody is told twice
    assert OutboxEmail.objects.filter(key__startswith="interest-notice:").count() == 2
    assert Notice.objects.count() == 2
    assert services.notify_new_event(event.pk) == 0
    notice = OutboxEmail.objects.filter(key__startswith="interest-notice:").first()
    assert "Roadshow Utrecht" in notice.subject and "List-Unsubscribe" in notice.headers


def test_a_past_or_full_event_and_the_programme_page_offer_the_form(home):
    programme = make_programme(title="Roadshow")
    past = make_event(programme=programme, start=timezone.now() - timedelta(days=10))
    full = make_event(programme=programme, capacity=1)
    RegistrationFactory(event=full)
    open_event = make_event(programme=programme)
    client = Client()
    for page, shown in ((past, True), (full, True), (open_event, False), (programme, True)):
        html = client.get(page.url).content.decode()
        assert ("Laat het mij weten" in html) is shown, page.title


def test_the_secretariat_sees_demand_waiting_lists_and_follow_up_topics(home):
    programme = make_programme(title="Roadshow")
    client = Client()
    confirmed(client, programme, email="a@example.org", region="utrecht")
    confirmed(client, programme, email="b@example.org", region="Utrecht ")
    full = make_event(programme=programme, title="Roadshow Zwolle", capacity=1)
    RegistrationFactory(event=full)
    RegistrationFactory(event=full, status=RegistrationStatus.WAITLISTED, waitlisted_at=timezone.now())
    past = make_event(programme=programme, start=timezone.now() - timedelta(days=3))
    evaluation = evaluation_services.create_evaluation(past)
    for _ in range(3):
        registration = RegistrationFactory(event=past)
        AttendanceFactory(registration=registration)
        registration.refresh_from_db()
        answers = {
            q.pk: "Leefbaar loon" if q.kind == QuestionKind.TOPIC else 8 if q.kind == QuestionKind.RECOMMEND else 4
            for q in evaluation.questions.all()
            if q.kind != QuestionKind.OPEN
        }
        evaluation_services.submit(registration=registration, evaluation=evaluation, answers=answers, language="nl")

    staff = Client()
    staff.force_login(organiser(username="org"))
    assert staff.get("/admin/demand/").status_code in (302, 403)
    staff.force_login(secretariat(username="sec"))
    page = staff.get("/admin/demand/").content.decode()
    assert "Utrecht" in page and "Roadshow Zwolle" in page and "Leefbaar loon" in page
    assert "a@example.org" not in page
    export = b"".join(staff.get("/admin/demand/?export=csv"))
    assert b"Utrecht" in export and b"2" in export


def test_a_full_events_page_has_both_forms_without_clashing_ids_or_labels(home):
    full = make_event(programme=make_programme(), capacity=1)
    RegistrationFactory(event=full)
    html = Client().get(full.url).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert "registration-form" in html and "interest-form" in html
    assert html.count(">E-mailadres<") <= 1  # the registration form's; the interest form says "Mail mij op"


def test_an_erased_person_is_no_longer_told_of_new_trainings(home):
    programme = make_programme(title="Roadshow")
    confirmed(Client(), programme, email="erik@example.org")
    Interest.objects.create(programme=programme, email="someone.else@example.org", stakeholder_type="ngo")
    registration = RegistrationFactory(participant__email="Erik@Example.org")
    erase_participant(participant=registration.participant)
    assert list(Interest.objects.values_list("email", flat=True)) == ["someone.else@example.org"]


def test_a_region_is_matched_with_the_events_region_in_either_language(home):
    east_africa = Region.objects.get(name_en="East Africa")
    event = make_event(title="Local Expert Network training Nairobi", region=east_africa)
    programme = make_programme(title="Expert")

    def wants(text):
        return services.region_fits(Interest(programme=programme, region=text), event)

    assert wants("East Africa") and wants("oost-afrika") and wants("Nairobi") and wants("")
    assert not wants("Latin America")
