"""Benchmarks through gunicorn (bench/bench_registration.py): production-like, but on 127.0.0.1,
without HTTPS, with mail kept in memory and the registration rate limit out of the way."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, RATELIMITS

SECRET_KEY = "bench-only-key-not-secret-" + "x" * 40
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
DATABASES["default"]["CONN_MAX_AGE"] = 60  # persistent connections, as a production deployment has
# Every client is 127.0.0.1: the form's limit stays out of the way, but still counts (as in production).
RATELIMITS = {**RATELIMITS, "register": "1000000000/m"}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}

# The Lighthouse benchmark serves collected, compressed static files, as production does (WhiteNoise).
if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
    STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}  # noqa: F405
