"""The rotation proposal is fair over a year of meetings (property tests with hypothesis)."""

from datetime import UTC, datetime, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from intervision.rotation import Candidate, propose_rotation

START = datetime(2031, 1, 6, 14, tzinfo=UTC)


def counts_of(history):
    counts = {}
    for key, _when in history:
        counts[key] = counts.get(key, 0) + 1
    return counts


def last_of(history):
    last = {}
    for key, when in history:
        last[key] = max(when, last.get(key, when))
    return last


year_of_meetings = st.fixed_dictionaries(
    {
        "members": st.integers(min_value=4, max_value=8),
        "interval_weeks": st.integers(min_value=4, max_value=8),
        "holders": st.integers(min_value=1, max_value=2),
        "join_order": st.permutations(range(8)),
    }
)


@settings(max_examples=150, deadline=None)
@given(year_of_meetings)
def test_when_everyone_brings_a_case_presentations_never_differ_by_more_than_one(plan):
    members = [
        Candidate(key=k, joined_at=START - timedelta(days=30 - plan["join_order"][k])) for k in range(plan["members"])
    ]
    history = []
    meeting = START
    while meeting < START + timedelta(weeks=52):
        proposal = propose_rotation(members, history)
        history += [(c.key, meeting) for c in proposal[: plan["holders"]]]
        counts = counts_of(history)
        values = [counts.get(m.key, 0) for m in members]
        assert max(values) - min(values) <= 1
        meeting += timedelta(weeks=plan["interval_weeks"])
    # Over the year everyone got a turn once the meetings gave enough turns to go round.
    turns = len(history)
    if turns >= len(members):
        assert all(counts_of(history).get(m.key, 0) >= 1 for m in members)


@settings(max_examples=150, deadline=None)
@given(
    year_of_meetings,
    st.lists(st.sets(st.integers(min_value=0, max_value=7)), min_size=13, max_size=13),
    st.lists(st.integers(min_value=0, max_value=40), min_size=8, max_size=8),
)
def test_with_absences_and_late_joiners_no_one_is_passed_over_unfairly(plan, submitted_by_meeting, join_weeks):
    """Each meeting only some members bring a case, and members join during the year. Whatever happens:
    the proposal is an ordering of exactly those candidates; nobody is proposed before someone who
    presented fewer times; among equals, whoever presented longer ago (or never) comes first; and
    among those, whoever joined first."""
    everyone = [
        Candidate(key=k, joined_at=START + timedelta(weeks=join_weeks[k], days=plan["join_order"][k]))
        for k in range(plan["members"])
    ]
    history = []
    for index, submitted in enumerate(submitted_by_meeting):
        meeting = START + timedelta(weeks=plan["interval_weeks"] * index)
        candidates = [c for c in everyone if c.key in submitted and c.joined_at <= meeting]
        proposal = propose_rotation(list(reversed(candidates)), history)
        assert sorted(c.key for c in proposal) == sorted(c.key for c in candidates)
        assert proposal == propose_rotation(candidates, history), "the order of the input does not matter"
        counts, last = counts_of(history), last_of(history)
        for earlier, later in pairwise(proposal):
            a, b = counts.get(earlier.key, 0), counts.get(later.key, 0)
            assert a <= b
            if a == b and a > 0:
                assert last[earlier.key] <= last[later.key]
                if last[earlier.key] == last[later.key]:
                    assert earlier.joined_at <= later.joined_at
            elif a == b == 0:
                assert earlier.joined_at <= later.joined_at
        history += [(c.key, meeting) for c in proposal[: plan["holders"]]]


def test_ties_go_to_whoever_presented_longest_ago_then_to_whoever_joined_first():
    ann, bob, cas, dirk = (Candidate(key=name, joined_at=START + timedelta(days=i)) for i, name in enumerate("abcd"))
    history = [("a", START + timedelta(weeks=12)), ("b", START + timedelta(weeks=6)), ("c", START + timedelta(weeks=6))]
    assert [c.key for c in propose_rotation([ann, bob, cas, dirk], history)] == ["d", "b", "c", "a"]
