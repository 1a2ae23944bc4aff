from django.core.management.base import BaseCommand

from participants.privacy.retention import apply_retention, policy


class Command(BaseCommand):
    help = "Apply the retention policy (settings.RETENTION) now: delete needs, anonymise people. Safe to repeat."

    def handle(self, *args, **options):
        rules = policy()
        self.stdout.write("Policy: " + ", ".join(f"{key}={value}" for key, value in rules.items()))
        done = apply_retention()
        for key, value in done.items():
            self.stdout.write(f"{key}: {value}")
