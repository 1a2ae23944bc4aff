"""People, organisations, registrations, attendance and the outbox of emails.

A Participant is one person across events (matched on email, case-insensitively); an Organisation is
matched on a normalised name. A Registration keeps what was true when the person registered
(stakeholder type, company size, organisation), so reports stay right when people change jobs and
after personal data is anonymised: anonymising blanks a Participant's fields in place and keeps the
row, its registrations and their attendance.
"""

import re
import unicodedata
import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core import access
from events.choices import CompanySize, EventLanguage, StakeholderType
from events.models import EventPage, EventSession
from participants import hashed_secrets
from participants.hashed_secrets import SecretHashField, new_sealed_secret, secret_property

# Kept here too: migrations 0001 name it as the default of the columns that are now hashed.
new_secret = hashed_secrets.new_secret


def normalise_organisation_name(name):
    """Fold case, accents, punctuation, spacing and common legal forms, so "Unilever N.V." is "unilever"."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = re.sub(r"\b(b ?v|n ?v|v ?o ?f|c ?v|bv|nv|vof|ltd|inc|gmbh|llc|stichting|vereniging)\b", " ", text)
    return " ".join(text.split())


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    normalised_name = models.CharField(_("normalised name"), max_length=200, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalised_name = normalise_organisation_name(self.name) or self.name.strip().lower()
        super().save(*args, **kwargs)


class ParticipantQuerySet(models.QuerySet):
    def by_email(self, email):
        return self.filter(email__iexact=(email or "").strip())


class Participant(models.Model):
    """One person, across all the events they register for. Has no account: see Registration.access_token."""

    log_label_by_number = True  # its log entries say its number, not who (core.audit)

    email = models.EmailField(_("email address"), max_length=254)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participants",
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=EventLanguage.choices, default=EventLanguage.DUTCH
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="participant_email_ci_unique"),
        ]

    def __str__(self):
        return self.full_name or str(_("(anonymised)"))

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting email confirmation")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


# Statuses that occupy a seat: an unconfirmed registration holds its seat until its hold expires.
SEAT_HOLDING = (RegistrationStatus.PENDING, RegistrationStatus.AWAITING_APPROVAL, RegistrationStatus.CONFIRMED)
ACTIVE = (*SEAT_HOLDING, RegistrationStatus.WAITLISTED)


class RegistrationSource(models.TextChoices):
    WEB = "web", _("Registration form")
    ADMIN = "admin", _("Added by an organiser")
    WALK_IN = "walk_in", _("Walk-in at the door")
    INTERVISION = "intervision", _("Intervision group membership")


class RegistrationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Registrations of the events ``user`` may run (the access policy's ``scope``)."""
        return access.scope(user, self)

    def active(self):
        return self.filter(status__in=ACTIVE)

    def holding_seats(self):
        return self.filter(status__in=SEAT_HOLDING)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=RegistrationStatus.WAITLISTED).order_by("waitlisted_at", "pk")


