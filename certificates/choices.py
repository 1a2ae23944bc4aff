"""The choices of the certificates app, below its models and its content so that both can use them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateScope(models.TextChoices):
    EVENT = "event", _("One event")
    YEAR = "year", _("A year of a group's meetings")
