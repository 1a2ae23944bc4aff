"""A small dataset whose every figure is worked out by hand in tests/participants/test_statistics.py.

"Now" is 1 March 2026, noon, Amsterdam time. Five events count (a sixth is cancelled):

  E5  Roadshow Gouda      2 days  1-2 Oct 2024          rule: all sessions (2)
  E1  Roadshow Utrecht    2 days  10-11 Mar 2025        rule: all sessions (2)
  E3  NEVI course         3 modules 5, 12, 19 May 2025  rule: at least 2 of 3
  E2  Roadshow Zwolle     2 days  30 Dec 2025 and 2 Jan 2026 (spans the year boundary)
  E4  Roadshow Den Bosch  2 days  14-15 Apr 2026 (still to come)
  E6  Roadshow Breda      cancelled event, 2 days Jun 2025

Organisations: A (company, SME; renamed after its registrations), B (company, large),
G (a ministry), N (an NGO), U (a trade union).

People and what they did (d1/d2 = day 1/2, m1..m3 = modules):
  Anna   A  company sme   E5 confirmed d1 d2;  E1 confirmed d1 d2          (two trainings, one person)
  Bert   B  company large E1 confirmed d1;     E2 confirmed d1 d2
  Carla  N  ngo           E1 confirmed d1 d2
         G  government    E3 confirmed m1 m2                              (two roles over time)
  Dirk   A  company sme   E1 confirmed, never came                          (a no-show)
  Eva    U  trade union   E1 cancelled, with a stale d1 check-in            (never counted)
  Femke  B  company large E3 confirmed, m1 check-in undone                  (a no-show)
  Gerrit G  government    E3 waitlisted
  Hans   A  company sme   E4 confirmed (future)
  Jan    U  trade union   E4 pending (future)
  Ingrid N  ngo           E6 confirmed d1 (cancelled event: left out)
"""

import datetime
from zoneinfo import ZoneInfo

from events.choices import AttendanceRule, EventKind, EventStatus
from participants.models import RegistrationStatus
from tests.factories import (
    AttendanceFactory,
    OrganisationFactory,
    ParticipantFactory,
    RegistrationFactory,
    make_event,
    make_programme,
)

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=AMS)


def at(y, m, d, h=9):
    return datetime.datetime(y, m, d, h, 0, tzinfo=AMS)


def days(*dates):
    return [(f"Day {i}", at(*d), at(*d, 17)) for i, d in enumerate(dates, start=1)]


def build(suffix=""):
    """Make the dataset; ``suffix`` makes another copy (other programmes, organisations and people)."""
    roadshow = make_programme(title="Roadshow", slug=f"roadshow{suffix}", kind=EventKind.ROADSHOW)
    nevi = make_programme(title="NEVI", slug=f"nevi{suffix}", kind=EventKind.NEVI)
    e = {
        "E5": make_event(programme=roadshow, title="Gouda", sessions=days((2024, 10, 1), (2024, 10, 2))),
        "E1": make_event(programme=roadshow, title="Utrecht", sessions=days((2025, 3, 10), (2025, 3, 11))),
        "E3": make_event(
            programme=nevi,
            title="NEVI course",
            sessions=days((2025, 5, 5), (2025, 5, 12), (2025, 5, 19)),
            attendance_rule=AttendanceRule.AT_LEAST,
            attendance_minimum=2,
        ),
        "E2": make_event(programme=roadshow, title="Zwolle", sessions=days((2025, 12, 30), (2026, 1, 2))),
        "E4": make_event(programme=roadshow, title="Den Bosch", sessions=days((2026, 4, 14), (2026, 4, 15))),
        "E6": make_event(
            programme=roadshow, title="Breda", sessions=days((2025, 6, 2), (2025, 6, 3)), status=EventStatus.CANCELLED
        ),
    }
    s = {key: list(event.sessions.order_by("starts_at")) for key, event in e.items()}
    org = {
        "A": OrganisationFactory(name=f"Voedsel A{suffix} B.V."),
        "B": OrganisationFactory(name=f"Groot B{suffix} N.V."),
        "G": OrganisationFactory(name=f"Ministerie G{suffix}"),
        "N": OrganisationFactory(name=f"NGO N{suffix}"),
        "U": OrganisationFactory(name=f"Vakbond U{suffix}"),
    }
    people = {
        name: ParticipantFactory(first_name=name, organisation=org[o])
        for name, o in [
            ("Anna", "A"), ("Bert", "B"), ("Carla", "N"), ("Dirk", "A"), ("Eva", "U"),
            ("Femke", "B"), ("Gerrit", "G"), ("Hans", "A"), ("Jan", "U"), ("Ingrid", "N"),
        ]
    }  # fmt: skip

    def register(name, event, o, kind, size="", status=RegistrationStatus.CONFIRMED, checkins=(), undone=()):
        registration = RegistrationFactory(
            participant=people[name],
            event=e[event],
            organisation=org[o],
            stakeholder_type=kind,
            company_size=size,
            status=status,
        )
        for i in checkins:
            AttendanceFactory(
                registration=registration, session=s[event][i - 1], checked_in_at=s[event][i - 1].starts_at
            )
        for i in undone:
            AttendanceFactory(registration=registration, session=s[event][i - 1], undone_at=NOW)
        return registration

    register("Anna", "E5", "A", "company", "sme", checkins=(1, 2))
    register("Anna", "E1", "A", "company", "sme", checkins=(1, 2))
    register("Bert", "E1", "B", "company", "large", checkins=(1,))
    register("Bert", "E2", "B", "company", "large", checkins=(1, 2))
    register("Carla", "E1", "N", "ngo", checkins=(1, 2))
    register("Carla", "E3", "G", "government", checkins=(1, 2))
    register("Dirk", "E1", "A", "company", "sme")
    register("Eva", "E1", "U", "trade_union", status=RegistrationStatus.CANCELLED, checkins=(1,))
    register("Femke", "E3", "B", "company", "large", undone=(1,))
    register("Gerrit", "E3", "G", "government", status=RegistrationStatus.WAITLISTED)
    register("Hans", "E4", "A", "company", "sme")
    register("Jan", "E4", "U", "trade_union", status=RegistrationStatus.PENDING)
    register("Ingrid", "E6", "N", "ngo", checkins=(1,))

    # Organisation A is renamed after its people registered: still one organisation.
    org["A"].name = f"Voedsel A{suffix} Holding"
    org["A"].save()
    return {"events": e, "sessions": s, "organisations": org, "people": people, "programmes": [roadshow, nevi]}
