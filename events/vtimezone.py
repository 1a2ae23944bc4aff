"""VTIMEZONE components for calendar files, in the form Outlook reads right.

Every event has its own IANA zone (``EventPage.time_zone``). A calendar file names each zone it
uses as ``TZID`` (the IANA name, which most clients look up in their own database) and carries a
VTIMEZONE for the others (Outlook among them) written from Python's zoneinfo:

- a zone with summer time: one STANDARD and one DAYLIGHT rule, each a yearly RRULE
  (``FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU``), as Outlook writes them itself; never the list of RDATEs
  that ``icalendar``'s ``add_missing_timezones()`` writes, which Outlook misreads;
- a zone without: a single STANDARD block with its one offset.

The rules are derived from the zone's transitions in the year of the calendar's first session in
that zone. Before a time is written in a zone, ``CalendarZones.value`` checks that a client reading
it back through these rules finds the same instant (the rules may differ in another year, a zone
may have more than two changes a year, a wall-clock time may fall in the hour that repeats); where
it would not, the time is written in UTC instead, which every client reads right.
"""

import bisect
import calendar as _monthcalendar
import functools
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from core import timezones

# The first year the yearly rules are written from (their DTSTART): before any event of ours.
RULES_SINCE = 1970
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Rule:
    """One yearly change of offset: the ``nth`` (or last, -1) ``weekday`` of ``month`` at wall time ``at``."""

    month: int
    weekday: int  # Monday is 0
    nth: int
    at: time
    offset_from: timedelta
    offset_to: timedelta
    name: str = ""

    def onset(self, year):
        """The wall-clock time (in ``offset_from``) of the change in ``year``, naive."""
        days = _monthcalendar.monthrange(year, self.month)[1]
        if self.nth < 0:
            day = days - (datetime(year, self.month, days).weekday() - self.weekday) % 7
        else:
            first = (self.weekday - datetime(year, self.month, 1).weekday()) % 7 + 1
            day = first + 7 * (self.nth - 1)
        return datetime.combine(datetime(year, self.month, day).date(), self.at)

    def utc(self, year):
        return self.onset(year) - self.offset_from

    @property
    def byday(self):
        return f"{self.nth}{_WEEKDAYS[self.weekday]}"


@dataclass(frozen=True)
class ZoneRules:
    """What a VTIMEZONE says of a zone: a fixed offset, or two yearly rules."""

    tzid: str
    offset: timedelta  # the offset of a zone without rules
    name: str = ""
    rules: tuple = field(default=())
    # The changes per year, worked out once (a feed asks for every session's time).
    _years: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def offsets(self):
        return {r.offset_to for r in self.rules} or {self.offset}

    def offset_at(self, moment):
        """The offset these rules give at the UTC instant ``moment`` (naive UTC)."""
        if not self.rules:
            return self.offset
        changes = self._years.get(moment.year)
        if changes is None:
            changes = self._years[moment.year] = _changes(self.rules, moment.year)
        instants, offsets = changes
        return offsets[bisect.bisect_right(instants, moment) - 1]

    def reads_back(self, moment, offset):
        """Whether the instant ``moment`` (naive UTC), at ``offset``, is what these rules give there, and its
        wall-clock time names that instant and no other (not in the hour that repeats, nor in the gap)."""
        if self.offset_at(moment) != offset:
            return False
        if not self.rules:
            return True
        wall = moment + offset
        return all(self.offset_at(wall - o) != o for o in self._others[offset])

    @functools.cached_property
    def _others(self):
        offsets = self.offsets
        return {o: [p for p in offsets if p != o] for o in offsets}

    def component(self):
        tz = Timezone()
        tz.add("tzid", self.tzid)
        tz.add("x-lic-location", self.tzid)
        if not self.rules:
            part = TimezoneStandard()
            if self.name:
                part.add("tzname", self.name)
            part.add("tzoffsetfrom", self.offset)
            part.add("tzoffsetto", self.offset)
            part.add("dtstart", datetime(RULES_SINCE, 1, 1))
            tz.add_component(part)
            return tz
        lowest = min(r.offset_to for r in self.rules)
        for rule in sorted(self.rules, key=lambda r: r.offset_to != lowest):
            part = TimezoneStandard() if rule.offset_to == lowest else TimezoneDaylight()
            if rule.name:
                part.add("tzname", rule.name)
            part.add("tzoffsetfrom", rule.offset_from)
            part.add("tzoffsetto", rule.offset_to)
            part.add("dtstart", rule.onset(RULES_SINCE))
            part.add("rrule", vRecur(freq="YEARLY", bymonth=rule.month, byday=rule.byday))
            tz.add_component(part)
        return tz


