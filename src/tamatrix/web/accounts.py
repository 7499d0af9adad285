"""Accounts: users, logins with throttling, API tokens and what an admin published.

Each function takes a session that is not in a transaction and runs one unit of work in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix.exceptions import InputError, NotFoundError
from tamatrix.storage import queries, tables
from tamatrix.web import security
from tamatrix.web.errors import LoginFailed, Throttled

ROLES = tables.ROLES
ROLE_RANK = {"viewer": 1, "analyst": 2, "admin": 3}
MIN_PASSWORD_LENGTH = 10
MAX_FAILURES = 5
THROTTLE_WINDOW = dt.timedelta(minutes=15)
# Writing last_used on every request would turn each API read into a write.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Principal:
    """Who makes a request: a user (by session or API token) or an anonymous visitor."""

    user_id: int | None
    name: str
    role: str | None
    via: str  # "session", "token" or "anonymous"

    def has(self, role: str) -> bool:
        """Whether the principal's role is ``role`` or above it (admin > analyst > viewer)."""
        return self.role is not None and ROLE_RANK[self.role] >= ROLE_RANK[role]

    @property
    def anonymous(self) -> bool:
        """Whether nobody is signed in."""
        return self.role is None


ANONYMOUS = Principal(None, "", None, "anonymous")


def _principal(user: tables.User, via: str) -> Principal:
    return Principal(user.id, user.name, user.role, via)


def add_user(session: Session, name: str, password: str, role: str) -> Principal:
    """Create a user with a hashed password; InputError for a taken name or a weak password."""
    name = name.strip()
    if not name or len(name) > 200:
        raise InputError("a user needs a name of 1 to 200 characters")
    if role not in ROLES:
        raise InputError(f"{role!r} is not a role; use one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    with session.begin():
        if session.scalar(sa.select(tables.User.id).where(tables.User.name == name)):
            raise InputError(f"there is already a user named {name!r}")
        user = tables.User(name=name, password_hash=security.hash_password(password), role=role)
        session.add(user)
        session.flush()
        return _principal(user, "session")


def users(session: Session) -> list[dict[str, Any]]:
    """Every user, by name, without password hashes."""
    with session.begin():
        rows = session.scalars(sa.select(tables.User).order_by(tables.User.name))
        return [
            {
                "name": u.name,
                "role": u.role,
                "active": u.active,
                "created_at": u.created_at.isoformat(timespec="seconds"),
            }
            for u in rows
        ]


def remove_user(session: Session, name: str) -> None:
    """Delete a user and their API tokens; their corrections stay in the audit log."""
    with session.begin():
        user = session.scalar(sa.select(tables.User).where(tables.User.name == name))
        if user is None:
            raise NotFoundError(f"there is no user named {name!r}")
        session.execute(sa.delete(tables.ApiToken).where(tables.ApiToken.user_id == user.id))
        session.delete(user)


def user_by_id(session: Session, user_id: int, epoch: int = 0) -> Principal | None:
    """The active user with this id whose sessions of ``epoch`` are still valid, or None."""
    with session.begin():
        user = session.get(tables.User, user_id)
        if user is None or not user.active or user.session_epoch != epoch:
            return None
        return _principal(user, "session")


def session_epoch(session: Session, user_id: int) -> int:
    """The number every new session cookie of this user carries."""
    with session.begin():
        epoch = session.scalar(
            sa.select(tables.User.session_epoch).where(tables.User.id == user_id)
        )
        if epoch is None:
            raise NotFoundError(f"there is no user #{user_id}")
        return int(epoch)


def user_id_of(session: Session, name: str) -> int:
    """The id of the user with this name; NotFoundError if there is none."""
    with session.begin():
        found = session.scalar(sa.select(tables.User.id).where(tables.User.name == name))
    if found is None:
        raise NotFoundError(f"there is no user named {name!r}")
    return int(found)


def end_sessions(session: Session, user_id: int) -> None:
    """End every session of the user, on every device (their cookies stop working)."""
    with session.begin():
        session.execute(
            sa.update(tables.User)
            .where(tables.User.id == user_id)
            .values(session_epoch=tables.User.session_epoch + 1)
        )


def _recent_failures(session: Session, name: str, address: str, now: dt.datetime) -> int:
    attempt = tables.LoginAttempt
    query = sa.select(sa.func.count()).where(
        attempt.user_name == name,
        attempt.address == address,
        attempt.succeeded.is_(False),
        attempt.created_at > now - THROTTLE_WINDOW,
    )
    return int(session.scalar(query) or 0)


def authenticate(
    session: Session, name: str, password: str, address: str, now: dt.datetime | None = None
) -> Principal:
    """The user whose name and password these are; every attempt is recorded.

    After MAX_FAILURES failures within THROTTLE_WINDOW for the same name from the same address,
    further attempts are refused (Throttled) without checking the password.
    """
    now = now or tables.utcnow()
    name = name.strip()[:200]
    with session.begin():
        if _recent_failures(session, name, address, now) >= MAX_FAILURES:
            raise Throttled(
                f"too many failed sign-ins for this user from this address; "
                f"try again in {int(THROTTLE_WINDOW.total_seconds() // 60)} minutes"
            )
        user = session.scalar(sa.select(tables.User).where(tables.User.name == name))
        valid = security.verify_password(user.password_hash if user else None, password)
        succeeded = bool(user is not None and user.active and valid)
        session.add(
            tables.LoginAttempt(
                user_name=name, address=address[:100], succeeded=succeeded, created_at=now
            )
        )
        if not succeeded or user is None:
            # Committed with the failed attempt, so that it counts.
            failed = True
        else:
            failed = False
            if security.needs_rehash(user.password_hash):
                user.password_hash = security.hash_password(password)
            principal = _principal(user, "session")
    if failed:
        raise LoginFailed("wrong user name or password")
    return principal


def create_token(
    session: Session, user_id: int, name: str, days: int | None = None
) -> tuple[str, dict[str, Any]]:
    """A new API token for the user (shown once) and its description."""
    name = name.strip() or "token"
    if days is not None and not 1 <= days <= 3650:
        raise InputError("a token lasts 1 to 3650 days")
    token, hashed = security.new_api_token()
    now = tables.utcnow()
    with session.begin():
        row = tables.ApiToken(
            token_hash=hashed,
            user_id=user_id,
            name=name[:200],
            created_at=now,
            expires=now + dt.timedelta(days=days) if days else None,
        )
        session.add(row)
        session.flush()
        return token, _token_dict(row)


def _token_dict(row: tables.ApiToken) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "created_at": row.created_at.isoformat(timespec="seconds"),
        "last_used": row.last_used.isoformat(timespec="seconds") if row.last_used else None,
        "expires": row.expires.isoformat(timespec="seconds") if row.expires else None,
    }


