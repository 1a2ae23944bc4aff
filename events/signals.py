"""Signals of the events app, for the apps that build on it.

- ``calendar_changed(sender=EventPage, event=..., changed=[uid, ...], removed=[uid, ...])``: after a
  publish, something a calendar shows changed: ``changed`` are the UIDs of sessions added or changed
  (their SEQUENCE raised), ``removed`` those of deleted sessions (to be cancelled). Sent inside the
  publishing transaction; receivers defer slow work with ``transaction.on_commit``.
"""

from django.dispatch import Signal

calendar_changed = Signal()
