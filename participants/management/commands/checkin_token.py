"""Print a new bearer token for the check-in API: python manage.py checkin_token USERNAME."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from participants.checkin.tokens import create_token


class Command(BaseCommand):
    help = "Make a new bearer token for POST /api/checkin/ for USERNAME and print it (it is shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="check-in", help="a label to recognise the token by in the admin")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        if not user.is_active:
            raise CommandError(f"User {username!r} is not active.")
        self.stdout.write(create_token(user, name=name))
