"""Typed dependencies of the routes: settings, a session per request, the current user, role
checks and the CSRF check of every state-changing request.

Dependencies that do no I/O are ``async def``: FastAPI runs a plain ``def`` dependency in its
thread pool, and that hop costs more than most of these do. Creating and closing a session
does no I/O either (every use case commits or rolls back its own transaction), so the session
dependency is async too; the queries themselves run in the thread of the route.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from tamatrix.config import Settings
from tamatrix.web import accounts, security
from tamatrix.web.accounts import ANONYMOUS, Principal
from tamatrix.web.cache import Recent
from tamatrix.web.errors import AuthenticationRequired, CsrfError, Forbidden

SESSION_COOKIE = "tamatrix_session"
CSRF_COOKIE = "tamatrix_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


async def get_settings(request: Request) -> Settings:
    """The settings the application was created with."""
    settings: Settings = request.app.state.settings
    return settings


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One database session per request, closed at its end."""
    session: Session = request.app.state.sessions()
    try:
        yield session
    finally:
        session.close()


DbSession = Annotated[Session, Depends(get_session)]
AppSettings = Annotated[Settings, Depends(get_settings)]


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer`` header; AuthenticationRequired if malformed."""
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _sep, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationRequired("use the header Authorization: Bearer <API token>")
    return token.strip()


async def get_principal(request: Request, session: DbSession) -> Principal:
    """The user of an API token or of the session cookie, else the anonymous visitor.

    The user found is kept for a moment (``app.state.recent``), so that a script's burst of
    requests costs one query; any change made through this process forgets it at once.
    """
    cached = getattr(request.state, "principal", None)
    if isinstance(cached, Principal):
        return cached
    recent: Recent = request.app.state.recent
    principal = ANONYMOUS
    token = bearer_token(request)
    if token is not None:
        key: tuple[object, ...] = ("token", security.token_hash(token))
        kept = recent.get(key)
        if isinstance(kept, Principal):
            principal = kept
        else:
            found = await run_in_threadpool(accounts.user_for_token, session, token)
            if found is None:
                raise AuthenticationRequired("the API token is unknown, revoked or expired")
            recent.put(key, found)
            principal = found
    else:
        signer: security.Signer = request.app.state.session_signer
        settings: Settings = request.app.state.settings
        payload = signer.unsign(
            request.cookies.get(SESSION_COOKIE), max_age=settings.session_minutes * 60
        )
        if isinstance(payload, dict) and isinstance(payload.get("u"), int):
            epoch = payload.get("e", 0)
            epoch = epoch if isinstance(epoch, int) else -1
            key = ("user", payload["u"], epoch)
            kept = recent.get(key)
            if isinstance(kept, Principal):
                principal = kept
            else:
                user = await run_in_threadpool(accounts.user_by_id, session, payload["u"], epoch)
                if user is not None:
                    recent.put(key, user)
                principal = user or ANONYMOUS
    request.state.principal = principal
    return principal


CurrentUser = Annotated[Principal, Depends(get_principal)]


def require(role: str) -> Callable[[Principal], Coroutine[None, None, Principal]]:
    """A dependency that lets through users of ``role`` or above."""

    async def check(principal: CurrentUser) -> Principal:
        if principal.anonymous:
            raise AuthenticationRequired("sign in (or send an API token) to do this")
        if not principal.has(role):
            raise Forbidden(f"this needs the role {role} or above; you are {principal.role}")
        return principal

    check.__name__ = f"require_{role}"
    return check


Viewer = Annotated[Principal, Depends(require("viewer"))]
Analyst = Annotated[Principal, Depends(require("analyst"))]
Admin = Annotated[Principal, Depends(require("admin"))]


def csrf_token(request: Request) -> str:
    """The CSRF token of this browser (set by the middleware from its signed cookie)."""
    token: str = request.state.csrf_token
    return token


async def csrf_protect(request: Request) -> None:
    """Refuse a state-changing request from a browser without the token of its CSRF cookie.

    Requests with an API token carry no ambient credential, so they need no CSRF token.
    """
    if request.method not in UNSAFE_METHODS or request.headers.get("authorization"):
        return
    submitted = request.headers.get(CSRF_HEADER)
    content_type = request.headers.get("content-type", "")
    if submitted is None and content_type.startswith(_FORM_TYPES):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        submitted = value if isinstance(value, str) else None
    if not request.state.csrf_from_cookie or not security.same_token(
        submitted, request.state.csrf_token
    ):
        raise CsrfError(
            "this request lacks the CSRF token of your session; reload the page and try again"
        )