def _changes(rules, year):
    """The changes of ``rules`` in ``year`` and the year before: (UTC instants, the offset from each)."""
    changes = sorted((r.utc(y), r.offset_to) for y in (year - 1, year) for r in rules)
    return [at for at, _to in changes], [to for _at, to in changes]


def _name(zone, moment):
    name = moment.astimezone(zone).tzname() or ""
    # zoneinfo names offsets it has no abbreviation for "+07"; a TZNAME is optional, so leave those out.
    return name if name.isalpha() else ""


def _transitions(zone, year):
    """The UTC instants (aware) in ``year`` at which ``zone`` changes offset, to the second."""
    found = []
    day = timedelta(days=1)
    moment = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    offset = moment.astimezone(zone).utcoffset()
    while moment < end:
        following = moment + day
        new = following.astimezone(zone).utcoffset()
        if new != offset:
            low, high = moment, following  # offset at low, new at high
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            found.append((high.replace(microsecond=0), offset, new))
            offset = new
        moment = following
    return found


@functools.lru_cache(maxsize=256)
def zone_rules(tzid, year):
    """The ZoneRules of ``tzid`` as it runs in ``year``; None when two yearly rules cannot say it."""
    zone = timezones.get(tzid)
    changes = _transitions(zone, year)
    if not changes:
        middle = datetime(year, 7, 1, tzinfo=UTC)
        return ZoneRules(tzid=tzid, offset=middle.astimezone(zone).utcoffset(), name=_name(zone, middle))
    if len(changes) != 2 or changes[0][1] != changes[1][2]:
        return None
    rules = []
    for at, before, after in changes:
        wall = (at + before).replace(tzinfo=None)
        days = _monthcalendar.monthrange(wall.year, wall.month)[1]
        nth = -1 if wall.day + 7 > days else (wall.day - 1) // 7 + 1
        rules.append(
            Rule(
                month=wall.month,
                weekday=wall.weekday(),
                nth=nth,
                at=wall.time(),
                offset_from=before,
                offset_to=after,
                name=_name(zone, at),
            )
        )
    return ZoneRules(tzid=tzid, offset=rules[0].offset_from, rules=tuple(rules))


class CalendarZones:
    """The zones one calendar file uses: each time goes through ``value``, then ``components()``."""

    def __init__(self):
        self.rules = {}
        self.written = set()

    def value(self, moment, tzid):
        """``moment`` in the zone ``tzid`` when a client will read it back right there, else in UTC."""
        moment = moment.replace(microsecond=0)
        tzid = tzid or timezones.DEFAULT
        if tzid in ("UTC", "Etc/UTC"):
            return moment.astimezone(UTC)
        if tzid not in self.rules:
            self.rules[tzid] = zone_rules(tzid, moment.astimezone(UTC).year)
        rules = self.rules[tzid]
        local = moment.astimezone(timezones.get(tzid))
        if rules is None or not rules.reads_back(moment.astimezone(UTC).replace(tzinfo=None), local.utcoffset()):
            return moment.astimezone(UTC)
        self.written.add(tzid)
        return local

    def tzid(self, value):
        """The TZID a value from ``value`` is written with, or None for UTC."""
        key = getattr(value.tzinfo, "key", None)
        return key if key in self.written else None

    def components(self):
        """The VTIMEZONE of every zone a time was written in."""
        return [self.rules[tzid].component() for tzid in sorted(self.written)]
