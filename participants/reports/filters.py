"""What a report is about: a period, a programme, a kind, an event, a stakeholder type, a user's events.

An event belongs to the period in which it starts (its first session, in the site's time zone), and
everything about it (its registrations, check-ins, completions) counts with it. So an event that runs
from 30 December to 2 January is reported once, in the year it starts, and its completions (which
need both days) are never split over two annual reports.
"""

import datetime
from dataclasses import dataclass, field, replace

from django.db.models import Q
from django.utils import timezone

from events.choices import EventStatus


def calendar_year(year):
    """The first and last day of a calendar year."""
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def covenant_year(year):
    """The covenant reports from June to June: covenant year 2024 is 1 June 2024 to 31 May 2025."""
    return datetime.date(year, 6, 1), datetime.date(year + 1, 5, 31)


def local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass(frozen=True)
class ReportFilters:
    date_from: datetime.date | None = None  # inclusive: events starting on or after this day
    date_to: datetime.date | None = None  # inclusive: events starting on or before this day
    programme: str | None = None  # a ProgrammePage slug
    kind: str | None = None  # an EventKind
    event: int | tuple | None = None  # an EventPage id, or a tuple of them
    stakeholder_type: str | None = None  # counts only registrations of this type
    organiser: object = None  # a user: only the events they organise (None: every event)
    now: datetime.datetime | None = field(default=None, compare=False)  # "past" means ended before this

    @property
    def period_start(self):
        return local_midnight(self.date_from) if self.date_from else None

    @property
    def period_end(self):
        """Exclusive: midnight after the last day."""
        return local_midnight(self.date_to + datetime.timedelta(days=1)) if self.date_to else None

    @property
    def narrowed(self):
        """Whether the report covers only some events (rather than every one)."""
        return bool(self.date_from or self.date_to or self.programme or self.kind or self.event or self.organiser)

    def without_period(self):
        return replace(self, date_from=None, date_to=None)

    def event_q(self, prefix="", programme_path=None):
        """Which events the report covers, as a Q on EventPage (``prefix`` "event__" from a Registration).

        Cancelled events are left out: nothing took place, and their registrations are cancelled with them.
        """
        p = prefix
        q = ~Q(**{f"{p}status": EventStatus.CANCELLED})
        if self.period_start:
            q &= Q(**{f"{p}starts_at__gte": self.period_start})
        if self.period_end:
            q &= Q(**{f"{p}starts_at__lt": self.period_end})
        if programme_path is not None:
            q &= Q(**{f"{p}path__startswith": programme_path})
        if self.kind:
            q &= Q(**{f"{p}kind": self.kind})
        if isinstance(self.event, tuple | list):
            q &= Q(**{f"{p}pk__in": self.event})
        elif self.event:
            q &= Q(**{f"{p}pk": self.event})
        if self.organiser is not None:  # the callers pass None for whoever sees every event
            q &= Q(**{f"{p}organisers": self.organiser})
        return q

    def registration_q(self, prefix=""):
        """Which registrations count, besides their event: only the chosen stakeholder type, if any."""
        if self.stakeholder_type:
            return Q(**{f"{prefix}stakeholder_type": self.stakeholder_type})
        return Q()

    def describe(self):
        """The filters as (name, value) pairs, for the head of an export."""
        pairs = [
            ("from", self.date_from.isoformat() if self.date_from else ""),
            ("to", self.date_to.isoformat() if self.date_to else ""),
            ("programme", self.programme or ""),
            ("kind", self.kind or ""),
            (
                "event",
                ",".join(map(str, self.event)) if isinstance(self.event, tuple | list) else str(self.event or ""),
            ),
            ("stakeholder_type", self.stakeholder_type or ""),
        ]
        return [(k, v) for k, v in pairs if v]
