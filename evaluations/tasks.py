"""django-q2 tasks of this app: safe to run twice."""

from .services import send_invitations


def send_invitations_task():
    """Open the evaluations of events that ended, invite their attendees, remind the silent (hourly)."""
    return send_invitations()
