"""How many seats an event has left, overall and for each stakeholder type.

Seats reserved for a type are kept for that type until the organiser releases them
(``EventPage.release_unused_quotas``); the seats nobody reserved are open to every type. A type
that has filled its reserved seats takes further seats from the open pool.
"""

from dataclasses import dataclass

from django.db import connections, router

from events.choices import StakeholderType
from events.models import SeatQuota
from participants.models import SEAT_HOLDING, Registration


@dataclass(frozen=True)
class SeatCounts:
    capacity: int
    taken: dict  # stakeholder type -> seats held
    reserved: dict  # stakeholder type -> seats reserved
    released: bool

    @property
    def total_taken(self):
        return sum(self.taken.values())

    @property
    def total_left(self):
        return max(self.capacity - self.total_taken, 0)

    @property
    def open_pool(self):
        """Seats not reserved for any type, minus those already taken by types beyond their quota."""
        pool = self.capacity - sum(self.reserved.values())
        overflow = sum(max(self.taken.get(t, 0) - self.reserved.get(t, 0), 0) for t in StakeholderType.values)
        return max(pool - overflow, 0)

    def left_for(self, stakeholder_type):
        if self.released:
            return self.total_left
        own = max(self.reserved.get(stakeholder_type, 0) - self.taken.get(stakeholder_type, 0), 0)
        return min(own + self.open_pool, self.total_left)

    def rows(self):
        """One row per stakeholder type, for the event page and the admin."""
        return [
            {
                "type": value,
                "label": label,
                "reserved": self.reserved.get(value, 0),
                "taken": self.taken.get(value, 0),
                "left": self.left_for(value),
            }
            for value, label in StakeholderType.choices
        ]


def _in(values):
    return ", ".join(["%s"] * len(values))


REGISTRATIONS, QUOTAS = Registration._meta.db_table, SeatQuota._meta.db_table
# Counted on every registration (under the lock) and every event page: written out once rather than
# compiled by the ORM each time.
TAKEN_SQL = (
    f"SELECT 't', stakeholder_type, COUNT(*) FROM {REGISTRATIONS} "
    f"WHERE event_id = %s AND status IN ({_in(SEAT_HOLDING)}) GROUP BY stakeholder_type"
)
SEATS_SQL = f"SELECT 'q', stakeholder_type, seats FROM {QUOTAS} WHERE page_id = %s UNION ALL {TAKEN_SQL}"


def _rows(sql, params):
    with connections[router.db_for_read(Registration)].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def count_seats(event_id, capacity, released):
    """Count the seats held per type and the quotas of an event, in one query."""
    reserved, taken = {}, {}
    for kind, stakeholder_type, number in _rows(SEATS_SQL, [event_id, event_id, *SEAT_HOLDING]):
        (reserved if kind == "q" else taken)[stakeholder_type] = number
    return SeatCounts(capacity=capacity, taken=taken, reserved=reserved, released=released)


def seat_counts(event):
    """Count the seats of ``event`` for showing them: its quotas as the page has them (prefetched, or a
    preview's unsaved ones), the seats held counted in one query."""
    taken = {stakeholder_type: n for _kind, stakeholder_type, n in _rows(TAKEN_SQL, [event.pk, *SEAT_HOLDING])}
    reserved = {q.stakeholder_type: q.seats for q in event.quotas.all()}
    return SeatCounts(capacity=event.capacity, taken=taken, reserved=reserved, released=event.release_unused_quotas)
