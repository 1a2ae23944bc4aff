"""Idempotent demo content mirroring the covenant's programme: run it as often as you like."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from events.choices import AttendanceRule, EventKind, StakeholderType
from events.models import EventPage, EventSession, ProgrammePage, SeatQuota, Venue
from intervision.demo import seed_demo_group
from pages.models import EventIndexPage, HomePage, SiteSettings, StandardPage

VENUES = {
    "utrecht": ("Seats2meet Utrecht CS", "Moreelsepark 65", "3511 EP", "Utrecht", "Nederland"),
    "zwolle": ("Provinciehuis Overijssel", "Luttenbergstraat 2", "8012 EE", "Zwolle", "Nederland"),
    "eindhoven": ("Evoluon", "Noord Brabantlaan 1A", "5652 LA", "Eindhoven", "Nederland"),
    "rotterdam": ("WTC Rotterdam", "Beursplein 37", "3011 AA", "Rotterdam", "Nederland"),
    "groningen": ("Forum Groningen", "Nieuwe Markt 1", "9712 KN", "Groningen", "Nederland"),
    "amsterdam": ("KIT Royal Tropical Institute", "Mauritskade 63", "1092 AD", "Amsterdam", "Nederland"),
    "zoetermeer": ("NEVI", "Croeselaan 15", "3521 BJ", "Utrecht", "Nederland"),
    "denhaag": ("SER", "Bezuidenhoutseweg 60", "2594 AW", "Den Haag", "Nederland"),
    "accra": ("Alisa Hotel", "21 Independence Avenue", "", "Accra", "Ghana"),
    "nairobi": ("Strathmore University", "Ole Sangale Road", "", "Nairobi", "Kenya"),
    "hcmc": ("Saigon Innovation Hub", "273 Dien Bien Phu", "", "Ho Chi Minh City", "Vietnam"),
    "bogota": ("Universidad de los Andes", "Carrera 1 No. 18A-12", "", "Bogotá", "Colombia"),
}

ROADSHOW_CITIES = ["utrecht", "zwolle", "eindhoven", "rotterdam", "groningen", "amsterdam"]
EXPERT_REGIONS = [
    ("West-Afrika", "accra"),
    ("Oost-Afrika", "nairobi"),
    ("Azië", "hcmc"),
    ("Latijns-Amerika", "bogota"),
]


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class Command(BaseCommand):
    help = "Create (or complete) the demo programmes, events, venues and users. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--admin-password", default="admin")

    @transaction.atomic
    def handle(self, *args, **options):
        self.today = timezone.localdate()
        home = HomePage.objects.first()
        self.users(options["admin_password"])
        self.site(home)
        self.venues = {key: self.venue(*values) for key, values in VENUES.items()}
        self.roadshow(home)
        self.intervision(home)
        seed_demo_group()  # the intervision app's group, members and learnings for these meetings
        self.nevi(home)
        self.expert(home)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))

    # People

    def users(self, password):
        User = get_user_model()
        admin, created = User.objects.get_or_create(
            username="admin", defaults={"email": "admin@example.org", "is_staff": True, "is_superuser": True}
        )
        if created:
            admin.set_password(password)
            admin.save()
        for username, group, first, last in [
            ("organisator", "Organisers", "Olga", "Organisator"),
            ("secretariaat", "Secretariat", "Sanne", "Secretariaat"),
            ("redacteur", "Editors", "Ruud", "Redacteur"),
        ]:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@example.org", "first_name": first, "last_name": last},
            )
            if created:
                user.set_password(username)
                user.save()
            user.groups.add(Group.objects.get(name=group))

    def site(self, home):
        site = Site.objects.get(is_default_site=True)
        if site.hostname != "localhost" or site.port != 8000:
            site.hostname, site.port, site.site_name = "localhost", 8000, "Convenant Trainingen"
            site.save()
        if home.title != "Trainingen en bijeenkomsten" or not home.intro:
            home.title = "Trainingen en bijeenkomsten"
            home.intro = (
                "<p>Het convenant traint bedrijven in de sector in gepaste zorgvuldigheid (due diligence): "
                "de zes OESO-stappen, van beleid tot herstel. Schrijf u in voor een roadshow, een "
                "intervisiegroep, de NEVI-cursus of een training van het Local Expert Network.</p>"
            )
            home.save_revision().publish()
        if not EventIndexPage.objects.exists():
            home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda", show_in_menus=True))
        privacy = StandardPage.objects.filter(slug="privacy").first()
        if privacy is None:
            privacy = home.add_child(
                instance=StandardPage(
                    title="Privacyverklaring",
                    slug="privacy",
                    body=(
                        "<p>Het secretariaat verwerkt uw naam, e-mailadres, organisatie en functie om uw "
                        "inschrijving te beheren, u uit te nodigen en aanwezigheid te registreren. "
                        "Dieet- en toegankelijkheidswensen worden een week na de training verwijderd.</p>"
                    ),
                )
            )
        settings = SiteSettings.for_site(site)
        if settings.privacy_page_id != privacy.pk:
            settings.privacy_page = privacy
            settings.save()

    def venue(self, name, street, postcode, city, country):
        venue, _ = Venue.objects.get_or_create(
            name=name, city=city, defaults={"street_address": street, "postcode": postcode, "country": country}
        )
        return venue

    # Pages

    def programme(self, home, slug, title, kind, intro):
        programme = ProgrammePage.objects.filter(slug=slug).first()
        if programme is None:
            programme = home.add_child(
                instance=ProgrammePage(title=title, slug=slug, kind=kind, intro=intro, show_in_menus=True)
            )
        return programme

    def event(self, programme, slug, sessions, quotas=(), **fields):
        """Create an event with its sessions [(title, start, end)] unless one with this slug exists."""
        existing = EventPage.objects.filter(slug=slug).first()
        if existing is not None:
            return existing
        event = EventPage(slug=slug, **fields)
        event.sessions = [EventSession(title=title, starts_at=start, ends_at=end) for title, start, end in sessions]
        event.quotas = [SeatQuota(stakeholder_type=kind, seats=seats) for kind, seats in quotas]
        programme.add_child(instance=event)
        event.save_revision().publish()
        return event

    def roadshow(self, home):
        programme = self.programme(
            home,
            "due-diligence-roadshow",
            "Due Diligence Roadshow",
            EventKind.ROADSHOW,
            "<p>Een tweedaagse training in gepaste zorgvuldigheid, in zes steden. Dag 1: risico's in kaart "
            "brengen met de heatmap. Dag 2: prioriteren, aanpakken en communiceren.</p>",
        )
        for number, city in enumerate(ROADSHOW_CITIES):
            venue = self.venues[city]
            # Two trainings already happened, four are ahead: a demo with history and a future.
            first_day = self.today + timedelta(days=-60 + number * 28)
            second_day = first_day + timedelta(days=7)
            self.event(
                programme,
                f"roadshow-{city}",
                [
                    ("Dag 1: risico's in kaart", at(first_day, 9, 30), at(first_day, 16, 30)),
                    ("Dag 2: aanpakken en communiceren", at(second_day, 9, 30), at(second_day, 16, 30)),
                ],
                quotas=[(StakeholderType.COMPANY, 12), (StakeholderType.NGO, 2), (StakeholderType.GOVERNMENT, 2)],
                title=f"Due Diligence Roadshow {venue.city}",
                kind=EventKind.ROADSHOW,
                language="nl",
                summary=f"Tweedaagse training gepaste zorgvuldigheid in {venue.city}.",
                venue=venue,
                capacity=20,
                registration_opens_at=at(first_day - timedelta(days=90), 9),
                registration_closes_at=at(first_day - timedelta(days=3), 17),
                attendance_rule=AttendanceRule.ALL_SESSIONS,
                organiser_email="roadshow@example.org",
            )

    def intervision(self, home):
        programme = self.programme(
            home,
            "mkb-intervisie",
            "MKB-intervisie",
            EventKind.INTERVISION,
            "<p>Vaste groepen van vier tot acht mkb-bedrijven bespreken elkaars casussen met een "
            "begeleider. Wat in de groep gezegd wordt, blijft in de groep.</p>",
        )
        start = self.today + timedelta(days=10)
        for number in range(5):
            day = start + timedelta(weeks=6 * number)
            self.event(
                programme,
                f"intervisie-groep-noord-{number + 1}",
                [("Bijeenkomst", at(day, 14), at(day, 16))],
                quotas=[],
                title=f"Intervisiegroep Noord, bijeenkomst {number + 1}",
                kind=EventKind.INTERVISION,
                language="nl",
                summary="Intervisie volgens de incidentmethode: een casus uit de keten, samen doorgrond.",
                venue=self.venues["zwolle"],
                capacity=8,
                registration_closes_at=at(day - timedelta(days=1), 12),
                attendance_rule=AttendanceRule.ALL_SESSIONS,
                organiser_email="intervisie@example.org",
            )

    def nevi(self, home):
        programme = self.programme(
            home,
            "nevi-imvo-en-inkoop",
            "NEVI-training IMVO en inkoop",
            EventKind.NEVI,
            "<p>Een cursus met NEVI voor inkopers: internationaal maatschappelijk verantwoord ondernemen "
            "in het inkoopproces. Levert PE-punten op.</p>",
        )
        first = self.today + timedelta(days=21)
        modules = [
            ("Module 1: IMVO en de OESO-richtlijnen", 0),
            ("Module 2: risicoanalyse in de keten", 7),
            ("Module 3: leveranciers betrekken", 14),
            ("Module 4: contracten en monitoring", 21),
        ]
        self.event(
            programme,
            "nevi-imvo-en-inkoop-voorjaar",
            [
                (title, at(first + timedelta(days=offset), 13), at(first + timedelta(days=offset), 17))
                for title, offset in modules
            ],
            quotas=[(StakeholderType.COMPANY, 20)],
            title="IMVO en inkoop",
            kind=EventKind.NEVI,
            language="nl",
            summary="Vier middagen over verantwoord inkopen; certificaat bij drie van de vier modules.",
            venue=self.venues["zoetermeer"],
            capacity=30,
            registration_closes_at=at(first - timedelta(days=2), 17),
            attendance_rule=AttendanceRule.AT_LEAST,
            attendance_minimum=3,
            pe_points=8,
            pe_register="NEVI PE-register",
            organiser_email="nevi@example.org",
        )

    def expert(self, home):
        programme = self.programme(
            home,
            "local-expert-network",
            "Local Expert Network",
            EventKind.EXPERT,
            "<p>Regionale trainingen voor lokale experts in risicoanalyse, in West-Afrika, Oost-Afrika, "
            "Azië en Latijns-Amerika. Meestal in het Engels.</p>",
        )
        for number, (region, key) in enumerate(EXPERT_REGIONS):
            venue = self.venues[key]
            day = self.today + timedelta(days=35 + 14 * number)
            self.event(
                programme,
                f"local-expert-network-{key}",
                [
                    ("Day 1: risk assessment in the supply chain", at(day, 9), at(day, 13)),
                    (
                        "Day 2: stakeholder dialogue and remedy",
                        at(day + timedelta(days=1), 9),
                        at(day + timedelta(days=1), 13),
                    ),
                ],
                title=f"Local Expert Network training {region} ({venue.city})",
                kind=EventKind.EXPERT,
                language="en",
                summary=f"Regional training for local risk-assessment experts in {venue.city}.",
                venue=venue,
                online_url="https://meet.example.org/len-" + key,
                capacity=20,
                registration_closes_at=at(day - timedelta(days=7), 17),
                attendance_rule=AttendanceRule.ALL_SESSIONS,
                organiser_email="len@example.org",
            )
