"""Name badges: 500 badges (63 A4 sheets) of one event in one PDF, with names that need the embedded font
(target < 5 s). Wall clock and the process's CPU time, as in the other benchmarks."""

import time
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

TARGET_S = 5
COUNT = 500


def run(args):
    from participants.badges.pdf import badges_pdf
    from participants.badges.views import badge_registrations
    from participants.models import Organisation, Participant, Registration
    from tests.factories import make_event

    start = (timezone.now() + timedelta(days=5)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = make_event(title="Bench badges roadshow", start=start, days=2, kind="roadshow")
    stamp = time.time_ns()
    organisation = Organisation.objects.create(name=f"Kaasmakerij Łódź {stamp}")
    participants = Participant.objects.bulk_create(
        Participant(email=f"badge{stamp}-{i}@example.org", first_name="Zoë", last_name=f"Łukasiewicz-Þórsdóttir {i}")
        for i in range(COUNT)
    )
    Registration.objects.bulk_create(
        Registration(
            event=event,
            participant=p,
            organisation=organisation,
            status="confirmed",
            stakeholder_type=("company", "ngo", "government")[i % 3],
            language="nl",
        )
        for i, p in enumerate(participants)
    )
    rows = []
    for layout in ("a4", "a6"):
        started, started_cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            data = badges_pdf(event, badge_registrations(event), layout)
        seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        rows.append(
            {
                "benchmark": "badges",
                "measure": f"{COUNT} badges, {layout.upper()} ({len(data) // 1024} KiB)",
                "value": f"{seconds:.2f}",
                "unit": "s",
                "queries": len(queries),
                "target": f"< {TARGET_S}",
                "met": seconds < TARGET_S,
            }
        )
        rows.append(
            {
                "benchmark": "badges",
                "measure": f"{COUNT} badges, {layout.upper()} (CPU)",
                "value": f"{cpu:.2f}",
                "unit": "s CPU",
            }
        )
    return rows