def tokens(session: Session, user_id: int) -> list[dict[str, Any]]:
    """The user's API tokens (never the tokens themselves)."""
    with session.begin():
        query = sa.select(tables.ApiToken).where(tables.ApiToken.user_id == user_id)
        return [_token_dict(t) for t in session.scalars(query.order_by(tables.ApiToken.id))]


def revoke_token(session: Session, user_id: int, token_id: int) -> None:
    """Delete one of the user's API tokens."""
    with session.begin():
        row = session.get(tables.ApiToken, token_id)
        if row is None or row.user_id != user_id:
            raise NotFoundError(f"you have no API token #{token_id}")
        session.delete(row)


def user_for_token(session: Session, token: str) -> Principal | None:
    """The active user an unexpired API token belongs to, or None.

    One query of plain columns (this runs on every API request); ``last_used`` is written
    only when it is older than LAST_USED_RESOLUTION.
    """
    now = tables.utcnow()
    token_table, user_table = tables.ApiToken, tables.User
    with session.begin():
        row = session.execute(
            sa.select(
                token_table.id,
                token_table.expires,
                token_table.last_used,
                user_table.id.label("user_id"),
                user_table.name,
                user_table.role,
            )
            .join(user_table, user_table.id == token_table.user_id)
            .where(token_table.token_hash == security.token_hash(token), user_table.active)
        ).first()
        if row is None or (row.expires is not None and row.expires <= now):
            return None
        if row.last_used is None or now - row.last_used > LAST_USED_RESOLUTION:
            session.execute(
                sa.update(token_table).where(token_table.id == row.id).values(last_used=now)
            )
        return Principal(row.user_id, row.name, row.role, "token")


def published_names(session: Session) -> set[str]:
    """Names of the saved analyses an admin published."""
    with session.begin():
        return set(session.scalars(sa.select(tables.Publication.analysis_name)))


def publish(session: Session, name: str, by: str, published: bool = True) -> None:
    """Publish (or withdraw) a saved analysis for anonymous visitors and viewers."""
    with session.begin():
        if not queries.analysis_exists(session, name):
            raise NotFoundError(f"there is no saved analysis named {name!r}")
        row = session.get(tables.Publication, name)
        if published and row is None:
            session.add(tables.Publication(analysis_name=name, published_by=by))
        elif not published and row is not None:
            session.delete(row)
