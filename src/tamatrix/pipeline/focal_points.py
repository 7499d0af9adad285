"""Focal points: the contact person of a State or of a provider for technical assistance.

Every addition and removal is kept in the audit log (as a correction of record type
"focal_point"), so that who changed a contact and when survives the contact itself.
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix.exceptions import InputError, NotFoundError
from tamatrix.storage import repository, tables

# One "@", no spaces, a dot in the domain: enough to catch a name typed in the e-mail field.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_TEXT = 300


def _text(value: str, field: str, required: bool) -> str:
    value = " ".join(value.split())
    if required and not value:
        raise InputError(f"{field}: give a value")
    if len(value) > MAX_TEXT:
        raise InputError(f"{field}: at most {MAX_TEXT} characters")
    return value


def _provider(session: Session, provider: str) -> tables.Provider:
    """A provider by its id or its exact name."""
    found = None
    if provider.isdigit():
        found = session.get(tables.Provider, int(provider))
    if found is None:
        named = session.scalars(
            sa.select(tables.Provider).where(tables.Provider.name == provider)
        ).all()
        if len(named) > 1:
            raise InputError(f"provider: {len(named)} providers are named {provider!r}; use the id")
        found = named[0] if named else None
    if found is None:
        raise NotFoundError(
            f"provider: no provider {provider!r}; `tamatrix import` creates providers"
        )
    return found


def add_focal_point(
    session: Session,
    person: str,
    user: str,
    email: str = "",
    role: str = "",
    state: str | None = None,
    provider: str | None = None,
) -> dict[str, Any]:
    """Name the focal point of a State (ISO3 code) or of a provider (id or name)."""
    if (state is None) == (provider is None):
        raise InputError("give either a State or a provider, not both")
    person = _text(person, "person", required=True)
    email = _text(email, "email", required=False)
    if email and not _EMAIL.match(email):
        raise InputError(f"email: {email!r} is not an e-mail address")
    role = _text(role, "role", required=False)
    with session.begin():
        row = tables.FocalPoint(person=person, email=email or None, role=role)
        if state is not None:
            code = state.strip().upper()
            if session.get(tables.State, code) is None:
                raise InputError(f"state: {state!r} is not a known State; see `tamatrix states`")
            row.state = code
        else:
            assert provider is not None
            row.provider_id = _provider(session, provider).id
        session.add(row)
        session.flush()
        repository.add_correction(
            session, "focal_point", row.id, "person", None, _describe(row), user
        )
        return _row(row, _provider_names(session))


def remove_focal_point(session: Session, focal_point_id: int, user: str) -> None:
    """Remove a focal point (the audit log keeps who it was)."""
    with session.begin():
        row = session.get(tables.FocalPoint, focal_point_id)
        if row is None:
            raise NotFoundError(f"there is no focal point {focal_point_id}")
        repository.add_correction(
            session, "focal_point", row.id, "person", _describe(row), None, user
        )
        session.delete(row)


def focal_points(
    session: Session, state: str | None = None, provider: str | None = None
) -> list[dict[str, Any]]:
    """The focal points, of one State or provider if asked: States' first, then providers'."""
    query = sa.select(tables.FocalPoint).order_by(
        tables.FocalPoint.state.is_(None),
        tables.FocalPoint.state,
        tables.FocalPoint.provider_id,
        tables.FocalPoint.id,
    )
    with session.begin():
        if state is not None:
            query = query.where(tables.FocalPoint.state == state.strip().upper())
        if provider is not None:
            query = query.where(tables.FocalPoint.provider_id == _provider(session, provider).id)
        names = _provider_names(session)
        return [_row(row, names) for row in session.scalars(query)]


def _provider_names(session: Session) -> dict[int, str]:
    return dict(session.execute(sa.select(tables.Provider.id, tables.Provider.name)).all())


def _describe(row: tables.FocalPoint) -> str:
    owner = row.state or f"provider {row.provider_id}"
    return f"{row.person} <{row.email or ''}> ({row.role or 'focal point'}) for {owner}"


def _row(row: tables.FocalPoint, providers: dict[int, str]) -> dict[str, Any]:
    return {
        "id": row.id,
        "person": row.person,
        "email": row.email,
        "role": row.role,
        "state": row.state,
        "provider_id": row.provider_id,
        "provider": providers.get(row.provider_id) if row.provider_id else None,
    }
