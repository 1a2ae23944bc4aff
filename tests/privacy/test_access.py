"""The access policy (core/access.py) closes the holes of the review (issue "Access and security").

Each test makes the request the review made, as the role it made it with, and checks the answer.
Rows: 1 organisers assign themselves, 2 manual check-in reads other events, 3 log labels, 4 the
Secretariat as facilitator, 6 view restrictions skipped.
"""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html

from core import access
from events.models import EventPage
from intervision.models import IntervisionGroup
from pages.models import EventIndexPage, HomePage
from participants.models import Registration
from tests.events.test_admin import add_url, event_data
from tests.factories import (
    RegistrationFactory,
    UserFactory,
    make_event,
    make_programme,
    organiser,
    secretariat,
)
from tests.intervision.factories import make_group
from tests.participants.checkin_helpers import today_event

pytestmark = pytest.mark.django_db


def editor(**kwargs):
    return UserFactory(groups=["Editors"], **kwargs)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form_data(client, page, **changes):
    """The page's edit form as the admin serves it to this user, with ``changes`` typed in."""
    response = client.get(edit_url(page))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for key, value in changes.items():
        if isinstance(value, list):
            data.setlist(key, value)
        else:
            data[key] = value
    return data


def as_post(data):
    """A QueryDict as the test client posts it: every value of a key, not only its last one."""
    return dict(data.lists())


def organiser_ids(page):
    return set(EventPage.objects.get(pk=page.pk).organisers.values_list("pk", flat=True))


@pytest.fixture
def events():
    org_a, org_b = organiser(username="org-a"), organiser(username="org-b")
    event_a, event_b = make_event(title="Roadshow Apeldoorn"), make_event(title="Roadshow Breda")
    for event, user in ((event_a, org_a), (event_b, org_b)):
        event.organisers.add(user)
        event.save_revision().publish()
    return {"org_a": org_a, "org_b": org_b, "a": event_a, "b": event_b}


# Row 1: an organiser or editor cannot make themself organiser of another event.


def test_an_organiser_cannot_open_or_post_another_events_editor(client, events):
    client.force_login(events["org_a"])
    assert client.get(edit_url(events["b"])).status_code in (302, 403)
    data = nested_form_data({"title": "Roadshow Breda", "slug": events["b"].slug, "organisers": [events["org_a"].pk]})
    client.post(edit_url(events["b"]), {**data, "action-publish": "publish"})
    assert organiser_ids(events["b"]) == {events["org_b"].pk}


def test_an_organiser_edits_their_own_event_but_not_who_organises_it(client, events):
    client.force_login(events["org_a"])
    page = client.get(edit_url(events["a"])).content.decode()
    assert 'name="organisers"' not in page
    assert 'name="capacity"' in page  # the operational fields are theirs
    data = edit_form_data(client, events["a"], capacity="25", organisers=[str(events["org_b"].pk)])
    data["action-publish"] = "publish"
    response = client.post(edit_url(events["a"]), as_post(data))
    assert response.status_code == 302
    assert EventPage.objects.get(pk=events["a"].pk).capacity == 25
    assert organiser_ids(events["a"]) == {events["org_a"].pk}


