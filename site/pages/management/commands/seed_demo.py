"""Idempotent demo content mirroring the covenant's programme: run it as often as you like.

Dates are relative to the day of the first run: three roadshows took place (with registrations,
check-ins and certificates), the intervision group met twice, the NEVI course is half done and its
third module is today, so the demo organiser can try the scanner.

Logins: with DEBUG on (``make run``) the demo users get their name as password (``admin``/``admin``),
so a newcomer can log in; anywhere else each new user gets a random password, printed once.
"""

import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from core import timezones
from demand.demo import seed_interests
from events.choices import AttendanceRule, EventKind, StakeholderType
from events.models import EventPage, EventSession, ProgrammePage, Region, SeatQuota, Venue
from intervision.demo import seed_demo_group
from pages import demo
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
# (region, venue, time zone, online only): each training at local office hours, in its own zone.
EXPERT_REGIONS = [
    ("West-Afrika", "accra", "Africa/Accra", False),
    ("Oost-Afrika", "nairobi", "Africa/Nairobi", False),
    ("Azië", "hcmc", "Asia/Ho_Chi_Minh", True),
    ("Latijns-Amerika", "bogota", "America/Bogota", False),
]
VENUE_ZONES = {
    "accra": "Africa/Accra",
    "nairobi": "Africa/Nairobi",
    "hcmc": "Asia/Ho_Chi_Minh",
    "bogota": "America/Bogota",
}


