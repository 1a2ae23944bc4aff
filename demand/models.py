"""Demand for the next trainings: people who asked to hear of a new one, and what they were told.

An ``Interest`` is an email address with what the person told us (stakeholder type, region or city,
language) for one programme. It counts (and gets emails) once the address is confirmed (double
opt-in); unsubscribing deletes it. Its secret ``token`` (kept as in ``participants.hashed_secrets``:
a keyed hash to find it, a sealed copy for the links in emails) opens the confirmation and the
one-click unsubscribe. A ``Notice`` says an interest was told of an event: never twice.

The region is free text (a region or a city); ``services.region_fits`` compares it with an event's
place and its region (events.Region) in either language.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.choices import EventLanguage, StakeholderType
from events.models import EventPage, ProgrammePage
from participants.hashed_secrets import SecretHashField, new_sealed_secret, secret_property

INTEREST = "interest"


class InterestQuerySet(models.QuerySet):
    def active(self):
        return self.filter(confirmed_at__isnull=False)


class Interest(models.Model):
    programme = models.ForeignKey(ProgrammePage, on_delete=models.CASCADE, related_name="interests")
    email = models.EmailField(_("email address"))
    stakeholder_type = models.CharField(_("stakeholder type"), max_length=30, choices=StakeholderType.choices)
    region = models.CharField(
        _("region or city"), max_length=100, blank=True, help_text=_("Leave empty for anywhere in the Netherlands.")
    )
    language = models.CharField(_("language"), max_length=2, choices=EventLanguage.choices, default=EventLanguage.DUTCH)
    source_event = models.ForeignKey(EventPage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    token_sealed = models.TextField(default=new_sealed_secret, editable=False)
    token_hash = SecretHashField(sealed_field="token_sealed", purpose=INTEREST, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = InterestQuerySet.as_manager()
    token = secret_property("token", INTEREST)

    class Meta:
        verbose_name = _("interest in a training")
        verbose_name_plural = _("interest in trainings")
        constraints = [models.UniqueConstraint(fields=["programme", "email"], name="one_interest_per_programme")]

    def __str__(self):
        return f"{self.programme} / {self.pk}"


class Notice(models.Model):
    """``interest`` was told of ``event``: the one email it gets about it."""

    interest = models.ForeignKey(Interest, on_delete=models.CASCADE, related_name="notices")
    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["interest", "event"], name="one_notice_per_event")]

    def __str__(self):
        return f"{self.interest_id} / {self.event_id}"
