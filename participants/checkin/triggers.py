"""Registration.sessions_checked_in: each registration's number of check-ins not undone, kept by the database.

The attendance report counts participations (at least one check-in) and completions (enough sessions
for the event's rule) from this column instead of grouping every check-in. Triggers keep it, so it is
right whoever writes a check-in (the door, its undo, an intervision attendance list, the admin, a
bulk insert) and in the same transaction:

- after a check-in is written, undone (``undone_at`` set or cleared), moved or deleted, its
  registration's check-ins are counted again;
- a write to the column itself (a ``save()`` of a Registration loaded before a check-in) is replaced
  by that count, so a stale value never sticks.

A recount rather than +1/-1: it is right whatever the order of the writes (a dump and load included).
On PostgreSQL the recount runs in the registration's BEFORE trigger, once its row lock is taken, in a
statement of its own that sees every check-in committed meanwhile: two check-ins of one person at the
same moment by writers that took no lock first are both counted. SQLite has one writer at a time.

SQLite drops a table's triggers when Django rebuilds the table (an AlterField, say), so after every
``migrate`` ``ensure_triggers`` puts back any that are missing and recounts (see apps.py).
"""

REGISTRATION = "participants_registration"
ATTENDANCE = "participants_attendance"


def _count(registration_id):
    return f"(SELECT COUNT(*) FROM {ATTENDANCE} a WHERE a.registration_id = {registration_id} AND a.undone_at IS NULL)"


def _recount(registration_id):
    return f"UPDATE {REGISTRATION} SET sessions_checked_in = {_count(registration_id)} WHERE id = {registration_id};"


POSTGRESQL = {
    "participants_registration_sessions_checked_in": [
        f"""
        CREATE OR REPLACE FUNCTION participants_count_sessions_checked_in() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.sessions_checked_in := {_count("NEW.id")};
            RETURN NEW;
        END $$
        """,
        f"""
        CREATE OR REPLACE TRIGGER participants_registration_sessions_checked_in
        BEFORE INSERT OR UPDATE OF sessions_checked_in ON {REGISTRATION}
        FOR EACH ROW EXECUTE FUNCTION participants_count_sessions_checked_in()
        """,
    ],
    # A change of a check-in touches its registration's column; the trigger above does the counting.
    "participants_attendance_inserted": [
        f"""
        CREATE OR REPLACE FUNCTION participants_attendance_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                UPDATE {REGISTRATION} SET sessions_checked_in = sessions_checked_in WHERE id = OLD.registration_id;
            END IF;
            IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.registration_id <> OLD.registration_id) THEN
                UPDATE {REGISTRATION} SET sessions_checked_in = sessions_checked_in WHERE id = NEW.registration_id;
            END IF;
            RETURN NULL;
        END $$
        """,
        f"""
        CREATE OR REPLACE TRIGGER participants_attendance_inserted AFTER INSERT ON {ATTENDANCE}
        FOR EACH ROW WHEN (NEW.undone_at IS NULL) EXECUTE FUNCTION participants_attendance_changed()
        """,
    ],
    "participants_attendance_updated": [
        f"""
        CREATE OR REPLACE TRIGGER participants_attendance_updated
        AFTER UPDATE OF undone_at, registration_id ON {ATTENDANCE} FOR EACH ROW
        WHEN ((OLD.undone_at IS NULL) <> (NEW.undone_at IS NULL) OR OLD.registration_id <> NEW.registration_id)
        EXECUTE FUNCTION participants_attendance_changed()
        """,
    ],
    "participants_attendance_deleted": [
        f"""
        CREATE OR REPLACE TRIGGER participants_attendance_deleted AFTER DELETE ON {ATTENDANCE}
        FOR EACH ROW WHEN (OLD.undone_at IS NULL) EXECUTE FUNCTION participants_attendance_changed()
        """,
    ],
}

