"""Keep the secrets in URL paths out of the logs.

A private link (``/r/<token>/``), an intervision member's link (``/intervision/m/<token>/``) and
an email confirmation link (``/registration/confirm/<token>/``) are keys in the path itself. Django
logs the path of every 4xx and 5xx response (``django.request``, ``django.security.*``) and the
development server every request line (``django.server``): without this filter a log file, or a
log service, would hold working links. The filter rewrites the message in place, so every handler
downstream sees the redacted text.
"""

import logging
import re

# One path segment after each prefix: up to the next slash, space, quote, query or fragment.
SECRET_PATH = re.compile(r"(/r/|/intervision/m/|/registration/confirm/)[^/\s?#\"']+")
REDACTED = "[redacted]"


def redact(text):
    """``text`` with the secret segment of each private link replaced by ``[redacted]``."""
    return SECRET_PATH.sub(lambda match: match.group(1) + REDACTED, text)


class RedactSecretPaths(logging.Filter):
    """A logging filter that redacts secret path segments from the formatted message."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # A malformed record is the handler's to report, not ours.
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg = redacted
            record.args = ()
        return True
