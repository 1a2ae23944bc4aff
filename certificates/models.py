"""Certificates of attendance: the editable templates, the certificates themselves, and bulk batches.

A Certificate is of one of two scopes. An event certificate belongs to one Registration (a OneToOne,
so the database, not the code, guarantees one certificate per person per event however many batches
run at once). A year certificate proves participation in a *series* of events during one calendar
year, such as the meetings of an intervision group: it belongs to a participant, the series (any
model, through a generic relation, so this app imports nothing of the apps that have series) and the
year, once each (a unique constraint), and has no registration. Either way it keeps a snapshot of
what is printed on it: the name, organisation, event or series, dates, hours (and, for a year, the
meetings attended) as they were when it was issued or last reissued. Verification shows that
snapshot, so an event page edited later does not change what a certificate says. Its ``code`` is
random (see codes.py) and stays the same for the certificate's whole life: revoking marks it, a name
correction (or, for a year, a meeting attended since) reissues it with ``version`` + 1.

CertificateTemplate is a Wagtail snippet (registered in wagtail_hooks.py) with a live preview that
renders a sample PDF; CertificateBatch records an issuing run and its progress for the admin.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.models import PreviewableMixin

from core.absolute import absolute_url
from events.choices import EventKind, EventLanguage

from .choices import CertificateScope
from .content import certificate_content, sample_certificate
from .pdf import render_certificate_pdf
from .placeholders import PLACEHOLDERS, validate_placeholders


class CertificateTemplateQuerySet(models.QuerySet):
    def for_event(self, kind, language, scope=CertificateScope.EVENT):
        """The template for this kind of event, scope and language, else the one for any kind, else None."""
        candidates = sorted(
            self.filter(language=language, scope=scope, kind__in=[kind, ""]), key=lambda t: t.kind != kind
        )
        return candidates[0] if candidates else None


class CertificateTemplate(PreviewableMixin, models.Model):
    """The text and look of certificates, per kind of event and language. A snippet with a live preview."""

    name = models.CharField(_("name"), max_length=100, help_text=_("For the admin only."))
    kind = models.CharField(
        _("kind of event"),
        max_length=20,
        choices=EventKind.choices,
        blank=True,
        help_text=_("Leave empty to use this template for every kind that has no template of its own."),
    )
    scope = models.CharField(
        _("certificates of"),
        max_length=10,
        choices=CertificateScope.choices,
        default=CertificateScope.EVENT,
        help_text=_("A year certificate lists the meetings of an intervision group someone attended in a year."),
    )
    language = models.CharField(_("language"), max_length=2, choices=EventLanguage.choices)
    title = models.CharField(_("title"), max_length=150, validators=[validate_placeholders])
    body = models.TextField(
        _("body"),
        validators=[validate_placeholders],
        help_text=_("Placeholders such as {name}, {event}, {dates}, {hours} and {pe_points} are filled in."),
    )
    issuer = models.CharField(
        _("issuer"), max_length=150, blank=True, help_text=_("Who issues the certificate; the site's name if empty.")
    )
    signatory_name = models.CharField(_("signatory"), max_length=150, blank=True)
    signatory_role = models.CharField(_("signatory's role"), max_length=150, blank=True)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CertificateTemplateQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("scope"), FieldPanel("language")]),
        FieldPanel("title"),
        FieldPanel("body"),
        HelpPanel(
            content="<p>"
            + str(_("Placeholders:"))
            + " "
            + ", ".join(f"<code>{{{p}}}</code>" for p in PLACEHOLDERS)
            + "</p>"
        ),
        FieldPanel("issuer"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("signatory_name"), FieldPanel("signatory_role")]), FieldPanel("signature")],
            heading=_("Signature"),
        ),
        FieldPanel("logo"),
    ]

    class Meta:
        ordering = ["kind", "scope", "language"]
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "scope", "language"], name="one_certificate_template_per_kind_scope_language"
            ),
        ]

    def __str__(self):
        return self.name

    # The live preview: a sample certificate as the participant would get it.

    preview_modes = [("", _("PDF")), ("text", _("Text only"))]

    def serve_preview(self, request, mode_name):
        content = certificate_content(sample_certificate(self, Certificate), self)
        if mode_name == "text":
            return TemplateResponse(request, "certificates/template_preview.html", {"content": content})
        response = HttpResponse(render_certificate_pdf(content), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="preview.pdf"'
        return response


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)

    def of_series(self, series):
        """The year certificates of ``series`` (an intervision group, say)."""
        return self.filter(series_type=ContentType.objects.get_for_model(series), series_id=series.pk)


class Certificate(models.Model):
    """One participant's certificate for one event, or for a year of a series; see the module docstring."""

    registration = models.OneToOneField(
        "participants.Registration",
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    # A year certificate's series and year; empty on an event certificate.
    series_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    series_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    series = GenericForeignKey("series_type", "series_id")
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, editable=False)
    meetings = models.JSONField(
        _("meetings attended"),
        default=list,
        blank=True,
        editable=False,
        help_text="[{title, date, hours}] as printed on a year certificate.",
    )
    code = models.CharField(_("verification code"), max_length=19, unique=True, editable=False)
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)

    # What the certificate says, as issued (or last reissued).
    holder_name = models.CharField(_("name on the certificate"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    event_title = models.CharField(_("event title"), max_length=255)
    event_kind = models.CharField(_("kind of event"), max_length=20, choices=EventKind.choices)
    first_date = models.DateField(_("first date"))
    last_date = models.DateField(_("last date"))
    hours = models.DecimalField(_("hours attended"), max_digits=6, decimal_places=1)
    sessions_attended = models.PositiveSmallIntegerField(_("sessions attended"))
    pe_points = models.DecimalField(_("PE points"), max_digits=5, decimal_places=1, null=True, blank=True)
    pe_register = models.CharField(_("PE register"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=EventLanguage.choices)
    template = models.ForeignKey(
        CertificateTemplate, verbose_name=_("template"), null=True, blank=True, on_delete=models.SET_NULL
    )
    pdf = models.FileField(_("PDF"), upload_to="certificates/", blank=True, editable=False)

    issued_at = models.DateTimeField(_("issued"), default=timezone.now, db_index=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reissued_at = models.DateTimeField(_("reissued"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)
    batch = models.ForeignKey(
        "CertificateBatch", null=True, blank=True, on_delete=models.SET_NULL, related_name="certificates"
    )

    objects = CertificateQuerySet.as_manager()

    # A certificate names its holder: it must not turn up on the "usage" pages of its event or group, which
    # show what refers to them to whoever may edit those (an event's usage is not a list of who attended).
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        registration__isnull=False,
                        event__isnull=False,
                        series_id__isnull=True,
                        year__isnull=True,
                    )
                    | models.Q(
                        registration__isnull=True,
                        participant__isnull=False,
                        series_type__isnull=False,
                        series_id__isnull=False,
                        year__isnull=False,
                    )
                ),
                name="certificate_of_an_event_or_of_a_year",
            ),
            models.UniqueConstraint(
                fields=["participant", "series_type", "series_id", "year"],
                condition=models.Q(series_id__isnull=False),
                name="one_certificate_per_person_series_year",
            ),
        ]

    def __str__(self):
        return f"{self.code} \N{EN DASH} {self.holder_name}"

    @property
    def scope(self):
        return CertificateScope.YEAR if self.year else CertificateScope.EVENT

    @property
    def is_year_certificate(self):
        return self.year is not None

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def status(self):
        return "revoked" if self.is_revoked else "valid"

    @property
    def status_label(self):
        return _("revoked") if self.is_revoked else _("valid")

    def get_verify_url(self):
        return absolute_url(reverse("certificates:verify", args=[self.code]))

    def pdf_filename(self):
        """The name a participant's download gets."""
        return f"certificate-{self.code}.pdf"


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class CertificateBatch(models.Model):
    """One run of issuing an event's certificates, and how far it got. Rerunning is always safe."""

    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.PROTECT, related_name="certificate_batches"
    )
    status = models.CharField(_("status"), max_length=20, choices=BatchStatus.choices, default=BatchStatus.QUEUED)
    total = models.PositiveIntegerField(_("eligible"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    issued = models.PositiveIntegerField(_("newly issued"), default=0)
    last_error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")

    def __str__(self):
        return f"{self.event.title} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def progress(self):
        return f"{self.done} / {self.total}"
