"""Tests: fast hashing, mail in memory, tasks run synchronously unless a test says otherwise."""

import os

from .base import *  # noqa: F403
from .base import Q_CLUSTER, VAR_DIR

SECRET_KEY = "test-only-key-not-secret-" + "x" * 40
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
CERTIFICATE_SIGNING_KEY_FILE = VAR_DIR / "test_certificate_signing_key.pem"

# Rate limits and login throttling count requests per address, and every test client is 127.0.0.1:
# off by default here; the tests of them switch them on (tests/privacy/test_hardening.py).
RATELIMIT_ENABLED = False
AXES_ENABLED = False

# With Redis (REDIS_URL) every pytest-xdist worker shares one server: each gets its own key prefix,
# so one worker's test that clears or changes a cached value (Wagtail's site root paths, a feed)
# never changes what another worker's test reads or counts.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker:
    from .base import CACHES

    CACHES = {alias: {**config, "KEY_PREFIX": _worker} for alias, config in CACHES.items()}
