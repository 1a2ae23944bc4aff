"""The outbox: every email is a row first, then a task hands it to the mailer.

``queue_email`` stores the rendered email under a unique key and schedules its sending with the
transaction; calling it twice with the same key stores and sends one email. With the ORM broker the
task's row is written in the same transaction as the email (one commit, and the task exists exactly
when the email does); with Redis the task is queued after the commit, so no worker looks for a row
that is not there yet. The task claims
the row with a conditional UPDATE before sending, so two workers never both send it. The one case
that can still send twice is a worker dying between the SMTP server's acceptance and the UPDATE
that marks the row sent; ``requeue_stale_emails`` then retries it. We accept that (mail is
at-least-once everywhere) rather than hold a database lock across a network call.
"""

import base64
import logging
from datetime import timedelta
from email.message import MIMEPart

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import IntegrityError, router, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_q.brokers import get_broker
from django_q.conf import Conf
from django_q.models import Task
from django_q.tasks import async_task

from core import timezones
from core.absolute import site_url
from participants.models import OutboxEmail, OutboxStatus

logger = logging.getLogger("covenant.outbox")

MAX_ATTEMPTS = 8
STALE_AFTER = timedelta(minutes=10)


def greeting_name(context):
    """The first name the email layout greets: given, or the participant's, or ``name``."""
    if context.get("greeting_name"):
        return context["greeting_name"]
    participant = context.get("participant") or getattr(context.get("registration"), "participant", None)
    return getattr(participant, "first_name", "") or context.get("name", "")


def render_email(template, context, language):
    """Render ``<template>_subject.txt``, ``.txt`` and ``.html`` in ``language``.

    Every email extends ``core/email/base``, which greets ``greeting_name`` (worked out here, so a
    template never looks up a name its context lacks). Times are shown in the zone of the email's
    event (``event.time_zone``), as everywhere a participant sees them.
    """
    event = context.get("event") or getattr(context.get("registration"), "event", None)
    zone = timezones.get(getattr(event, "time_zone", None) or timezones.DEFAULT)
    with translation.override(language), timezone.override(zone):
        context = {"site_url": site_url(), **context, "greeting_name": greeting_name(context)}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return subject, text, html


def queue_email(
    *,
    key,
    to,
    template,
    context,
    language,
    registration=None,
    calendar="",
    calendar_method="",
    attachments=(),
    fresh=False,
    replacing=None,
    headers=None,
):
    """Store an email under ``key`` (once) and send it when the current transaction commits.

    ``fresh=True`` says no email can have this key yet (it names a row made in this transaction),
    so the row is inserted without looking first: one query instead of four. ``replacing`` is an
    email queued earlier in this same transaction that this one takes the place of (its row is
    rewritten, and the one task already queued for it sends the new text). ``headers`` are extra
    headers of the message ({name: value}: ``List-Unsubscribe`` of a mailing).
    """
    headers = dict(headers or {})
    subject, text, html = render_email(template, context, language)
    if replacing is not None:
        replacing.key, replacing.to, replacing.registration = key, to, registration
        replacing.subject, replacing.body_text, replacing.body_html = subject[:300], text, html
        replacing.calendar, replacing.calendar_method = calendar, calendar_method
        replacing.attachments = list(attachments)
        replacing.headers = headers
        replacing.save(
            update_fields=[
                "key",
                "to",
                "registration",
                "subject",
                "body_text",
                "body_html",
                "calendar",
                "calendar_method",
                "attachments",
                "headers",
            ]
        )
        return replacing
    if fresh:
        email = OutboxEmail.objects.create(
            key=key,
            to=to,
            registration=registration,
            subject=subject[:300],
            body_text=text,
            body_html=html,
            calendar=calendar,
            calendar_method=calendar_method,
            attachments=list(attachments),
            headers=headers,
        )
        send_with_transaction(email.pk)
        return email
    try:
        with transaction.atomic():
            email, created = OutboxEmail.objects.get_or_create(
                key=key,
                defaults={
                    "to": to,
                    "registration": registration,
                    "subject": subject[:300],
                    "body_text": text,
                    "body_html": html,
                    "calendar": calendar,
                    "calendar_method": calendar_method,
                    "attachments": list(attachments),
                    "headers": headers,
                },
            )
    except IntegrityError:
        # Another transaction stored the same key between our read and our write.
        return OutboxEmail.objects.get(key=key)
    if created:
        send_with_transaction(email.pk)
    return email


def send_with_transaction(pk):
    """Queue the sending of email ``pk`` so that it happens if, and only if, the transaction commits."""
    if Conf.ORM and not Conf.SYNC and router.db_for_write(OutboxEmail) == Conf.ORM:
        # The ORM broker's task row is one more INSERT in this transaction: no second commit, and
        # a rollback takes the task with the email. (In sync mode the task would run right here.)
        enqueue_send(pk)
    else:
        transaction.on_commit(lambda: enqueue_send(pk))


_broker = None


def broker():
    """One django-q2 broker per process: get_broker() makes a new Redis connection on every call."""
    global _broker
    if _broker is None:
        _broker = get_broker()
    return _broker


def enqueue_send(pk):
    # The ORM broker holds no connection of its own (it uses the thread's Django connection).
    options = {} if Conf.ORM else {"broker": broker()}
    async_task("participants.tasks.send_outbox_email_task", pk, task_name=f"email-{pk}", **options)


