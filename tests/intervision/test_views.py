from datetime import timedelta

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse

from intervision.models import Case, Learning, Membership, MembershipStatus, OecdStep
from intervision.wagtail_hooks import intervision_panel
from participants.models import Participant, Registration
from tests.factories import RegistrationFactory

from .factories import make_case, make_group, make_member

pytestmark = pytest.mark.django_db

FORM = {
    "stakeholder_type": "company",
    "company_size": "sme",
    "first_name": "Anna",
    "last_name": "de Vries",
    "email": "anna@kruidenhandel.example",
    "organisation": "Kruidenhandel De Vries",
    "job_title": "Inkoper",
    "sector": "specerijen",
    "language": "nl",
    "consent": "on",
}


def test_an_sme_applies_on_the_group_page(client):
    group = make_group(meetings=2)
    page = client.get(reverse("intervision:group", args=[group.slug]))
    assert page.status_code == 200
    assert group.name in page.text and group.agreement[:40] in page.text
    response = client.post(reverse("intervision:group", args=[group.slug]), FORM, follow=True)
    assert response.redirect_chain[-1][0] == reverse("intervision:applied", args=[group.slug])
    membership = Membership.objects.get()
    assert membership.status == MembershipStatus.APPLIED
    assert membership.participant.email == FORM["email"]


def test_a_large_company_gets_a_clear_message_and_nothing_is_saved(client):
    group = make_group()
    response = client.post(reverse("intervision:group", args=[group.slug]), {**FORM, "company_size": "large"})
    assert response.status_code == 400
    assert "Intervisiegroepen zijn voor het mkb" in response.text
    assert not Membership.objects.exists() and not Participant.objects.exists()
    response = client.post(
        reverse("intervision:group", args=[group.slug]), {**FORM, "stakeholder_type": "ngo", "company_size": ""}
    )
    assert "alleen open voor vertegenwoordigers van mkb-bedrijven" in response.text
    assert not Membership.objects.exists()


def test_a_full_group_says_so_and_puts_the_applicant_on_the_waiting_list(client):
    group = make_group(max_size=2)
    make_member(group), make_member(group)
    page = client.get(reverse("intervision:group", args=[group.slug]))
    assert "Deze groep is vol" in page.text
    client.post(reverse("intervision:group", args=[group.slug]), FORM)
    assert Membership.objects.get(participant__email=FORM["email"]).status == MembershipStatus.WAITLISTED


def test_the_member_accepts_the_agreement_and_submits_a_case(client):
    group = make_group(meetings=2)
    membership = make_member(group, status=MembershipStatus.ACCEPTED)
    url = reverse("intervision:member", args=[membership.token])
    assert "Geheimhoudingsafspraak" in client.get(url).text
    client.post(reverse("intervision:agreement", args=[membership.token]), {"accept": "on"})
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    assert Registration.objects.filter(participant=membership.participant, status="confirmed").count() == 2
    meeting = group.meetings.first()
    response = client.post(
        url,
        {
            "meeting": meeting.pk,
            "title": "Zwijgende leverancier",
            "question": "Hoe krijg ik de keten in beeld?",
            "oecd_step": OecdStep.IDENTIFY,
        },
        follow=True,
    )
    assert "Uw casus is ingediend" in response.text
    case = Case.objects.get()
    assert case.membership == membership and case.meeting == meeting
    detail = client.get(reverse("intervision:case", args=[membership.token, case.pk]))
    assert "Hoe krijg ik de keten in beeld?" in detail.text


def test_unknown_or_replaced_links_are_not_found(client):
    membership = make_member(make_group(meetings=1))
    assert client.get(reverse("intervision:member", args=["not-a-token"])).status_code == 404
    old = membership.token
    membership.token = "replaced-" + old[:20]
    membership.save()
    assert client.get(reverse("intervision:member", args=[old])).status_code == 404


