"""The people who register: a person and their organisation, found or added.

A person is found by email address (case-insensitively), an organisation by its normalised name;
both are inserted first and looked up only when the database says they exist (most are new)."""

from django.conf import settings
from django.db import router
from django.db.models import Value
from django.db.models.constants import OnConflict
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from events.choices import StakeholderType
from participants.models import (
    Organisation,
    Participant,
    normalise_organisation_name,
)
from participants.registration.errors import RegistrationError

DETAIL_FIELDS = (
    "email",
    "first_name",
    "last_name",
    "stakeholder_type",
    "company_size",
    "sector",
    "organisation",
    "job_title",
    "phone",
    "dietary_needs",
    "accessibility_needs",
    "language",
)


def clean_details(details):
    data = {name: str(details.get(name) or "").strip() for name in DETAIL_FIELDS}
    data["email"] = data["email"].lower() if data["email"].isascii() else data["email"]
    if not data["email"] or not data["first_name"] or not data["last_name"]:
        raise RegistrationError(_("Give your name and email address."), "invalid")
    if data["stakeholder_type"] != StakeholderType.COMPANY:
        data["company_size"] = ""
        data["sector"] = ""
    if data["language"] not in ("nl", "en"):
        data["language"] = settings.LANGUAGE_CODE[:2]
    return data


def find_or_add_participant(data, organisation):
    """Find the person by email (case-insensitively) or create them; a known person keeps their details.

    Details of an existing person are not overwritten from a public form (anyone can type any email
    address); the person changes them through their private link. Returns (participant, created).
    """
    participant = Participant(
        email=data["email"],
        first_name=data["first_name"][:100],
        last_name=data["last_name"][:100],
        phone=data["phone"][:40],
        job_title=data["job_title"][:150],
        organisation=organisation,
        preferred_language=data["language"],
    )
    if _insert_unless_exists(participant):
        return participant, True
    # Known already (or registered at this moment by another request, whose commit the insert awaited).
    known = (
        Participant.objects.alias(email_lower=Lower("email"))
        .filter(email_lower=Lower(Value(data["email"])))  # the unique index's own expression
        .select_related("organisation")
        .get()
    )
    return known, False


def _insert_unless_exists(instance):
    """INSERT ``instance`` unless a unique constraint says it exists; True when inserted.

    ON CONFLICT DO NOTHING (INSERT OR IGNORE on SQLite): one statement, no savepoint, no IntegrityError
    that would break the transaction. Most people and organisations are new, so this comes first.

    ``Manager._insert`` is Django's internal API, kept on purpose: the public
    ``bulk_create(ignore_conflicts=True)`` returns no primary key, so a new person and a new
    organisation would each cost one more SELECT, 11 queries per registration instead of 9 against
    the target of at most 10 (bench/, "queries per registration"). tests/participants cover the
    insert and the conflict on SQLite and PostgreSQL, so a Django upgrade that changes it fails there.
    """
    meta = instance._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    rows = type(instance)._base_manager._insert(
        [instance], fields=fields, returning_fields=meta.db_returning_fields, on_conflict=OnConflict.IGNORE
    )
    if not rows:
        return False
    for value, field in zip(rows[0], meta.db_returning_fields, strict=True):
        setattr(instance, field.attname, value)
    instance._state.adding, instance._state.db = False, router.db_for_write(type(instance))
    return True


def find_or_add_organisation(name, participant=None):
    name = (name or "").strip()[:200]
    if not name:
        return None
    normalised = normalise_organisation_name(name) or name.lower()
    if participant is not None and participant.organisation and participant.organisation.normalised_name == normalised:
        return participant.organisation
    organisation = Organisation.objects.filter(normalised_name=normalised).first()
    if organisation is not None:
        return organisation
    organisation = Organisation(name=name, normalised_name=normalised)
    if _insert_unless_exists(organisation):
        return organisation
    return Organisation.objects.get(normalised_name=normalised)


def upsert_person(*, details, fill_blanks=False):
    """Return ``(participant, organisation)`` for the person ``details`` name, added when new.

    The person is found by email address (case-insensitively). A known person's details are not
    overwritten from a public form (anyone can type any address); ``fill_blanks=True`` fills in only
    what is empty (an intervision application, read by the group's facilitator).
    """
    data = clean_details(details)
    organisation = find_or_add_organisation(data["organisation"])
    participant, created = find_or_add_participant(data, organisation)
    if not created and fill_blanks:
        limits = {"first_name": 100, "last_name": 100, "phone": 40, "job_title": 150}
        changed = [name for name in limits if data[name] and not getattr(participant, name)]
        for name in changed:
            setattr(participant, name, data[name][: limits[name]])
        if organisation is not None and participant.organisation_id is None:
            participant.organisation = organisation
            changed.append("organisation")
        if changed:
            participant.save(update_fields=changed)
    return participant, organisation
