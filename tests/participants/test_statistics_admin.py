"""The statistics in the admin: who sees what, the exports, the charts and the dashboard panel."""

import io
from itertools import combinations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from participants.models import RegistrationStatus
from participants.reports import ReportFilters, build_report
from participants.reports.charts import draw
from tests.factories import AttendanceFactory, RegistrationFactory, make_event, make_programme, organiser, secretariat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    """Charts and the dashboard keep a report for a minute; each test starts without one."""
    cache.clear()


def denied(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == reverse("wagtailadmin_home"))


@pytest.fixture
def two_events():
    """Event A (organised by alice) with Piet checked in on day 1, event B (organised by bob) with Marie."""
    alice, bob = organiser(username="alice"), organiser(username="bob")
    a = make_event(title="Training A")
    b = make_event(title="Training B")
    a.organisers.add(alice)
    a.save()
    b.organisers.add(bob)
    b.save()
    piet = RegistrationFactory(event=a, participant__first_name="Piet", participant__last_name="Pietersen")
    AttendanceFactory(registration=piet, session=a.sessions.order_by("starts_at").first())
    RegistrationFactory(event=b, participant__first_name="Marie", participant__last_name="Maas")
    gone = RegistrationFactory(
        event=a, participant__first_name="Gijs", participant__last_name="Gone", status=RegistrationStatus.CANCELLED
    )
    AttendanceFactory(registration=gone, session=a.sessions.order_by("starts_at").first())  # stale
    return {"a": a, "b": b, "alice": alice, "bob": bob}


