"""Settings shared by every environment; everything that differs per machine comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[3]
SITE_DIR = BASE_DIR / "site"
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite database, dev mail and keys live here


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "pages",
    "events",
    "participants",
    "certificates",
    "evaluations",
    "demand",
    "intervision",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_q",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # Wagtail's search and some lookups need it on PostgreSQL.
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "config.security.AdminContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite by default (a file under var/), PostgreSQL when DATABASE_URL says so.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so two writers wait for each other
    # instead of one failing with "database is locked" halfway through.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# The rate limiters' counters (core/ratelimit.py) must be shared by every web process, or
# each gunicorn worker would have a budget of its own: in Redis when there is one, else in a table of
# the database (``ratelimit_cache``, made by ``migrate``, which runs ``createcachetable``). Its
# TIMEOUT is the longest window (a day): the database cache's ``incr`` rewrites a counter with the
# default timeout, which must not end it before its window does.
RATELIMIT_CACHE = "ratelimit"
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        RATELIMIT_CACHE: {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
    }
else:
    CACHES = {
        # The cached feeds and forms, per process.
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}},
        RATELIMIT_CACHE: {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "ratelimit_cache",
            "TIMEOUT": 86400 + 1,
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }

# django-q2: the ORM broker needs nothing else running; Redis when REDIS_URL is set.
# timeout < retry, and a finite number of attempts, so a task that hangs is retried but not forever.
Q_CLUSTER = {
    "name": os.environ.get("Q_CLUSTER_NAME", "covenant"),
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": 60,
    "retry": 90,
    "max_attempts": 5,
    "ack_failures": True,
    "queue_limit": 50,
    "bulk": 10,
    "catch_up": False,
    "label": "Taken",
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"
    Q_CLUSTER["poll"] = 1

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username or address is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [SITE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static-collected"
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Mail: Django 6.1's MAILERS. Every email goes through the outbox (participants.models.OutboxEmail)
# and is handed to this mailer by a task.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Convenant Trainingen <trainingen@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS"),
            "timeout": 20,
        },
    }
}

WAGTAIL_SITE_NAME = "Convenant Trainingen"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
SITE_URL = WAGTAILADMIN_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# No Gravatar: it would send a hash of every admin user's email address to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor the admin's check for new Wagtail releases (a request to releases.wagtail.org from every browser).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_I18N_ENABLED = False  # Events are not translated as page copies: see DESIGN.md.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

LOGIN_URL = "wagtailadmin_login"

# Secret links (/r/<token>/, member links) are redacted from what Django logs of requests
# (config/log_redaction.py): on the loggers that write request paths, and on every handler.
_REDACT = ["redact_secret_paths"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secret_paths": {"()": "config.log_redaction.RedactSecretPaths"}},
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": _REDACT},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server", "filters": _REDACT},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "covenant": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO"), "propagate": False},
        "django.request": {"filters": _REDACT},
        "django.security.csrf": {"filters": _REDACT},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False, "filters": _REDACT},
    },
}

# How long an unconfirmed registration holds its seat before the seat goes to the waiting list.
REGISTRATION_HOLD_HOURS = int(os.environ.get("REGISTRATION_HOLD_HOURS", "24"))

# Calendar: the reminder email (with the invite again) goes this many days before the first session.
REMINDER_DAYS_BEFORE = int(os.environ.get("REMINDER_DAYS_BEFORE", "3"))
# The hour of the day, in each event's own time zone, at which its reminders go out.
REMINDER_LOCAL_HOUR = int(os.environ.get("REMINDER_LOCAL_HOUR", "10"))
# How long the email confirmation link works; registering again sends a fresh one.
REGISTRATION_CONFIRM_LINK_HOURS = int(os.environ.get("REGISTRATION_CONFIRM_LINK_HOURS", "72"))
# Certificates: the Open Badges signing key, an RSA private key in PEM, comes from the environment.
# dev and test settings fall back to a key generated once under var/; production has no fallback.
CERTIFICATE_SIGNING_KEY = os.environ.get("CERTIFICATE_SIGNING_KEY", "")
CERTIFICATE_SIGNING_KEY_FILE = None
# Privacy: how long personal data is kept (participants/retention.py applies it daily; see docs/deploy.md).
RETENTION = {
    # Dietary and accessibility needs are deleted this many days after the event ends.
    "needs_days_after_event": int(os.environ.get("RETENTION_NEEDS_DAYS", "7")),
    # Free-text answers to an event's own questions are blanked this many days after the event ends.
    "answer_text_days_after_event": int(os.environ.get("RETENTION_ANSWER_TEXT_DAYS", "30")),
    # A person is anonymised this many months after the last event they registered for or attended.
    "personal_data_months_after_last_event": int(os.environ.get("RETENTION_PERSONAL_MONTHS", "24")),
    # Certificates stay verifiable (with the holder's name) for this many years after issuing.
    "certificate_years": int(os.environ.get("RETENTION_CERTIFICATE_YEARS", "10")),
    # The text of sent emails (names, addresses) is blanked this many days after sending.
    "sent_email_days": int(os.environ.get("RETENTION_SENT_EMAIL_DAYS", "90")),
    # The text of intervision cases (title, question) is blanked this many months after their meeting.
    "intervision_case_months_after_meeting": int(os.environ.get("RETENTION_INTERVISION_CASE_MONTHS", "12")),
    # An intervision application's motivation is deleted this many days after it was decided.
    "intervision_motivation_days_after_decision": int(os.environ.get("RETENTION_INTERVISION_MOTIVATION_DAYS", "90")),
    # Open answers of evaluations (free text, may name someone) are deleted this many months after
    # the evaluation closes; their scores stay (evaluations/privacy.py).
    "evaluation_open_answer_months": int(os.environ.get("RETENTION_EVALUATION_OPEN_ANSWER_MONTHS", "12")),
}
# Evaluations: the reminder goes this many days after the invitation to those who did not answer.
EVALUATION_REMINDER_DAYS = int(os.environ.get("EVALUATION_REMINDER_DAYS", "4"))

# Security headers. The Content Security Policy is strict on the public site (scripts and styles only
# from our own origin or with the per-request nonce: `<script nonce="{{ csp_nonce }}">`); the Wagtail
# admin gets a looser one (config/security.py says why).
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True

# Login throttling for the admin (django-axes): five failures lock the username from that address for
# 15 minutes; a successful login resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_DISABLE_ACCESS_LOG = True  # Record failures only, not every successful login.
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.axes_client_ip"  # One notion of "the client" behind proxies.

# A scan queued offline at the door counts if it reaches the server within this many hours after its
# session ended (and is then marked "late" in the scan log); later it is refused with a message.
CHECKIN_OFFLINE_GRACE_HOURS = int(os.environ.get("CHECKIN_OFFLINE_GRACE_HOURS", "24"))

# Rate limits (core/ratelimit.py, the one limiter): "count/period", period s, m, h or d with
# an optional multiple ("10/10m": ten per ten minutes), per client address unless said otherwise.
# RATELIMIT_PROXY_COUNT is the number of proxies (load balancers) in front of the site that append
# to X-Forwarded-For; 0 means use REMOTE_ADDR.
RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
RATELIMIT_PROXY_COUNT = int(os.environ.get("RATELIMIT_PROXY_COUNT", "0"))
RATELIMITS = {
    # Limits stop abusers, not teams: what one person does is keyed on them (the typed email address,
    # the link's token, the organiser) with a tight budget; the client address gets a second budget
    # with room for an office or a venue's Wi-Fi full of honest people behind one address.
    # Submissions of the public registration form, per typed email address ...
    "register": os.environ.get("RATELIMIT_REGISTER", "5/10m"),
    # ... and per client address: thirty colleagues of one office register in a quarter of an hour.
    "register_address": os.environ.get("RATELIMIT_REGISTER_ADDRESS", "100/10m"),
    # Every request below one private link /r/<token>/ (a page with its QR code is two) ...
    "private_link": os.environ.get("RATELIMIT_PRIVATE_LINK", "60/m"),
    # ... and below any link from one client address: a hundred participants at one door's Wi-Fi.
    "private_link_address": os.environ.get("RATELIMIT_PRIVATE_LINK_ADDRESS", "1200/m"),
    # Private links that lead nowhere (unknown, revoked, anonymised): then 429 for the address, so
    # guessing tokens is slow, while a participant reloading their own page never fails a lookup.
    "private_link_miss": os.environ.get("RATELIMIT_PRIVATE_LINK_MISS", "10/10m"),
    # "Let me know when there is a new training", per typed email address and per client address.
    "interest": os.environ.get("RATELIMIT_INTEREST", "5/10m"),
    "interest_address": os.environ.get("RATELIMIT_INTEREST_ADDRESS", "100/10m"),
    # Certificate verification lookups.
    "verify": os.environ.get("RATELIMIT_VERIFY", "30/10m"),
    # Failed check-in scans (unknown code, wrong event, not allowed) per organiser, not per address:
    # the doors of one venue share an address.
    "checkin": os.environ.get("RATELIMIT_CHECKIN", "30/m"),
    # Bearer tokens for the check-in API that are not valid, per client address: then 429 for every
    # bearer token from that address until the window ends, so guessing tokens is slow.
    "checkin_token_miss": os.environ.get("RATELIMIT_CHECKIN_TOKEN_MISS", "20/10m"),
    # Intervision applications, per typed email address and per client address.
    "intervision_apply": os.environ.get("RATELIMIT_INTERVISION_APPLY", "5/10m"),
    "intervision_apply_address": os.environ.get("RATELIMIT_INTERVISION_APPLY_ADDRESS", "50/10m"),
    # Erasure requests from a private link.
    "erase": os.environ.get("RATELIMIT_ERASE", "10/h"),
    # "Send me a new link" on the private page: each sends an email.
    "new_link": os.environ.get("RATELIMIT_NEW_LINK", "3/h"),
}

# Private links (/r/<token>/) stop working this many days after the event's last session ends,
# except the certificate downloads below them (participants/links.py).
PRIVATE_LINK_DAYS_AFTER_EVENT = int(os.environ.get("PRIVATE_LINK_DAYS_AFTER_EVENT", "60"))
# The key of the private links', check-in codes' and member links' hashes and sealed copies
# (participants/hashed_secrets.py). Unset, SECRET_KEY (with SECRET_KEY_FALLBACKS) is used; set it to
# rotate SECRET_KEY freely. Changing it needs the old value in SECRET_LINK_KEY_FALLBACKS.
SECRET_LINK_KEY = os.environ.get("SECRET_LINK_KEY", "")
SECRET_LINK_KEY_FALLBACKS = [k for k in os.environ.get("SECRET_LINK_KEY_FALLBACKS", "").split(",") if k]
