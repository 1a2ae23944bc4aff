"""Who brings a case next: a fair rotation proposal, as a pure function so it can be property-tested.

Fair means: whoever has presented least goes first; among equals, whoever presented longest ago
(never counts as longest ago); among those, whoever joined the group first. The facilitator decides;
this only proposes an order.
"""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Candidate:
    key: object  # anything hashable and orderable that identifies the member (a membership id)
    joined_at: datetime


def rotation_key(candidate, counts, last_presented):
    last = last_presented.get(candidate.key)
    # Members with equal counts have either all presented (compare dates) or none has; the flag
    # keeps the comparison well-defined either way.
    return (
        counts.get(candidate.key, 0),
        (0, candidate.joined_at) if last is None else (1, last),
        candidate.joined_at,
        candidate.key,
    )


def propose_rotation(candidates, history):
    """Order ``candidates`` for the next meeting.

    ``history`` is an iterable of ``(key, presented_at)``: each time a member presented a case before
    this meeting. Returns the candidates, the one who should present first at the front.
    """
    counts = {}
    last_presented = {}
    for key, presented_at in history:
        counts[key] = counts.get(key, 0) + 1
        if key not in last_presented or presented_at > last_presented[key]:
            last_presented[key] = presented_at
    return sorted(candidates, key=lambda c: rotation_key(c, counts, last_presented))
