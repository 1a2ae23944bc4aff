"""Bearer tokens for the check-in API, stored as Wagtail's APIToken (only an HMAC of the key is kept).

``python manage.py checkin_token USERNAME`` makes one; the admin's "API tokens" screen (Wagtail's)
lists and revokes them. A token that checked out is remembered in the cache for a minute, so a
busy door does not pay a query per scan for it. The trade-off: revoking a token, or deactivating
its user, is immediate on this process and within a minute on others with a per-process cache
(with Redis as the cache it is immediate everywhere, since the entry is deleted on save).
"""

from django.core.cache import cache
from django.utils import timezone
from wagtail.models import APIToken

CACHE_SECONDS = 60
PREFIX = "checkin-token:"


def create_token(user, name="check-in"):
    """Make a new token for ``user``; returns the plaintext, which is shown once and never stored."""
    _instance, plaintext = APIToken.create_token(user=user, name=name)
    return plaintext


def user_for_token(token):
    """The active user a bearer token belongs to, or None."""
    if not APIToken.validate_token_format(token):
        return None
    hashes = APIToken.candidate_key_hashes(token)
    found = cache.get_many([PREFIX + h for h in hashes])
    for key_hash in hashes:
        if PREFIX + key_hash in found:
            return found[PREFIX + key_hash] or None
    api_token = APIToken.objects.select_related("user").filter(key_hash__in=hashes, revoked_at__isnull=True).first()
    if api_token is None or not api_token.user.is_active:
        cache.set(PREFIX + hashes[0], 0, CACHE_SECONDS)
        return None
    # Touching last_used_at once per cache period is enough to see which tokens are in use.
    APIToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
    cache.set(PREFIX + api_token.key_hash, api_token.user, CACHE_SECONDS)
    return api_token.user


def forget_token_receiver(sender, instance, **kwargs):
    cache.delete(PREFIX + instance.key_hash)


def forget_user_tokens_receiver(sender, instance, **kwargs):
    keys = [PREFIX + h for h in APIToken.objects.filter(user_id=instance.pk).values_list("key_hash", flat=True)]
    if keys:
        cache.delete_many(keys)
