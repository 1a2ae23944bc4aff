"""python manage.py issue_intervision_certificates GROUP YEAR: the year certificates of an intervision group."""

from django.core.management.base import BaseCommand, CommandError

from certificates.services import CertificateError, YearOutcome
from intervision.models import IntervisionGroup
from intervision.services import issue_year_certificates


class Command(BaseCommand):
    help = (
        "Issue the certificates of participation of an intervision group (its id or slug) for a year to "
        "everyone who attended at least one of its meetings that year, by email. Safe to run again: only "
        "new certificates, and those of people who attended another meeting since, are issued."
    )

    def add_arguments(self, parser):
        parser.add_argument("group", help="the group's id or slug")
        parser.add_argument("year", type=int)

    def handle(self, *args, group, year, **options):
        lookup = {"pk": int(group)} if group.isdigit() else {"slug": group}
        found = IntervisionGroup.objects.filter(**lookup).first()
        if found is None:
            raise CommandError(f"No intervision group with id or slug {group!r}.")
        try:
            counts = issue_year_certificates(group=found, year=year)
        except CertificateError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(
            f"{found.name} {year}: {counts.get(YearOutcome.ISSUED, 0)} issued, "
            f"{counts.get(YearOutcome.UPDATED, 0)} updated, {counts.get(YearOutcome.UNCHANGED, 0)} unchanged."
        )
