"""A participant's calendar: invites, updates and cancellations by email (iTIP over iMIP), reminders.

One email per session, each carrying one iTIP message (RFC 5546) with one VEVENT: Outlook and Gmail
act on the first VEVENT of an invite only, so a two-day roadshow sent as one invite would land in
their calendars as one day. Each session keeps its UID (``EventSession.ical_uid``) for life; every
change raises its SEQUENCE (``events.CalendarEntry``). What each registration was last sent is kept
in ``CalendarInvite``, so ``sync_registration_calendar`` can send exactly what differs:

- a REQUEST for a session they have not got, or whose visible properties changed;
- a CANCEL for a session they have that was removed, when the event is cancelled, or when their
  registration is no longer confirmed (a CANCEL always carries a SEQUENCE above the one they have).

The private link offers all sessions as one file (METHOD:PUBLISH), and the reminder attaches it.

Other apps add to the reminder through the Wagtail hook ``participant_reminder_parts``: functions
``fn(registration)`` returning None or a dict with ``html`` (safe HTML), ``text`` and ``attachments``
(outbox attachment dicts); the check-in QR code is meant to come in that way.
"""

import base64
import logging
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Event, vCalAddress, vText
from wagtail import hooks

from core import timezones
from events.calendar import (
    event_description,
    event_url,
    local,
    new_calendar,
    session_vevent,
    sync_event_calendar,
)
from events.choices import EventStatus
from events.models import CalendarEntry, EventSession
from events.vtimezone import CalendarZones
from participants import links
from participants.mail.outbox import queue_email
from participants.models import CalendarInvite, Registration, RegistrationStatus

logger = logging.getLogger("covenant.calendar")

REMINDER_PARTS_HOOK = "participant_reminder_parts"
REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"


def private_link(registration):
    return links.url(registration)


def invite_file_url(registration):
    return links.url(registration, "participants:invite_file")


def organizer(event):
    """The event's organiser address as ORGANIZER, or the site's sender when the event names none."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    address = event.organiser_email or address
    value = vCalAddress(f"mailto:{address}")
    value.params["CN"] = vText(name or settings.WAGTAIL_SITE_NAME)
    return value


def attendee(registration):
    participant = registration.participant
    value = vCalAddress(f"mailto:{participant.email}")
    if participant.full_name:
        value.params["CN"] = vText(participant.full_name)
    value.params["CUTYPE"] = "INDIVIDUAL"
    value.params["ROLE"] = "REQ-PARTICIPANT"
    # They registered, so they are coming; replies from a calendar would reach a mailbox, not the
    # registration, so none is asked for: the private link is where they change or cancel.
    value.params["PARTSTAT"] = "ACCEPTED"
    value.params["RSVP"] = "FALSE"
    return value


def personal_description(registration, url):
    """DESCRIPTION of a confirmed participant's own invite: the event's text with its online link.

    Not the private link: an invite is copied to calendar servers, shared calendars and forwarded
    invitations, where the key to a person's registration has no business; the email says where it is.
    """
    event = registration.event
    text = event_description(event, url, private=True)
    with translation.override(registration.language or event.language):
        return text + "\n\n" + _("To change or cancel your registration, use the personal link in our emails.")


def session_calendar(registration, *, method, session=None, entry=None, sequence, stamp=None):
    """One iTIP message for one session: REQUEST or CANCEL, with ORGANIZER and the participant as ATTENDEE.

    ``entry`` (an ``events.CalendarEntry``) stands in for a session that no longer exists.
    """
    event = registration.event
    stamp = stamp or timezone.now().replace(microsecond=0)
    url = event_url(event)
    zones = CalendarZones()
    if session is not None:
        vevent = session_vevent(
            event,
            session,
            url=url,
            stamp=stamp,
            description=personal_description(registration, url),
            sequence=sequence,
            private=True,
            zones=zones,
        )
    else:
        vevent = Event()
        vevent.add("uid", str(entry.uid))
        vevent.add("sequence", sequence)
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", zones.value(entry.starts_at, event.time_zone))
        vevent.add("dtend", zones.value(entry.ends_at, event.time_zone))
        vevent.add("summary", entry.summary)
        vevent.add("url", url)
    if method == CANCEL:
        vevent.pop("STATUS", None)
        vevent.add("status", "CANCELLED")
    vevent.add("organizer", organizer(event))
    vevent.add("attendee", attendee(registration))
    cal = new_calendar(method=method, zones=zones, tzid=event.time_zone)
    cal.add_component(vevent)
    return cal.to_ical().decode()


def registration_calendar(registration, *, stamp=None):
    """All sessions of a registration's event as one file to import (METHOD:PUBLISH, no ATTENDEE)."""
    event = registration.event
    stamp = stamp or timezone.now().replace(microsecond=0)
    url = event_url(event)
    zones = CalendarZones()
    description = personal_description(registration, url)
    vevents = []
    for session in event.ordered_sessions:
        vevent = session_vevent(
            event, session, url=url, stamp=stamp, description=description, private=True, zones=zones
        )
        vevent.add("organizer", organizer(event))
        vevents.append(vevent)
    cal = new_calendar(method=PUBLISH, name=event.title, zones=zones, tzid=event.time_zone)
    for vevent in vevents:
        cal.add_component(vevent)
    return cal.to_ical().decode()


