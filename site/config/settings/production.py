"""Production: refuses to start without a secret key; HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")

DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media on shared storage when several machines serve the site: any S3-compatible object store
# (django-storages). Without MEDIA_S3_BUCKET, media stay in MEDIA_ROOT (one machine, or a shared mount).
if os.environ.get("MEDIA_S3_BUCKET"):  # noqa: F405
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["MEDIA_S3_BUCKET"],  # noqa: F405
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,  # noqa: F405
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,  # noqa: F405
            "access_key": os.environ.get("MEDIA_S3_ACCESS_KEY_ID", ""),  # noqa: F405
            "secret_key": os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY", ""),  # noqa: F405
            "default_acl": None,
            "querystring_auth": True,  # Private files (certificates) get signed, expiring URLs.
            "file_overwrite": False,
        },
    }
