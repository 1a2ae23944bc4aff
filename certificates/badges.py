"""The certificate as an Open Badges 3.0 credential: JSON, and signed as a VC-JWT (RS256).

Following Open Badges 3.0 (section 8.2), the JWT's payload is the credential itself with the
registered claims ``iss`` (issuer id), ``jti`` (credential id) and ``nbf`` (validFrom); its header
carries the public key as a ``jwk`` and its thumbprint as ``kid``. The same key is published at
``/certificates/jwks.json``.

The key is an RSA private key in PEM, from ``settings.CERTIFICATE_SIGNING_KEY`` (the environment
variable of that name). Development and test settings name a ``CERTIFICATE_SIGNING_KEY_FILE`` under
var/ where a key is generated on first use; production has no such fallback, and without a key the
signed copy is simply not offered. The participant is identified only by a salted hash of their
email address, as Open Badges recommends, so the credential reveals no more than the PDF.
"""

import base64
import hashlib
import json
import os
from datetime import UTC
from functools import lru_cache
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from core.absolute import absolute_url
from events.choices import EventKind

from .content import default_title

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def _load_or_create_key_file(path):
    path = Path(path)
    if path.exists():
        return path.read_bytes()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written under a temporary name and renamed, so two processes starting at once never read half a key.
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(pem)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)
    return path.read_bytes()


@lru_cache(maxsize=4)
def _private_key(pem, key_file):
    if not pem and key_file:
        pem = _load_or_create_key_file(key_file).decode()
    if not pem:
        raise ImproperlyConfigured("CERTIFICATE_SIGNING_KEY is not set: certificates cannot be signed.")
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ImproperlyConfigured("CERTIFICATE_SIGNING_KEY must be an RSA private key (Open Badges needs RS256).")
    return key


def signing_key():
    return _private_key(
        getattr(settings, "CERTIFICATE_SIGNING_KEY", ""), getattr(settings, "CERTIFICATE_SIGNING_KEY_FILE", None)
    )


def can_sign():
    try:
        signing_key()
    except ImproperlyConfigured:
        return False
    return True


def public_jwk():
    jwk = jwt.algorithms.RSAAlgorithm.to_jwk(signing_key().public_key(), as_dict=True)
    # RFC 7638 thumbprint: the required members, sorted, without spaces.
    canonical = json.dumps({k: jwk[k] for k in ("e", "kty", "n")}, separators=(",", ":"), sort_keys=True)
    kid = base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()
    return {**jwk, "kid": kid, "alg": "RS256", "use": "sig"}


def issuer_profile():
    return {
        "@context": CONTEXT,
        "id": absolute_url(reverse("certificates:issuer")),
        "type": ["Profile"],
        "name": settings.WAGTAIL_SITE_NAME,
        "url": absolute_url("/"),
    }


def credential(certificate):
    """The Open Badges 3.0 OpenBadgeCredential of ``certificate``, as a dict."""
    participant = certificate.participant or certificate.registration.participant
    salt = certificate.code.replace("-", "")
    email = participant.email.strip().lower()
    identity_hash = hashlib.sha256((email + salt).encode()).hexdigest()
    issued = certificate.reissued_at or certificate.issued_at or timezone.now()
    if certificate.is_year_certificate:
        series = certificate.series
        url = getattr(series, "get_absolute_url", None)
        achievement_id = f"{absolute_url(url() if url else '/')}#certificate-{certificate.year}"
        narrative = f"Took part in {len(certificate.meetings)} meetings in {certificate.year}."
    else:
        event = certificate.event
        achievement_id = f"{absolute_url(event.url or '/') if event.live else absolute_url('/')}#certificate"
        if event.required_sessions and event.required_sessions < len(event.ordered_sessions):
            narrative = f"Attended at least {event.required_sessions} of {len(event.ordered_sessions)} sessions."
        else:
            narrative = "Attended every session." if certificate.event_kind != EventKind.INTERVISION else "Took part."
    achievement = {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": (
            "Achievement" if certificate.event_kind == EventKind.INTERVISION else "CertificateOfCompletion"
        ),
        "name": certificate.event_title,
        "description": f"{default_title(certificate.event_kind)}: {certificate.event_title}",
        "criteria": {"narrative": narrative},
    }
    subject = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityHash": f"sha256${identity_hash}",
                "identityType": "emailAddress",
                "hashed": True,
                "salt": salt,
            }
        ],
        "achievement": achievement,
        "activityStartDate": f"{certificate.first_date.isoformat()}T00:00:00Z",
        "activityEndDate": f"{certificate.last_date.isoformat()}T23:59:59Z",
    }
    if certificate.pe_points:
        achievement["creditsAvailable"] = float(certificate.pe_points)
        subject["creditsEarned"] = float(certificate.pe_points)
    profile = issuer_profile()
    profile.pop("@context")
    return {
        "@context": CONTEXT,
        "id": certificate.get_verify_url(),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{certificate.event_title} \N{EN DASH} {certificate.holder_name}",
        "issuer": profile,
        "validFrom": issued.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "credentialSubject": subject,
    }


def signed_credential(certificate):
    """The credential as a compact JWS (VC-JWT) signed with RS256."""
    payload = credential(certificate)
    issued = certificate.reissued_at or certificate.issued_at
    payload.update({"iss": payload["issuer"]["id"], "jti": payload["id"], "nbf": int(issued.timestamp())})
    jwk = public_jwk()
    header = {"typ": "JWT", "kid": jwk["kid"], "jwk": {k: jwk[k] for k in ("kty", "n", "e")}}
    return jwt.encode(payload, signing_key(), algorithm="RS256", headers=header)