def _queue(registration, *, method, uid, sequence, summary, starts_at, ends_at, calendar, reason):
    event = registration.event
    return queue_email(
        key=f"calendar:{registration.pk}:{uid}:{method}:{sequence}",
        to=registration.participant.email,
        template=f"participants/email/calendar_{method.lower()}",
        context={
            "registration": registration,
            "event": event,
            "summary": summary,
            "starts_at": local(starts_at, event.time_zone),
            "ends_at": local(ends_at, event.time_zone),
            "location": event.location_text,
            "event_url": event_url(event),
            "private_link": private_link(registration),
            "reason": reason,
        },
        language=registration.language or event.language,
        registration=registration,
        calendar=calendar,
        calendar_method=method,
    )


def sync_registration_calendar(registration_id):
    """Send one registration what its calendar lacks: invites, updates, cancellations. Safe to run twice.

    Returns the number of emails queued.
    """
    sent = 0
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("participant", "event__venue")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None or not registration.participant.email:
            return 0
        event = registration.event
        sessions = list(EventSession.objects.filter(page=event).order_by("starts_at", "pk"))
        entries = {entry.uid: entry for entry in CalendarEntry.objects.filter(event=event)}
        if any(session.ical_uid not in entries for session in sessions):
            sync_event_calendar(event)  # Never published through Wagtail (made in code): record it now.
            entries = {entry.uid: entry for entry in CalendarEntry.objects.filter(event=event)}
        invites = {invite.uid: invite for invite in registration.calendar_invites.all()}
        # The highest SEQUENCE this person was ever sent per UID, by this or an earlier registration
        # (cancelled, then registered again): whatever they get next must be above it.
        highest = dict(
            CalendarInvite.objects.filter(registration__participant_id=registration.participant_id)
            .values("uid")
            .annotate(highest=Max("sequence"))
            .values_list("uid", "highest")
        )
        # Not ``event.live``: unpublishing takes the page off the site but calls nothing off (the
        # event's status does that), so a confirmed registration keeps, and gets, its invites.
        wanted = registration.status == RegistrationStatus.CONFIRMED and event.status == EventStatus.SCHEDULED
        now = timezone.now()
        if wanted:
            current = {session.ical_uid for session in sessions}
            for session in sessions:
                entry = entries[session.ical_uid]
                invite = invites.get(session.ical_uid)
                if invite and not invite.cancelled and invite.fingerprint == entry.fingerprint:
                    continue
                sequence = max(entry.sequence, highest[entry.uid] + 1 if entry.uid in highest else 0)
                calendar = session_calendar(registration, method=REQUEST, session=session, sequence=sequence)
                _queue(
                    registration,
                    method=REQUEST,
                    uid=entry.uid,
                    sequence=sequence,
                    summary=entry.summary,
                    starts_at=session.starts_at,
                    ends_at=session.ends_at,
                    calendar=calendar,
                    reason="update" if invite and not invite.cancelled else "invite",
                )
                CalendarInvite.objects.update_or_create(
                    registration=registration,
                    uid=entry.uid,
                    defaults={
                        "sequence": sequence,
                        "fingerprint": entry.fingerprint,
                        "cancelled": False,
                        "sent_at": now,
                    },
                )
                sent += 1
            withdrawn = [i for i in invites.values() if not i.cancelled and i.uid not in current]
            reason = "session_removed"
        else:
            withdrawn = [i for i in invites.values() if not i.cancelled]
            reason = "event_cancelled" if event.status == EventStatus.CANCELLED else "registration_cancelled"
        sessions_by_uid = {session.ical_uid: session for session in sessions}
        for invite in withdrawn:
            entry = entries.get(invite.uid)
            # When only their copy is withdrawn (the event stands), this is above the event's SEQUENCE.
            sequence = max(entry.sequence if entry else 0, highest.get(invite.uid, invite.sequence) + 1)
            session = sessions_by_uid.get(invite.uid)
            calendar = session_calendar(registration, method=CANCEL, session=session, entry=entry, sequence=sequence)
            _queue(
                registration,
                method=CANCEL,
                uid=invite.uid,
                sequence=sequence,
                summary=entry.summary if entry else event.title,
                starts_at=session.starts_at if session else entry.starts_at,
                ends_at=session.ends_at if session else entry.ends_at,
                calendar=calendar,
                reason=reason,
            )
            invite.sequence = sequence
            invite.cancelled = True
            invite.sent_at = now
            invite.save(update_fields=["sequence", "cancelled", "sent_at"])
            sent += 1
    return sent


