"""Rate limits for what anyone can call without logging in: one decorator, counted in Django's cache.

``@ratelimit("register")`` limits a view to ``settings.RATELIMITS["register"]`` ("20/m": twenty
requests a minute) per client address. The count is a fixed window in the cache (Redis in
production, so all web processes on all machines share it; each process's own memory on one
machine). A fixed window lets a client send up to twice the rate across a window's edge; that is
fine for slowing down guessing and floods, which is all this is for, and it costs one cache
``incr`` per request.

Over the limit a view answers 429 with a Retry-After header: JSON for the API (``{"status":
"rate_limited", "message": ...}``), otherwise a short page in the visitor's language.
"""

import functools
import time

from django.conf import settings
from django.core.cache import cache
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


def hit(group, key, rate, *, now=None):
    """Count one request of ``key`` in ``group``; return (allowed, seconds until the window ends)."""
    limit, period = parse_rate(rate)
    now = time.time() if now is None else now
    window = int(now // period)
    cache_key = f"rl:{group}:{key}:{window}"
    # add() then incr() is atomic in Redis and in the local-memory cache; no read-modify-write race.
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # Expired between add() and incr(): this request opens a new window.
        cache.add(cache_key, 1, timeout=period + 1)
        count = 1
    retry_after = int(period - (now % period)) + 1
    return count <= limit, retry_after


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
            if getattr(settings, "RATELIMIT_ENABLED", True) and (methods is None or request.method in methods):
                rate = settings.RATELIMITS.get(group)
                if rate:
                    allowed, retry_after = hit(group, key(request) if key else client_ip(request), rate)
                    if not allowed:
                        return rate_limited_response(request, retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
