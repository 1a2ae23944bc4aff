"""The audit log: in the admin's site history for the secretariat; entries name no one."""

import pytest

from participants.audit import audit
from tests.factories import secretariat

pytestmark = pytest.mark.django_db


def test_the_site_history_shows_audit_entries_to_the_secretariat(client):
    audit("covenant.export", actor=secretariat(), what="attendance_report", format="xlsx")
    client.force_login(secretariat(username="secretaris"))
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    assert "attendance_report" in response.content.decode()


def test_unknown_actions_are_refused():
    with pytest.raises(ValueError):
        audit("covenant.something_else")
