"""The placeholders an editor may write in a certificate template, how they are filled in and checked."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")

# What an editor may write in a template's title and body; each is filled in per certificate.
PLACEHOLDERS = {
    "name": _("the participant's name"),
    "organisation": _("their organisation"),
    "event": _("the event's title"),
    "kind": _("the kind of event"),
    "dates": _("the dates attended"),
    "hours": _("the hours attended"),
    "sessions": _("the number of sessions attended"),
    "pe_points": _("the PE points"),
    "pe_register": _("the PE register"),
    "issuer": _("the issuer"),
    "code": _("the verification code"),
    "year": _("the year (certificates of a year)"),
    "meetings": _("the dates of the meetings attended (certificates of a year)"),
}


def fill_placeholders(text, values):
    """Replace each ``{placeholder}`` in ``text``; anything else is left as written."""
    return PLACEHOLDER_RE.sub(lambda m: str(values.get(m.group(1), m.group(0))), text or "")


def validate_placeholders(text):
    unknown = sorted({m for m in PLACEHOLDER_RE.findall(text or "") if m not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(unknown)s. You can use: %(known)s."),
            params={
                "unknown": ", ".join(f"{{{u}}}" for u in unknown),
                "known": ", ".join(f"{{{p}}}" for p in PLACEHOLDERS),
            },
        )