def at(day, hour, minute=0, zone=None):
    """``hour`` o'clock on ``day`` in ``zone`` (the site's, Amsterdam, when not given)."""
    if zone:
        return timezones.at_local(day, hour, zone).replace(minute=minute)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class Command(BaseCommand):
    help = "Create (or complete) the demo programmes, events, venues and users. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-password",
            help="The new admin user's password (default: 'admin' with DEBUG on, a random one otherwise).",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        self.logins = []
        home = HomePage.objects.first()
        self.users(options["admin_password"])
        self.site(home)
        self.venues = {key: self.venue(*values, time_zone=VENUE_ZONES.get(key, "")) for key, values in VENUES.items()}
        self.roadshow(home)
        self.intervision(home)
        seed_demo_group()  # the intervision app's group, members and learnings for these meetings
        self.nevi(home)
        self.expert(home)
        self.history()
        for username, password in self.logins:
            self.stdout.write(f"Login created: {username} / {password}")
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))

    # People

    def password_for(self, username, given=None):
        """The password of a new demo user: guessable only where DEBUG says this is a developer's machine."""
        if given:
            if not settings.DEBUG:
                try:
                    password_validation.validate_password(given)
                except ValidationError as error:
                    raise CommandError(f"--admin-password: {' '.join(error.messages)}") from error
            return given
        return username if settings.DEBUG else secrets.token_urlsafe(12)

    def users(self, admin_password):
        User = get_user_model()
        for username, group, first, last in [
            ("admin", None, "", ""),
            ("organisator", "Organisers", "Olga", "Organisator"),
            ("secretariaat", "Secretariat", "Sanne", "Secretariaat"),
            ("redacteur", "Editors", "Ruud", "Redacteur"),
        ]:
            defaults = {"email": f"{username}@example.org", "first_name": first, "last_name": last}
            if group is None:
                defaults |= {"is_staff": True, "is_superuser": True}
            user, created = User.objects.get_or_create(username=username, defaults=defaults)
            if created:
                password = self.password_for(username, admin_password if group is None else None)
                user.set_password(password)
                user.save()
                self.logins.append((username, password))
            if group:
                user.groups.add(Group.objects.get(name=group))
        self.organiser = User.objects.get(username="organisator")
        self.secretariat = User.objects.get(username="secretariaat")

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

    def venue(self, name, street, postcode, city, country, time_zone=""):
        venue, _ = Venue.objects.get_or_create(
            name=name,
            city=city,
            defaults={"street_address": street, "postcode": postcode, "country": country, "time_zone": time_zone},
        )
        if time_zone and not venue.time_zone:  # a demo made before venues had zones
            Venue.objects.filter(pk=venue.pk).update(time_zone=time_zone)
        return venue

    # Pages

    def programme(self, home, slug, title, kind, intro):
        programme = ProgrammePage.objects.filter(slug=slug).first()
        if programme is None:
            programme = home.add_child(
                instance=ProgrammePage(title=title, slug=slug, kind=kind, intro=intro, show_in_menus=True)
            )
        return programme

    def event(self, programme, slug, sessions, quotas=(), organisers=(), **fields):
        """Create an event with its sessions [(title, start, end)] unless one with this slug exists."""
        existing = EventPage.objects.filter(slug=slug).first()
        if existing is not None:
            return existing
        fields.setdefault("region", Region.objects.filter(abroad=False).order_by("sort_order").first())
        event = EventPage(slug=slug, **fields)
        event.sessions = [EventSession(title=title, starts_at=start, ends_at=end) for title, start, end in sessions]
        event.quotas = [SeatQuota(stakeholder_type=kind, seats=seats) for kind, seats in quotas]
        event.organisers = list(organisers)
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
            # Three trainings took place (see history()), three are ahead: a demo with a past and a future.
            first_day = self.today + timedelta(days=-75 + number * 28)
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
                organisers=[self.organiser],
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
        start = self.today - timedelta(weeks=8)  # the group met twice; three meetings are ahead
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
        # Half done: modules 1 and 2 took place, module 3 is today (the scanner's demo), module 4 is ahead.
        first = self.today - timedelta(days=14)
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
            organisers=[self.organiser],
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
        for number, (region, key, zone, online_only) in enumerate(EXPERT_REGIONS):
            venue = self.venues[key]
            day = self.today + timedelta(days=35 + 14 * number)
            place = "online" if online_only else venue.city
            self.event(
                programme,
                f"local-expert-network-{key}",
                [
                    # Office hours where the experts are: 09:00-13:00 in Accra, Nairobi, Ho Chi Minh City, Bogotá.
                    ("Day 1: risk assessment in the supply chain", at(day, 9, zone=zone), at(day, 13, zone=zone)),
                    (
                        "Day 2: stakeholder dialogue and remedy",
                        at(day + timedelta(days=1), 9, zone=zone),
                        at(day + timedelta(days=1), 13, zone=zone),
                    ),
                ],
                title=f"Local Expert Network training {region} ({place})",
                kind=EventKind.EXPERT,
                language="en",
                summary=f"Regional training for local risk-assessment experts in {venue.city}"
                + (", online." if online_only else "."),
                venue=None if online_only else venue,
                online_url="https://meet.example.org/len-" + key,
                time_zone=zone,
                region=Region.objects.filter(name=region).first(),
                capacity=20,
                registration_closes_at=at(day - timedelta(days=7), 17, zone=zone),
                attendance_rule=AttendanceRule.ALL_SESSIONS,
                organiser_email="len@example.org",
            )

    # History

    def history(self):
        """What happened at the trainings that took place, and the participants of today's session."""
        for event in EventPage.objects.filter(kind=EventKind.ROADSHOW, starts_at__lt=self.now).order_by("starts_at"):
            demo.past_training(event=event, organiser=self.organiser, secretariat=self.secretariat, now=self.now)
        seed_interests(now=self.now)  # who asked to hear of the next training (Reports > Demand)
        nevi = EventPage.objects.filter(slug="nevi-imvo-en-inkoop-voorjaar").first()
        if nevi is not None:
            registrations = demo.course_half_done(event=nevi, organiser=self.organiser, now=self.now)
            tickets = demo.ticket_links(registrations)
            if tickets:
                self.stdout.write(
                    f"Today's session: {nevi.title}. Log in as organisator, open /checkin/ and scan these QR tickets "
                    "(shown only now; each participant's confirmation email in var/mail/ has the link too):"
                )
                for name, url in tickets:
                    self.stdout.write(f"  {name}: {url}")
