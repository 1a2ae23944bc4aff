"""Who may see which registrations: the Secretariat sees all, an Organiser only their own events."""

from events.models import EventPage

from .models import Registration

SECRETARIAT = "Secretariat"


def sees_all_events(user):
    return user.is_superuser or user.groups.filter(name=SECRETARIAT).exists()


def events_visible_to(user):
    events = EventPage.objects.all()
    if sees_all_events(user):
        return events
    return events.filter(organisers=user)


def registrations_visible_to(user):
    registrations = Registration.objects.all()
    if sees_all_events(user):
        return registrations
    return registrations.filter(event__organisers=user)