# SQLite cannot change NEW in a BEFORE trigger: its triggers run after the write and correct the column.
# (With recursive triggers off, as Django leaves them, a trigger's own UPDATE does not fire it again.)
SQLITE = {
    "participants_attendance_inserted": [
        f"""
        CREATE TRIGGER IF NOT EXISTS participants_attendance_inserted AFTER INSERT ON {ATTENDANCE}
        FOR EACH ROW WHEN NEW.undone_at IS NULL
        BEGIN {_recount("NEW.registration_id")} END
        """,
    ],
    "participants_attendance_updated": [
        f"""
        CREATE TRIGGER IF NOT EXISTS participants_attendance_updated
        AFTER UPDATE OF undone_at, registration_id ON {ATTENDANCE} FOR EACH ROW
        WHEN (OLD.undone_at IS NULL) <> (NEW.undone_at IS NULL) OR OLD.registration_id <> NEW.registration_id
        BEGIN {_recount("OLD.registration_id")} {_recount("NEW.registration_id")} END
        """,
    ],
    "participants_attendance_deleted": [
        f"""
        CREATE TRIGGER IF NOT EXISTS participants_attendance_deleted AFTER DELETE ON {ATTENDANCE}
        FOR EACH ROW WHEN OLD.undone_at IS NULL
        BEGIN {_recount("OLD.registration_id")} END
        """,
    ],
    "participants_registration_inserted": [
        f"""
        CREATE TRIGGER IF NOT EXISTS participants_registration_inserted AFTER INSERT ON {REGISTRATION}
        FOR EACH ROW WHEN NEW.sessions_checked_in <> {_count("NEW.id")}
        BEGIN {_recount("NEW.id")} END
        """,
    ],
    "participants_registration_sessions_checked_in": [
        f"""
        CREATE TRIGGER IF NOT EXISTS participants_registration_sessions_checked_in
        AFTER UPDATE OF sessions_checked_in ON {REGISTRATION}
        FOR EACH ROW WHEN NEW.sessions_checked_in <> {_count("NEW.id")}
        BEGIN {_recount("NEW.id")} END
        """,
    ],
}

TRIGGERS = {"postgresql": POSTGRESQL, "sqlite": SQLITE}

DROP = {
    "postgresql": [
        f"DROP TRIGGER IF EXISTS participants_attendance_deleted ON {ATTENDANCE}",
        f"DROP TRIGGER IF EXISTS participants_attendance_updated ON {ATTENDANCE}",
        f"DROP TRIGGER IF EXISTS participants_attendance_inserted ON {ATTENDANCE}",
        "DROP FUNCTION IF EXISTS participants_attendance_changed()",
        f"DROP TRIGGER IF EXISTS participants_registration_sessions_checked_in ON {REGISTRATION}",
        "DROP FUNCTION IF EXISTS participants_count_sessions_checked_in()",
    ],
    "sqlite": [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE],
}

# Every registration's count, from its check-ins, where it is not right.
RECOUNT = (
    f"UPDATE {REGISTRATION} SET sessions_checked_in = {_count(REGISTRATION + '.id')} "
    f"WHERE sessions_checked_in <> {_count(REGISTRATION + '.id')}"
)


def _triggers(connection):
    if connection.vendor not in TRIGGERS:
        raise NotImplementedError(
            f"Registration.sessions_checked_in is kept by triggers on SQLite and PostgreSQL, not {connection.vendor}."
        )
    return TRIGGERS[connection.vendor]


def existing_triggers(connection):
    """The names of the triggers on the registration and attendance tables."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN (%s::regclass, %s::regclass)",
                [REGISTRATION, ATTENDANCE],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (%s, %s)",
                [REGISTRATION, ATTENDANCE],
            )
        return {row[0] for row in cursor.fetchall()}


def missing_triggers(connection):
    return sorted(set(_triggers(connection)) - existing_triggers(connection))


def install(connection):
    """Create the triggers (those that exist are left as they are on SQLite, replaced on PostgreSQL)."""
    with connection.cursor() as cursor:
        for statements in _triggers(connection).values():
            for statement in statements:
                cursor.execute(statement)


def uninstall(connection):
    with connection.cursor() as cursor:
        for statement in DROP.get(connection.vendor, []):
            cursor.execute(statement)


def recount(connection):
    """Set every registration's count from its check-ins; returns how many were wrong."""
    with connection.cursor() as cursor:
        cursor.execute(RECOUNT)
        return cursor.rowcount


def ensure_triggers(connection):
    """Put back missing triggers and recount what changed without them; returns the names put back."""
    missing = missing_triggers(connection)
    if missing:
        install(connection)
        recount(connection)
    return missing