class Registration(models.Model):
    """A person's place at one event, with what was true of them when they registered.

    ``access_token`` is the private link's secret and ``checkin_code`` the QR code's; both are random
    (not derived from any id) and are replaced, never edited, to revoke them. Neither is stored as
    such: each has a keyed hash (to look it up) and a sealed copy (to send it again); see
    ``participants.hashed_secrets``.
    """

    log_label_by_number = True  # its log entries say its number, not who (core.audit)

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.PROTECT, related_name="registrations"
    )
    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="registrations"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.PENDING
    )
    source = models.CharField(
        _("source"), max_length=20, choices=RegistrationSource.choices, default=RegistrationSource.WEB
    )

    # As it was at the time of registering; the statistics count these, never the Participant's now.
    stakeholder_type = models.CharField(_("stakeholder type"), max_length=30, choices=StakeholderType.choices)
    company_size = models.CharField(_("company size"), max_length=10, choices=CompanySize.choices, blank=True)
    sector = models.CharField(_("sector"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)

    # Sensitive: kept apart and deleted soon after the event (see the retention policy).
    dietary_needs = models.TextField(_("dietary needs"), blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    needs_deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    language = models.CharField(_("language"), max_length=2, choices=EventLanguage.choices, default=EventLanguage.DUTCH)
    consent_at = models.DateTimeField(_("privacy consent given"), null=True, blank=True)

    access_token_sealed = models.TextField(default=new_sealed_secret, editable=False)
    access_token_hash = SecretHashField(unique=True, sealed_field="access_token_sealed", purpose=hashed_secrets.LINK)
    checkin_code_sealed = models.TextField(default=new_sealed_secret, editable=False)
    checkin_code_hash = SecretHashField(unique=True, sealed_field="checkin_code_sealed", purpose=hashed_secrets.CHECKIN)
    access_token = secret_property("access_token", hashed_secrets.LINK)
    checkin_code = secret_property("checkin_code", hashed_secrets.CHECKIN)

    created_at = models.DateTimeField(_("registered"), default=timezone.now, db_index=True)
    hold_expires_at = models.DateTimeField(_("seat held until"), null=True, blank=True)
    email_confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("waitlisted"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by_participant = models.BooleanField(default=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    # The number of sessions checked in for (check-ins not undone), for the attendance report. Kept by
    # triggers in the database (migration 0007), so every writer of Attendance keeps it right in the
    # same transaction, and a save of a Registration loaded before a check-in cannot overwrite it.
    sessions_checked_in = models.PositiveSmallIntegerField(_("sessions checked in"), default=0, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "participant"],
                condition=~models.Q(status="cancelled"),
                name="one_active_registration_per_person_per_event",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "stakeholder_type"]),
            # The attendance report's (participants/reports/queries.py); each holds every column its query
            # reads, so SQLite counts from the index alone, in the order it groups by.
            models.Index(
                fields=["event", "stakeholder_type", "company_size", "status", "sessions_checked_in"],
                name="registration_report_cells",
            ),
            models.Index(
                fields=["participant", "stakeholder_type", "event", "status", "sessions_checked_in"],
                name="registration_report_people",
            ),
            models.Index(
                fields=["organisation", "stakeholder_type", "company_size", "event", "status", "sessions_checked_in"],
                name="registration_report_orgs",
            ),
            # The report leaves out check-ins of cancelled registrations, found from these (a few percent).
            models.Index(fields=["status"], condition=models.Q(status="cancelled"), name="registration_cancelled"),
        ]

    def __str__(self):
        return f"{self.participant} - {self.event.title}"

    @property
    def is_active(self):
        return self.status in ACTIVE

    def revoke_access(self):
        """Give the private link a new secret; the old link stops working at once."""
        self.access_token = new_secret()
        self.save(update_fields=["access_token_hash", "access_token_sealed"])

    def revoke_checkin_code(self):
        """Give the QR code a new secret; the old code scans as invalid."""
        self.checkin_code = new_secret()
        self.save(update_fields=["checkin_code_hash", "checkin_code_sealed"])


class AttendanceMethod(models.TextChoices):
    QR = "qr", _("QR code")
    MANUAL = "manual", _("By hand")
    OFFLINE = "offline", _("QR code, offline")
    WALK_IN = "walk_in", _("Walk-in")
    LIST = "list", _("Attendance list")


class AttendanceQuerySet(models.QuerySet):
    def counted(self):
        """Check-ins that count: not undone, of registrations that are not cancelled."""
        return self.filter(undone_at__isnull=True).exclude(registration__status=RegistrationStatus.CANCELLED)


class Attendance(models.Model):
    """A registration checked in for a session. One per registration and session while not undone."""

    log_label_by_number = True  # its log entries say its number, not who (core.audit)

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.PROTECT, related_name="attendances"
    )
    session = models.ForeignKey(
        EventSession, verbose_name=_("session"), on_delete=models.PROTECT, related_name="attendances"
    )
    checked_in_at = models.DateTimeField(_("checked in"), default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    method = models.CharField(_("method"), max_length=20, choices=AttendanceMethod.choices, default=AttendanceMethod.QR)
    nonce = models.CharField(max_length=64, blank=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["-checked_in_at"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"],
                condition=models.Q(undone_at__isnull=True),
                name="one_checkin_per_registration_per_session",
            ),
        ]
        indexes = [
            # Check-ins per session for the attendance report, read from the index alone.
            models.Index(
                fields=["session", "registration"],
                condition=models.Q(undone_at__isnull=True),
                name="attendance_counted_by_session",
            ),
        ]

    def __str__(self):
        return f"{self.registration.participant} @ {self.session}"


class OutboxStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxEmail(models.Model):
    """An email, written as a row first and sent by a task, so an unreachable mail server loses nothing.

    ``key`` names what the email is for ("confirmed:<registration>", "invite:<registration>:<sequence>")
    and is unique: asking twice to send the same email stores it once and sends it once.
    A calendar, when there is one, goes out both as a ``text/calendar; method=...`` part and as an
    ``.ics`` attachment, the way Outlook and Gmail expect it.
    """

    key = models.CharField(max_length=200, unique=True)
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="emails"
    )
    to = models.EmailField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    calendar = models.TextField(blank=True)
    calendar_method = models.CharField(max_length=20, blank=True)
    # Further attachments: [{"filename", "mimetype", "content_b64", "content_id"?}]
    attachments = models.JSONField(default=list, blank=True)
    # Extra headers of the message (List-Unsubscribe of a mailing, say): {name: value}.
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=OutboxStatus.choices, default=OutboxStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    uuid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("email")
        verbose_name_plural = _("outbox")

    def __str__(self):
        return f"{self.subject} → {self.to}"


