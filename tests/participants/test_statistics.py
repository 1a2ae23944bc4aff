"""The attendance report on the hand-built dataset of statistics_data.py: every figure worked out by hand.

Reminder of who did what (see statistics_data.py for the dates):
  E5 Gouda (Oct 2024):      Anna (A, company sme) d1 d2
  E1 Utrecht (Mar 2025):    Anna d1 d2, Bert (B, company large) d1, Carla (N, ngo) d1 d2,
                            Dirk (A, sme) nothing, Eva (U, union) CANCELLED with a stale d1
  E3 NEVI (May 2025, 2 of 3): Carla (G, government) m1 m2, Femke (B, large) m1 UNDONE,
                            Gerrit (G, government) WAITLISTED
  E2 Zwolle (30 Dec 2025 - 2 Jan 2026): Bert d1 d2
  E4 Den Bosch (Apr 2026, future): Hans (A, sme) confirmed, Jan (U, union) PENDING
  E6 Breda: cancelled event, left out (Ingrid, ngo, d1)
"""

import csv
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from openpyxl import load_workbook

from participants.models import Participant
from participants.reports import ReportFilters, build_report, calendar_year, covenant_year
from participants.reports.headline import headline, number
from tests.factories import AttendanceFactory, RegistrationFactory, make_event
from tests.participants.statistics_data import NOW, build

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker):
    """Built once for the module (publishing pages is slow) and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


def report(**filters):
    return build_report(ReportFilters(now=NOW, **filters))


def test_every_figure_of_the_whole_dataset(data):
    r = report()
    # Events E1 E2 E3 E4 E5 (E6 is cancelled); sessions 2 + 2 + 3 + 2 + 2.
    assert r["events"] == 5
    assert r["sessions"] == 11
    # Confirmed: E5 Anna; E1 Anna Bert Carla Dirk; E2 Bert; E3 Carla Femke; E4 Hans = 9.
    # Waitlisted Gerrit, cancelled Eva, pending Jan; Ingrid's registration is at the cancelled E6.
    assert r["registrations"] == {
        "pending": 1, "awaiting_approval": 0, "confirmed": 9, "waitlisted": 1, "cancelled": 1, "total": 12,
    }  # fmt: skip
    # Participations: Anna E5, Anna E1, Bert E1, Carla E1, Bert E2, Carla E3. Not Eva (cancelled, stale
    # check-in), not Femke (her only check-in was undone).
    assert r["participations"] == 6
    # Completed: Anna E5 (2/2), Anna E1 (2/2), Carla E1 (2/2), Bert E2 (2/2, across New Year),
    # Carla E3 (2 of 3, the rule asks 2). Not Bert E1 (1/2).
    assert r["completed"] == 5
    # Anna at two trainings is one person: Anna, Bert, Carla.
    assert r["unique_participants"] == 3
    # Organisations as at registration: A (Anna), B (Bert), N and G (Carla in two roles). A was renamed:
    # still one organisation.
    assert r["unique_organisations"] == 4
    # Ended events E5 E1 E2 E3: 8 confirmed; no check-in: Dirk (E1), Femke (E3, undone). Hans (E4) is
    # still to come.
    assert (r["no_shows"], r["past_confirmed"], r["no_show_rate"]) == (2, 8, 0.25)


def test_by_stakeholder_type_and_group(data):
    r = report()
    by_type = r["by_stakeholder_type"]
    # Company confirmed: Anna x2, Bert x2, Dirk, Femke, Hans = 7; attended Anna x2, Bert x2 = 4;
    # completed Anna x2, Bert E2 = 3; two different people.
    assert by_type["company"] == {"registered": 7, "attended": 4, "completed": 3, "unique_participants": 2}
    # Carla came once for an NGO and once for a ministry: one of each type...
    assert by_type["ngo"] == {"registered": 1, "attended": 1, "completed": 1, "unique_participants": 1}
    assert by_type["government"] == {"registered": 1, "attended": 1, "completed": 1, "unique_participants": 1}
    # Eva cancelled, Jan pending: a union has no confirmed registration and no attendance.
    assert by_type["trade_union"] == {"registered": 0, "attended": 0, "completed": 0, "unique_participants": 0}
    assert set(by_type) == {
        "company", "government", "ngo", "trade_union", "sector_association", "knowledge_institution", "other",
    }  # fmt: skip
    # ...and one person among "government, NGOs and trade unions".
    civil = r["by_stakeholder_group"]["civil_society"]
    assert (civil["registered"], civil["attended"], civil["completed"], civil["unique_participants"]) == (2, 2, 2, 1)
    # Companies by size, as different organisations that took part: A (SME), B (large).
    assert r["companies_by_size"] == {"sme": 1, "large": 1}
    # Participations: SME Anna x2; large Bert x2.
    assert r["company_participations_by_size"] == {"sme": 2, "large": 2, "unknown": 0}


def test_by_programme_event_session_month_and_year(data):
    r = report()
    roadshow, nevi = r["by_programme"]
    # Roadshow: E5 E1 E2 E4, 8 sessions; confirmed 1 + 4 + 1 + 1 = 7; participations Anna x2, Bert x2,
    # Carla = 5; completed 4 (not Bert E1); ended confirmed 6 of which Dirk did not come.
    assert roadshow["slug"] == "roadshow"
    assert (roadshow["events"], roadshow["sessions"], roadshow["registrations"]["confirmed"]) == (4, 8, 7)
    assert (roadshow["participations"], roadshow["completed"], roadshow["no_shows"]) == (5, 4, 1)
    assert (roadshow["unique_participants"], roadshow["unique_organisations"]) == (3, 3)  # Anna Bert Carla; A B N
    # NEVI: Carla (G) completed; Femke a no-show; Gerrit waitlisted.
    assert (nevi["events"], nevi["sessions"], nevi["participations"], nevi["completed"]) == (1, 3, 1, 1)
    assert (nevi["no_shows"], nevi["no_show_rate"], nevi["registrations"]["waitlisted"]) == (1, 0.5, 1)

    events = {e["title"]: e for e in r["by_event"]}
    assert [e["title"] for e in r["by_event"]] == ["Gouda", "Utrecht", "NEVI course", "Zwolle", "Den Bosch"]
    assert events["NEVI course"]["required_sessions"] == 2  # at least 2 of 3
    assert events["Zwolle"]["required_sessions"] == 2
    assert (events["Utrecht"]["participations"], events["Utrecht"]["completed"]) == (3, 2)
    assert events["Utrecht"]["registrations"]["cancelled"] == 1
    assert (events["Den Bosch"]["past"], events["Den Bosch"]["no_show_rate"]) == (False, None)

    # Session 1 of each event: Gouda 1 (Anna), Utrecht 3 (Anna Bert Carla; not Eva), NEVI 1 (Carla; not
    # Femke's undone one), Zwolle 1, Den Bosch 0 = 6. Session 2: 1 + 2 + 1 + 1 + 0 = 5. Session 3: NEVI m3 0.
    assert r["by_session_number"] == [
        {"number": 1, "sessions": 5, "attended": 6},
        {"number": 2, "sessions": 5, "attended": 5},
        {"number": 3, "sessions": 1, "attended": 0},
    ]
    utrecht = [s["attended"] for s in r["by_session"] if s["event_title"] == "Utrecht"]
    assert utrecht == [3, 2]
    # By the month the event starts; Zwolle's day 2 in January 2026 counts with its event in December.
    assert r["participations_by_month"] == [
        {"month": "2024-10", "participations": 1},
        {"month": "2025-03", "participations": 3},
        {"month": "2025-05", "participations": 1},
        {"month": "2025-12", "participations": 1},
        {"month": "2026-04", "participations": 0},
    ]
    # 2024: A first. 2025: A returns; B, N, G are new. 2026: nobody yet.
    assert r["organisations_by_year"] == [
        {"year": 2024, "organisations": 1, "first_time": 1, "returning": 0},
        {"year": 2025, "organisations": 4, "first_time": 3, "returning": 1},
        {"year": 2026, "organisations": 0, "first_time": 0, "returning": 0},
    ]


def test_an_event_spanning_new_year_counts_in_the_year_it_starts(data):
    start, end = calendar_year(2025)
    r = report(date_from=start, date_to=end)
    # E1, E3 and E2 (30 Dec - 2 Jan); not E5 (2024) nor E4 (2026).
    assert (r["events"], r["sessions"]) == (3, 7)
    # Anna E1, Bert E1, Carla E1, Bert E2, Carla E3; completed all but Bert E1.
    assert (r["participations"], r["completed"]) == (5, 4)
    assert (r["unique_participants"], r["unique_organisations"]) == (3, 4)
    # Confirmed at E1 E2 E3: 4 + 1 + 2 = 7, no-shows Dirk and Femke.
    assert (r["registrations"]["confirmed"], r["no_shows"], r["no_show_rate"]) == (7, 2, round(2 / 7, 4))
    # A came before 2025 (Gouda, 2024): returning even though 2024 is outside the period.
    assert r["organisations_by_year"] == [{"year": 2025, "organisations": 4, "first_time": 3, "returning": 1}]

    r2026 = report(date_from=datetime.date(2026, 1, 1), date_to=datetime.date(2026, 12, 31))
    assert (r2026["events"], r2026["participations"], r2026["registrations"]["confirmed"]) == (1, 0, 1)  # E4 only


def test_covenant_year_runs_from_june_to_june(data):
    start, end = covenant_year(2025)  # 1 June 2025 - 31 May 2026
    assert (start, end) == (datetime.date(2025, 6, 1), datetime.date(2026, 5, 31))
    r = report(date_from=start, date_to=end)
    # E2 (Dec 2025) and E4 (Apr 2026); E6 (June 2025) is cancelled.
    assert [e["title"] for e in r["by_event"]] == ["Zwolle", "Den Bosch"]
    assert (r["participations"], r["completed"], r["unique_participants"]) == (1, 1, 1)  # Bert at Zwolle
    # Per calendar year: B's first participation (Utrecht, March 2025) is in 2025, before this covenant
    # year began but in the same calendar year, so B is first-time in 2025.
    assert r["organisations_by_year"] == [
        {"year": 2025, "organisations": 1, "first_time": 1, "returning": 0},
        {"year": 2026, "organisations": 0, "first_time": 0, "returning": 0},
    ]


def test_filters_by_programme_kind_event_and_stakeholder_type(data):
    nevi = report(programme="nevi")
    assert (nevi["events"], nevi["participations"], nevi["unique_organisations"]) == (1, 1, 1)
    assert report(kind="nevi")["by_event"] == nevi["by_event"]
    one = report(event=data["events"]["E1"].pk)
    assert (one["events"], one["participations"], one["completed"], one["no_shows"]) == (1, 3, 2, 1)

    companies = report(stakeholder_type="company")
    # Events and sessions do not depend on the type; everything counted of people does.
    assert (companies["events"], companies["sessions"]) == (5, 11)
    assert (companies["participations"], companies["completed"], companies["unique_participants"]) == (4, 3, 2)
    # Confirmed companies at ended events: Anna x2, Bert x2, Dirk, Femke = 6; no-shows Dirk and Femke.
    assert (companies["registrations"]["confirmed"], companies["no_shows"]) == (7, 2)
    # Session 1 for companies: Gouda Anna, Utrecht Anna + Bert, Zwolle Bert = 4.
    assert companies["by_session_number"][0] == {"number": 1, "sessions": 5, "attended": 4}
    assert companies["by_stakeholder_type"]["ngo"]["attended"] == 0
    # Organisations of companies per year: 2024 A; 2025 A (returning) and B (new).
    assert companies["organisations_by_year"][1] == {"year": 2025, "organisations": 2, "first_time": 1, "returning": 1}


def test_figures_survive_erasure_of_personal_data(data):
    before = report()
    # What the retention policy does: blank the personal fields in place, keep the rows.
    for person in Participant.objects.all():
        person.first_name = person.last_name = person.phone = person.job_title = ""
        person.email = f"erased-{person.pk}@invalid"
        person.organisation = None
        person.anonymised_at = timezone.now()
        person.save()
    after = report()
    before.pop("generated_at"), after.pop("generated_at")
    assert after == before


def test_queries_do_not_grow_with_the_data(data):
    with CaptureQueriesContext(connection) as small:
        report()
    build(suffix="-2")  # the same again, with other people and organisations: twice the data
    with CaptureQueriesContext(connection) as large:
        r = report()
    assert r["participations"] == 12
    assert len(large) == len(small) < 15


def test_headline_in_dutch_and_english(data):
    start, end = calendar_year(2025)
    r = report(date_from=start, date_to=end, programme="roadshow")
    # Utrecht and Zwolle: two two-day trainings. Companies Anna and Bert; civil society Carla (as NGO).
    assert r["headline"]["en"] == (
        "Two two-day trainings reached two company representatives and one representative of government, "
        "NGOs and trade unions. Of the companies: one SME and one large. Three of the four participations "
        "met the attendance rule. Of those confirmed for events that have ended, 20% did not come."
    )
    assert r["headline"]["nl"] == (
        "Twee tweedaagse trainingen bereikten twee vertegenwoordigers van bedrijven en één vertegenwoordiger "
        "van overheid, ngo's en vakbonden. Van de bedrijven waren er één mkb en één groot. Drie van de vier "
        "deelnames voldeden aan de aanwezigheidseis. Van wie bevestigd was voor een afgelopen bijeenkomst, "
        "kwam 20% niet."
    )
    assert headline(report(date_from=datetime.date(2030, 1, 1)), "nl") == "Geen bijeenkomsten in deze selectie."


def test_numbers_are_words_up_to_twenty():
    assert [number(n, "nl") for n in (1, 6, 20)] == ["één", "zes", "twintig"]
    assert [number(n, "en") for n in (0, 13)] == ["zero", "thirteen"]
    with translation.override("nl"):
        assert number(1234, "nl") == "1.234"
    with translation.override("en"):
        assert number(1234, "en") == "1,234"


def test_report_is_plain_json(data):
    r = report()
    assert json.loads(json.dumps(r)) == r


def test_statistics_never_read_intervision():
    """Intervision case content must never reach a report: the statistics do not import that app."""
    import ast
    from pathlib import Path

    import participants.reports

    for path in Path(participants.reports.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.split(".")[0] == "intervision" for n in names), path


def test_command_writes_json(data):
    out = io.StringIO()
    call_command("attendance_report", "--format", "json", "--from", "2025-01-01", "--to", "2025-12-31", stdout=out)
    r = json.loads(out.getvalue())
    # The contract's keys (DESIGN.md), with the figures of the 2025 test above.
    assert (r["events"], r["sessions"], r["participations"], r["completed"]) == (3, 7, 5, 4)
    assert {"confirmed", "waitlisted", "cancelled"} <= set(r["registrations"])
    assert (r["unique_participants"], r["unique_organisations"], r["no_show_rate"]) == (3, 4, 0.2857)
    assert set(r["by_stakeholder_type"]["company"]) >= {"registered", "attended", "completed"}
    assert set(r["companies_by_size"]) == {"sme", "large"}
    assert [p["slug"] for p in r["by_programme"]] == ["roadshow", "nevi"]
    assert len(r["by_event"]) == 3
    assert r["filters"] == {"from": "2025-01-01", "to": "2025-12-31"}


def test_command_filters_by_programme_and_kind(data):
    out = io.StringIO()
    call_command("attendance_report", "--programme", "nevi", "--kind", "nevi", stdout=out)
    r = json.loads(out.getvalue())
    assert (r["events"], r["participations"], r["no_shows"]) == (1, 1, 1)
    out = io.StringIO()
    call_command("attendance_report", "--covenant-year", "2025", "--stakeholder-type", "company", stdout=out)
    assert json.loads(out.getvalue())["participations"] == 1  # Bert at Zwolle


def test_command_writes_csv_one_figure_a_row(data):
    out = io.StringIO()
    call_command("attendance_report", "--format", "csv", "--year", "2025", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    figures = {(r["section"], r["item"], r["measure"]): r["value"] for r in rows}
    assert figures[("summary", "", "participations")] == "5"
    assert figures[("summary", "", "registrations_confirmed")] == "7"
    assert figures[("by_stakeholder_type", "ngo", "attended")] == "1"
    assert figures[("companies_by_size", "sme", "organisations")] == "1"
    assert figures[("organisations_by_year", "2025", "returning")] == "1"
    assert figures[("headline", "nl", "text")].startswith("Drie bijeenkomsten bereikten")


def test_command_writes_xlsx_to_stdout_and_to_a_file(data, tmp_path):
    out = io.BytesIO()
    call_command("attendance_report", "--format", "xlsx", stdout=out)
    workbook = load_workbook(io.BytesIO(out.getvalue()))
    assert len(workbook.sheetnames) == 10  # "By region" after "By event"
    by_event = list(workbook.worksheets[4].iter_rows(values_only=True))
    assert by_event[0][:2] == ("id", "title")
    assert [row[1] for row in by_event[1:]] == ["Gouda", "Utrecht", "NEVI course", "Zwolle", "Den Bosch"]
    path = tmp_path / "report.xlsx"
    call_command("attendance_report", "--format", "xlsx", "--output", str(path))
    summary = {row[0]: row[1] for row in load_workbook(path).worksheets[0].iter_rows(values_only=True)}
    assert summary["participations"] == 6


def test_command_explains_bad_input(data):
    with pytest.raises(CommandError, match="no programme"):
        call_command("attendance_report", "--programme", "nope", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Not a date"):
        call_command("attendance_report", "--from", "31-12-2025", stdout=io.StringIO())
    with pytest.raises(CommandError, match="not be after"):
        call_command("attendance_report", "--from", "2025-12-31", "--to", "2025-01-01", stdout=io.StringIO())


def test_command_prints_the_definitions():
    out = io.StringIO()
    call_command("attendance_report", "--definitions", stdout=out)
    assert "(`no_show_rate`)" in out.getvalue()


def test_an_event_still_running_has_no_no_shows_yet(data):
    """Ended means ended before now, in any time zone: an event ending half an hour after now is not past."""
    event = make_event(sessions=[("Day 1", NOW - datetime.timedelta(hours=7), NOW + datetime.timedelta(minutes=30))])
    AttendanceFactory(registration=RegistrationFactory(event=event), session=event.sessions.get())
    RegistrationFactory(event=event)
    r = report(event=event.pk)
    assert (r["participations"], r["past_confirmed"], r["no_shows"], r["no_show_rate"]) == (1, 0, 0, None)
    later = build_report(ReportFilters(event=event.pk, now=NOW + datetime.timedelta(hours=1)))
    assert (later["past_confirmed"], later["no_shows"], later["no_show_rate"]) == (2, 1, 0.5)
