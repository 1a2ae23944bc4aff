"""Asking to hear of the next training (double opt-in), unsubscribing in one click, and telling
everyone interested of a new event in their programme exactly once.

Every email goes through the outbox (``participants.mail.outbox.queue_email``) with the
``List-Unsubscribe`` and ``List-Unsubscribe-Post`` headers (RFC 2369 and 8058), so a mail client's
own unsubscribe button works too.
"""

import logging

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.absolute import absolute_url
from events.choices import EventStatus
from events.models import EventPage, ProgrammePage
from participants import hashed_secrets, links
from participants.mail.outbox import queue_email

from .models import INTEREST, Interest, Notice

logger = logging.getLogger("covenant.demand")


def unsubscribe_url(interest):
    return absolute_url(reverse("demand:unsubscribe", args=[interest.token]))


def unsubscribe_headers(interest):
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(interest)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _send(interest, template, key, **context):
    queue_email(
        key=key,
        to=interest.email,
        template=template,
        context={
            "interest": interest,
            "programme": interest.programme,
            "unsubscribe_url": unsubscribe_url(interest),
            **context,
        },
        language=interest.language,
        headers=unsubscribe_headers(interest),
    )


def register_interest(*, programme, email, stakeholder_type, region, language, source_event=None):
    """Store what the person told us and email them a confirmation link (double opt-in).

    Someone already confirmed gets their details updated and no email; an unconfirmed one gets the
    confirmation again (once per token: the outbox key). Returns the Interest.
    """
    email = email.strip().lower()
    with transaction.atomic():
        interest, created = Interest.objects.select_for_update().get_or_create(
            programme=programme,
            email=email,
            defaults={
                "stakeholder_type": stakeholder_type,
                "region": region.strip(),
                "language": language,
                "source_event": source_event,
            },
        )
        if not created:
            interest.stakeholder_type, interest.region, interest.language = stakeholder_type, region.strip(), language
            interest.save(update_fields=["stakeholder_type", "region", "language"])
        if interest.confirmed_at is None:
            confirm_url = absolute_url(reverse("demand:confirm", args=[interest.token]))
            _send(
                interest,
                "demand/emails/confirm",
                f"interest-confirm:{interest.pk}:{interest.token_hash[:16]}",
                confirm_url=confirm_url,
            )
    return interest


def interest_for_token(token):
    if not token or not links.TOKEN.fullmatch(token):
        return None
    return Interest.objects.filter(token_hash__in=hashed_secrets.digests(token, INTEREST)).first()


def confirm(interest, now=None):
    if interest.confirmed_at is None:
        Interest.objects.filter(pk=interest.pk, confirmed_at__isnull=True).update(confirmed_at=now or timezone.now())
        interest.refresh_from_db()
    return interest


def unsubscribe(interest):
    """Forget the person's interest altogether: the address, the region, the notices."""
    interest.delete()


# Telling of a new event


def normalise(text):
    return " ".join((text or "").lower().replace("-", " ").split())


def region_fits(interest, event):
    """Whether ``event`` is where ``interest`` wants one: anywhere (no region), online, or a free-text
    match of the region or city with the event's place (venue city, address, title) or its region's
    name in Dutch or English ("Oost-Afrika", "East Africa")."""
    wanted = normalise(interest.region)
    if not wanted or event.is_online:
        return True
    region = event.region
    names = [region.name, region.name_en] if region else []
    place = normalise(" ".join([event.location_text or "", event.title, *names]))
    return wanted in place


def programme_of(event):
    parent = event.get_parent()
    return ProgrammePage.objects.filter(pk=parent.pk).first() if parent else None


def notify_new_event(event_id, now=None):
    """Email everyone interested in the event's programme whose region and language fit, once each.

    Safe to run again (a republished event): the Notice row and the outbox key are unique per
    interest and event. Returns how many were told now.
    """
    now = now or timezone.now()
    event = EventPage.objects.live().filter(pk=event_id).select_related("venue", "region").first()
    if event is None or event.status == EventStatus.CANCELLED or not event.starts_at or event.starts_at <= now:
        return 0
    programme = programme_of(event)
    if programme is None:
        return 0
    told = 0
    interests = Interest.objects.active().filter(programme=programme, language=event.language)
    for interest in interests.exclude(notices__event=event).select_related("programme"):
        if not region_fits(interest, event):
            continue
        try:
            with transaction.atomic():
                Notice.objects.create(interest=interest, event=event, sent_at=now)
                _send(
                    interest,
                    "demand/emails/new_event",
                    f"interest-notice:{interest.pk}:{event.pk}",
                    event=event,
                    event_url=absolute_url(event.url) if event.url else "",
                )
        except IntegrityError:
            continue  # told already, by another run
        told += 1
    if told:
        logger.info("Told %s interested people of event %s", told, event.pk)
    return told
