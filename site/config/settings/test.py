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

# With Redis (REDIS_URL) every pytest-xdist worker would share one server, and the tests' cache.clear()
# (FLUSHDB) of one worker would reset the other's counters mid-test: each worker gets a database of
# its own (gw0 the one REDIS_URL names, gw1 the next, modulo Redis's 16), and a key prefix besides.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker:
    import re

    from .base import CACHES

    _index = int(_worker.removeprefix("gw") or 0)

    def _own_database(location):
        if not isinstance(location, str) or not location.startswith("redis"):
            return location
        match = re.match(r"^(redis://[^/]+)/?(\d*)$", location)
        return f"{match[1]}/{(int(match[2] or 0) + _index) % 16}" if match else location

    CACHES = {
        alias: {**config, "KEY_PREFIX": _worker, "LOCATION": _own_database(config["LOCATION"])}
        if "Redis" in config["BACKEND"]
        else config
        for alias, config in CACHES.items()
    }