def test_an_organiser_who_creates_an_event_runs_it_and_the_log_says_so(client, start_date):
    planner = organiser(username="planner")
    client.force_login(planner)
    programme = make_programme(title="Due Diligence Roadshow")
    response = client.post(add_url(programme), {**event_data(start_date), "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="roadshow-zwolle")
    assert organiser_ids(event) == {planner.pk}
    entry = PageLogEntry.objects.get(page=event, action="covenant.organisers_change")
    assert entry.user == planner and entry.data["added"] == [planner.pk]


def test_an_editor_edits_event_texts_but_none_of_the_operational_fields(client, events):
    user = editor(username="redacteur")
    client.force_login(user)
    page = client.get(edit_url(events["b"])).content.decode()
    for field in ("organisers", "capacity", "registration_closes_at", "quotas-TOTAL_FORMS"):
        assert f'name="{field}"' not in page, field
    data = edit_form_data(client, events["b"], summary="Een betere samenvatting.")
    data.update(
        {
            "capacity": "999",
            "organisers": str(user.pk),
            **nested_form_data({"quotas": inline_formset([{"stakeholder_type": "ngo", "seats": "15"}])}),
            "action-publish": "publish",
        }
    )
    response = client.post(edit_url(events["b"]), as_post(data))
    assert response.status_code == 302
    event = EventPage.objects.get(pk=events["b"].pk)
    assert event.summary == "Een betere samenvatting."
    assert event.capacity == 20
    assert not event.quotas.exists()
    assert organiser_ids(event) == {events["org_b"].pk}


def test_the_secretariat_assigns_organisers_and_the_audit_log_keeps_it(client, events):
    boss = secretariat(username="secretariaat")
    client.force_login(boss)
    data = edit_form_data(client, events["b"], organisers=[str(events["org_b"].pk), str(events["org_a"].pk)])
    data["action-publish"] = "publish"
    assert client.post(edit_url(events["b"]), as_post(data)).status_code == 302
    assert organiser_ids(events["b"]) == {events["org_a"].pk, events["org_b"].pk}
    entry = PageLogEntry.objects.get(page=events["b"], action="covenant.organisers_change")
    assert entry.user == boss and entry.data == {"added": [events["org_a"].pk], "removed": []}


# Row 2: the manual check-in tells nothing of another organiser's registrations.


def test_manual_check_in_with_another_events_registration_number_reveals_nothing(client):
    door = organiser(username="deur-a")
    event_a, event_b = today_event(title="Roadshow Apeldoorn"), today_event(title="Roadshow Breda")
    event_a.organisers.add(door)
    event_a.save_revision().publish()
    theirs = RegistrationFactory(event=event_b, participant__first_name="Bertine", participant__last_name="Brakband")
    client.force_login(door)
    response = client.post(
        reverse("participants:checkin_manual_api"),
        json.dumps({"session": event_a.sessions.first().pk, "registration": theirs.pk}),
        content_type="application/json",
    )
    body = response.content.decode()
    assert json.loads(body)["status"] == "invalid"
    for secret in ("Bertine", "Brakband", "Breda", theirs.organisation.name if theirs.organisation_id else "Breda"):
        assert secret not in body


# Row 3: Reports > Site history shows numbers, not names.


def test_site_history_shows_an_organiser_no_names_of_other_events(client, events):
    theirs = RegistrationFactory(
        event=events["b"], participant__first_name="Bertine", participant__last_name="Brakband"
    )
    log(theirs, "wagtail.edit")
    log(theirs.participant, "wagtail.edit")
    client.force_login(events["org_a"])
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Brakband" not in body
    labels = set(ModelLogEntry.objects.values_list("label", flat=True))
    assert labels == {f"inschrijving {theirs.pk}", f"deelnemer {theirs.participant.pk}"}


# Row 4: nobody makes themself facilitator (who reads the group's cases).


def group_edit(client, group, **changes):
    url = reverse("intervision_groups:edit", args=[group.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")
    for key, value in changes.items():
        data[key] = value
    return client.post(url, as_post(data))


def test_the_secretariat_cannot_make_itself_facilitator(client):
    boss = secretariat(username="secretariaat")
    group = make_group(facilitator=organiser(username="facilitator"), meetings=1, name="Groep Noord", slug="noord")
    client.force_login(boss)
    response = group_edit(client, group, facilitator=str(boss.pk))
    assert response.status_code == 200  # the form again, with the reason
    assert "another member of the Secretariat" in response.content.decode() or "ander lid" in response.content.decode()
    assert IntervisionGroup.objects.get(pk=group.pk).facilitator.username == "facilitator"


def test_another_secretariat_member_assigns_the_facilitator_and_it_is_logged(client):
    boss, colleague = secretariat(username="secretariaat"), secretariat(username="collega")
    group = make_group(facilitator=organiser(username="facilitator"), meetings=1, name="Groep Noord", slug="noord")
    client.force_login(boss)
    assert group_edit(client, group, facilitator=str(colleague.pk)).status_code == 302
    assert IntervisionGroup.objects.get(pk=group.pk).facilitator == colleague
    entry = ModelLogEntry.objects.get(action="covenant.facilitator_change")
    assert entry.user == boss and entry.data["after"] == colleague.pk
    # The meetings' registrations and attendance go with the group: the former facilitator's are gone.
    meeting_event = group.meetings.get().event
    assert access.may_run_event(colleague, meeting_event)
    assert not access.may_run_event(User.objects.get(username="facilitator"), meeting_event)


def test_an_organiser_cannot_change_a_groups_facilitator(client):
    facilitator = organiser(username="facilitator")
    group = make_group(facilitator=facilitator, meetings=1, name="Groep Noord", slug="noord")
    client.force_login(organiser(username="ander"))
    url = reverse("intervision_groups:edit", args=[group.pk])
    assert client.get(url).status_code in (302, 403)


# Row 6: a protected event is not rendered, listed or open for registration.


@pytest.fixture
def protected_event():
    event = make_event(title="Besloten roadshow Zeist")
    PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.PASSWORD, password="geheim")
    return event


def test_posting_to_a_protected_event_registers_nobody_and_shows_nothing(client, protected_event):
    data = {
        "stakeholder_type": "company",
        "company_size": "sme",
        "first_name": "Paula",
        "last_name": "Poort",
        "email": "paula@example.org",
        "organisation": "Poort B.V.",
        "language": "nl",
        "consent": "on",
    }
    response = client.post(reverse("participants:register", args=[protected_event.pk]), data)
    assert response.status_code == 302
    assert not Registration.objects.filter(event=protected_event).exists()
    assert "Zeist" not in response.content.decode()
    page = client.get(response["Location"])
    assert "geheim" not in page.content.decode()
    assert 'name="password"' in page.content.decode()  # Wagtail asks for the password


def test_a_protected_event_is_not_listed(client, protected_event):
    open_event = make_event(title="Open roadshow Zwolle", programme=protected_event.get_parent().specific)
    home = HomePage.objects.get()
    home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))
    for url in ("/", protected_event.get_parent().url, "/agenda/"):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Zeist" not in body, url
        assert "Zwolle" in body, url
    assert open_event.title in client.get(protected_event.get_parent().url).content.decode()


@pytest.fixture
def start_date():
    return timezone.localtime(timezone.now() + timedelta(days=40)).replace(hour=9, minute=30, second=0, microsecond=0)
