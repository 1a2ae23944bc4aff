"""A walk-in at the door: registered through the registration form's service, against the same seats."""

import pytest
from django.core.cache import cache
from django.test import Client

from participants.models import Attendance, AttendanceMethod, Registration, RegistrationSource, RegistrationStatus
from tests.factories import RegistrationFactory, UserFactory, organiser

from .checkin_helpers import add_organiser, sessions_of, today_event

pytest.importorskip("participants.registration.services", reason="walk-ins use the registration service (issue 3)")

pytestmark = pytest.mark.django_db

WALK_IN = {
    "stakeholder_type": "ngo",
    "first_name": "Noor",
    "last_name": "Visser",
    "email": "noor@ngo.example",
    "organisation": "Stichting Eerlijk Voedsel",
    "job_title": "Beleidsmedewerker",
    "language": "nl",
    "consent": "on",
}


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()


def door_for(event):
    client = Client()
    client.force_login(add_organiser(event, organiser()))
    return client


def test_a_walk_in_is_registered_confirmed_and_checked_in(django_capture_on_commit_callbacks):
    event = today_event(capacity=5)
    day1 = sessions_of(event)[0]
    door = door_for(event)
    assert "walk-in" in door.get(f"/checkin/{day1.pk}/").content.decode()
    form = door.get(f"/checkin/{day1.pk}/walk-in/")
    assert form.status_code == 200 and 'name="email"' in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = door.post(f"/checkin/{day1.pk}/walk-in/", WALK_IN, follow=True)
    assert "Noor Visser" in response.content.decode()
    registration = Registration.objects.get(participant__email="noor@ngo.example")
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.source == RegistrationSource.WALK_IN
    attendance = Attendance.objects.get()
    assert attendance.registration == registration and attendance.method == AttendanceMethod.WALK_IN


def test_a_walk_in_without_a_seat_goes_on_the_waiting_list_and_is_not_checked_in():
    event = today_event(capacity=1)
    RegistrationFactory(event=event)
    day1 = sessions_of(event)[0]
    response = door_for(event).post(f"/checkin/{day1.pk}/walk-in/", WALK_IN, follow=True)
    assert "wachtlijst" in response.content.decode()
    assert Registration.objects.get(participant__email="noor@ngo.example").status == RegistrationStatus.WAITLISTED
    assert not Attendance.objects.exists()


def test_a_walk_in_form_with_errors_saves_nothing():
    event = today_event()
    day1 = sessions_of(event)[0]
    response = door_for(event).post(f"/checkin/{day1.pk}/walk-in/", {**WALK_IN, "email": "not an email"})
    assert response.status_code == 200
    assert not Registration.objects.exists() and not Attendance.objects.exists()


def test_only_organisers_register_walk_ins():
    event = today_event()
    day1 = sessions_of(event)[0]
    editor = Client()
    editor.force_login(UserFactory(groups=["Editors"]))
    assert editor.post(f"/checkin/{day1.pk}/walk-in/", WALK_IN).status_code == 403
    assert not Registration.objects.exists()
