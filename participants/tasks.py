"""django-q2 tasks of this app: each takes primary keys and is safe to run twice."""

from events.models import EventPage
from participants.broadcast.services import queue_message
from participants.invites.services import send_due_reminders, sync_event_registrations, sync_registration_calendar
from participants.mail.outbox import requeue_stale_emails, send_email
from participants.privacy.retention import apply_retention
from participants.registration.services import promote_waiting_list, release_expired_holds


def send_outbox_email_task(pk):
    return send_email(pk)


def requeue_stale_emails_task():
    return requeue_stale_emails()


def sync_registration_calendar_task(registration_id):
    return sync_registration_calendar(registration_id)


def sync_event_registrations_task(event_id):
    return sync_event_registrations(event_id)


def send_due_reminders_task():
    return send_due_reminders()


def promote_waiting_list_task(event_id):
    """Give the event's free seats to the waiting list; returns how many people were promoted."""
    event = EventPage.objects.filter(pk=event_id).first()
    if event is None:
        return 0
    return len(promote_waiting_list(event=event))


def release_expired_holds_task():
    """Release unconfirmed seats whose hold expired and promote the waiting lists (scheduled)."""
    return release_expired_holds()


def apply_retention_task():
    return apply_retention()


def queue_message_task(message_id):
    """Queue a message's emails in the outbox (those not queued yet); returns how many were added."""
    return queue_message(message_id)