def registrations_to_update(event):
    """Registrations whose calendars may need something after the event changed."""
    return (
        Registration.objects.filter(event=event)
        .filter(Q(status=RegistrationStatus.CONFIRMED) | Q(calendar_invites__cancelled=False))
        .distinct()
        .values_list("pk", flat=True)
    )


def sync_event_registrations(event_id):
    """After an event changed, bring every registration's calendar up to date; return emails queued."""
    sent = 0
    for pk in list(registrations_to_update(event_id)):
        sent += sync_registration_calendar(pk)
    return sent


def reminder_parts(registration):
    parts = []
    for fn in hooks.get_hooks(REMINDER_PARTS_HOOK):
        part = fn(registration)
        if part:
            parts.append(part)
    return parts


def send_reminder(registration_id, *, now=None):
    """Send the reminder with the invite again, once: the row is claimed by a conditional UPDATE."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Registration.objects.filter(
            pk=registration_id, reminder_sent_at__isnull=True, status=RegistrationStatus.CONFIRMED
        ).update(reminder_sent_at=now)
        if not claimed:
            return False
        registration = Registration.objects.select_related("participant", "event__venue").get(pk=registration_id)
        if not registration.participant.email:
            return False
        event = registration.event
        parts = reminder_parts(registration)
        calendar = registration_calendar(registration)
        attachments = [
            {
                "filename": "calendar.ics",
                "mimetype": "text/calendar",
                "content_b64": base64.b64encode(calendar.encode()).decode(),
            }
        ]
        for part in parts:
            attachments.extend(part.get("attachments", ()))
        queue_email(
            key=f"reminder:{registration.pk}",
            to=registration.participant.email,
            template="participants/email/reminder",
            context={
                "registration": registration,
                "event": event,
                "sessions": [
                    (s, local(s.starts_at, event.time_zone), local(s.ends_at, event.time_zone))
                    for s in event.ordered_sessions
                ],
                "location": event.location_text,
                "event_url": event_url(event),
                "private_link": private_link(registration),
                "calendar_url": invite_file_url(registration),
                "extra_parts": parts,
            },
            language=registration.language or event.language,
            registration=registration,
            attachments=attachments,
        )
    return True


def reminder_due_at(starts_at, zone):
    """When an event's reminder goes: REMINDER_LOCAL_HOUR o'clock in the event's zone, REMINDER_DAYS_BEFORE
    days before its first local day (10:00 in Bogotá for a training in Bogotá, not 03:00)."""
    first_day = timezones.localdate(starts_at, zone)
    return timezones.at_local(
        first_day - timedelta(days=settings.REMINDER_DAYS_BEFORE), settings.REMINDER_LOCAL_HOUR, zone
    )


def due_reminders(now=None):
    """Confirmed registrations whose event's reminder time has come (``reminder_due_at``) and have had none.

    Published or not: an unpublished event still stands for those registered (see the README).
    """
    now = now or timezone.now()
    candidates = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__status=EventStatus.SCHEDULED,
        event__starts_at__gt=now,
        # A day more than the rule, for the zones ahead of and behind the site's; the hour decides below.
        event__starts_at__lte=now + timedelta(days=settings.REMINDER_DAYS_BEFORE + 1),
    )
    due = [
        pk
        for pk, starts_at, zone in candidates.values_list("pk", "event__starts_at", "event__time_zone")
        if now >= reminder_due_at(starts_at, zone)
    ]
    return candidates.filter(pk__in=due)


def send_due_reminders(now=None):
    """Send every reminder that is due; return how many were sent."""
    sent = 0
    for pk in list(due_reminders(now).values_list("pk", flat=True)):
        sent += bool(send_reminder(pk, now=now))
    if sent:
        logger.info("Sent %s calendar reminders", sent)
    return sent
