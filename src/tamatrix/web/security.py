"""Passwords, signed cookies, CSRF tokens and API tokens: the cryptography of accounts."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer

TOKEN_PREFIX = "tmx_"
_hasher = PasswordHasher()
# Verifying against this hash when a user does not exist takes as long as for one that does.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


def hash_password(password: str) -> str:
    """An argon2id hash of the password, with its salt and parameters."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether the password matches the hash (a missing hash never matches, in the same time)."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than today's."""
    return _hasher.check_needs_rehash(password_hash)


def new_api_token() -> tuple[str, str]:
    """A new API token and the SHA-256 under which it is stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    """The SHA-256 of a token, in hexadecimal (tokens are random, so no salt is needed)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_csrf_token() -> str:
    """A random CSRF token."""
    return secrets.token_urlsafe(32)


def same_token(first: str | None, second: str | None) -> bool:
    """Whether two tokens are equal, compared in constant time; missing ones never are."""
    if not first or not second:
        return False
    return hmac.compare_digest(first.encode("utf-8"), second.encode("utf-8"))


class Signer:
    """Signs and checks the payloads of the session and CSRF cookies, with an expiry."""

    def __init__(self, secret: str, salt: str) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt=salt)

    def sign(self, payload: Any) -> str:
        """The payload, serialised and signed with a timestamp."""
        return str(self._serializer.dumps(payload))

    def unsign(self, value: str | None, max_age: int) -> Any | None:
        """The payload of a value signed at most ``max_age`` seconds ago, else None."""
        if not value:
            return None
        try:
            return self._serializer.loads(value, max_age=max_age)
        except BadSignature:
            return None
