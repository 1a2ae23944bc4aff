"""Rate limits for what anyone can call without logging in, counted in a shared cache: the only limiter.

``@ratelimit("private_link")`` limits a view to ``settings.RATELIMITS["private_link"]`` ("60/m":
sixty requests a minute) per client address. Views that need more call the functions below
themselves: ``count()`` counts a request and says whether it is over the limit; ``used_up()`` only
looks, for limits on failures, which are counted after the fact (failed scans per organiser, unknown
private links and bad bearer tokens per address); ``email_key()`` keys a limit on a typed address.

Limits stop abusers, not teams. What one person does is keyed on what identifies them (the email
address typed in the form, the private link's token, the organiser), with a tight budget; the
client address (IP) gets a second budget with headroom, because an office or a venue's Wi-Fi puts
dozens of honest people behind one address: thirty colleagues register from one office, a hundred
participants open their links at one door, and only the one address (or link) that hammers is stopped.

The count is a fixed window in the ``"ratelimit"`` cache (``RATELIMIT_CACHE``), which every web
process shares: Redis when ``REDIS_URL`` is set, otherwise a table in the database (Django's
DatabaseCache, table ``ratelimit_cache``, created by ``migrate`` through ``createcachetable``): a
per-process memory cache would give each gunicorn worker a budget of its own. A fixed window lets a
client send up to twice the rate across a window's edge; on the database table two requests at the
same instant may count once (its ``incr`` reads, then writes). Both are fine for slowing down
guessing and floods, which is all this is for. ``RATELIMIT_ENABLED = False`` switches every limit
off (the test settings do, as every test client is 127.0.0.1).

Over a limit every view answers the same 429 (``rate_limited_response``) with a Retry-After header:
JSON for the API and for clients that ask for JSON (``{"status": "rate_limited", "reason":
"rate_limited", "message": ...}``; the check-in API keeps its contract's ``"not_allowed"`` status),
otherwise one short page in the visitor's language.
"""

import functools
import hashlib
import time

import redis
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.redis import RedisCache
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """'20/m' -> (20, 60); '5/10m' -> (5, 600)."""
    count, _slash, period = rate.partition("/")
    unit = period[-1:]
    multiple = int(period[:-1] or 1)
    return int(count), multiple * PERIODS[unit]


