"""The public side: the form on the event page, the confirmation link, the private link."""

import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail import hooks

from participants.models import Participant, Registration, RegistrationStatus
from participants.registration.services import CONFIRM_SALT, confirmation_token, register
from tests.factories import make_event

from .conftest import details, form_data

pytestmark = pytest.mark.django_db


def post(client, event, **overrides):
    return client.post(f"/registration/{event.pk}/", form_data(**overrides))


def test_the_event_page_shows_the_form_with_the_type_first(client):
    event = make_event()
    html = client.get(event.url).content.decode()
    assert html.index('name="stakeholder_type"') < html.index('name="company_size"') < html.index('name="email"')
    assert f'action="/registration/{event.pk}/"' in html
    assert "<legend class=" in html


def test_a_closed_event_shows_no_form(client):
    event = make_event(registration_closes_at=timezone.now() - timedelta(hours=1))
    html = client.get(event.url).content.decode()
    assert reverse("participants:register", args=[event.pk]) not in html
    assert 'class="registration-form"' not in html
    # What it offers instead: to be told of the next training (the demand form, its own fields).
    assert 'id="interest_stakeholder_type"' in html


def test_registering_through_the_form(client, django_capture_on_commit_callbacks):
    event = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, event)
    assert response.status_code == 302
    assert response["Location"] == reverse("participants:registration_sent", args=[event.pk])
    # A page of its own says what happens next, with the address this browser typed.
    sent = client.get(response["Location"]).content.decode()
    assert "Bijna klaar: we hebben een e-mail gestuurd naar" in sent and "Wat er nu gebeurt" in sent
    assert form_data()["email"] in sent
    assert "Bijna klaar: we hebben u een e-mail gestuurd." in Client().get(response["Location"]).content.decode()
    registration = Registration.objects.get()
    assert registration.stakeholder_type == "company" and registration.company_size == "sme"
    assert registration.sector == "Zuivel"
    assert registration.consent_at is not None
    page = client.get(response["Location"]).content.decode()
    assert "anna@example.org" in page
    assert len(mail.outbox) == 1


def test_an_alias_of_an_event_registers_for_the_original(client):
    from wagtail.actions.create_alias import CreatePageAliasAction

    from events.models import EventPage
    from tests.factories import make_programme

    event = make_event(capacity=1)
    alias = CreatePageAliasAction(EventPage.objects.get(pk=event.pk), parent=make_programme(title="Elders")).execute()
    html = client.get(alias.url).content.decode()
    assert f'action="/registration/{event.pk}/"' in html
    # A form posted to the alias's own number (an old page, a hand-made request) lands on the original too.
    assert post(client, alias).status_code == 302
    assert post(client, alias, email="piet@example.org").status_code == 302
    assert list(Registration.objects.values_list("event_id", "status").order_by("pk")) == [
        (event.pk, RegistrationStatus.PENDING),
        (event.pk, RegistrationStatus.WAITLISTED),
    ]


def test_missing_fields_re_render_the_page_with_an_error_summary_and_save_nothing(client):
    event = make_event()
    response = post(client, event, email="not-an-email", consent=None, company_size=None)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html and "autofocus" in html
    assert 'href="#reg-email"' in html and 'href="#reg-company_size_0"' in html
    assert 'value="Anna"' in html  # what was typed is kept
    assert Registration.objects.count() == 0 and Participant.objects.count() == 0


def test_company_fields_are_ignored_for_other_types(client):
    event = make_event()
    post(client, event, stakeholder_type="ngo", company_size="large", sector="Cacao")
    registration = Registration.objects.get()
    assert (registration.company_size, registration.sector) == ("", "")


@pytest.mark.parametrize("name", ["x" * 101, "Robert'); DROP TABLE--", "Anna\x00", "<script>", "1234", "Ann\u202ea"])
def test_over_long_or_odd_names_get_a_clear_message(client, name):
    event = make_event()
    response = post(client, event, first_name=name)
    assert response.status_code == 400
    assert Registration.objects.count() == 0


