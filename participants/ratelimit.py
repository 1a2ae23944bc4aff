"""Rate limits for what anyone can call without logging in, counted in Django's cache: the only limiter.

``@ratelimit("private_link")`` limits a view to ``settings.RATELIMITS["private_link"]`` ("60/m":
sixty requests a minute) per client address. Views that answer in their own way call the functions
below themselves: ``count()`` counts a request and says whether it is over the limit (the
registration form shows its own error, verification its own page); ``used_up()`` only looks, for
limits on failures, which are counted after the fact (failed scans per organiser, unknown private
links per address).

The count is a fixed window in the cache (Redis in production, so all web processes on all machines
share it; each process's own memory on one machine). A fixed window lets a client send up to twice
the rate across a window's edge; that is fine for slowing down guessing and floods, which is all
this is for, and it costs one cache ``incr`` per request. ``RATELIMIT_ENABLED = False`` switches
every limit off (the test settings do, as every test client is 127.0.0.1).

Over the limit a view answers 429 with a Retry-After header: JSON for the API (``{"status":
"rate_limited", "message": ...}``), otherwise a short page in the visitor's language.
"""

import functools
import time

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
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


def window(group, key, period, now):
    """The cache key of the current window, and the seconds until it ends."""
    return f"rl:{group}:{key}:{int(now // period)}", int(period - (now % period)) + 1


def hit(group, key, rate, *, now=None):
    """Count one request of ``key`` in ``group``; return (allowed, seconds until the window ends)."""
    limit, period = parse_rate(rate)
    cache_key, retry_after = window(group, key, period, time.time() if now is None else now)
    backend = caches[DEFAULT_CACHE_ALIAS]  # ``cache`` is a proxy: isinstance() needs the backend itself
    if isinstance(backend, RedisCache):
        return _redis_incr(backend, cache_key, period + 1) <= limit, retry_after
    # add() then incr() is atomic in the local-memory cache (and any other); no read-modify-write race.
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # Expired between add() and incr(): this request opens a new window.
        cache.add(cache_key, 1, timeout=period + 1)
        count = 1
    return count <= limit, retry_after


def _redis_incr(backend, cache_key, timeout):
    """Count in Redis in one round trip: SET NX (with the window's expiry) and INCR in one MULTI.

    Django's cache.add() and cache.incr() are three round trips (incr first asks whether the key
    exists), paid on every private-link request. The key and the stored integer are the cache's own,
    so ``cache.get()`` (``used_up``) reads the count.
    """
    key = backend.make_and_validate_key(cache_key)
    client = backend._cache.get_client(key, write=True)  # RedisCache's client: Django's, not public API
    pipeline = client.pipeline(transaction=True)
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
    return retry_after if (cache.get(cache_key) or 0) >= limit else None


def is_api(request):
    return request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", "")


def rate_limited_response(request, retry_after):
    if is_api(request):
        response = JsonResponse(
            {"status": "rate_limited", "message": _("Too many requests. Try again in a moment.")}, status=429
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
