"""Intervision: the member's page and the facilitator's meeting screen with a full group and a year of
meetings (queries must not grow with members or cases), and the rotation proposal over many meetings."""

import statistics
import time
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def timed(client, url, repeat=20):
    client.get(url)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), len(queries)


def run(args):
    from django.urls import reverse

    from intervision.models import Case
    from intervision.rotation import Candidate, propose_rotation
    from tests.intervision.factories import make_case, make_group, make_member

    rows = []
    client = Client()
    first_queries = {}  # per page: the queries of the small group, which the large one must not exceed
    for members, meetings in ((4, 3), (8, 9)):
        group = make_group(max_size=8, meetings=meetings)
        memberships = [make_member(group) for _ in range(members)]
        for meeting in group.meetings.all():
            for membership in memberships[:2]:
                make_case(membership, meeting)
        ms, queries = timed(client, reverse("intervision:member", args=[memberships[0].token]))
        first = first_queries.setdefault("member", queries)
        rows.append(
            {
                "benchmark": "intervision member page",
                "measure": f"{members} members, {meetings} meetings",
                "value": f"{ms:.1f}",
                "unit": "ms",
                "queries": queries,
                "target": "queries constant",
                "met": queries <= first,
            }
        )
        client.force_login(group.facilitator)
        meeting = group.meetings.last()
        Case.objects.filter(meeting__group=group).exclude(meeting=meeting).update(selected_at=datetime.now(UTC))
        ms, queries = timed(client, reverse("intervision_meeting_cases", args=[meeting.pk]))
        first = first_queries.setdefault("meeting", queries)
        rows.append(
            {
                "benchmark": "intervision meeting screen",
                "measure": f"{members} members, {meetings} meetings",
                "value": f"{ms:.1f}",
                "unit": "ms",
                "queries": queries,
                "target": "queries constant",
                "met": queries <= first,
            }
        )
        client.logout()

    start = datetime(2031, 1, 1, tzinfo=UTC)
    candidates = [Candidate(key=k, joined_at=start + timedelta(days=k)) for k in range(8)]
    history = [(k % 8, start + timedelta(weeks=k)) for k in range(52 * 2)]
    started = time.perf_counter()
    for _ in range(1000):
        propose_rotation(candidates, history)
    rows.append(
        {
            "benchmark": "intervision rotation",
            "measure": "8 members, 104 presentations",
            "value": f"{(time.perf_counter() - started):.3f}",
            "unit": "ms per proposal",
            "queries": 0,
        }
    )
    return rows
