"""The same code scanned 50 times at once, by several phones, in real concurrent transactions."""

import threading

import pytest
from django.db import connection

from participants.checkin.services import check_in
from participants.models import Attendance, ScanLog
from tests.factories import RegistrationFactory, organiser

from .checkin_helpers import add_organiser, sessions_of, today_event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCANS = 50


def test_fifty_concurrent_scans_of_one_code_make_one_attendance():
    event = today_event()
    registration = RegistrationFactory(event=event)
    session = sessions_of(event)[0]
    phones = [add_organiser(event, organiser()) for _ in range(5)]
    barrier = threading.Barrier(SCANS)
    statuses, errors = [], []

    def scan(i):
        try:
            barrier.wait(timeout=30)
            result = check_in(
                user=phones[i % len(phones)], session_id=session.pk, code=registration.checkin_code, nonce=f"scan-{i}"
            )
            statuses.append(result.status)
        except Exception as error:  # report it in the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scan, args=(i,)) for i in range(SCANS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors, errors
    assert Attendance.objects.filter(registration=registration, session=session).count() == 1
    assert sorted(statuses) == ["already_checked_in"] * (SCANS - 1) + ["ok"]
    assert ScanLog.objects.filter(registration=registration).count() == SCANS
