"""How many seats an event has left, overall and for each stakeholder type.

Seats reserved for a type are kept for that type until the organiser releases them
(``EventPage.release_unused_quotas``); the seats nobody reserved are open to every type. A type
that has filled its reserved seats takes further seats from the open pool.
"""

from dataclasses import dataclass

from django.db.models import Count

from events.choices import StakeholderType

from .models import Registration


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


def seat_counts(event):
    """Count the seats of ``event`` in one query (the quotas are usually prefetched with the page)."""
    taken = dict(
        Registration.objects.filter(event=event)
        .holding_seats()
        .values_list("stakeholder_type")
        .annotate(n=Count("pk"))
        .values_list("stakeholder_type", "n")
    )
    reserved = {q.stakeholder_type: q.seats for q in event.quotas.all()}
    return SeatCounts(capacity=event.capacity, taken=taken, reserved=reserved, released=event.release_unused_quotas)
