"""Sending a message: stored first, then queued in the outbox one recipient at a time by a task.

``send`` keeps the message (text, sender, filter, recipients' ids) and the audit entry, and hands
the queuing to a task (or schedules it for ``send_at``). ``queue_message`` writes one outbox email
per recipient under ``message:<message>:<registration>``: a worker that dies half-way, or a task
run twice, adds only the emails that are missing; the outbox then sends them, retrying through a
mail-server outage. The counts of sent and failed are read from the outbox.
"""

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from core.audit import audit
from participants.broadcast import compose
from participants.broadcast.recipients import recipients
from participants.mail.outbox import queue_email
from participants.models import Message, MessageStatus, OutboxEmail, OutboxStatus, Registration

TEMPLATE = "participants/emails/message"
QUEUE_TASK = "participants.tasks.queue_message_task"
BATCH = 200  # recipients a transaction


def send(*, event, sender, texts, filters, send_at=None):
    """Keep the message and queue it now (or schedule it); return the Message."""
    chosen = list(recipients(event, filters).values_list("pk", flat=True))
    scheduled = send_at is not None and send_at > timezone.now()
    with transaction.atomic():
        message = Message.objects.create(
            event=event,
            sender=sender,
            filters=filters,
            recipients=chosen,
            status=MessageStatus.SCHEDULED if scheduled else MessageStatus.QUEUING,
            send_at=send_at if scheduled else None,
            **texts,
        )
        audit(
            "covenant.message",
            actor=sender,
            obj=event,
            message=message.pk,
            recipients=len(chosen),
            filters={key: value for key, value in filters.items() if key != "registrations"},
            picked=len(filters.get("registrations") or []),
            scheduled=send_at.isoformat() if scheduled else "",
        )
        if scheduled:
            schedule_queuing(message)
        else:
            transaction.on_commit(lambda: enqueue_queuing(message.pk))
    return message


def enqueue_queuing(pk):
    from django_q.tasks import async_task

    async_task(QUEUE_TASK, pk, task_name=f"message-{pk}")


def schedule_queuing(message):
    from django_q.models import Schedule

    Schedule.objects.create(
        name=f"message-{message.pk}",
        func=QUEUE_TASK,
        args=str(message.pk),
        schedule_type=Schedule.ONCE,
        next_run=message.send_at,
        repeats=1,
    )


def queue_message(pk):
    """Write the outbox email of every recipient that has none yet; return how many were added."""
    message = Message.objects.select_related("event").filter(pk=pk).first()
    if message is None:
        return 0
    if message.status == MessageStatus.SCHEDULED:
        # Its moment has come: the filter chooses again, so whoever registered since gets it too.
        message.recipients = list(recipients(message.event, message.filters).values_list("pk", flat=True))
        message.status = MessageStatus.QUEUING
        message.save(update_fields=["recipients", "status"])
    done = set(OutboxEmail.objects.filter(key__startswith=message.key_prefix).values_list("key", flat=True).iterator())
    sessions, added = {}, 0
    for start in range(0, len(message.recipients), BATCH):
        ids = message.recipients[start : start + BATCH]
        # A list, not a server-side cursor: each email's task may run (and close the connection) as it commits.
        registrations = list(Registration.objects.filter(pk__in=ids).select_related("participant").order_by("pk"))
        # One commit a batch (not a commit per email): a worker that dies loses at most its batch,
        # which the next run queues, since it looks for the keys that are missing.
        with transaction.atomic():
            for registration in registrations:
                key = f"{message.key_prefix}{registration.pk}"
                if key in done or not registration.participant.email:
                    continue
                registration.event = message.event  # one event (and its sessions) for every recipient
                subject, body = compose.text_for(message, registration, sessions)
                context = {"registration": registration, "event": message.event, "subject": subject, "body": body}
                try:
                    with transaction.atomic():
                        queue_email(
                            key=key,
                            to=registration.participant.email,
                            template=TEMPLATE,
                            context=context,
                            language=registration.language,
                            registration=registration,
                            fresh=True,
                        )
                except IntegrityError:  # a second run of this task queued it meanwhile
                    continue
                added += 1
    Message.objects.filter(pk=pk).update(status=MessageStatus.QUEUED, queued_at=timezone.now())
    return added


def send_test(*, message_texts, event, registration, user):
    """The message as ``registration`` would get it, to ``user``'s own address (marked as a test)."""
    message = Message(event=event, **message_texts)
    registration.event = event
    subject, body = compose.text_for(message, registration)
    return queue_email(
        key=f"message-test:{user.pk}:{timezone.now().timestamp()}",
        to=user.email,
        template=TEMPLATE,
        context={"registration": registration, "event": event, "subject": f"[TEST] {subject}", "body": body},
        language=registration.language,
        fresh=True,
    )


def progress(message):
    """{"total", "queued", "sent", "failed"}: what the outbox has done with the message's emails."""
    counts = dict(
        OutboxEmail.objects.filter(key__startswith=message.key_prefix)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    sent, failed = counts.get(OutboxStatus.SENT, 0), counts.get(OutboxStatus.FAILED, 0)
    return {
        "total": len(message.recipients),
        "sent": sent,
        "failed": failed,
        "waiting": len(message.recipients) - sent - failed,
    }
