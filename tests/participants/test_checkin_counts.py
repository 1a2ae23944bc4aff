"""Registration.sessions_checked_in, kept by the database (participants/checkin_counts.py): after every way
of writing check-ins it equals a count of the registration's check-ins that were not undone."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.db.models import Count, Q

from participants.checkin import triggers as checkin_counts
from participants.checkin.services import check_in, undo_check_in
from participants.models import Attendance, Registration, ScanAction
from tests.factories import AttendanceFactory, RegistrationFactory, secretariat

from .checkin_helpers import sessions_of, today_event


def stored():
    return dict(Registration.objects.values_list("pk", "sessions_checked_in"))


def recounted():
    counted = Count("attendances", filter=Q(attendances__undone_at__isnull=True))
    return dict(Registration.objects.annotate(n=counted).values_list("pk", "n"))


def attended(registration):
    return Registration.objects.values_list("sessions_checked_in", flat=True).get(pk=registration.pk)


@pytest.mark.django_db
def test_check_in_undo_and_check_in_again_at_the_door():
    event = today_event()
    anna, bert = RegistrationFactory(event=event), RegistrationFactory(event=event)
    day1, day2 = sessions_of(event)
    door = secretariat()

    assert check_in(user=door, session_id=day1.pk, code=anna.checkin_code).status == "ok"
    assert check_in(user=door, session_id=day1.pk, code=anna.checkin_code).status == "already_checked_in"
    assert check_in(user=door, session_id=day1.pk, registration_id=bert.pk, action=ScanAction.MANUAL).status == "ok"
    assert (attended(anna), attended(bert)) == (1, 1)
    AttendanceFactory(registration=anna, session=day2)  # day 2, entered by an organiser in the admin
    assert attended(anna) == 2

    assert undo_check_in(user=door, session_id=day1.pk, registration_id=anna.pk).status == "undone"
    assert attended(anna) == 1
    assert check_in(user=door, session_id=day1.pk, code=anna.checkin_code).status == "ok"  # a new row
    assert attended(anna) == 2
    assert Attendance.objects.filter(registration=anna).count() == 3
    assert stored() == recounted()


@pytest.mark.django_db
def test_every_other_writer_keeps_the_count():
    event = today_event()
    day1, day2 = sessions_of(event)
    people = [RegistrationFactory(event=event) for _ in range(4)]

    Attendance.objects.bulk_create(Attendance(registration=r, session=s) for r in people for s in (day1, day2))
    assert stored() == recounted() == {r.pk: 2 for r in people}

    Attendance.objects.filter(registration__in=people[:2], session=day2).update(undone_at=day2.starts_at)
    assert [attended(r) for r in people] == [1, 1, 2, 2]
    Attendance.objects.filter(registration=people[0], session=day2).update(undone_at=None)  # undo the undo
    assert attended(people[0]) == 2
    Attendance.objects.filter(registration=people[3], session=day1).delete()
    assert attended(people[3]) == 1
    moved = Attendance.objects.get(registration=people[2], session=day1)
    moved.registration = people[3]  # booked on the wrong person, then corrected
    moved.save()
    assert (attended(people[2]), attended(people[3])) == (1, 2)
    AttendanceFactory(registration=people[2], session=day1, undone_at=day1.starts_at)  # written undone
    assert attended(people[2]) == 1
    assert stored() == recounted()


@pytest.mark.django_db
def test_a_stale_or_wrong_value_written_to_the_registration_does_not_stick():
    event = today_event()
    day1, _day2 = sessions_of(event)
    loaded_before = RegistrationFactory(event=event)
    AttendanceFactory(registration=loaded_before, session=day1)
    assert loaded_before.sessions_checked_in == 0  # what this object still holds
    loaded_before.job_title = "Inkoper"
    loaded_before.save()  # every field, the stale count too
    assert attended(loaded_before) == 1

    Registration.objects.filter(pk=loaded_before.pk).update(sessions_checked_in=7)
    assert attended(loaded_before) == 1
    made_with_a_count = RegistrationFactory(event=event, sessions_checked_in=3)
    assert attended(made_with_a_count) == 0
    assert stored() == recounted()


@pytest.mark.django_db
def test_missing_triggers_are_put_back_and_the_counts_made_right():
    assert checkin_counts.missing_triggers(connection) == []
    registration = RegistrationFactory(event=today_event())
    with connection.cursor() as cursor:
        for statement in checkin_counts.DROP[connection.vendor]:
            cursor.execute(statement)  # what SQLite does when Django rebuilds the table
    AttendanceFactory(registration=registration)
    assert attended(registration) == 0  # nothing kept it
    assert checkin_counts.missing_triggers(connection) == sorted(checkin_counts.TRIGGERS[connection.vendor])

    assert checkin_counts.ensure_triggers(connection)
    assert checkin_counts.missing_triggers(connection) == []
    assert attended(registration) == 1
    AttendanceFactory(registration=registration, session=registration.event.sessions.order_by("starts_at").last())
    assert attended(registration) == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_check_ins_of_one_person_at_once_are_both_counted():
    """Two writers that take no lock first (an attendance list and the admin, say): the second waits for
    the first's registration row, then counts again and sees the first's check-in."""
    registration = RegistrationFactory(event=today_event())
    day1, day2 = sessions_of(registration.event)
    first_written = threading.Event()
    errors = []

    def write(session, before_commit):
        try:
            with transaction.atomic():
                Attendance.objects.create(registration=registration, session=session)
                before_commit()
        except Exception as error:  # report it in the main thread
            errors.append(error)
        finally:
            connection.close()

    def hold_then_commit():
        first_written.set()
        time.sleep(0.5)  # the second writer is waiting on this transaction meanwhile

    first = threading.Thread(target=write, args=(day1, hold_then_commit))
    second = threading.Thread(target=lambda: first_written.wait(10) and write(day2, lambda: None))
    first.start()
    second.start()
    first.join()
    second.join()

    assert not errors, errors
    assert attended(registration) == 2
