"""How many seats an event has left, overall and for each stakeholder type.

Seats reserved for a type are kept for that type until the organiser releases them
(``EventPage.release_unused_quotas``); the seats nobody reserved are open to every type. A type
that has filled its reserved seats takes further seats from the open pool.

The event lock that every decision about seats is made under lives here too (``locked_event``).
"""

from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Q

from events.choices import StakeholderType
from events.models import EventPage, SeatQuota
from participants.models import SEAT_HOLDING, Registration, RegistrationStatus


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

    def kept(self):
        """(label, seats) of each type that still has seats kept for it, in the types' order.

        With ``open_to_all`` they add up to ``total_left``: the words the event page says them in.
        """
        if self.released:
            return []
        kept = [
            (label, max(self.reserved.get(value, 0) - self.taken.get(value, 0), 0))
            for value, label in StakeholderType.choices
        ]
        return [(label, n) for label, n in kept if n]

    @property
    def open_to_all(self):
        return max(self.total_left - sum(n for _label, n in self.kept()), 0)

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


def seats_left(event):
    """How many of ``event``'s seats nobody holds, in one query: the listing's status badge."""
    taken = sum(n for _kind, _type, n in _rows(TAKEN_SQL, [event.pk, *SEAT_HOLDING]))
    return max(event.capacity - taken, 0)


def count_seats_left(events):
    """Set ``seats_left`` on each of ``events`` (a list, or a queryset that is then evaluated), in one
    query however many there are: the listings' status badges."""
    events = list(events)
    if not events:
        return events
    ids = [event.pk for event in events]
    sql = (
        f"SELECT event_id, COUNT(*) FROM {REGISTRATIONS} WHERE event_id IN ({_in(ids)}) "
        f"AND status IN ({_in(SEAT_HOLDING)}) GROUP BY event_id"
    )
    taken = dict(_rows(sql, [*ids, *SEAT_HOLDING]))
    for event in events:
        event.seats_left = max(event.capacity - taken.get(event.pk, 0), 0)
    return events


def locked_event(event_id):
    """Lock the event's own row (not Wagtail's page row, so editors are not blocked) and return it.

    FOR NO KEY UPDATE, not FOR UPDATE: a registration row inserted in the same transaction before
    the lock takes a KEY SHARE lock on the event row (its foreign key), which FOR UPDATE would wait
    for, so two registrations would deadlock; FOR NO KEY UPDATE still excludes every other holder
    of this lock.
    """
    return EventPage.objects.select_for_update(of=("self",), no_key=True).get(pk=event_id)


def locked_capacity(event_id):
    """Lock the event's row as ``locked_event`` does, reading only what counting seats needs.

    Returns ``(capacity, release_unused_quotas)``: no page object is built, which is most of the
    cost of the lock on the registration path. The seats must be counted in a later statement than
    this one: a statement's snapshot is taken when it starts, so a count in the locking statement
    would miss what the lock's previous holder committed while this one waited.
    """
    return (
        EventPage.objects.select_for_update(of=("self",), no_key=True)
        .filter(pk=event_id)
        .values_list("capacity", "release_unused_quotas")
        .get()
    )


def current_seats(event):
    """Count seats held per type and the quotas, for ``event`` (which the caller has locked), in one query."""
    return count_seats(event.pk, event.capacity, event.release_unused_quotas)


def take_seat(counts, stakeholder_type, seats=1):
    taken = dict(counts.taken)
    taken[stakeholder_type] = taken.get(stakeholder_type, 0) + seats
    return SeatCounts(capacity=counts.capacity, taken=taken, reserved=counts.reserved, released=counts.released)


def release_seat(counts, stakeholder_type):
    return take_seat(counts, stakeholder_type, -1)


def waiting_place(registration):
    """The registration's place on the waiting list of its stakeholder type (1 is next).

    None until the person has confirmed their address: an address someone typed joins no list.
    """
    if registration.waitlisted_at is None:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id,
        stakeholder_type=registration.stakeholder_type,
        status=RegistrationStatus.WAITLISTED,
    ).filter(
        Q(waitlisted_at__lt=registration.waitlisted_at)
        | Q(waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1
