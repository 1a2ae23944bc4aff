"""What certificates hold about a person, under the retention policy and on erasure.

A certificate names its holder so that whoever checks its code can see whose it is. The policy
(``settings.RETENTION["certificate_years"]``) keeps that name for so many years after issue (or the
last reissue), even when the person is anonymised earlier because they stopped coming: that is what
a certificate is for. After that period, or at once when the person asks for erasure, the name goes
and the stored PDF (which prints it) is deleted. The code, status, event and dates stay, so the code
still verifies: "genuine, the holder's name is no longer kept".

The models are listed in ``HOLDER_DATA`` as data, and every function here works from that list, so
another kind of certificate (an intervision year certificate, say) joins by adding one entry.

Registered in wagtail_hooks.py for the hooks participants calls: ``apply_retention``,
``participant_anonymise`` and ``participant_data_export``.
"""

import calendar
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce

from participants.privacy.retention import policy as retention_policy

from .models import Certificate


@dataclass(frozen=True)
class HolderData:
    """Where a model keeps a certificate holder's personal data."""

    model: type
    holder: str  # the lookup from the model to its Participant
    blank: dict  # personal field -> its value once anonymised
    name_field: str = "holder_name"  # empty once anonymised: what marks a row as done
    files: tuple = ()  # file fields whose stored file names the holder
    issued: tuple = ("reissued_at", "issued_at")  # the last issue, the first field that is set
    export: tuple = ()  # fields the person gets in their data download


HOLDER_DATA = [
    HolderData(
        model=Certificate,
        holder="participant",  # Event certificates and year certificates (which have no registration) alike.
        # A revocation reason is free text, shown on verification, and may name the holder.
        blank={"holder_name": "", "revoke_reason": ""},
        files=("pdf",),
        export=("code", "event_title", "first_date", "last_date", "year", "holder_name", "issued_at", "revoked_at"),
    ),
]


def years_before(moment, years):
    year = moment.year - years
    day = min(moment.day, calendar.monthrange(year, moment.month)[1])
    return moment.replace(year=year, day=day)


def _blank(spec, queryset):
    """Blank the personal fields of ``queryset`` and delete its stored files; return how many rows."""
    rows = list(queryset.exclude(**{spec.name_field: ""}).values("pk", *spec.files))
    if not rows:
        return 0
    spec.model.objects.filter(pk__in=[row["pk"] for row in rows]).update(
        **spec.blank, **{name: "" for name in spec.files}
    )
    # After commit: a rolled-back erasure must not have lost the files.
    stored = [row[name] for row in rows for name in spec.files if row[name]]
    transaction.on_commit(lambda: [default_storage.delete(name) for name in stored])
    return len(rows)


def expired_holder_names(spec, now, policy):
    cutoff = years_before(now, policy["certificate_years"])
    last_issued = Coalesce(*spec.issued) if len(spec.issued) > 1 else F(spec.issued[0])
    return spec.model.objects.annotate(last_issued=last_issued).filter(last_issued__lt=cutoff)


def apply_certificate_retention(*, now, policy):
    """Anonymise the holders of certificates issued longer ago than the verification period."""
    done = 0
    for spec in HOLDER_DATA:
        done += _blank(spec, expired_holder_names(spec, now, policy))
    return {"certificate_names_anonymised": done}


def anonymise_certificates(participant, *, now, on_request=False, policy=None, **kwargs):
    """On an erasure request, the person's certificates lose their name; under the retention policy
    they keep it until their verification period ends (``apply_certificate_retention``)."""
    for spec in HOLDER_DATA:
        theirs = spec.model.objects.filter(**{spec.holder: participant})
        if not on_request:
            theirs = theirs.filter(pk__in=expired_holder_names(spec, now, policy or retention_policy()))
        _blank(spec, theirs)


def export_certificates(participant):
    return (
        "certificates",
        [
            {name: _json(getattr(row, name)) for name in spec.export}
            for spec in HOLDER_DATA
            for row in spec.model.objects.filter(**{spec.holder: participant}).order_by("pk")
        ],
    )


def _json(value):
    return value.isoformat() if hasattr(value, "isoformat") else value