class CalendarEmail(EmailMultiAlternatives):
    """An email with an iTIP calendar as its last alternative, built the way Outlook and Gmail expect.

    multipart/mixed [multipart/alternative [text/plain, text/html, text/calendar; method=...],
    application/ics attachment]. The calendar part is added here rather than by attach_alternative(),
    which has no place for the ``method`` parameter, and is base64 when it is not ASCII so it survives
    relays without 8BITMIME.
    """

    calendar = ""
    calendar_method = ""

    def _add_bodies(self, msg):
        msg = super()._add_bodies(msg)
        if self.calendar:
            msg.add_alternative(
                self.calendar,
                subtype="calendar",
                charset="utf-8",
                cte="7bit" if self.calendar.isascii() else "base64",
                params={"method": self.calendar_method},
            )
        return msg


def calendar_attachment(calendar, method):
    part = MIMEPart()
    part.set_content(
        calendar.encode(),
        maintype="application",
        subtype="ics",
        disposition="attachment",
        filename="invite.ics",
        params={"method": method, "name": "invite.ics"},
    )
    return part


def build_message(email):
    message = CalendarEmail(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers={**(email.headers or {}), "X-Outbox-Id": str(email.uuid)},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    if email.calendar:
        method = email.calendar_method or "REQUEST"
        message.calendar, message.calendar_method = email.calendar, method
        message.attach(calendar_attachment(email.calendar, method))
    for item in email.attachments:
        content = base64.b64decode(item["content_b64"])
        if item.get("cid"):
            message.attach(inline_attachment(item["filename"], content, item["mimetype"], item["cid"]))
        else:
            message.attach(item["filename"], content, item["mimetype"])
    return message


def inline_attachment(filename, content, mimetype, cid):
    """An attachment the HTML body shows with ``<img src="cid:...">`` (an image that is not fetched)."""
    maintype, subtype = mimetype.split("/", 1)
    part = MIMEPart()
    part.set_content(
        content, maintype=maintype, subtype=subtype, disposition="inline", filename=filename, cid=f"<{cid}>"
    )
    return part


def send_email(pk):
    """Send one queued email unless it is sent or being sent; return True when this call sent it."""
    claimed = OutboxEmail.objects.filter(
        pk=pk, status__in=[OutboxStatus.QUEUED, OutboxStatus.FAILED], attempts__lt=MAX_ATTEMPTS
    ).update(status=OutboxStatus.SENDING, attempts=F("attempts") + 1, last_error="", claimed_at=timezone.now())
    if not claimed:
        return False
    email = OutboxEmail.objects.get(pk=pk)
    try:
        mailers.default.send_messages([build_message(email)])
    except Exception as error:  # The mail server's failure is recorded and retried, whatever it is.
        logger.warning("Sending email %s failed: %s", pk, error)
        OutboxEmail.objects.filter(pk=pk).update(status=OutboxStatus.FAILED, last_error=str(error)[:2000])
        raise
    OutboxEmail.objects.filter(pk=pk).update(status=OutboxStatus.SENT, sent_at=timezone.now())
    return True


def requeue_stale_emails():
    """Retry emails that failed, or whose sending worker died; return how many were queued again."""
    stale = OutboxEmail.objects.filter(status=OutboxStatus.SENDING, claimed_at__lt=timezone.now() - STALE_AFTER).update(
        status=OutboxStatus.FAILED
    )
    # Queued long ago and never claimed: its task was lost (a cluster killed hard held it in memory).
    stale += OutboxEmail.objects.filter(
        status=OutboxStatus.QUEUED, claimed_at__isnull=True, created_at__lt=timezone.now() - STALE_AFTER
    ).update(status=OutboxStatus.FAILED)
    pks = list(
        OutboxEmail.objects.filter(status=OutboxStatus.FAILED, attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True)
    )
    for pk in pks:
        enqueue_send(pk)
    if stale:
        logger.info("Requeued %s emails whose worker stopped while sending", stale)
    return len(pks)


# Erasure and retention: an email's text is personal data of whoever it is to, or about.

BLANK = {
    "subject": "",
    "body_text": "",
    "body_html": "",
    "calendar": "",
    "attachments": [],
    "headers": {},
    "last_error": "",
}


def task_names(email_pks):
    """The django-q2 task names of these emails' sending (``enqueue_send``): their results and
    failures (a refused recipient's address, say) are kept by django-q2 under these names."""
    return [f"email-{pk}" for pk in email_pks]


def blank_emails(emails, **changes):
    """Blank the text of ``emails`` (a queryset): subject, bodies, calendar, attachments, the mail
    server's last error, and django-q2's record of their sending; never send the unsent ones now.

    ``changes`` are further fields to set (``to`` for a person who is erased). Returns how many.
    """
    pks = list(emails.values_list("pk", flat=True))
    if not pks:
        return 0
    rows = OutboxEmail.objects.filter(pk__in=pks)
    rows.filter(status__in=[OutboxStatus.QUEUED, OutboxStatus.FAILED, OutboxStatus.SENDING]).update(
        status=OutboxStatus.FAILED, attempts=MAX_ATTEMPTS
    )
    rows.update(**BLANK, **changes)
    Task.objects.filter(name__in=task_names(pks)).delete()
    return len(pks)
