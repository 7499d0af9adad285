"""The FastAPI application: ``create_app(settings)`` wires the database, the API, the pages,
the static files, the middleware (language, CSRF cookie, security headers, upload limit) and
the error handlers that give the API its one error shape."""

from __future__ import annotations

import logging
import secrets
import threading
from functools import lru_cache
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import fastapi_offline
import vl_convert
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tamatrix import __version__, pipeline
from tamatrix.config import Settings
from tamatrix.exceptions import TamatrixError
from tamatrix.storage import db
from tamatrix.web import api, browse, cache, deps, i18n, pages, security, supply, supply_pages
from tamatrix.web.documents import too_large_message
from tamatrix.web.errors import HTTP_CODES, error_body, status_of

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
# Swagger UI's files, shipped by fastapi-offline, so that /docs needs no CDN.
DOCS_STATIC = Path(fastapi_offline.__file__).parent / "static"
LANGUAGE_COOKIE = "tamatrix_lang"
# How long the data version and the user of a token or session are kept before they are read
# again: changes made through another process (`tamatrix ingest`, another worker) show within
# this time, those made through this one at once.
RECENT_SECONDS = 1.0
UPLOAD_PATHS = (
    "/api/documents",
    "/documents",
    "/api/imports/iati",
    "/api/imports/offers",
    "/api/imports/activities",
    "/matrix/imports",
)
# Room for the multipart envelope around a file of the largest allowed size.
UPLOAD_OVERHEAD = 64 * 1024
# Swagger UI starts from an inline script.
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:"
)
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script, from vl-convert (never from the internet)."""
    return str(vl_convert.javascript_bundle())  # type: ignore[call-arg]


def _cookie(name: str, value: str, max_age: int | None, secure: bool, http_only: bool) -> bytes:
    morsel = SimpleCookie()
    morsel[name] = value
    morsel[name]["path"] = "/"
    morsel[name]["samesite"] = "Lax"
    if max_age is not None:
        morsel[name]["max-age"] = max_age
    if secure:
        morsel[name]["secure"] = True
    if http_only:
        morsel[name]["httponly"] = True
    return morsel.output(header="").strip().encode("latin-1")


def secure_cookies(settings: Settings, scheme: str) -> bool:
    """Whether cookies get the Secure flag: as configured, else when served over HTTPS."""
    return settings.cookie_secure if settings.cookie_secure is not None else scheme == "https"


class RequestContext:
    """Pure ASGI middleware: language, CSRF cookie, security headers and the upload limit."""

    def __init__(
        self, app: ASGIApp, settings: Settings, csrf_signer: security.Signer, recent: cache.Recent
    ) -> None:
        self.app = app
        self.settings = settings
        self.csrf_signer = csrf_signer
        self.recent = recent

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if request.method == "POST" and scope["path"] in UPLOAD_PATHS:
            length = request.headers.get("content-length", "")
            limit = self.settings.max_document_bytes + UPLOAD_OVERHEAD
            if length.isdigit() and int(length) > limit:
                body = error_body("too-large", too_large_message(self.settings), "file")
                await JSONResponse(body, status_code=413)(scope, receive, send)
                return
        asked = request.query_params.get("lang")
        language = i18n.choose_language(
            asked or request.cookies.get(LANGUAGE_COOKIE), request.headers.get("accept-language")
        )
        token = self.csrf_signer.unsign(request.cookies.get(deps.CSRF_COOKIE), max_age=86400 * 30)
        from_cookie = isinstance(token, str)
        # A script with an API token sends no cookies and needs no CSRF cookie.
        scripted = "authorization" in request.headers
        csrf = token if isinstance(token, str) else security.new_csrf_token()
        state = scope.setdefault("state", {})
        state["csrf_token"] = csrf
        state["csrf_from_cookie"] = from_cookie
        secure = secure_cookies(self.settings, scope.get("scheme", "http"))
        policy = DOCS_POLICY if scope["path"] == "/docs" else CONTENT_SECURITY_POLICY

        changes = request.method in deps.UNSAFE_METHODS

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                if changes:  # the change is committed: later reads must not use older values
                    self.recent.forget()
                headers = list(message.get("headers", []))
                if not from_cookie and not scripted and not state.get("csrf_rotated"):
                    value = self.csrf_signer.sign(csrf)
                    cookie = _cookie(deps.CSRF_COOKIE, value, 86400 * 30, secure, True)
                    headers.append((b"set-cookie", cookie))
                if asked in i18n.LANGUAGES:
                    cookie = _cookie(LANGUAGE_COOKIE, language, 86400 * 365, secure, False)
                    headers.append((b"set-cookie", cookie))
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"),
                    (b"content-security-policy", policy.encode()),
                    (b"content-language", language.encode()),
                ]
                message["headers"] = headers
            await send(message)

        reset = i18n.set_language(language)
        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            i18n.reset_language(reset)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path in ("/openapi.json",)


def _error_response(
    request: Request, status: int, code: str, message: str, field: str | None = None
) -> Response:
    if _wants_json(request):
        return JSONResponse(error_body(code, message, field), status_code=status)
    if status == 401:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    return pages.error_page(request, status, message)


async def _tamatrix_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, TamatrixError)
    status, code, field = status_of(exc)
    return _error_response(request, status, code, str(exc), field)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "body")]
    field = ".".join(location) or None
    message = str(first.get("msg", "invalid request"))
    return _error_response(request, 422, "invalid-parameter", f"{field}: {message}", field)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code = HTTP_CODES.get(exc.status_code, "error")
    message = exc.detail if isinstance(exc.detail, str) else code
    response = _error_response(request, exc.status_code, code, message)
    if exc.headers:
        response.headers.update(exc.headers)
    if exc.status_code == 405:
        response.headers["Allow"] = ", ".join(_allowed_methods(request))
    return response


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route accepts on the request's path (routes may share a path)."""
    allowed: set[str] = set()
    for route in request.app.routes:
        if isinstance(route, APIRoute) and route.path_regex.match(request.url.path):
            allowed |= route.methods or set()
    return sorted(allowed)