class CalendarInvite(models.Model):
    """One session's calendar invite as last sent to one registration: what their calendar holds.

    Compared with the event's ``events.CalendarEntry`` rows to decide what to send: an invite for a
    session they do not have, an update when the session's fingerprint changed, a CANCEL for what
    they have that is removed, cancelled, or no longer theirs. See ``participants.invites.services``.
    """

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="calendar_invites")
    uid = models.UUIDField()
    sequence = models.PositiveIntegerField()
    fingerprint = models.CharField(max_length=64, blank=True)
    cancelled = models.BooleanField(default=False)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar invite")
        verbose_name_plural = _("calendar invites")
        constraints = [
            models.UniqueConstraint(fields=["registration", "uid"], name="one_calendar_invite_per_session"),
        ]

    def __str__(self):
        return f"{self.uid} #{self.sequence}{' (cancelled)' if self.cancelled else ''}"


class ScanStatus(models.TextChoices):
    """The outcome of a scan, as the check-in API reports it (see DESIGN.md)."""

    OK = "ok", _("Checked in")
    ALREADY_CHECKED_IN = "already_checked_in", _("Already checked in")
    INVALID = "invalid", _("Invalid code")
    CANCELLED = "cancelled", _("Registration cancelled")
    WAITLISTED = "waitlisted", _("On the waiting list")
    WRONG_EVENT = "wrong_event", _("Registered for another event")
    NOT_ALLOWED = "not_allowed", _("Not allowed")
    UNDONE = "undone", _("Check-in undone")


class ScanAction(models.TextChoices):
    SCAN = "scan", _("QR code scanned")
    MANUAL = "manual", _("Checked in by hand")
    OFFLINE = "offline", _("Sent after scanning offline")
    UNDO = "undo", _("Undo")


class ScanLog(models.Model):
    """Every scan at the door, failed ones too: who scanned what, when, and what the answer was.

    The scanned text itself is not kept (it may be a secret, or garbage of any size): only its
    SHA-256, which is enough to find every scan of one code. Rows outlive what they point at.
    """

    session = models.ForeignKey(
        EventSession, verbose_name=_("session"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scans",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scanned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=ScanAction.choices, default=ScanAction.SCAN)
    status = models.CharField(_("result"), max_length=30, choices=ScanStatus.choices)
    reason = models.CharField(_("reason"), max_length=40, blank=True)
    code_sha256 = models.CharField(max_length=64, blank=True)
    nonce = models.CharField(max_length=64, blank=True)
    scanned_at = models.DateTimeField(_("scanned"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)

    # Listed in the admin (a ModelViewSet), but nothing ever needs "where is this used?" for a scan:
    # without this, Wagtail would update its reference index on every scan (five more statements).
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("scan")
        verbose_name_plural = _("scans")

    def __str__(self):
        return f"{self.get_action_display()}: {self.get_status_display()} ({self.created_at:%Y-%m-%d %H:%M:%S})"


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    ONE_CHOICE = "one_choice", _("One choice")
    SEVERAL_CHOICES = "several_choices", _("Several choices")
    YES_NO = "yes_no", _("Yes or no")
    NUMBER = "number", _("Number")


CHOICE_KINDS = (QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES)
TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)


class QuestionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Questions of the events ``user`` may run; a programme's default questions: the Secretariat's."""
        if access.sees_all_events(user):
            return self
        return access.scope(user, self.filter(event__isnull=False))

    def for_event(self, event):
        """The questions an event asks: its programme's defaults first, then its own, each in order."""
        parent = event.get_parent() if event.pk else None
        return self.filter(models.Q(event_id=event.pk) | models.Q(programme_id=getattr(parent, "pk", None))).order_by(
            models.F("programme_id").asc(nulls_last=True), "sort_order", "pk"
        )


class Question(models.Model):
    """A question of an event's own (or, as a default, of every event of a programme).

    Choices are lines of text, in Dutch and (line by line) in English. An Answer keeps the labels it
    was given, in both languages, so renaming, reordering or removing a choice later leaves every
    answer readable; the question's text is kept with the answer too.
    """

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), null=True, blank=True, on_delete=models.CASCADE, related_name="questions"
    )
    programme = models.ForeignKey(
        "events.ProgrammePage",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questions",
        help_text=_("A programme's question is asked at every event of it."),
    )
    kind = models.CharField(_("kind of answer"), max_length=20, choices=QuestionKind.choices)
    text_nl = models.CharField(_("question in Dutch"), max_length=300)
    text_en = models.CharField(_("question in English"), max_length=300, blank=True)
    help_nl = models.CharField(_("explanation in Dutch"), max_length=300, blank=True)
    help_en = models.CharField(_("explanation in English"), max_length=300, blank=True)
    choices_nl = models.TextField(_("choices in Dutch"), blank=True, help_text=_("One choice a line."))
    choices_en = models.TextField(
        _("choices in English"), blank=True, help_text=_("One choice a line, in the same order as the Dutch.")
    )
    required = models.BooleanField(_("required"), default=False)
    # Empty: asked of everyone; otherwise only of these stakeholder types (events.choices.StakeholderType).
    stakeholder_types = models.JSONField(_("asked of"), default=list, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(event__isnull=False, programme__isnull=True)
                | models.Q(event__isnull=True, programme__isnull=False),
                name="question_of_an_event_or_a_programme",
            ),
        ]

    def __str__(self):
        return self.text_nl

    def text(self, language=None):
        return self.text_en if _english(language) and self.text_en else self.text_nl

    def help_text(self, language=None):
        return self.help_en if _english(language) and self.help_en else self.help_nl

    def choices(self):
        """The choices as (Dutch, English) pairs; English falls back to the Dutch line."""
        dutch = _lines(self.choices_nl)
        english = _lines(self.choices_en)
        return [(nl, english[i] if i < len(english) else nl) for i, nl in enumerate(dutch)]

    def choice_labels(self, language=None):
        english = _english(language)
        return [en if english else nl for nl, en in self.choices()]

    def asks(self, stakeholder_type):
        return not self.stakeholder_types or stakeholder_type in self.stakeholder_types

    def stakeholder_type_labels(self):
        labels = dict(StakeholderType.choices)
        return [str(labels[value]) for value in self.stakeholder_types if value in labels]