def client_ip(request):
    """The client's address: REMOTE_ADDR, or behind N trusted proxies the Nth address from the right
    of X-Forwarded-For (the one our own load balancer wrote; anything left of it the client can forge)."""
    proxies = getattr(settings, "RATELIMIT_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def axes_client_ip(request):
    return client_ip(request)


def limiter_alias():
    """The alias of the cache that holds the counters: ``RATELIMIT_CACHE`` if configured, else the default."""
    alias = getattr(settings, "RATELIMIT_CACHE", DEFAULT_CACHE_ALIAS)
    return alias if alias in settings.CACHES else DEFAULT_CACHE_ALIAS


def limiter_cache():
    """The cache that holds the counters."""
    return caches[limiter_alias()]


@functools.cache
def _redis_client(location):
    """A redis-py client (with its own connection pool) for the limiter cache's Redis server."""
    return redis.Redis.from_url(location)


def redis_client():
    """The limiter's Redis client, made from the cache's configured LOCATION (the first server)."""
    location = settings.CACHES[limiter_alias()]["LOCATION"]
    return _redis_client(location[0] if isinstance(location, (list, tuple)) else location.split(",")[0])


def email_key(address):
    """A limit's key for an email address as typed (case and spaces aside); hashed, so no address is cached."""
    normalised = (address or "").strip().lower()
    return "email:" + hashlib.sha256(normalised.encode()).hexdigest()[:32] if normalised else None


def window(group, key, period, now):
    """The cache key of the current window, and the seconds until it ends."""
    return f"rl:{group}:{key}:{int(now // period)}", int(period - (now % period)) + 1


def hit(group, key, rate, *, now=None):
    """Count one request of ``key`` in ``group``; return (allowed, seconds until the window ends)."""
    limit, period = parse_rate(rate)
    cache_key, retry_after = window(group, key, period, time.time() if now is None else now)
    backend = limiter_cache()
    if isinstance(backend, RedisCache):
        return _redis_incr(backend, cache_key, period + 1) <= limit, retry_after
    # The first request of a window adds the counter with the window's expiry; later ones increment
    # it (atomic in the local-memory cache; on the database table a read and a write, see above).
    count = 1
    if not backend.add(cache_key, 1, timeout=period + 1):
        try:
            count = backend.incr(cache_key)
        except ValueError:  # Expired between add() and incr(): this request opens a new window.
            backend.add(cache_key, 1, timeout=period + 1)
    return count <= limit, retry_after


def _redis_incr(backend, cache_key, timeout):
    """Count in Redis in one round trip: SET NX (with the window's expiry) and INCR in one MULTI.

    Django's cache.add() and cache.incr() are three round trips (incr first asks whether the key
    exists), paid on every private-link request. The key and the stored integer are the cache's own,
    so ``cache.get()`` (``used_up``) reads the count.
    """
    key = backend.make_and_validate_key(cache_key)
    pipeline = redis_client().pipeline(transaction=True)
    pipeline.set(key, 0, ex=timeout, nx=True)
    pipeline.incr(key)
    return pipeline.execute()[-1]


def rate_for(group):
    """The rate of ``group`` from settings, or None when it is not limited (or limits are off)."""
    if not getattr(settings, "RATELIMIT_ENABLED", True):
        return None
    return settings.RATELIMITS.get(group) or None


def count(request, group, *, key=None):
    """Count this request in ``group`` per client address (or per ``key``).

    Return the seconds to wait when it is over the limit, else None.
    """
    rate = rate_for(group)
    if rate is None:
        return None
    allowed, retry_after = hit(group, client_ip(request) if key is None else key, rate)
    return None if allowed else retry_after


def used_up(request, group, *, key=None):
    """Whether the client address (or ``key``) has used up ``group``'s budget, without counting.

    Return the seconds until the window ends when it has, else None. For limits on failures: look
    before the work, ``count()`` after a failure.
    """
    rate = rate_for(group)
    if rate is None:
        return None
    limit, period = parse_rate(rate)
    cache_key, retry_after = window(group, client_ip(request) if key is None else key, period, time.time())
    return retry_after if (limiter_cache().get(cache_key) or 0) >= limit else None


def is_api(request):
    """Whether the client wants JSON: the API, an Accept header, or ``?format=json`` (verification)."""
    return (
        request.path.startswith("/api/")
        or "application/json" in request.headers.get("Accept", "")
        or request.GET.get("format") == "json"
    )


def rate_limited_response(request, retry_after, *, json_status="rate_limited"):
    """The one answer over a limit: 429, Retry-After, and JSON or a short page in the visitor's language.

    ``json_status`` is the JSON's ``status``: an API whose contract lists its statuses (the check-in
    API's ``not_allowed``) keeps to it; ``reason`` is always ``"rate_limited"``.
    """
    if is_api(request):
        response = JsonResponse(
            {
                "status": str(json_status),
                "reason": "rate_limited",
                "message": _("Too many requests. Try again in a moment."),
            },
            status=429,
        )
    else:
        response = TemplateResponse(
            request, "security/rate_limited.html", {"retry_after": retry_after}, status=429
        ).render()
    response["Retry-After"] = str(retry_after)
    return response


def ratelimit(group, *, methods=None, key=None):
    """Limit a view to ``settings.RATELIMITS[group]`` per client address (or per ``key(request)``).

    ``methods`` limits only those methods (for example ``("POST",)`` for a form whose page may be
    read freely). Usable on function views and, through ``method_decorator``, on class-based ones.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if methods is None or request.method in methods:
                retry_after = count(request, group, key=key(request) if key else None)
                if retry_after:
                    return rate_limited_response(request, retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
