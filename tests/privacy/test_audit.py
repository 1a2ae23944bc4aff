"""The audit log: in the admin's site history for the secretariat; entries name no one."""

import json

import pytest
from django.core.management import call_command
from wagtail.models import ModelLogEntry, PageLogEntry

from certificates.services import issue_certificate, reissue_certificate, revoke_certificate, run_batch, start_batch
from core.audit import audit
from tests.certificates.conftest import attendee, past_event
from tests.factories import organiser, secretariat
from tests.intervision.factories import make_group, make_member

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


# Every certificate issued, reissued or revoked, and every export, is on file: who, what, when; the
# entry names no one (its label is the object's type and number, its details ids, counts and formats).


def entries(action):
    """The log entries of ``action``, oldest first: Wagtail keeps those about a page (an event) apart."""
    found = [*ModelLogEntry.objects.filter(action=action), *PageLogEntry.objects.filter(action=action)]
    return sorted(found, key=lambda entry: entry.timestamp)


def assert_names_no_one(entry, *people):
    text = entry.label + json.dumps(entry.data)
    for person in people:
        for word in (person.first_name, person.last_name, person.email):
            assert word not in text, f"{entry.action} names {word!r}"
    assert entry.timestamp is not None


@pytest.fixture
def attended():
    registration = attendee(past_event(), participant__first_name="Annabel", participant__last_name="Alphen")
    return registration


def test_issuing_one_certificate_is_logged(attended):
    user = secretariat()
    certificate, created = issue_certificate(registration=attended, user=user)
    assert created
    (entry,) = entries("covenant.certificate_issue")
    assert entry.user == user and entry.object_id == str(certificate.pk)
    assert entry.data["event"] == attended.event_id
    assert_names_no_one(entry, attended.participant)
    issue_certificate(registration=attended, user=user)
    assert len(entries("covenant.certificate_issue")) == 1, "issuing it again issues nothing and logs nothing"


def test_a_batch_is_logged_when_started_and_when_done(attended):
    user = secretariat()
    batch = start_batch(event=attended.event, user=user, enqueue=False)
    (started,) = entries("covenant.certificate_batch")
    assert started.user == user and started.data == {"event": attended.event_id, "eligible": 1}
    run_batch(batch.pk)
    (done,) = entries("covenant.certificate_issue")
    assert done.user == user and done.object_id == str(batch.pk)
    assert done.data == {"event": attended.event_id, "issued": 1, "eligible": 1}
    assert_names_no_one(done, attended.participant)


def test_reissuing_and_revoking_are_logged_without_the_name_or_reason(attended):
    user = secretariat()
    certificate, _ = issue_certificate(registration=attended)
    certificate = reissue_certificate(certificate=certificate, holder_name="Annabel van Alphen", user=user)
    revoke_certificate(certificate=certificate, reason="Annabel was not there", user=user)
    (reissued,) = entries("covenant.certificate_reissue")
    (revoked,) = entries("covenant.certificate_revoke")
    assert reissued.user == user and reissued.data == {"version": 2}
    assert revoked.user == user and revoked.data == {"version": 2}
    for entry in (reissued, revoked):
        assert_names_no_one(entry, attended.participant)
        assert "van Alphen" not in entry.label


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    b"".join(response) if response.streaming else response.content
    return response


def test_the_registrations_export_is_logged_with_its_filters_but_not_the_search(client, attended):
    user = secretariat()
    client.force_login(user)
    for fmt in ("csv", "xlsx"):
        download(client, f"/admin/registrations/?q=Alphen&event={attended.event_id}&export={fmt}")
    csv_entry, xlsx_entry = entries("covenant.export")
    assert (csv_entry.data["format"], xlsx_entry.data["format"]) == ("csv", "xlsx")
    assert csv_entry.user == user and csv_entry.data["what"] == "registrations" and csv_entry.data["rows"] == 1
    assert csv_entry.data["filters"] == {"event": str(attended.event_id), "q": "(search)"}
    assert_names_no_one(csv_entry, attended.participant)


def test_statistics_and_attendance_list_exports_are_logged(client, attended):
    organiser_user = organiser()
    attended.event.organisers.add(organiser_user)
    attended.event.save()
    client.force_login(secretariat())
    download(client, "/admin/statistics/?export=xlsx")
    download(client, "/admin/statistics/events/?export=csv")
    client.force_login(organiser_user)
    download(client, f"/admin/statistics/events/{attended.event_id}/?export=csv")
    session = attended.event.sessions.first()
    download(client, f"/checkin/{session.pk}/attendance-list.pdf")

    what = [(entry.data["what"], entry.data["format"]) for entry in entries("covenant.export")]
    assert what == [
        ("attendance-statistics", "xlsx"),
        ("attendance-by-event", "csv"),
        ("attendance-list", "csv"),
        ("attendance-list-pdf", "pdf"),
    ]
    *_, attendance_list, pdf = entries("covenant.export")
    assert attendance_list.user == organiser_user and attendance_list.page_id == attended.event_id
    assert pdf.data["session"] == session.pk
    for entry in entries("covenant.export"):
        assert_names_no_one(entry, attended.participant)


def test_looking_without_downloading_is_not_logged(client, attended):
    client.force_login(secretariat())
    assert client.get("/admin/registrations/").status_code == 200
    assert client.get("/admin/statistics/").status_code == 200
    assert entries("covenant.export") == []


def test_the_attendance_report_command_is_logged(attended, capsys):
    call_command("attendance_report", "--format", "csv", "--kind", "roadshow")
    (entry,) = entries("covenant.export")
    assert entry.user is None
    assert entry.data == {"what": "attendance_report", "format": "csv", "filters": {"kind": "roadshow"}}
    assert "Alphen" not in capsys.readouterr().err


def test_the_intervision_membership_export_is_logged(client):
    group = make_group()
    member = make_member(group)
    client.force_login(group.facilitator)
    download(client, "/admin/intervision/memberships/?export=csv")
    (entry,) = entries("covenant.export")
    assert entry.user == group.facilitator and entry.data["what"] == "intervision-memberships"
    assert_names_no_one(entry, member.participant)
