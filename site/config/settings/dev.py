"""Development: `make run`. Mail is written to files under var/mail/ so a newcomer can read it."""

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = True
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")  # noqa: F405

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
    }
}
CERTIFICATE_SIGNING_KEY_FILE = VAR_DIR / "certificate_signing_key.pem"
