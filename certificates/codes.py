"""Verification codes: random, human-typable, and forgiving of the mistakes people make typing them.

A code is 16 characters of Crockford's base32 (80 bits from ``secrets``), shown in four groups:
``K7QM-3XTR-9PDA-W2HF``. Crockford's alphabet leaves out I, L, O and U, so reading a code aloud or
off paper is unambiguous; when a code is typed, O is read as 0 and I or L as 1, case and spaces and
dashes do not matter. 80 bits cannot be enumerated, and verification is rate-limited on top.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16
GROUP = 4
_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code():
    """A fresh random code, formatted in groups."""
    return format_code("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def format_code(raw):
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def normalise_code(text):
    """The canonical form of a typed code, or None when it cannot be one."""
    raw = "".join(ch for ch in (text or "").upper() if ch not in " -_.\t").translate(_TYPOS)
    if len(raw) != LENGTH or any(ch not in ALPHABET for ch in raw):
        return None
    return format_code(raw)
