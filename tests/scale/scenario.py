"""Data for the scale test and the load benchmark, made in the separate database they run against.

Run as ``python -m tests.scale.scenario COMMAND`` with DJANGO_SETTINGS_MODULE=config.settings.scale and
DATABASE_URL set; prints JSON. Commands:

- ``setup [--checkins N]``: a future event with few seats (for the registration rush) and an event
  running today with N confirmed registrations (for check-ins), plus an organiser with a check-in token.
- ``queue_emails N``: queue N emails through the outbox, as registrations do (sent by the clusters).
"""

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def django_setup():
    sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.scale")
    import django

    django.setup()


def setup(checkins=60, capacity=10):
    from django.utils import timezone

    from tests.factories import RegistrationFactory, make_event, make_programme, organiser

    programme = make_programme(title="Scale programme")
    rush = make_event(programme=programme, title="Popular training", capacity=capacity, days=2)
    today = timezone.localtime().replace(hour=0, minute=1, second=0, microsecond=0)
    running = make_event(
        programme=programme,
        title="Training today",
        capacity=max(checkins, 1),
        sessions=[("Day 1", today, today + timedelta(hours=23, minutes=58))],
    )
    user = organiser(username="door-organiser")
    running.organisers.add(user)
    running.save_revision().publish()
    token = ""
    try:
        from participants.checkin.tokens import create_token

        token = create_token(user, name="scale")
    except ImportError:
        pass
    codes = [RegistrationFactory(event=running).checkin_code for _ in range(checkins)]
    from tests.scale.registration import registration_form_path

    return {
        "register_path": registration_form_path(rush),
        "rush_event": rush.pk,
        "rush_url": rush.url,
        "capacity": capacity,
        "running_event": running.pk,
        "session": running.sessions.get().pk,
        "codes": codes,
        "token": token if isinstance(token, str) else getattr(token, "key", str(token)),
    }


def queue_emails(count):
    from django.db import transaction

    from participants.mail.outbox import enqueue_send
    from participants.models import OutboxEmail

    pks = []
    with transaction.atomic():
        for n in range(count):
            email = OutboxEmail.objects.create(
                key=f"scale:{n}:{os.getpid()}", to=f"person{n}@example.org", subject=f"Scale {n}", body_text="Hello"
            )
            pks.append(email.pk)
            transaction.on_commit(lambda pk=email.pk: enqueue_send(pk))
    return {"queued": pks}


def main(argv):
    django_setup()
    command = argv[0]
    if command == "setup":
        result = setup(checkins=int(argv[1]) if len(argv) > 1 else 60)
    elif command == "queue_emails":
        result = queue_emails(int(argv[1]))
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
