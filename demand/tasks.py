"""django-q2 tasks of this app: safe to run twice."""

from .services import notify_new_event


def notify_new_event_task(event_id):
    return notify_new_event(event_id)
