"""What an organiser plans: programmes, events with their sessions and seat quotas, venues.

EventPage is a Wagtail page under a ProgrammePage. Its sessions and quotas are inline child rows
(modelcluster), so they are saved together with the page and kept in its revisions. Operational
records (registrations, attendance, certificates) live in later apps and point at these rows with
``on_delete=PROTECT``; the admin form refuses to delete a session that has attendance.
"""

import uuid
from datetime import UTC, datetime, timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager, PagePermissionTester
from wagtail.query import PageQuerySet
from wagtail.search import index

from core import access, timezones

from .choices import (
    AttendanceRule,
    EventKind,
    EventLanguage,
    EventStatus,
    StakeholderType,
)
from .forms import EventPageForm
from .panels import PermissionedInlinePanel


def validate_time_zone(value):
    if not timezones.is_valid(value):
        raise ValidationError(_("“%(value)s” is not a time zone; choose one from the list."), params={"value": value})


class TimeZoneField(models.CharField):
    """An IANA zone name; the admin offers the covenant's regions first, then every zone."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("default", timezones.DEFAULT)
        kwargs.setdefault("validators", [validate_time_zone])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        if kwargs.get("max_length") == 64:
            kwargs.pop("max_length")
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.TypedChoiceField(
            choices=([("", "---------")] if self.blank else []) + timezones.choices(),
            # Not required: a form that leaves the field out (an older client, a test) keeps the default.
            required=False,
            empty_value=self.default or "",
            label=self.verbose_name,
            help_text=self.help_text,
            initial=self.default if not self.blank else "",
        )


class Region(models.Model):
    """Where the covenant trains: the Netherlands, West Africa, East Africa, Asia, Latin America ...

    A snippet, so the Secretariat adds a region (a fifth is planned) without code. Reports break
    their figures down by it.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    abroad = models.BooleanField(
        _("outside the Netherlands"),
        default=True,
        help_text=_("Counted in the headline's regions of the Local Expert Network."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("abroad"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The name in the language being spoken: English where it has one."""
        if self.name_en and not translation.get_language().startswith("nl"):
            return self.name_en
        return self.name


class Venue(index.Indexed, models.Model):
    """A place where sessions happen; a snippet so organisers reuse it across events."""

    name = models.CharField(_("name"), max_length=200)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100, default="Nederland")
    website = models.URLField(_("website"), blank=True)
    accessibility = models.TextField(
        _("accessibility"), blank=True, help_text=_("Step-free access, parking, public transport.")
    )
    time_zone = TimeZoneField(
        _("time zone"),
        blank=True,
        default="",
        help_text=_("Suggested as the time zone of events here."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("street_address"), FieldPanel("postcode")]),
        FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
        FieldPanel("time_zone"),
        FieldPanel("website"),
        FieldPanel("accessibility"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("city"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return f"{self.name}, {self.city}"

    @property
    def address(self):
        """One line, as a calendar's LOCATION or a map search wants it."""
        parts = [self.name, self.street_address, " ".join(p for p in (self.postcode, self.city) if p)]
        if self.country and self.country not in {"Nederland", "Netherlands", "NL"}:
            parts.append(self.country)
        return ", ".join(p for p in parts if p)


class ProgrammePage(Page):
    """A programme (the roadshow, the intervision series, the NEVI course ...) and its events."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.OTHER)

    content_panels = [*Page.content_panels, FieldPanel("kind"), FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming_events"] = EventPage.objects.upcoming().child_of(self).for_listing()
        context["past_events"] = (
            EventPage.objects.listed().child_of(self).filter(ends_at__lt=timezone.now()).for_listing().reverse()
        )
        return context


class EventPageQuerySet(PageQuerySet):
    def for_listing(self):
        """Load what a listing shows in a fixed number of queries, however many events there are."""
        return self.select_related("venue").prefetch_related("sessions", "quotas").order_by("starts_at", "pk")

    def listed(self):
        """Live events without a view restriction: a password- or login-protected event is never listed."""
        return self.live().public()

    def upcoming(self):
        return self.listed().filter(ends_at__gte=timezone.now())

    def in_local_month(self, year, month):
        """Events that start in ``year``-``month`` on their own clock (a Bogotá evening on 31 May is May's).

        Zones differ from UTC by at most 14 hours: the events a day either side are read, and each
        one's start is judged in its own zone.
        """
        first = datetime(year, month, 1, tzinfo=UTC)
        after = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
        near = self.filter(starts_at__gte=first - timedelta(days=1), starts_at__lt=after + timedelta(days=1))
        pks = [
            pk
            for pk, starts_at, zone in near.values_list("pk", "starts_at", "time_zone")
            if (timezones.localdate(starts_at, zone).year, timezones.localdate(starts_at, zone).month) == (year, month)
        ]
        return self.filter(pk__in=pks)

    def open_for_registration(self, now=None):
        now = now or timezone.now()
        return (
            self.listed()
            .filter(status=EventStatus.SCHEDULED, starts_at__gt=now)
            .filter(models.Q(registration_opens_at__isnull=True) | models.Q(registration_opens_at__lte=now))
            .filter(models.Q(registration_closes_at__isnull=True) | models.Q(registration_closes_at__gt=now))
        )


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions (per subtree) narrowed by the access policy to the events a user may edit."""

    def _may(self):
        return access.may_edit_event(self.user, self.page)

    def can_edit(self):
        return super().can_edit() and self._may()

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk) and self._may()

    def can_unpublish(self):
        return super().can_unpublish() and self._may()

    def can_publish(self):
        return super().can_publish() and self._may()

    def can_submit_for_moderation(self):
        return super().can_submit_for_moderation() and self._may()

    def can_set_view_restrictions(self):
        return super().can_set_view_restrictions() and self._may()

    def can_unschedule(self):
        return super().can_unschedule() and self._may()

    def can_lock(self):
        return super().can_lock() and self._may()

    def can_unlock(self):
        return super().can_unlock() and self._may()

    def can_move(self):
        return super().can_move() and self._may()

    def can_copy(self):
        return super().can_copy() and self._may()

    def can_view_revisions(self):
        return super().can_view_revisions() and self._may()


class EventPage(Page):
    """One training or meeting: its kind, place, seats, registration window and sessions."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.ROADSHOW)
    language = models.CharField(_("language"), max_length=2, choices=EventLanguage.choices, default=EventLanguage.DUTCH)
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences for listings."))
    body = RichTextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.SCHEDULED)

    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    online_url = models.URLField(_("online meeting link"), blank=True)
    time_zone = TimeZoneField(
        _("time zone"),
        help_text=_("Sessions are entered and shown in this zone. A venue with a zone suggests it."),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("Where the training is for; reports break their figures down by region."),
    )

    capacity = models.PositiveIntegerField(_("capacity"), default=20, validators=[MinValueValidator(1)])
    release_unused_quotas = models.BooleanField(
        _("release unused reserved seats"),
        default=False,
        help_text=_("When ticked, seats reserved for a stakeholder type that are still free go to anyone."),
    )
    requires_approval = models.BooleanField(
        _("organiser approves registrations"),
        default=False,
        help_text=_("Registrations wait for an organiser's approval before they are confirmed."),
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)

    attendance_rule = models.CharField(
        _("attendance rule"), max_length=20, choices=AttendanceRule.choices, default=AttendanceRule.ALL_SESSIONS
    )
    attendance_minimum = models.PositiveSmallIntegerField(
        _("minimum sessions attended"),
        null=True,
        blank=True,
        help_text=_("Only for the rule 'at least a number of sessions'."),
    )
    pe_points = models.DecimalField(_("PE points"), max_digits=5, decimal_places=1, null=True, blank=True)
    pe_register = models.CharField(
        _("PE register"), max_length=100, blank=True, help_text=_("For example: NEVI PE-register.")
    )

    organiser_email = models.EmailField(
        _("organiser email"), blank=True, help_text=_("Shown as the organiser in calendar invites.")
    )
    organisers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisers"),
        blank=True,
        related_name="organised_events",
        help_text=_("Users who may check people in and see the registrations of this event."),
    )

    # Kept in step with the sessions on every save, so listings, feeds and reports can filter and
    # sort on them without reading the sessions.
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True, editable=False, db_index=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True, editable=False, db_index=True)

    objects = EventPageManager()

    base_form_class = EventPageForm
    parent_page_types = ["events.ProgrammePage"]
    subpage_types = []

    search_fields = [*Page.search_fields, index.SearchField("summary"), index.FilterField("kind")]

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("language"), FieldPanel("status")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("sessions", label=_("Sessions"), min_num=1, heading=_("Sessions")),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("online_url"),
                FieldRowPanel([FieldPanel("time_zone"), FieldPanel("region")]),
            ],
            heading=_("Place and time zone"),
        ),
    ]
    # The operational fields are the organisers' (``plan_events``); who organises is the Secretariat's
    # (``assign_organisers``). A panel with a permission is left out of the form of whoever lacks it,
    # so a posted value is ignored, not only hidden; the quotas' formset is dropped by EventPageForm.
    registration_panels = [
        FieldPanel("capacity", permission=access.PLAN_EVENTS),
        PermissionedInlinePanel(
            "quotas",
            label=_("Seats reserved for a stakeholder type"),
            heading=_("Reserved seats"),
            permission=access.PLAN_EVENTS,
        ),
        FieldPanel("release_unused_quotas", permission=access.PLAN_EVENTS),
        FieldRowPanel(
            [
                FieldPanel("registration_opens_at", permission=access.PLAN_EVENTS),
                FieldPanel("registration_closes_at", permission=access.PLAN_EVENTS),
            ]
        ),
        FieldPanel("requires_approval", permission=access.PLAN_EVENTS),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("attendance_rule"), FieldPanel("attendance_minimum")]),
                FieldRowPanel([FieldPanel("pe_points"), FieldPanel("pe_register")]),
            ],
            heading=_("Attendance and certificates"),
        ),
        FieldPanel("organiser_email"),
        FieldPanel("organisers", permission=access.ASSIGN_ORGANISERS),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Event")),
            ObjectList(registration_panels, heading=_("Registration")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        # The roles' permissions; core/access.py says what each one allows.
        permissions = [
            ("manage_all_events", _("Can plan and run every event and see all its registrations")),
            ("assign_organisers", _("Can assign the organisers of events and the facilitators of groups")),
            ("plan_events", _("Can set the capacity, reserved seats and registration window of own events")),
        ]

    def permissions_for_user(self, user):
        return EventPagePermissionTester(user, self)

    def save(self, *args, **kwargs):
        self.update_dates()
        super().save(*args, **kwargs)

    # A session's ical_uid is its identity in everyone's calendar, and unique. Wagtail's copy (and an
    # alias's update) copies child rows field by field, and revisions carry the sessions as they were:
    # both would hand one session's UID to another event's session.

    def copy_child_relation(self, child_relation, target, commit=False, append=False):
        """A copied session is a new calendar entry: a fresh UID, SEQUENCE from 0."""
        copies = super().copy_child_relation(child_relation, target, commit=False, append=append)
        for value in copies.values():
            for copy in value if isinstance(value, list) else [value]:
                if isinstance(copy, EventSession):
                    copy.ical_uid = uuid.uuid4()
                    copy.ical_sequence = 0
        if commit:
            relation = self._meta.get_field(child_relation) if isinstance(child_relation, str) else child_relation
            getattr(target, relation.get_accessor_name()).commit()
        return copies

    def with_content_json(self, content):
        """The page as a revision has it, but with each session's calendar identity as the database has it.

        A revision copied with the page (Wagtail copies them all) still names the original's UIDs; a
        session the database does not know keeps its UID only when no other event uses it.
        """
        page = super().with_content_json(content)
        sessions = list(page.sessions.all())
        if not sessions:
            return page
        own = {
            pk: (uid, seq)
            for pk, uid, seq in EventSession.objects.filter(page_id=self.pk).values_list(
                "pk", "ical_uid", "ical_sequence"
            )
        }
        unknown = {s.ical_uid for s in sessions if s.pk not in own}
        taken = set()
        if unknown:
            taken = set(
                EventSession.objects.filter(ical_uid__in=unknown)
                .exclude(page_id=self.pk)
                .values_list("ical_uid", flat=True)
            ) | set(
                CalendarEntry.objects.filter(uid__in=unknown).exclude(event_id=self.pk).values_list("uid", flat=True)
            )
        for session in sessions:
            if session.pk in own:
                session.ical_uid, session.ical_sequence = own[session.pk]
            elif session.ical_uid in taken:
                session.ical_uid, session.ical_sequence = uuid.uuid4(), 0
        return page

    def update_dates(self):
        sessions = [s for s in self.sessions.all() if s.starts_at and s.ends_at]
        self.starts_at = min((s.starts_at for s in sessions), default=None)
        self.ends_at = max((s.ends_at for s in sessions), default=None)

    def clean(self):
        super().clean()
        errors = {}
        if self.attendance_rule == AttendanceRule.AT_LEAST and not self.attendance_minimum:
            errors["attendance_minimum"] = _("Give the number of sessions a participant must attend.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_opens_at >= self.registration_closes_at
        ):
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if errors:
            raise ValidationError(errors)

    # What pages and templates ask of an event.

    @cached_property
    def ordered_sessions(self):
        return sorted(self.sessions.all(), key=lambda s: (s.starts_at or timezone.now(), s.pk or 0))

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def is_online(self):
        return bool(self.online_url) and not self.venue_id

    @property
    def zone(self):
        """The event's ZoneInfo (see ``core.timezones``)."""
        return timezones.get(self.time_zone)

    @property
    def zone_label(self):
        """ "Bogotá, UTC-5" at the event's start (summer or winter time as it will be then)."""
        return timezones.label(self.time_zone, self.starts_at)

    def local(self, moment):
        """``moment`` in the event's zone."""
        return timezones.localtime(moment, self.time_zone)

    @property
    def location_text(self):
        if self.venue_id:
            return self.venue.address
        return self.online_url

    def quota_for(self, stakeholder_type):
        for quota in self.quotas.all():
            if quota.stakeholder_type == stakeholder_type:
                return quota.seats
        return 0

    @property
    def reserved_seats(self):
        return sum(q.seats for q in self.quotas.all())

    def registration_state(self, now=None):
        """Why registration is or is not open now: 'open', 'not_yet', 'closed', 'cancelled', 'past'."""
        now = now or timezone.now()
        if self.is_cancelled:
            return "cancelled"
        if self.starts_at and self.starts_at <= now:
            return "past"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet"
        if self.registration_closes_at and now >= self.registration_closes_at:
            return "closed"
        return "open"

    @property
    def required_sessions(self):
        """How many sessions a participant must attend to meet the attendance rule."""
        count = len(self.ordered_sessions)
        if self.attendance_rule == AttendanceRule.AT_LEAST and self.attendance_minimum:
            return min(self.attendance_minimum, count) if count else self.attendance_minimum
        return count

    @classmethod
    def month_choices(cls, queryset):
        """The months (``YYYY-MM``) in which the events start, each on its own clock."""
        starts = queryset.exclude(starts_at__isnull=True).values_list("starts_at", "time_zone")
        return sorted({timezones.localdate(starts_at, zone).strftime("%Y-%m") for starts_at, zone in starts})


class EventSession(Orderable):
    """One part of an event with its own time: day 1, day 2, module 3. Check-in happens per session.

    ``ical_uid`` is the session's identity in every calendar (invites, updates, cancellations and
    feeds); ``ical_sequence`` rises whenever something a calendar shows changes.
    """

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200, help_text=_("For example: Day 1, or Module 2."))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(
        _("room or place"), max_length=200, blank=True, help_text=_("When it differs from the event's venue.")
    )
    ical_uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("place"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        local = timezones.localtime(self.starts_at, self.page.time_zone)
        return f"{self.page.title}: {self.title} ({local:%d-%m-%Y %H:%M})"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session must end after it starts.")})

    @property
    def duration_hours(self):
        return round((self.ends_at - self.starts_at).total_seconds() / 3600, 1)

    @property
    def is_today(self):
        """Whether today, in the event's zone, is a day the session runs."""
        zone = self.page.time_zone
        today = timezones.localdate(timezone.now(), zone)
        return timezones.localdate(self.starts_at, zone) <= today <= timezones.localdate(self.ends_at, zone)


class SeatQuota(Orderable):
    """Seats of an event reserved for one stakeholder type, inside the event's capacity."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="quotas")
    stakeholder_type = models.CharField(_("stakeholder type"), max_length=30, choices=StakeholderType.choices)
    seats = models.PositiveIntegerField(_("reserved seats"), validators=[MinValueValidator(1)])

    panels = [FieldRowPanel([FieldPanel("stakeholder_type"), FieldPanel("seats")])]

    class Meta(Orderable.Meta):
        verbose_name = _("reserved seats")
        verbose_name_plural = _("reserved seats")
        constraints = [
            models.UniqueConstraint(fields=["page", "stakeholder_type"], name="one_quota_per_type_per_event"),
        ]

    def __str__(self):
        return f"{self.get_stakeholder_type_display()}: {self.seats}"


class CalendarEntry(models.Model):
    """What calendars were last told about one session: its UID, SEQUENCE and a fingerprint.

    Kept apart from EventSession on purpose: sessions are inline rows of the page and are restored
    from the page's revisions on every publish, so a sequence stored on them could go back down.
    These rows are not in revisions; they outlive a deleted session, so its UID can be cancelled,
    and they keep the cancelled session's last time and title for that CANCEL.
    See ``events.calendar.sync_event_calendar``.
    """

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="calendar_entries")
    uid = models.UUIDField(unique=True)
    sequence = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64)
    summary = models.CharField(max_length=500)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("calendar entry")
        verbose_name_plural = _("calendar entries")

    def __str__(self):
        return f"{self.summary} ({self.uid}, {self.sequence})"