def test_names_in_other_scripts_and_with_accents_are_fine(client):
    event = make_event()
    assert post(client, event, first_name="Zoë-Çelik", last_name="O\u2019Brien").status_code == 302
    assert post(client, event, email="k@example.org", first_name="Nguyễn", last_name="Thị Minh").status_code == 302


def test_intervision_form_refuses_non_sme(client):
    event = make_event(kind="intervision")
    response = post(client, event, company_size="large")
    assert response.status_code == 400
    assert "SME" in response.content.decode() or "mkb" in response.content.decode().lower()


def sent_page_says(page):
    """What the page after the form says of this registration, in words (its alert; the steps after it
    are the same for everyone)."""
    alert = page[page.index('role="status"') : page.index("</div>", page.index('role="status"'))]
    return " ".join(re.sub(r"<[^>]+>", " ", alert.split(">", 1)[1]).split())


def test_a_double_submit_makes_one_registration_and_says_the_same(client):

    event = make_event()
    said = []
    for _ in range(2):
        response = post(client, event)
        assert response.status_code == 302
        said.append(sent_page_says(client.get(response["Location"]).content.decode()))
    assert Registration.objects.count() == 1
    # The same words both times: the form does not tell a stranger that this address was registered.
    assert said[0] == said[1] and "anna@example.org" in said[0]