def test_secretariat_sees_the_statistics_with_tooltips_headline_and_charts(client, two_events):
    client.force_login(secretariat())
    response = client.get(reverse("participants_statistics:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Different people with at least one participation" in html or "Verschillende personen" in html
    assert response.context["report"]["participations"] == 1
    assert response.context["report"]["headline"]["en"].startswith("Two two-day trainings reached one company")
    assert html.count("<img") >= 3 and 'alt="' in html


def test_statistics_filters_narrow_the_report(client, two_events):
    client.force_login(secretariat())
    response = client.get(reverse("participants_statistics:index"), {"event": two_events["b"].pk})
    assert response.context["report"]["events"] == 1
    assert response.context["report"]["participations"] == 0
    response = client.get(reverse("participants_statistics:index"), {"stakeholder_type": "ngo"})
    assert response.context["report"]["participations"] == 0


def test_statistics_export_as_csv_and_xlsx(client, two_events):
    client.force_login(secretariat())
    url = reverse("participants_statistics:index")
    csv_text = b"".join(client.get(url, {"export": "csv"}).streaming_content).decode()
    assert csv_text.splitlines()[0] == "section,item,measure,value"
    assert "summary,,participations,1" in csv_text
    response = client.get(url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert (
        ("summary", None, "participations", "1") in rows
        or ("summary", "", "participations", 1) in [tuple(r) for r in rows]
        or any(r[2] == "participations" and str(r[3]) == "1" for r in rows)
    )


@pytest.mark.parametrize(
    "fmt, content_type, magic", [("svg", "image/svg+xml", b"<?xml"), ("png", "image/png", b"\x89PNG")]
)
def test_charts_download_as_png_and_svg(client, two_events, fmt, content_type, magic):
    client.force_login(secretariat())
    response = client.get(reverse("participants_statistics:chart", args=["stakeholder", fmt]), {"download": "1"})
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    assert "attachment" in response["Content-Disposition"]
    if fmt == "svg":
        assert b'role="img"' in response.content and b"<desc" in response.content


def test_unknown_chart_is_not_found(client, two_events):
    client.force_login(secretariat())
    assert client.get(reverse("participants_statistics:chart", args=["pie", "svg"])).status_code == 404


def test_organiser_sees_no_cross_event_figures(client, two_events):
    client.force_login(two_events["alice"])
    assert denied(client.get(reverse("participants_statistics:index")))
    assert denied(client.get(reverse("participants_statistics:index"), {"export": "csv"}))
    assert denied(client.get(reverse("participants_statistics:chart", args=["month", "png"])))


def test_organiser_sees_only_their_own_events(client, two_events):
    client.force_login(two_events["alice"])
    response = client.get(reverse("participants_statistics:events"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Training A" in html and "Training B" not in html
    events = list(response.context["object_list"])
    assert [(e.title, e.participations) for e in events] == [("Training A", 1)]
    csv_text = b"".join(client.get(reverse("participants_statistics:events"), {"export": "csv"}).streaming_content)
    assert b"Training A" in csv_text and b"Training B" not in csv_text


def test_organiser_of_a_cannot_see_the_list_of_b(client, two_events):
    client.force_login(two_events["alice"])
    assert denied(client.get(reverse("participants_statistics:attendance", args=[two_events["b"].pk])))
    assert denied(
        client.get(reverse("participants_statistics:attendance", args=[two_events["b"].pk]), {"export": "xlsx"})
    )
    response = client.get(reverse("participants_statistics:attendance", args=[two_events["a"].pk]))
    assert response.status_code == 200
    assert "Piet Pietersen" in response.content.decode()


def test_attendance_list_export_marks_sessions_and_never_a_cancelled_check_in(client, two_events):
    client.force_login(two_events["alice"])
    url = reverse("participants_statistics:attendance", args=[two_events["a"].pk])
    response = client.get(url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *body = sheet.iter_rows(values_only=True)
    rows = {r[0]: r for r in body}
    assert header[5:7] == ("Day 1", "Day 2")
    assert rows["Piet Pietersen"][5:] == ("✓", None, 1)
    assert rows["Gijs Gone"][5:] == (None, None, 0)  # cancelled: its stale check-in does not count


def test_dashboard_panel_for_the_secretariat_only(client, two_events):
    client.force_login(secretariat())
    assert "attendance-statistics" in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(two_events["alice"])
    assert "attendance-statistics" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_menu_items_follow_the_roles(client, two_events):
    client.force_login(secretariat())
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'"{reverse("participants_statistics:index")}"' in html
    client.force_login(two_events["alice"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'"{reverse("participants_statistics:index")}"' not in html
    assert f'"{reverse("participants_statistics:events")}"' in html


def test_bad_filters_get_a_clear_message_not_an_error(client, two_events):
    client.force_login(secretariat())
    response = client.get(
        reverse("participants_statistics:index"), {"date_from": "2025-12-31", "date_to": "2025-01-01"}
    )
    assert response.status_code == 200
    assert response.context["report"] is None and response.context["report_error"]
    response = client.get(reverse("participants_statistics:index"), {"kind": "party"})
    assert response.status_code == 200
    assert response.context["report"] is None and response.context["report_error"]


def test_report_pages_take_as_many_queries_with_more_data(client, two_events):
    """The statistics page, the events page and an attendance list: the same queries with three times the events
    and many more registrations and check-ins (the report counts in the database, a fixed number of queries)."""
    client.force_login(secretariat())
    pages = [
        reverse("participants_statistics:index"),
        reverse("participants_statistics:events"),
        reverse("participants_statistics:attendance", args=[two_events["a"].pk]),
    ]

    def queries():
        counts = []
        for url in pages:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    client.get(pages[0])  # the first request of a session loads what later ones have at hand
    before = queries()
    for title in ("Training C", "Training D", "Training E", "Training F"):
        event = make_event(title=title)
        for registration in RegistrationFactory.create_batch(5, event=event):
            AttendanceFactory(registration=registration, session=event.sessions.order_by("starts_at").first())
    for registration in RegistrationFactory.create_batch(5, event=two_events["a"]):
        AttendanceFactory(registration=registration, session=two_events["a"].sessions.order_by("starts_at").first())
    assert queries() == before


@pytest.mark.parametrize("name", ["month", "stakeholder", "programme"])
def test_a_chart_of_nothing_says_no_data_yet_instead_of_drawing_empty_axes(client, two_events, name):
    client.force_login(secretariat())
    # Event b has a registration but nobody checked in: nothing to draw for participations.
    query = {"event": two_events["b"].pk, "stakeholder_type": "ngo"}
    svg = client.get(reverse("participants_statistics:chart", args=[name, "svg"]), query).content.decode()
    assert "Nog geen gegevens voor deze selectie." in svg  # the admin speaks Dutch by default
    assert 'id="ytick_1"' not in svg and 'id="xtick_1"' not in svg  # no axes running from -0.04 to 0.04
    page = client.get(reverse("participants_statistics:index"), query).content.decode()
    assert ': Nog geen gegevens voor deze selectie."' in page  # the image's alt text


def test_a_chart_with_figures_draws_its_axes(client, two_events):
    client.force_login(secretariat())
    svg = client.get(reverse("participants_statistics:chart", args=["stakeholder", "svg"])).content.decode()
    assert 'id="ytick_1"' in svg and "Nog geen gegevens" not in svg


def test_long_programme_names_are_drawn_sideways_and_never_overlap():
    for title in ["MKB-intervisie", "NEVI-training", "Roadshow due diligence", "Local Expert Network"]:
        event = make_event(programme=make_programme(title=title))
        AttendanceFactory(registration=RegistrationFactory(event=event), session=event.sessions.first())
    figure, _title, _description = draw(build_report(ReportFilters()), "programme", "nl")
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    axes = figure.axes[0]
    labels = [label for label in axes.get_yticklabels() if label.get_text()]
    assert {label.get_text().replace("\n", " ") for label in labels} >= {"MKB-intervisie", "NEVI-training"}
    boxes = [label.get_window_extent(renderer) for label in labels]
    assert not any(a.overlaps(b) for a, b in combinations(boxes, 2))
    assert axes.get_xlim()[0] == 0  # counts: no negative axis
