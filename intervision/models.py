"""SME intervision: peer groups, their members, their meetings, the cases members bring and what was learnt.

A group's meetings are ordinary EventPages of kind ``intervision`` (so invites, check-in, reports and
certificates work as for every event); ``Meeting`` ties each page to its group. Members join through
``Membership`` (applied -> accepted, awaiting the agreement -> active); an active member holds a
confirmed Registration for every future meeting, made by ``intervision.services``.

Confidentiality: a ``Case`` is readable by the members of its own group (through their private
link) and by the group's facilitator, nobody else: the admin scopes every case view to the
facilitator, no role is granted case permissions for reporting, and nothing in the statistics reads
this table. ``Learning`` is the anonymised, shareable part, which the secretariat may publish.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import access
from events.choices import EventLanguage
from events.models import EventPage, ProgrammePage
from participants import hashed_secrets
from participants.hashed_secrets import SecretHashField, new_sealed_secret, secret_property
from participants.models import Organisation, Participant


class IntervisionMethod(models.TextChoices):
    INCIDENT = "incident", _("Incident method")
    BALINT = "balint", _("Balint method")
    OTHER = "other", _("Other method")


class OecdStep(models.TextChoices):
    """The six steps of OECD due diligence for responsible business conduct."""

    POLICY = "policy", _("1. Embed responsible business conduct in policy")
    IDENTIFY = "identify", _("2. Identify and assess adverse impacts")
    CEASE = "cease", _("3. Cease, prevent or mitigate adverse impacts")
    TRACK = "track", _("4. Track implementation and results")
    COMMUNICATE = "communicate", _("5. Communicate how impacts are addressed")
    REMEDIATE = "remediate", _("6. Provide for or cooperate in remediation")


DEFAULT_AGREEMENT = _(
    "What members share in this group stays in this group. I will not pass on cases, names of companies "
    "or suppliers, or anything else I hear in the meetings, and I will attend the meetings unless I am "
    "prevented. The facilitator only shares learnings that cannot be traced to a member or a company."
)


# Paths under /intervision/ that are not groups.
RESERVED_SLUGS = {"best-practices", "m"}


class IntervisionGroupQuerySet(models.QuerySet):
    def facilitated_by(self, user):
        return self.filter(facilitator=user) if access.is_active(user) else self.none()

    def visible_to(self, user):
        """Groups whose members and meetings ``user`` may manage (the access policy's ``scope_groups``)."""
        return access.scope_groups(user, self)


class IntervisionGroup(models.Model):
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True, help_text=_("The group's web address."))
    theme = models.CharField(_("theme"), max_length=200, help_text=_("For example: supply chain transparency."))
    description = models.TextField(_("description"), blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitated_intervision_groups",
        help_text=_("Only the facilitator sees the group's members and cases in the admin."),
    )
    method = models.CharField(
        _("method"), max_length=20, choices=IntervisionMethod.choices, default=IntervisionMethod.INCIDENT
    )
    min_size = models.PositiveSmallIntegerField(
        _("minimum size"), default=4, validators=[MinValueValidator(2), MaxValueValidator(30)]
    )
    max_size = models.PositiveSmallIntegerField(
        _("maximum size"), default=8, validators=[MinValueValidator(2), MaxValueValidator(30)]
    )
    cases_per_meeting = models.PositiveSmallIntegerField(
        _("cases per meeting"), default=2, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    agreement = models.TextField(_("confidentiality agreement"), default=DEFAULT_AGREEMENT)
    language = models.CharField(_("language"), max_length=2, choices=EventLanguage.choices, default=EventLanguage.DUTCH)
    programme = models.ForeignKey(
        ProgrammePage,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intervision_groups",
        help_text=_("The programme under which the group's meetings are created."),
    )
    accepts_applications = models.BooleanField(_("open for applications"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = IntervisionGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("intervision group")
        verbose_name_plural = _("intervision groups")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("intervision:group", kwargs={"slug": self.slug})

    def clean(self):
        if self.min_size and self.max_size and self.min_size > self.max_size:
            raise ValidationError({"max_size": _("The maximum size must be at least the minimum size.")})
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This web address is taken by the site; choose another.")})

    @property
    def seats_taken(self):
        return self.memberships.filter(status__in=SEAT_TAKING).count()

    @property
    def seats_left(self):
        return max(self.max_size - self.seats_taken, 0)

    @property
    def is_full(self):
        return self.seats_left == 0

    def upcoming_meetings(self, now=None):
        now = now or timezone.now()
        return self.meetings.filter(event__starts_at__gt=now).select_related("event")

    # A group is a "series" to the certificates app: its year certificates list the group's meetings
    # someone attended in a year (certificates.services.issue_year_certificate).

    def certificate_events(self):
        return EventPage.objects.filter(intervision_meeting__group=self)

    def membership_of(self, participant):
        """``participant``'s latest membership of this group, whatever its status, or None."""
        return self.memberships.filter(participant=participant).order_by("-applied_at", "-pk").first()

    def certificate_links(self, participant, year):
        """Where a year certificate's email points: the member's own page and the PDF below it."""
        membership = self.membership_of(participant)
        if membership is None:
            return None
        return {
            "link_path": membership.get_absolute_url(),
            "pdf_path": reverse("intervision:certificate_pdf", kwargs={"token": membership.token, "year": year}),
        }


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Meetings (dates, not cases) in the admin (the access policy's ``scope_meetings``)."""
        return access.scope_meetings(user, self)

    def upcoming(self, now=None):
        return self.filter(event__starts_at__gt=now or timezone.now())


class Meeting(models.Model):
    """One meeting of a group: its EventPage holds date, place and sessions; edit those in the page tree."""

    group = models.ForeignKey(
        IntervisionGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="meetings"
    )
    event = models.OneToOneField(
        EventPage, verbose_name=_("event"), on_delete=models.PROTECT, related_name="intervision_meeting"
    )
    number = models.PositiveSmallIntegerField(_("number"), default=1)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["event__starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        when = timezone.localtime(self.event.starts_at).strftime("%d-%m-%Y") if self.event.starts_at else "?"
        return f"{self.group.name} - {self.number} ({when})"

    @property
    def starts_at(self):
        return self.event.starts_at

    def has_started(self, now=None):
        return self.event.starts_at is not None and self.event.starts_at <= (now or timezone.now())


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    ACCEPTED = "accepted", _("Accepted, awaiting the agreement")
    ACTIVE = "active", _("Member")
    WAITLISTED = "waitlisted", _("On the waiting list")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left the group")


# Accepted members hold a seat while they read the agreement, so the group cannot overfill meanwhile.
SEAT_TAKING = (MembershipStatus.ACCEPTED, MembershipStatus.ACTIVE)
OPEN_STATUSES = (*SEAT_TAKING, MembershipStatus.APPLIED, MembershipStatus.WAITLISTED)
DECIDABLE = (MembershipStatus.APPLIED, MembershipStatus.WAITLISTED)


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(group__in=IntervisionGroup.objects.visible_to(user))

    def active(self):
        return self.filter(status=MembershipStatus.ACTIVE)


class Membership(models.Model):
    """A person's place in a group, from application to leaving.

    ``token`` is the secret of the applicant's own link (application status, the agreement, cases);
    it is random, never derived from an id, and replaced to revoke it. It is stored as a keyed hash
    (to find it) and a sealed copy (to send it): see ``participants.hashed_secrets``.
    """

    log_label_by_number = True  # its log entries say its number, not who (core.audit)

    group = models.ForeignKey(
        IntervisionGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="memberships"
    )
    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="intervision_memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    sector = models.CharField(_("products or commodities"), max_length=150, blank=True)
    motivation = models.TextField(_("motivation"), blank=True)
    language = models.CharField(_("language"), max_length=2, choices=EventLanguage.choices, default=EventLanguage.DUTCH)
    status = models.CharField(
        _("status"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.APPLIED
    )
    token_sealed = models.TextField(default=new_sealed_secret, editable=False)
    token_hash = SecretHashField(unique=True, sealed_field="token_sealed", purpose=hashed_secrets.MEMBER)
    token = secret_property("token", hashed_secrets.MEMBER)

    applied_at = models.DateTimeField(_("applied"), default=timezone.now)
    consent_at = models.DateTimeField(_("privacy consent given"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agreement_accepted_at = models.DateTimeField(_("agreement accepted"), null=True, blank=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "applied_at"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "participant"],
                condition=models.Q(status__in=["applied", "accepted", "active", "waitlisted"]),
                name="one_open_membership_per_person_per_group",
            ),
        ]

    def __str__(self):
        return f"{self.participant} - {self.group}"

    def get_absolute_url(self):
        return reverse("intervision:member", kwargs={"token": self.token})

    @property
    def is_active(self):
        return self.status == MembershipStatus.ACTIVE

    @property
    def joined_at(self):
        """When the member joined, for the rotation's last tie-break."""
        return self.agreement_accepted_at or self.decided_at or self.applied_at


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Cases the admin user may read: only those of the groups they facilitate, whatever their role."""
        return access.scope_cases(user, self)


class Case(models.Model):
    """A situation a member brings to a meeting. Confidential to the group and its facilitator."""

    log_label_by_number = True  # its log entries say its number, not who (core.audit)

    membership = models.ForeignKey(Membership, verbose_name=_("member"), on_delete=models.PROTECT, related_name="cases")
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="cases")
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"), help_text=_("What do you want the group to help you with?"))
    oecd_step = models.CharField(_("OECD due diligence step"), max_length=20, choices=OecdStep.choices)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    selected_at = models.DateTimeField(_("chosen as case holder"), null=True, blank=True)
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "submitted_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self):
        return self.title

    @property
    def is_selected(self):
        return self.selected_at is not None


class LearningQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def visible_to(self, user):
        """Facilitators see their groups' learnings; whoever may publish (the secretariat) sees them all."""
        return access.scope_learnings(user, self)


class Learning(models.Model):
    """What a group learnt, written by the facilitator so that no member or company can be recognised."""

    group = models.ForeignKey(
        IntervisionGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="learnings"
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), null=True, blank=True, on_delete=models.SET_NULL, related_name="learnings"
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(
        _("learning"),
        help_text=_("Anonymised: no names of members, companies, suppliers or places that identify them."),
    )
    oecd_step = models.CharField(_("OECD due diligence step"), max_length=20, choices=OecdStep.choices)
    commodity = models.CharField(_("commodity"), max_length=100, blank=True, help_text=_("For example: cocoa, soy."))
    published = models.BooleanField(_("published on the best-practice page"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = LearningQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("learning")
        verbose_name_plural = _("learnings")
        permissions = [("publish_learning", _("Can publish learnings on the best-practice page"))]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.published and not self.published_at:
            self.published_at = timezone.now()
        elif not self.published:
            self.published_at = None
        super().save(*args, **kwargs)

    def clean(self):
        if self.meeting_id and self.group_id and self.meeting.group_id != self.group_id:
            raise ValidationError({"meeting": _("This meeting belongs to another group.")})
