"""Check-in at the door: scan a registration's code (or pick it by hand) for one session.

Modelled on pretix's check-in service. ``check_in`` locks the registration row inside one
transaction, so two phones scanning the same person at once are served one after the other; the
second sees the first's Attendance and answers ``already_checked_in``. The client's ``nonce``
makes a retried request (a phone that lost the answer, an offline queue sent twice) the same
check-in: it answers ``ok`` again with the first time. The partial unique constraint on Attendance
is the last line of defence for writers that skip the lock (the admin, an import): its
IntegrityError becomes ``already_checked_in``, never a second row or a server error.

Every scan is a ScanLog row, failed ones too, in the same transaction as its Attendance.

The successful path is three statements (one SELECT ... FOR UPDATE that also answers "may this
user check in here?" and "is this person already in?", then two INSERTs), plus SQLite's
``BEGIN IMMEDIATE``: see bench/bench_checkin.py.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import access
from events.models import EventPage, EventSession
from participants import hashed_secrets
from participants.checkin.days import OFFLINE_AFTER, effective_time, is_session_day, local_time, offline_lateness
from participants.checkin.lists import code_hash, registration_json
from participants.models import (
    Attendance,
    AttendanceMethod,
    Organisation,
    Participant,
    Registration,
    RegistrationStatus,
    ScanAction,
    ScanLog,
    ScanStatus,
)

MAX_CODE_LENGTH = 200
MAX_NONCE_LENGTH = 64

# Outcomes that say something is wrong with the scan itself; they count towards the rate limit.
FAILED = {ScanStatus.INVALID, ScanStatus.WRONG_EVENT, ScanStatus.NOT_ALLOWED}

ACTION_METHOD = {
    ScanAction.SCAN: AttendanceMethod.QR,
    ScanAction.OFFLINE: AttendanceMethod.OFFLINE,
    ScanAction.MANUAL: AttendanceMethod.MANUAL,
}

Organisers = EventPage.organisers.through


@dataclass
class CheckinResult:
    """What a scan came to: a status from ScanStatus, a message for the person at the door."""

    status: str
    message: str
    registration: Registration | None = None
    checked_in_at: datetime | None = None
    reason: str = ""

    @property
    def failed(self):
        return self.status in FAILED

    def as_json(self):
        data = {"status": str(self.status), "message": str(self.message)}
        if self.reason:
            data["reason"] = self.reason
        if self.registration is not None:
            data["registration"] = registration_json(self.registration)
        if self.checked_in_at is not None:
            data["checked_in_at"] = self.checked_in_at.isoformat()
        return data


def _too_late():
    hours = getattr(settings, "CHECKIN_OFFLINE_GRACE_HOURS", 24)
    return CheckinResult(
        ScanStatus.INVALID,
        ngettext(
            "This scan was sent more than %(hours)s hour after the session ended, so it no longer counts. "
            "Ask the secretariat to record this attendance.",
            "This scan was sent more than %(hours)s hours after the session ended, so it no longer counts. "
            "Ask the secretariat to record this attendance.",
            hours,
        )
        % {"hours": hours},
        reason="offline_too_late",
    )


# Checking in.


def check_in(*, user, session_id, code=None, registration_id=None, nonce="", scanned_at=None, action=None, method=None):
    """Check a registration in for a session, by its ``code`` or (by hand) its ``registration_id``.

    ``user`` must be allowed to check in (the access policy's ``may_run_event``); the answer says so otherwise.
    Returns a CheckinResult; never raises for bad input.
    """
    now = timezone.now()
    moment = effective_time(scanned_at, now)
    if action is None:
        offline = scanned_at is not None and now - moment > OFFLINE_AFTER
        action = ScanAction.OFFLINE if offline else ScanAction.SCAN
    log = ScanLog(
        session_id=session_id,
        user=user,
        action=action,
        code_sha256=code_hash(code) if code is not None else "",
        nonce=nonce or "",
        scanned_at=moment,
        created_at=now,
    )
    lookup = {"code": code} if code is not None else {"registration_id": registration_id}
    late = action == ScanAction.OFFLINE and offline_lateness(session_id, now)
    if late == "too_late":
        result = _too_late()
        _save_log(log, result)
        return result
    try:
        with transaction.atomic():
            result = _check_in_locked(user, session_id, lookup, nonce, moment, method or ACTION_METHOD[action])
            if late and result.status == ScanStatus.OK:
                result.reason = "late"  # In the scan log and the answer: it reached us after the session.
            _save_log(log, result)
    except IntegrityError:
        # An Attendance for this registration and session was written between our read and our
        # insert by someone who did not take the row lock. The constraint kept it to one row.
        registration = _load_registration(lookup)
        first = (
            Attendance.objects.filter(registration=registration, session_id=session_id, undone_at__isnull=True)
            .values_list("checked_in_at", flat=True)
            .first()
        )
        result = _already(registration, first)
        _save_log(log, result)
    return result


def _read_sql(lookup_column, lock, values=1):
    """The one statement of the successful path before the inserts, written out (see read_for_check_in)."""
    registration, participant = Registration._meta.db_table, Participant._meta.db_table
    organisation, session = Organisation._meta.db_table, EventSession._meta.db_table
    attendance, organisers = Attendance._meta.db_table, Organisers._meta.db_table
    event = EventPage._meta.db_table
    sees_all, _params = access.sees_all_events_sql()
    return f"""
        SELECT r.id, r.event_id, r.participant_id, r.organisation_id, r.status, r.stakeholder_type,
               p.first_name, p.last_name, o.name,
               s.page_id, s.starts_at, s.ends_at,
               EXISTS (SELECT 1 FROM {organisers} eo WHERE eo.eventpage_id = r.event_id AND eo.user_id = %s),
               {sees_all},
               a.checked_in_at, a.nonce,
               (SELECT ep.time_zone FROM {event} ep WHERE ep.page_ptr_id = s.page_id)
        FROM {registration} r
        INNER JOIN {participant} p ON p.id = r.participant_id
        LEFT OUTER JOIN {organisation} o ON o.id = r.organisation_id
        LEFT OUTER JOIN {session} s ON s.id = %s
        LEFT OUTER JOIN {attendance} a ON a.registration_id = r.id AND a.session_id = %s AND a.undone_at IS NULL
        WHERE r.{lookup_column} IN ({", ".join(["%s"] * values)})
        {lock}
    """


_READ_SQL = {}


def read_for_check_in(*, user, session_id, code=None, registration_id=None):
    """Load and lock the registration, with the session, the user's rights and any current check-in.

    Written as SQL rather than with the ORM because this is the door's hot path: the ORM spent
    far longer building this seven-part query than the database spent answering it (about 10 ms
    against 0.3 ms per scan in bench/bench_checkin.py). The partial unique constraint on
    Attendance makes the attendance join return at most one row. On SQLite there is no row lock:
    the transaction starts with BEGIN IMMEDIATE, which serialises writers (see settings).
    """
    by_code = code is not None
    # A code is found by its keyed hash (the unique index), under the current key and any fallback.
    lookup = hashed_secrets.digests(code, hashed_secrets.CHECKIN) if by_code else [registration_id]
    key = (connection.vendor, by_code, len(lookup))
    if key not in _READ_SQL:
        lock = "FOR UPDATE OF r" if connection.features.has_select_for_update_of else ""
        _READ_SQL[key] = _read_sql("checkin_code_hash" if by_code else "id", lock, len(lookup))
    _sql, sees_all_params = access.sees_all_events_sql()
    params = [user.pk, *sees_all_params, user.pk, user.pk, session_id, session_id, *lookup]
    with connection.cursor() as cursor:
        cursor.execute(_READ_SQL[key], params)
        row = cursor.fetchone()
    if row is None:
        return None
    (
        pk,
        event_id,
        participant_id,
        organisation_id,
        status,
        stakeholder_type,
        first_name,
        last_name,
        organisation_name,
        session_event_id,
        starts_at,
        ends_at,
        is_organiser,
        is_secretariat,
        checked_in_at,
        nonce,
        time_zone,
    ) = row
    # A row loaded from the database (Model.from_db), with only the columns the door needs; the sealed
    # secrets are not read: empty, so that no new secret is made and sealed for nothing on every scan.
    loaded = {
        "id": pk,
        "event_id": event_id,
        "participant_id": participant_id,
        "organisation_id": organisation_id,
        "status": status,
        "stakeholder_type": stakeholder_type,
        "access_token_sealed": "",
        "checkin_code_sealed": "",
    }
    names = [field.attname for field in Registration._meta.concrete_fields if field.attname in loaded]
    registration = Registration.from_db(connection.alias, names, [loaded[name] for name in names])
    registration.participant = Participant(pk=participant_id, first_name=first_name, last_name=last_name)
    if organisation_id:
        registration.organisation = Organisation(pk=organisation_id, name=organisation_name)
    registration.session_event_id = session_event_id
    registration.session_starts_at = _as_datetime(starts_at)
    registration.session_ends_at = _as_datetime(ends_at)
    registration.session_time_zone = time_zone
    registration.user_is_organiser = bool(is_organiser)
    registration.user_is_secretariat = bool(is_secretariat)
    registration.first_checked_in_at = _as_datetime(checked_in_at)
    registration.first_nonce = nonce
    return registration


def _as_datetime(value):
    """A timestamp from the cursor as an aware datetime (SQLite hands back text, PostgreSQL datetimes)."""
    moment = value if value is None or isinstance(value, datetime) else parse_datetime(str(value))
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return moment


def _check_in_locked(user, session_id, lookup, nonce, moment, method):
    registration = read_for_check_in(user=user, session_id=session_id, **lookup)
    if registration is None:
        return _not_found(user, session_id)
    if registration.session_event_id is None:
        return _unknown_session()
    if registration.session_event_id != registration.event_id:
        # Whether the user may check in here is a question about the session's event.
        if not access.may_run_event(user, registration.session_event_id):
            return _not_allowed()
        runs_other = access.may_run_event(user, registration.event_id)
        if not runs_other and "registration_id" in lookup:
            # Another organiser's registration, picked by number (ids are sequential): as unknown as
            # a wrong number, or the door could read the whole database one id at a time.
            return _not_found(user, session_id)
        event = EventPage.objects.filter(pk=registration.event_id).values_list("title", flat=True).first()
        # A scanned ticket is in the hands of its holder: the (public) title of their event helps
        # them on; who they are is told only to whoever runs that event too.
        return CheckinResult(
            ScanStatus.WRONG_EVENT,
            _("Registered for another event: %(event)s.") % {"event": event},
            registration=registration if runs_other else None,
        )
    if not (user.is_superuser or registration.user_is_secretariat or registration.user_is_organiser):
        return _not_allowed()
    if not is_session_day(
        registration.session_starts_at, registration.session_ends_at, moment, registration.session_time_zone
    ):
        return _not_today()
    if registration.status == RegistrationStatus.CANCELLED:
        return CheckinResult(ScanStatus.CANCELLED, _("This registration has been cancelled."), registration)
    if registration.status == RegistrationStatus.WAITLISTED:
        return CheckinResult(
            ScanStatus.WAITLISTED, _("On the waiting list: this person has no seat (yet)."), registration
        )
    if registration.status != RegistrationStatus.CONFIRMED:
        return CheckinResult(
            ScanStatus.INVALID, _("This registration is not confirmed yet."), registration, reason="unconfirmed"
        )
    if registration.first_checked_in_at is not None:
        if nonce and nonce == registration.first_nonce:
            return _welcome(registration, registration.first_checked_in_at)
        return _already(registration, registration.first_checked_in_at)
    attendance = Attendance.objects.create(
        registration=registration,
        session_id=session_id,
        checked_in_at=moment,
        checked_in_by=user,
        method=method,
        nonce=nonce or "",
    )
    return _welcome(registration, attendance.checked_in_at)


def _load_registration(lookup):
    filters = (
        {"checkin_code_hash__in": hashed_secrets.digests(lookup["code"], hashed_secrets.CHECKIN)}
        if "code" in lookup
        else {"pk": lookup["registration_id"]}
    )
    return Registration.objects.select_related("participant", "organisation").filter(**filters).first()


def _not_found(user, session_id):
    event_id = EventSession.objects.filter(pk=session_id).values_list("page_id", flat=True).first()
    if event_id is None:
        return _unknown_session()
    if not access.may_run_event(user, event_id):
        return _not_allowed()
    return CheckinResult(
        ScanStatus.INVALID, _("Unknown code. Check the code, or search the person by name."), reason="unknown_code"
    )


def _unknown_session():
    return CheckinResult(ScanStatus.INVALID, _("This session does not exist."), reason="unknown_session")


def _not_today():
    return CheckinResult(
        ScanStatus.INVALID, _("Check-in for this session is open on the day of the session only."), reason="not_today"
    )


def _not_allowed():
    return CheckinResult(ScanStatus.NOT_ALLOWED, _("You may not check people in for this event."))


def _welcome(registration, checked_in_at):
    return CheckinResult(
        ScanStatus.OK,
        _("Welcome, %(name)s!") % {"name": registration.participant.full_name},
        registration=registration,
        checked_in_at=checked_in_at,
    )


def _already(registration, checked_in_at):
    message = (
        _("Already checked in at %(time)s.")
        % {"time": local_time(checked_in_at, getattr(registration, "session_time_zone", None))}
        if checked_in_at
        else ""
    )
    return CheckinResult(ScanStatus.ALREADY_CHECKED_IN, message, registration=registration, checked_in_at=checked_in_at)


def _save_log(log, result):
    log.status = result.status
    log.reason = result.reason
    log.registration = result.registration
    if result.reason == "unknown_session":
        log.session_id = None
    log.save(force_insert=True)


def log_refusal(*, user, session_id=None, code=None, nonce="", status=ScanStatus.INVALID, reason=""):
    """Log a scan that was refused before it reached ``check_in`` (bad request, rate limit)."""
    if session_id is not None and not EventSession.objects.filter(pk=session_id).exists():
        session_id = None
    ScanLog.objects.create(
        user=user if user and user.is_authenticated else None,
        session_id=session_id,
        status=status,
        reason=reason[:40],
        code_sha256=code_hash(code) if isinstance(code, str) else "",
        nonce=(nonce or "")[:MAX_NONCE_LENGTH] if isinstance(nonce, str) else "",
    )


def undo_check_in(*, user, session_id, registration_id):
    """Undo a registration's check-in for a session (a mistaken scan); the row stays, marked undone."""
    now = timezone.now()
    log = ScanLog(session_id=session_id, user=user, action=ScanAction.UNDO, created_at=now, scanned_at=now)
    with transaction.atomic():
        registration = (
            Registration.objects.select_related("participant", "organisation")
            .select_for_update(of=("self",))
            .filter(pk=registration_id)
            .first()
        )
        session = EventSession.objects.filter(pk=session_id).first()
        if session is None:
            result = _unknown_session()
        elif not access.may_run_event(user, session.page_id):
            result = _not_allowed()
        elif registration is None or registration.event_id != session.page_id:
            result = CheckinResult(ScanStatus.INVALID, _("No such registration for this event."), reason="unknown")
        else:
            undone = Attendance.objects.filter(
                registration=registration, session=session, undone_at__isnull=True
            ).update(undone_at=now, undone_by=user)
            if undone:
                result = CheckinResult(
                    ScanStatus.UNDONE,
                    _("Check-in of %(name)s undone.") % {"name": registration.participant.full_name},
                    registration,
                )
            else:
                result = CheckinResult(
                    ScanStatus.INVALID, _("Was not checked in."), registration, reason="not_checked_in"
                )
        _save_log(log, result)
    return result