def _secret(settings: Settings) -> str:
    # Without a configured secret (development only), sessions last as long as the process.
    return settings.secret_key or secrets.token_urlsafe(48)


def create_app(settings: Settings) -> FastAPI:
    """The web application over the database of ``settings``."""
    engine = pipeline.open_database(settings)
    secret = _secret(settings)
    app = FastAPI(
        title="ta-matrix",
        version=__version__,
        description=(
            "The technical assistance needs identified in UNCAC reviews: needs with their "
            "provenance, documents, the analysis and its saved versions, corrections. "
            "Authenticate with the session cookie of the web pages (and the X-CSRF-Token "
            "header for changes) or with `Authorization: Bearer <API token>`. Errors have "
            'one shape: {"error": {"code", "message", "field"}}.'
        ),
        dependencies=[deps.Depends(deps.csrf_protect)],
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = db.session_factory(engine)
    app.state.session_signer = security.Signer(secret, "tamatrix-session")
    app.state.csrf_signer = security.Signer(secret, "tamatrix-csrf")
    app.state.figure_cache = browse.FigureCache()
    app.state.json_cache = cache.JsonCache()
    app.state.recent = cache.Recent(RECENT_SECONDS)
    app.add_middleware(
        RequestContext,
        settings=settings,
        csrf_signer=app.state.csrf_signer,
        recent=app.state.recent,
    )
    app.add_exception_handler(TamatrixError, _tamatrix_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.include_router(api.router)
    app.include_router(supply.router)
    app.include_router(pages.router)
    app.include_router(supply_pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/docs-static", StaticFiles(directory=DOCS_STATIC), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:  # noqa: F841 - registered by the decorator
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="ta-matrix API",
            swagger_js_url="/docs-static/swagger-ui-bundle.js",
            swagger_css_url="/docs-static/swagger-ui.css",
            swagger_favicon_url="/docs-static/favicon.png",
        )

    @app.get("/vendor/vega.js", include_in_schema=False)
    def vega_js() -> Response:  # noqa: F841 - registered by the decorator
        return Response(
            vega_bundle(),
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    @app.get("/health", include_in_schema=False)
    def health() -> dict[str, Any]:
        return {"status": "ok"}

    return app


def warm_up(app: FastAPI) -> threading.Thread:
    """Compute the dashboard's unfiltered figures in the background, so that the first visit
    after a start does not wait for them (seconds on a register of a million needs). A
    request that comes meanwhile waits for this computation instead of starting another."""

    def compute() -> None:
        session = app.state.sessions()
        try:
            browse.figures(session, browse.FigureFilter(), app.state.figure_cache)
        except Exception:  # noqa: BLE001 - a failed warm-up only means a slower first visit
            logger.exception("could not compute the dashboard's figures in advance")
        finally:
            session.close()

    thread = threading.Thread(target=compute, name="tamatrix-warm-up", daemon=True)
    thread.start()
    return thread


def create_app_from_environment() -> FastAPI:
    """The application with settings from the environment (for uvicorn --factory workers),
    its dashboard figures computed in the background."""
    app = create_app(Settings())
    warm_up(app)
    return app
