"""How the secrets that stand for a person are kept: a keyed hash to find them, a sealed copy to send.

Three secrets open something without a login: a registration's private link (``access_token``),
its check-in code (the QR code, ``checkin_code``) and an intervision member's link
(``Membership.token``). Each is a random 256-bit value, and the database holds two columns for it:

- ``<name>_hash``: HMAC-SHA256 of the secret under a key derived from ``SECRET_LINK_KEY``
  (``SECRET_KEY`` when unset), one per purpose. It is unique and indexed: a presented link or code
  is hashed and looked up in one indexed query (``digests()`` gives the current key's hash and
  those of ``SECRET_KEY_FALLBACKS``, so rotating the key keeps every link working).
- ``<name>_sealed``: the secret encrypted (Fernet: AES-128-CBC with HMAC-SHA256) under another key
  derived from the same setting. Emails sent later (reminders, calendar updates, certificates) and
  the pages below the private link need the secret itself: this is how the server, and only it,
  gets it back.

A read of the database or a backup therefore gives neither a link nor a code: both need the key,
which is not in the database. Why sealed rather than derived from an id and a salt: the codes and
links sent before hashing was introduced are random and must keep working; they cannot be derived,
but they can be sealed (migrations 0009 of participants and 0003 of intervision do that).

Replacing a secret (``Registration.replace_access_token()``) writes both columns anew: the old
value's hash is gone, so the old link or code finds nothing at once.
"""

import base64
import hashlib
import secrets

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models
from django.utils.crypto import salted_hmac

LINK = "link"
CHECKIN = "checkin"
MEMBER = "member"


class SealedSecretError(Exception):
    """A sealed secret that no configured key opens: SECRET_LINK_KEY or SECRET_KEY changed without a fallback."""


def new_secret():
    """An unguessable URL-safe secret of 256 bits, unrelated to any id."""
    return secrets.token_urlsafe(32)


def _base_keys():
    """The key material, current first: SECRET_LINK_KEY, or SECRET_KEY with its fallbacks."""
    dedicated = getattr(settings, "SECRET_LINK_KEY", "")
    if dedicated:
        return [dedicated, *getattr(settings, "SECRET_LINK_KEY_FALLBACKS", [])]
    return [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]


def digest(value, purpose, *, key=None):
    """The keyed hash of ``value`` (hex, 64 characters), as stored in ``*_hash`` columns."""
    key = key if key is not None else _base_keys()[0]
    return salted_hmac(f"covenant.secret.{purpose}", value or "", secret=key, algorithm="sha256").hexdigest()


def digests(value, purpose):
    """The hashes ``value`` may be stored under (current key first): look up with ``__in``."""
    return list(dict.fromkeys(digest(value, purpose, key=key) for key in _base_keys()))


def _fernet_key(key):
    material = hashlib.sha256(b"covenant.secret.seal\x00" + str(key).encode()).digest()
    return base64.urlsafe_b64encode(material)


def _fernet():
    return MultiFernet([Fernet(_fernet_key(key)) for key in _base_keys()])


def seal(value):
    """``value`` encrypted under the current key, as stored in ``*_sealed`` columns."""
    return _fernet().encrypt(value.encode()).decode()


def unseal(sealed):
    """The secret a ``*_sealed`` column holds."""
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except (InvalidToken, AttributeError) as error:
        raise SealedSecretError("no configured key opens this sealed secret") from error


def new_sealed_secret():
    """A new random secret, sealed: the default of ``*_sealed`` columns (the hash follows on save)."""
    return seal(new_secret())


def fresh_columns(name, purpose):
    """Column values for a new random secret ``name``, for ``QuerySet.update()``."""
    value = new_secret()
    return {f"{name}_hash": digest(value, purpose), f"{name}_sealed": seal(value)}


class SecretHashField(models.CharField):
    """The keyed hash of the secret in the sealed column ``sealed_field``, filled in on insert.

    ``bulk_create`` calls ``pre_save`` too, so every way of creating a row gets its hash.
    """

    def __init__(self, *args, sealed_field, purpose, **kwargs):
        self.sealed_field = sealed_field
        self.purpose = purpose
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["sealed_field"] = self.sealed_field
        kwargs["purpose"] = self.purpose
        if kwargs.get("max_length") == 64:
            del kwargs["max_length"]
        kwargs.pop("editable", None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if not value:
            value = digest(unseal(getattr(model_instance, self.sealed_field)), self.purpose)
            setattr(model_instance, self.attname, value)
        return value


def secret_property(name, purpose):
    """The plain secret ``name`` of a model with ``<name>_hash`` and ``<name>_sealed`` columns.

    Reading unseals (once per instance); assigning a new value writes both columns (save them).
    A ``property``, so models accept it as a keyword argument.
    """
    cache = f"_plain_{name}"
    hash_column, sealed_column = f"{name}_hash", f"{name}_sealed"

    def get(instance):
        sealed = getattr(instance, sealed_column)
        cached = instance.__dict__.get(cache)
        if cached is None or cached[0] != sealed:
            cached = (sealed, unseal(sealed))
            instance.__dict__[cache] = cached
        return cached[1]

    def set_(instance, value):
        sealed = seal(value)
        setattr(instance, sealed_column, sealed)
        setattr(instance, hash_column, digest(value, purpose))
        instance.__dict__[cache] = (sealed, value)

    return property(get, set_, doc=f"The plain {name} (sealed in {sealed_column}, found by {hash_column}).")
