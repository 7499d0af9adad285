"""The errors of the web layer, and the one JSON shape in which the API reports every 4xx."""

from __future__ import annotations

from typing import Any

from tamatrix.exceptions import InputError, NotFoundError, TamatrixError


class WebError(TamatrixError):
    """An error with an HTTP status and a stable code."""

    status = 400
    code = "bad-request"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class InvalidParameter(WebError):
    """A parameter has the right form but an impossible value."""

    status = 400
    code = "invalid-parameter"


class Conflict(WebError):
    """A well-formed request that the present state of the data does not allow."""

    status = 409
    code = "conflict"


class Unprocessable(WebError):
    """A file that was received but could not be ingested (its problem code says why)."""

    status = 422
    code = "unprocessable"

    def __init__(self, message: str, code: str, field: str | None = None) -> None:
        super().__init__(message, field)
        self.code = code


class AuthenticationRequired(WebError):
    """The request needs a signed-in user or an API token."""

    status = 401
    code = "authentication-required"


class Forbidden(WebError):
    """The user's role does not allow this."""

    status = 403
    code = "forbidden"


class CsrfError(WebError):
    """A state-changing request came without the CSRF token of the session."""

    status = 403
    code = "csrf-failed"


class TooLarge(WebError):
    """An upload is larger than the configured limit."""

    status = 413
    code = "too-large"


class Throttled(WebError):
    """Too many failed logins from this address for this user name."""

    status = 429
    code = "too-many-attempts"


class LoginFailed(WebError):
    """The user name or password is wrong (which one is not said)."""

    status = 401
    code = "login-failed"


HTTP_CODES = {
    400: "bad-request",
    401: "authentication-required",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    409: "conflict",
    413: "too-large",
    415: "unsupported-media-type",
    422: "invalid-parameter",
    429: "too-many-attempts",
}


def status_of(exc: TamatrixError) -> tuple[int, str, str | None]:
    """The HTTP status, error code and field of an error raised at the boundary."""
    if isinstance(exc, WebError):
        return exc.status, exc.code, exc.field
    if isinstance(exc, NotFoundError):
        return 404, "not-found", None
    if isinstance(exc, InputError):
        return 400, getattr(exc, "code", None) or "bad-request", None
    return 400, "bad-request", None


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    """The one JSON shape of an API error."""
    return {"error": {"code": code, "message": message, "field": field}}