def test_a_full_event_answers_a_new_and_a_registered_address_alike(client, django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    post(client, event, email="one@example.org")
    client.get(event.url)  # its message shown
    said = []
    for email in ("two@example.org", "one@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            response = post(client, event, email=email)
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
        said.append(sent_page_says(page).replace(email, "EMAIL"))
    # Nothing tells the visitor that one@ holds the seat, nor that two@ is now on a waiting list.
    assert said[0] == said[1] and "wachtlijst" not in said[0] and "waiting list" not in said[0]
    # Where two@ stands is in the email, which only its owner reads.
    (waiting,) = [m for m in mail.outbox if m.to == ["two@example.org"]]
    assert "wachtlijst" in waiting.body or "waiting list" in waiting.body


def test_a_window_that_closed_while_the_form_was_open_gets_a_message(client):
    event = make_event()
    event.registration_closes_at = timezone.now() - timedelta(seconds=1)
    event.save_revision().publish()
    response = post(client, event)
    assert response.status_code in (302, 400)
    assert Registration.objects.count() == 0


def test_thirty_colleagues_register_from_one_office(client, ratelimits):
    """Limits stop abusers, not teams: the address budget has room for one office's colleagues."""
    event = make_event(capacity=100)
    codes = {post(client, event, email=f"collega{i}@zuivelhuis.example").status_code for i in range(30)}
    assert codes == {302}
    assert Registration.objects.filter(event=event).count() == 30


def test_one_email_address_hammering_the_form_is_stopped(client, ratelimits):
    ratelimits["register"] = "3/d"
    event = make_event()
    codes = [post(client, event, email="Piet@Example.org ").status_code for _ in range(3)]
    assert codes == [302, 302, 302]
    refused = post(client, event, email="piet@example.org", first_name="Zoë")
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 86401
    assert "Te veel verzoeken" in refused.content.decode()  # the rate limiter's one page, in Dutch
    # A colleague on the same network is not stopped by it.
    assert post(client, event, email="anna@example.org").status_code == 302


def test_one_address_trying_many_email_addresses_is_stopped(client, ratelimits):
    ratelimits["register_address"] = "3/d"
    event = make_event()
    codes = [post(client, event, email=f"p{i}@example.org").status_code for i in range(4)]
    assert codes == [302, 302, 302, 429]
    other = client.post(f"/registration/{event.pk}/", form_data(email="q@example.org"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


@pytest.fixture
def event():
    # Made once for all the examples hypothesis tries.
    return make_event(capacity=5)


names = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    values=st.fixed_dictionaries(
        {},
        optional={
            field: names
            for field in [
                "stakeholder_type",
                "company_size",
                "sector",
                "first_name",
                "last_name",
                "email",
                "organisation",
                "job_title",
                "phone",
                "dietary_needs",
                "accessibility_needs",
                "language",
                "consent",
            ]
        },
    ),
    valid_base=st.booleans(),
)
def test_no_input_makes_the_form_fail_with_a_server_error(client, event, values, valid_base):
    from django.core.cache import cache

    cache.clear()
    data = {**(form_data() if valid_base else {}), **values}
    response = client.post(f"/registration/{event.pk}/", data)
    assert response.status_code in (302, 400), response.status_code


def test_confirm_link_shows_a_button_then_confirms(client, django_capture_on_commit_callbacks):
    event = make_event()
    registration = register(event=event, details=details()).registration
    url = f"/registration/confirm/{confirmation_token(registration)}/"
    page = client.get(url)
    assert page.status_code == 200
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING  # a link scanner's GET confirms nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"] == f"/r/{registration.access_token}/"
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_forged_and_expired_confirm_links(client):
    event = make_event()
    registration = register(event=event, details=details()).registration
    forged = signing.dumps([registration.pk, "0" * 16], salt=CONFIRM_SALT)
    assert client.get(f"/registration/confirm/{forged}/").status_code == 404
    assert client.post(f"/registration/confirm/{forged}/").status_code == 404
    assert client.get("/registration/confirm/garbage/").status_code == 404
    token = confirmation_token(registration)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.post(f"/registration/confirm/{tampered}/").status_code == 404
    import time_machine

    with time_machine.travel(timezone.now() + timedelta(hours=80)):
        response = client.post(f"/registration/confirm/{token}/")
    assert response.status_code == 410
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING


def test_private_link_shows_the_registration_and_lets_the_person_change_details(client):
    event = make_event()
    registration = register(event=event, details=details()).registration
    url = f"/r/{registration.access_token}/"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    assert "anna@example.org" in response.content.decode()
    data = {**details(first_name="Anne", dietary_needs="Vegan"), "language": "en"}
    assert client.post(url, data).status_code == 302
    registration.refresh_from_db()
    assert registration.participant.first_name == "Anne"
    assert registration.dietary_needs == "Vegan"
    assert registration.language == "en"


def test_unknown_or_revoked_private_links_are_a_404(client):
    event = make_event()
    registration = register(event=event, details=details()).registration
    old = registration.access_token
    registration.revoke_access()
    for token in (old, "x" * 43, "nothing"):
        response = client.get(f"/r/{token}/")
        assert response.status_code == 404
        assert "anna@example.org" not in response.content.decode()
    assert client.post(f"/r/{old}/cancel/").status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING


def test_cancel_through_the_private_link(client, django_capture_on_commit_callbacks):
    event = make_event()
    registration = register(event=event, details=details()).registration
    assert client.get(f"/r/{registration.access_token}/cancel/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/r/{registration.access_token}/cancel/")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.cancelled_by_participant


def test_other_apps_add_panels_to_the_private_link_in_order(client):
    event = make_event()
    registration = register(event=event, details=details()).registration
    with (
        hooks.register_temporarily("participant_link_panels", lambda request, reg: None),
        hooks.register_temporarily(
            "participant_link_panels", lambda request, reg: f'<section id="panel-a">{reg.pk}</section>', order=20
        ),
        hooks.register_temporarily(
            "participant_link_panels", lambda request, reg: '<section id="panel-b"></section>', order=10
        ),
    ):
        html = client.get(f"/r/{registration.access_token}/").content.decode()
    assert f'<section id="panel-a">{registration.pk}</section>' in html
    assert html.index("panel-b") < html.index("panel-a")