def test_a_member_of_group_a_gets_404_for_group_b_cases(client):
    group_a, group_b = make_group(meetings=1), make_group(meetings=1)
    member_a = make_member(group_a)
    secret = make_case(make_member(group_b), question="Geheime vraag van groep B")
    response = client.get(reverse("intervision:case", args=[member_a.token, secret.pk]))
    assert response.status_code == 404
    assert "Geheime vraag" not in response.text
    assert secret.title not in client.get(reverse("intervision:member", args=[member_a.token])).text


def test_an_applicant_who_is_not_yet_a_member_sees_no_cases(client):
    group = make_group(meetings=1)
    case = make_case(make_member(group))
    applicant = make_member(group, status=MembershipStatus.APPLIED)
    assert client.get(reverse("intervision:case", args=[applicant.token, case.pk])).status_code == 404
    assert case.title not in client.get(reverse("intervision:member", args=[applicant.token])).text


def test_a_case_for_a_meeting_that_has_started_gets_a_clear_message(client):
    group = make_group(meetings=2)
    membership = make_member(group)
    first = group.meetings.first()
    with time_machine.travel(first.event.starts_at + timedelta(minutes=10)):
        response = client.post(
            reverse("intervision:member", args=[membership.token]),
            {"meeting": first.pk, "title": "Te laat", "question": "?", "oecd_step": OecdStep.TRACK},
        )
    assert response.status_code == 400
    assert "Deze bijeenkomst heeft al plaatsgevonden" in response.text
    assert not Case.objects.exists()


def test_a_case_for_another_groups_meeting_is_refused_without_telling_anything(client):
    group, other = make_group(meetings=1), make_group(meetings=1)
    membership = make_member(group)
    response = client.post(
        reverse("intervision:member", args=[membership.token]),
        {"meeting": other.meetings.get().pk, "title": "x", "question": "?", "oecd_step": OecdStep.TRACK},
    )
    assert response.status_code == 400
    assert other.name not in response.text
    assert not Case.objects.exists()


def test_leaving_through_the_link(client):
    group = make_group(meetings=2)
    membership = make_member(group)
    client.post(reverse("intervision:leave", args=[membership.token]))
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.LEFT
    assert not Registration.objects.filter(participant=membership.participant, status="confirmed").exists()


def test_the_private_link_of_a_meeting_registration_leads_to_the_group(client):
    group = make_group(meetings=1)
    membership = make_member(group)
    registration = Registration.objects.get(participant=membership.participant)
    response = client.get(reverse("intervision:private_link", args=[registration.access_token]))
    assert response.status_code == 302
    assert response["Location"] == reverse("intervision:member", args=[membership.token])
    assert client.get(reverse("intervision:private_link", args=["unknown"])).status_code == 404
    roadshow = RegistrationFactory()
    assert client.get(reverse("intervision:private_link", args=[roadshow.access_token])).status_code == 404

    request = RequestFactory().get("/")
    panel = intervision_panel(request, registration)
    assert reverse("intervision:private_link", args=[registration.access_token]) in panel
    assert intervision_panel(request, roadshow) is None


def test_proof_of_participation_lists_the_meetings_attended(client):
    from intervision import services

    group = make_group(meetings=2)
    membership = make_member(group)
    meeting = group.meetings.first()
    registration = Registration.objects.get(participant=membership.participant, event=meeting.event)
    services.record_attendance_list(meeting=meeting, present=[registration], by=group.facilitator)
    year = meeting.event.starts_at.year
    response = client.get(reverse("intervision:participation", args=[membership.token, year]))
    assert response.status_code == 200
    assert meeting.event.title in response.text
    assert group.meetings.last().event.title not in response.text
    assert client.get(reverse("intervision:participation", args=[membership.token, year - 5])).status_code == 404


