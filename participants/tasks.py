"""django-q2 tasks of this app: each takes primary keys and is safe to run twice."""

from .outbox import requeue_stale_emails, send_email


def send_outbox_email_task(pk):
    return send_email(pk)


def requeue_stale_emails_task():
    return requeue_stale_emails()


def apply_retention_task():
    from .retention import apply_retention

    return apply_retention()
