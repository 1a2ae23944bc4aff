"""python manage.py issue_certificates EVENT: issue an event's certificates (EVENT is its id or slug)."""

from django.core.management.base import BaseCommand, CommandError

from certificates.services import CertificateError, run_batch, start_batch
from events.models import EventPage


class Command(BaseCommand):
    help = (
        "Issue the certificates of an event (its page id or slug) to everyone who met its attendance rule. "
        "Enqueues a task for the worker, or with --now issues them here. Safe to run again: late check-ins "
        "get theirs, everyone else keeps the one they have."
    )

    def add_arguments(self, parser):
        parser.add_argument("event", help="the event page's id or slug")
        parser.add_argument("--now", action="store_true", help="issue in this process instead of by the worker")

    def handle(self, *args, event, now=False, **options):
        lookup = {"pk": int(event)} if event.isdigit() else {"slug": event}
        events = EventPage.objects.filter(**lookup)
        if len(events) != 1:
            raise CommandError(f"No single event with id or slug {event!r}.")
        try:
            batch = start_batch(event=events[0], enqueue=not now)
        except CertificateError as error:
            raise CommandError(str(error.message)) from error
        if not now:
            self.stdout.write(f"Batch {batch.pk} queued: {batch.total} eligible for {events[0].title}.")
            return
        batch = run_batch(batch.pk, progress=lambda done, total: self.stdout.write(f"  {done}/{total}"))
        self.stdout.write(f"Batch {batch.pk} {batch.status}: {batch.issued} issued, {batch.done}/{batch.total} done.")