def test_the_best_practice_page_shows_published_learnings_only_and_no_case(client):
    group = make_group(meetings=1)
    case = make_case(make_member(group), title="Casus Cacao BV", question="Vertrouwelijke vraag")
    Learning.objects.create(
        group=group,
        title="Begin bij de grootste risico's",
        text="Gebruik een heatmap.",
        oecd_step=OecdStep.IDENTIFY,
        commodity="cacao",
        published=True,
    )
    Learning.objects.create(group=group, title="Nog niet gedeeld", text="Concept", oecd_step=OecdStep.TRACK)
    response = client.get(reverse("intervision:learnings"))
    assert "Begin bij de grootste risico" in response.text
    assert "Nog niet gedeeld" not in response.text
    assert case.title not in response.text and case.question not in response.text
    filtered = client.get(reverse("intervision:learnings"), {"step": OecdStep.TRACK})
    assert "Begin bij de grootste risico" not in filtered.text
    for url in (reverse("intervision:groups"), reverse("intervision:group", args=[group.slug])):
        assert case.title not in client.get(url).text


def test_a_meeting_page_names_its_group_and_leads_to_its_application_instead_of_a_form(client):
    group = make_group(meetings=1, name="Intervisiegroep Soja")
    event = group.meetings.get().event
    page = client.get(event.url)
    assert page.status_code == 200
    assert "Dit is bijeenkomst 1 van de mkb-intervisiegroep Intervisiegroep Soja" in page.text
    assert f'href="{reverse("intervision:group", args=[group.slug])}"' in page.text
    assert reverse("participants:register", args=[event.pk]) not in page.text, "no registration form"

    # Posting the public form anyway registers nobody: members come in through the group.
    response = client.post(reverse("participants:register", args=[event.pk]), {**FORM, "email": "x@example.org"})
    assert response.status_code == 400
    assert not Registration.objects.filter(participant__email="x@example.org").exists()


def test_other_event_pages_keep_their_registration_form(client):
    from tests.factories import make_event

    event = make_event()
    assert reverse("participants:register", args=[event.pk]) in client.get(event.url).text


def test_the_site_menu_leads_to_the_intervision_groups(client):
    home = client.get("/")
    assert f'href="{reverse("intervision:groups")}">Mkb-intervisiegroepen</a>' in home.text
    listing = client.get(reverse("intervision:groups"))
    assert f'href="{reverse("intervision:groups")}" aria-current="page">' in listing.text
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert ">SME intervision groups</a>" in client.get("/").text


def test_a_case_for_a_cancelled_meeting_gets_a_clear_message(client):
    group = make_group(meetings=2)
    membership = make_member(group)
    cancelled = group.meetings.first()
    cancelled.event.status = "cancelled"
    cancelled.event.save_revision().publish()
    url = reverse("intervision:member", args=[membership.token])
    assert f'value="{cancelled.pk}"' not in client.get(url).text, "not offered"
    response = client.post(url, {"meeting": cancelled.pk, "title": "x", "question": "?", "oecd_step": OecdStep.TRACK})
    assert response.status_code == 400
    assert "Deze bijeenkomst is geannuleerd" in response.text
    assert not Case.objects.exists()


def test_a_year_no_meeting_can_have_is_not_found(client):
    membership = make_member(make_group(meetings=1))
    for name in ("intervision:participation", "intervision:certificate_pdf", "intervision:certificate_json"):
        assert client.get(reverse(name, args=[membership.token, 99999])).status_code == 404


def test_applications_are_rate_limited_per_email_address_and_per_address(client, ratelimits):
    ratelimits["intervision_apply"] = "2/d"
    ratelimits["intervision_apply_address"] = "3/d"
    group = make_group(meetings=1)
    url = reverse("intervision:group", args=[group.slug])
    assert [client.post(url, FORM).status_code for _ in range(2)] == [302, 302]
    refused = client.post(url, FORM)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Te veel verzoeken" in refused.text  # the rate limiter's one page
    # Someone else from the same office still applies, until the address's budget is used up.
    assert client.post(url, {**FORM, "email": "bert@kruidenhandel.example"}).status_code in (302, 400)
    assert client.post(url, {**FORM, "email": "carla@kruidenhandel.example"}).status_code == 429
    assert client.get(url).status_code == 200  # reading the page is not applying
