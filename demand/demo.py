"""The demo's demand (called by ``seed_demo``): people who asked to hear of the next roadshow or
NEVI course, confirmed, from several regions; once, so running the demo again adds nothing."""

from django.utils import timezone

from events.choices import EventKind
from events.models import ProgrammePage

from .models import Interest

# (programme kind, region, stakeholder type, language, how many)
WANTED = [
    (EventKind.ROADSHOW, "Groningen", "company", "nl", 6),
    (EventKind.ROADSHOW, "Eindhoven", "company", "nl", 4),
    (EventKind.ROADSHOW, "", "ngo", "nl", 2),
    (EventKind.ROADSHOW, "Rotterdam", "government", "en", 2),
    (EventKind.NEVI, "Utrecht", "company", "nl", 3),
    (EventKind.EXPERT, "", "knowledge_institution", "en", 2),
]


def seed_interests(now=None):
    if Interest.objects.exists():
        return 0
    now = now or timezone.now()
    made = 0
    for kind, region, stakeholder_type, language, count in WANTED:
        programme = ProgrammePage.objects.filter(kind=kind).first()
        if programme is None:
            continue
        for n in range(count):
            Interest.objects.create(
                programme=programme,
                email=f"belangstelling-{kind}-{region.lower() or 'overal'}-{n}@example.org",
                stakeholder_type=stakeholder_type,
                region=region,
                language=language,
                confirmed_at=now,
            )
            made += 1
    return made