def _english(language):
    return (language or translation.get_language() or "nl")[:2] == "en"


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Answer(models.Model):
    """A registration's answer to a question, readable whatever later happens to the question.

    ``value`` is the answer as given: text, a number (as text), true/false, or for choices a list of
    ``{"nl", "en"}`` labels as they were. ``question_text`` is the question as it was asked. Free
    text is personal: erasure and the retention policy blank it (``erased_at``); choices, yes/no
    and numbers are kept for the counts in the event's report, as the stakeholder type is.
    """

    log_label_by_number = True

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers")
    question_text = models.CharField(_("question as asked"), max_length=300)
    value = models.JSONField(_("answer"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    class Meta:
        ordering = ["question__sort_order", "question_id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"], name="one_answer_per_question"),
        ]

    def __str__(self):
        return self.display()

    def display(self, language=None):
        """The answer as text, in ``language`` (or the active one) where the answer has two."""
        value = self.value
        if self.erased_at and value is None:
            return str(_("(erased)"))
        if value is None or value == "" or value == []:
            return ""
        if isinstance(value, bool):
            return str(_("Yes") if value else _("No"))
        if isinstance(value, list):
            key = "en" if _english(language) else "nl"
            return ", ".join(item.get(key) or item.get("nl", "") for item in value)
        return str(value)


class MessageStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    QUEUING = "queuing", _("Being queued")
    QUEUED = "queued", _("Queued")


class MessageQuerySet(models.QuerySet):
    def visible_to(self, user):
        return access.scope(user, self)


class Message(models.Model):
    """An organiser's email to people of an event, kept with its text, sender, filter and recipients.

    One outbox email per recipient, under the key ``message:<message>:<registration>`` (so queuing
    twice sends once), in the recipient's language; the counts of sent and failed are the outbox's.
    ``filters`` keeps the choices the recipients were found with (statuses, types, sizes, attendance,
    hand-picked ids), ``recipients`` the registrations' ids as they were when it was sent.
    """

    event = models.ForeignKey(EventPage, on_delete=models.PROTECT, related_name="messages", verbose_name=_("event"))
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("sender")
    )
    subject_nl = models.CharField(_("subject (Dutch)"), max_length=200)
    body_nl = models.TextField(_("text (Dutch)"))
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    filters = models.JSONField(default=dict, blank=True)
    recipients = models.JSONField(default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MessageStatus.choices, default=MessageStatus.QUEUING)
    send_at = models.DateTimeField(_("send at"), null=True, blank=True)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    queued_at = models.DateTimeField(_("queued"), null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return self.subject_nl

    @property
    def key_prefix(self):
        return f"message:{self.pk}:"

    def text_in(self, language):
        """(subject, body) in ``language``; Dutch when the English text was left empty."""
        if language == EventLanguage.ENGLISH and self.subject_en.strip() and self.body_en.strip():
            return self.subject_en, self.body_en
        return self.subject_nl, self.body_nl
