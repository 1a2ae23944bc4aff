"""The secretariat finds a person in the admin and erases them, after a confirmation step; no one else can."""

import pytest
from wagtail.models import ModelLogEntry

from participants.models import Participant
from tests.factories import RegistrationFactory, UserFactory, organiser, secretariat

pytestmark = pytest.mark.django_db

LISTING = "/admin/participants/"


@pytest.fixture
def person():
    registration = RegistrationFactory(
        participant__first_name="Annabel", participant__last_name="Alphen", participant__email="annabel@example.org"
    )
    RegistrationFactory(participant__first_name="Bert", participant__last_name="Bakker")
    return registration.participant


def erase_url(person):
    return f"/admin/participants/privacy/{person.pk}/erase/"


def test_the_secretariat_searches_confirms_and_erases(client, person):
    user = secretariat()
    client.force_login(user)
    assert LISTING in client.get("/admin/").text  # in the menu

    found = client.get(LISTING, {"q": "annabel@example"})
    assert found.status_code == 200
    assert "Alphen" in found.text and "Bakker" not in found.text
    assert erase_url(person) in found.text

    confirm = client.get(erase_url(person))
    assert confirm.status_code == 200 and "Alphen" in confirm.text
    assert Participant.objects.get(pk=person.pk).anonymised_at is None, "showing the confirmation erases nothing"

    done = client.post(erase_url(person), follow=True)
    assert done.redirect_chain[-1][0] == LISTING
    erased = Participant.objects.get(pk=person.pk)
    assert erased.anonymised_at is not None and erased.last_name == ""
    assert "Alphen" not in done.text
    entry = ModelLogEntry.objects.get(action="covenant.erasure")
    assert entry.user == user and entry.object_id == str(person.pk) and "Alphen" not in entry.label
    # Erased: no second erase button for them.
    assert erase_url(person) not in client.get(LISTING).text


def test_the_listing_cannot_add_edit_or_delete_people(client, person):
    client.force_login(secretariat())
    for url in (f"{LISTING}new/", f"{LISTING}edit/{person.pk}/", f"{LISTING}delete/{person.pk}/"):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(f"{LISTING}delete/{person.pk}/").status_code in (302, 403)
    assert Participant.objects.filter(pk=person.pk).exists()


@pytest.mark.parametrize("role", ["organiser", "editor"])
def test_an_organiser_or_editor_can_neither_list_nor_erase(client, person, role):
    user = organiser() if role == "organiser" else UserFactory(groups=["Editors"])
    # Even the organiser of the person's own event: erasing is the Secretariat's.
    event = person.registrations.first().event
    event.organisers.add(user)
    event.save()
    client.force_login(user)
    assert client.get(LISTING).status_code in (302, 403)
    assert client.get(erase_url(person)).status_code in (302, 403)
    assert client.post(erase_url(person)).status_code in (302, 403)
    assert Participant.objects.get(pk=person.pk).anonymised_at is None
    assert not ModelLogEntry.objects.filter(action="covenant.erasure").exists()
    assert LISTING not in client.get("/admin/").text
