"""The words of the report's counts: statuses, stakeholder groups and the table they are read from."""

from events.choices import CIVIL_SOCIETY_TYPES, StakeholderType
from participants.models import Registration, RegistrationStatus

STATUSES = [s.value for s in RegistrationStatus]


COMPANY = StakeholderType.COMPANY.value


CANCELLED = RegistrationStatus.CANCELLED.value


CONFIRMED = RegistrationStatus.CONFIRMED.value


GROUPS = {
    "companies": [COMPANY],
    "civil_society": [t.value for t in CIVIL_SOCIETY_TYPES],
    "others": [t.value for t in StakeholderType if t != COMPANY and t not in CIVIL_SOCIETY_TYPES],
}


COUNTS = ["registered", "attended", "completed"]


REGISTRATION = Registration._meta.db_table
