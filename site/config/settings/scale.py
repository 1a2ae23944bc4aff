"""Production settings on loopback, for the scale test (tests/scale/) and the load benchmark.

Everything production does (DEBUG off, PostgreSQL, Redis broker and cache, several gunicorn workers,
several django-q2 clusters) except what needs HTTPS or a mail server: plain HTTP, and mail written one
file per message to $SCALE_MAIL_DIR so the test can count it across processes. Not for real use.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "scale-test-only-" + "s" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

from .production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SITE_URL = WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# No collectstatic in a test run: static files come from the app folders (whitenoise still serves them).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True

MAILERS = {
    "default": {
        "BACKEND": "tests.scale.mailer.FilePerMessageBackend",
        "OPTIONS": {
            "directory": os.environ.get("SCALE_MAIL_DIR", str(VAR_DIR / "scale-mail")),  # noqa: F405
            "delay": float(os.environ.get("SCALE_MAIL_DELAY", "0")),
        },
    }
}

# Every client of the test is 127.0.0.1: a per-address limit would measure the limiter, not the site.
RATELIMIT_ENABLED = False
AXES_ENABLED = False

Q_CLUSTER = {**Q_CLUSTER, "name": os.environ.get("Q_CLUSTER_NAME", "scale"), "timeout": 30, "retry": 45}  # noqa: F405
