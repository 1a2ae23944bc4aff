"""Signals other parts of the site listen to, so the registration code does not call them directly.

Sent after the change is saved, inside the transaction; receivers that do slow or fallible work
(emails, invites) must defer it with ``transaction.on_commit`` and a task.

- ``registration_confirmed(sender=Registration, registration=...)``: a registration became
  confirmed (email confirmed, approved by an organiser, promoted from the waiting list, added by
  an organiser, or a walk-in). Calendar invites hang on this.
- ``registration_cancelled(sender=Registration, registration=..., by_participant=bool)``: a
  confirmed or waiting registration was cancelled (by the participant, an organiser, or because
  the event was cancelled).
- ``registration_updated(sender=Registration, registration=...)``: the participant changed their
  details through the private link.
"""

from django.dispatch import Signal

registration_confirmed = Signal()
registration_cancelled = Signal()
registration_updated = Signal()

# Wagtail hook names (``wagtail.hooks``) this app offers to others:
#
# PRIVATE_LINK_PANELS: functions ``fn(request, registration)`` returning HTML (or None) to show on
# the participant's private link page: the calendar invite, the QR code, the certificate, the
# intervision cases, the data download. Register with ``@hooks.register("participant_link_panels")``
# in the owning app's wagtail_hooks.py; ``order`` orders them.
PRIVATE_LINK_PANELS = "participant_link_panels"
