"""The lists every app shares: stakeholder types, company sizes, kinds of event (see DESIGN.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StakeholderType(models.TextChoices):
    COMPANY = "company", _("Company")
    GOVERNMENT = "government", _("Government")
    NGO = "ngo", _("NGO")
    TRADE_UNION = "trade_union", _("Trade union")
    SECTOR_ASSOCIATION = "sector_association", _("Sector association")
    KNOWLEDGE_INSTITUTION = "knowledge_institution", _("Knowledge institution")
    OTHER = "other", _("Other")


# The covenant's own reports put companies against "government, NGOs and trade unions".
CIVIL_SOCIETY_TYPES = (StakeholderType.GOVERNMENT, StakeholderType.NGO, StakeholderType.TRADE_UNION)


class CompanySize(models.TextChoices):
    SME = "sme", _("SME (under 250 employees)")
    LARGE = "large", _("Large company (250 employees or more)")


class EventKind(models.TextChoices):
    ROADSHOW = "roadshow", _("Due diligence roadshow")
    INTERVISION = "intervision", _("SME intervision")
    NEVI = "nevi", _("NEVI course")
    EXPERT = "expert", _("Local Expert Network training")
    OTHER = "other", _("Other")


class EventLanguage(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class AttendanceRule(models.TextChoices):
    ALL_SESSIONS = "all", _("All sessions")
    AT_LEAST = "at_least", _("At least a number of sessions")
