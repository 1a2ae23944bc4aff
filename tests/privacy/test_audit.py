"""The audit log: check-ins and their undoing, with who did it; entries name no one."""

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from participants.audit import audit
from tests.factories import AttendanceFactory, RegistrationFactory, organiser, secretariat

pytestmark = pytest.mark.django_db


def test_a_check_in_and_its_undoing_are_logged_with_who_did_it():
    door = organiser()
    registration = RegistrationFactory(participant__first_name="Annabel")
    attendance = AttendanceFactory(registration=registration, checked_in_by=door)

    entry = ModelLogEntry.objects.get(action="covenant.checkin")
    assert entry.user == door and entry.object_id == str(attendance.pk)
    assert entry.data["registration"] == registration.pk
    assert "Annabel" not in entry.label

    boss = secretariat()
    attendance.undone_at, attendance.undone_by = timezone.now(), boss
    attendance.save(update_fields=["undone_at", "undone_by"])
    assert ModelLogEntry.objects.get(action="covenant.checkin_undo").user == boss


def test_the_site_history_shows_audit_entries_to_the_secretariat(client):
    audit("covenant.export", actor=secretariat(), what="attendance_report", format="xlsx")
    client.force_login(secretariat(username="secretaris"))
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    assert "attendance_report" in response.content.decode()


def test_unknown_actions_are_refused():
    with pytest.raises(ValueError):
        audit("covenant.something_else")
