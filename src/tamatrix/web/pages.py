"""Server-rendered pages (Jinja2) over the same queries as the API: dashboard, need browser,
need page, review queue, documents, report, login and account."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from tamatrix.core import convention, stats, taxonomy
from tamatrix.core.states import REGIONAL_GROUPS
from tamatrix.exceptions import InputError
from tamatrix.pipeline import analysis, correct_need, supply
from tamatrix.reports import charts
from tamatrix.reports.render import find_browser
from tamatrix.web import accounts, browse, i18n, security, vocabulary
from tamatrix.web import api as api_routes
from tamatrix.web import documents as uploads
from tamatrix.web.deps import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    Admin,
    Analyst,
    AppSettings,
    CurrentUser,
    DbSession,
    Viewer,
    csrf_token,
)
from tamatrix.web.errors import LoginFailed, Throttled
from tamatrix.web.i18n import gettext as _

TEMPLATES = Path(__file__).parent / "templates"
_environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    extensions=["jinja2.ext.i18n"],
)
_environment.install_gettext_callables(  # type: ignore[attr-defined]
    i18n.gettext, i18n.ngettext, newstyle=True
)
templates = Jinja2Templates(env=_environment)
router = APIRouter(include_in_schema=False)

CHAPTERS = [c.numeral for c in convention.CHAPTERS]
CATEGORY_CODES = list(taxonomy.CATEGORY_CODES)
SUBCATEGORY_CODES = list(taxonomy.SUBCATEGORY_CODES)
REGION_CODES = [g.code for g in REGIONAL_GROUPS]


def _base_context(request: Request, user: accounts.Principal) -> dict[str, Any]:
    """What every template may use: the user, the language, the choices of the filters with
    their names in the page's language, and the functions that name a code."""
    return {
        "user": user,
        "csrf_token": csrf_token(request),
        "lang": i18n.current_language(),
        "languages": i18n.LANGUAGE_NAMES,
        "chapters": CHAPTERS,
        "categories": vocabulary.categories(),
        "subcategories": vocabulary.subcategories(),
        "regions": vocabulary.regions(),
        "category_name": vocabulary.category_name,
        "subcategory_name": vocabulary.subcategory_name,
        "region_name": vocabulary.region_name,
        "chapter_title": vocabulary.chapter_title,
        "path": request.url.path,
        "query": request.url.query,
    }


def render(
    request: Request,
    name: str,
    user: accounts.Principal,
    status: int = 200,
    **context: Any,
) -> HTMLResponse:
    """A page from its template, with the user, the CSRF token and the language."""
    return templates.TemplateResponse(
        request, name, {**_base_context(request, user), **context}, status_code=status
    )


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """The HTML page of an error."""
    user = getattr(request.state, "principal", None) or accounts.ANONYMOUS
    return render(request, "error.html", user, status=status, status_code=status, message=message)


def _query_string(values: dict[str, Any]) -> str:
    return urlencode({k: v for k, v in values.items() if v not in (None, "")})


def needs_link(filters: browse.FigureFilter, **extra: Any) -> str:
    """The need browser filtered to the needs behind a number of the dashboard."""
    values = {k: v for k, v in dataclasses.asdict(filters).items()}
    values.update(extra)
    if values.get("as_of"):
        values["as_of"] = str(values["as_of"])
    return "/needs?" + _query_string(values)


def chart_context(chart: Any, links: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "spec": Markup(json.dumps(charts.spec(chart)).replace("</", "<\\/")),
        "links": json.dumps(links or {}),
    }


def dashboard_charts(
    figures: stats.Figures, filters: browse.FigureFilter | None
) -> dict[str, dict[str, Any]]:
    """Vega-Lite specifications of the dashboard's charts, with the link behind each bar.

    The charts are drawn from ``figures`` (whose names ``vocabulary.localized_figures`` puts in
    the page's language) with the charts' words in the page's language; a bar's link is keyed
    by the very label the chart gives the bar, which static/charts.js looks up on a click."""
    words = vocabulary.chart_words()

    def link(**extra: Any) -> str:
        return needs_link(filters, **extra) if filters is not None else ""

    found: dict[str, dict[str, Any]] = {}
    if not figures["coverage"]["needs"]:
        return found
    by_chapter = {
        charts.chapter_heading(figures, r["chapter"], words): link(chapter=r["chapter"])
        for r in figures["by_chapter"]
    }
    found["by_chapter"] = chart_context(charts.needs_by_chapter(figures, words), by_chapter)
    found["by_category"] = chart_context(
        charts.needs_by_category(figures, words),
        {r["name"]: link(category=r["category"]) for r in figures["by_category"]},
    )
    found["by_region"] = chart_context(
        charts.by_region(figures, words),
        {r["name"]: link(region=r["region"]) for r in figures["by_region"]},
    )
    if any(r["needs"] for r in figures["subcategories"]):
        found["subcategories"] = chart_context(
            charts.subcategories(figures, words),
            {
                r["name"]: link(category="capacity_building", subcategory=r["subcategory"])
                for r in figures["subcategories"]
            },
        )
    for chapter in figures["chapters"]:
        rows = [r for r in figures["by_article"] if r["chapter"] == chapter]
        if any(r["needs"] for r in rows):
            found[f"articles_{chapter}"] = chart_context(
                charts.top_articles(figures, chapter, words=words),
                {
                    charts.article_label(r["article"], words): link(
                        chapter=chapter, article=r["article"]
                    )
                    for r in rows
                    if r["article"] is not None
                },
            )
    if "comparison" in figures:
        found["comparison"] = chart_context(charts.comparison(figures, words=words))
    return found


def _date(value: str | None, field: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(_("%(field)s: not a date (YYYY-MM-DD)") % {"field": field}) from None


def _int(value: str | None, field: str, low: int, high: int) -> int | None:
    if not value:
        return None
    if not value.isdigit() or not low <= int(value) <= high:
        raise InputError(
            _("%(field)s: a number from %(low)d to %(high)d")
            % {"field": field, "low": low, "high": high}
        )
    return int(value)


def _choice(value: str | None, allowed: list[str], field: str) -> str | None:
    if not value:
        return None
    if value not in allowed:
        raise InputError(_("%(field)s: not a valid value") % {"field": field})
    return value


def filters_from(request: Request) -> browse.FigureFilter:
    """The dashboard's filters from the query string (empty fields mean no filter)."""
    q = request.query_params
    state = (q.get("state") or "").strip().upper() or None
    if state is not None and (len(state) != 3 or not state.isalpha()):
        raise InputError(_("state: a three-letter ISO code"))
    return browse.FigureFilter(
        as_of=_date(q.get("as_of"), "as_of"),
        cycle=_int(q.get("cycle"), "cycle", 1, 2),
        chapter=_choice(q.get("chapter"), CHAPTERS, "chapter"),
        article=_int(q.get("article"), "article", 1, 71),
        category=_choice(q.get("category"), CATEGORY_CODES, "category"),
        subcategory=_choice(q.get("subcategory"), SUBCATEGORY_CODES, "subcategory"),
        region=_choice(q.get("region"), REGION_CODES, "region"),
        state=state,
    )


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, session: DbSession, user: CurrentUser) -> Response:
    """The dashboard: live figures for analysts, published analyses for everyone else."""
    saved = api_routes.visible_analyses(session, user)
    chosen = request.query_params.get("analysis") or None
    compare_to = request.query_params.get("compare_to") or None
    if not user.has("analyst"):
        if chosen is None and saved:
            chosen = saved[-1]["name"]
        if chosen is None:
            return render(request, "dashboard.html", user, figures=None, saved=saved)
    filters: browse.FigureFilter | None = None
    if chosen is not None:
        figures = api_routes.analysis_figures(session, user, chosen)
        if compare_to:
            previous = api_routes.analysis_figures(session, user, compare_to)
            figures = {**figures, "comparison": stats.compare(figures, previous, name=compare_to)}
    else:
        filters = filters_from(request)
        figures = browse.figures(session, filters, request.app.state.figure_cache, compare_to)
    figures = vocabulary.localized_figures(figures)
    return render(
        request,
        "dashboard.html",
        user,
        figures=figures,
        charts=dashboard_charts(figures, filters),
        filters=filters,
        saved=saved,
        chosen=chosen,
        compare_to=compare_to,
        link=(lambda **extra: needs_link(filters, **extra)) if filters else None,
    )


def _need_query(request: Request) -> browse.NeedQuery:
    f = filters_from(request)
    q = request.query_params
    sort = q.get("sort") or "state"
    if sort not in browse.SORTS:
        raise InputError(_("sort: not a valid value"))
    per_page = _int(q.get("per_page"), "per_page", 1, browse.MAX_PAGE_SIZE) or 50
    return browse.NeedQuery(
        **dataclasses.asdict(f),
        status=_choice(q.get("status"), ["machine", "confirmed", "corrected"], "status"),
        q=(q.get("q") or "").strip()[:200] or None,
        sort=sort,
        descending=q.get("order") == "desc",
        page=_int(q.get("page"), "page", 1, 100_000) or 1,
        per_page=per_page,
    )


@router.get("/needs", response_class=HTMLResponse)
def needs_page(request: Request, session: DbSession, user: Analyst) -> Response:
    """The need browser: search, filters, sort and pagination."""
    where = _need_query(request)
    rows, total = browse.search_needs(session, where)
    pages = max(1, math.ceil(total / where.per_page))
    params = {k: v for k, v in request.query_params.items() if k not in ("page", "lang")}
    return render(
        request,
        "needs.html",
        user,
        rows=rows,
        total=total,
        where=where,
        pages=pages,
        sorts=browse.SORTS,
        page_link=lambda n: "/needs?" + _query_string({**params, "page": n}),
        export_link=lambda fmt: "/api/needs?" + _query_string({**params, "format": fmt}),
    )


@router.get("/needs/{need_id}", response_class=HTMLResponse)
def need_page(
    request: Request, session: DbSession, user: Analyst, need_id: api_routes.PathId
) -> Response:
    """A need: its text, coding, confidence, explanation and the page of its document."""
    detail = browse.need_detail(session, need_id)
    return render(
        request,
        "need.html",
        user,
        need=detail,
        matches=supply.matches_of(session, [need_id]),
        next_id=request.query_params.get("next"),
    )


def _next_in_queue(session: DbSession, after: int) -> int | None:
    rows, _total = browse.review_queue(session, limit=2)
    ids = [r["id"] for r in rows if r["id"] != after]
    return ids[0] if ids else None


@router.post("/needs/{need_id}/correct")
def correct_page(
    session: DbSession,
    user: Analyst,
    need_id: api_routes.PathId,
    action: Annotated[str, Form()] = "correct",
    chapter: Annotated[str, Form()] = "",
    articles: Annotated[str, Form()] = "",
    primary_category: Annotated[str, Form()] = "",
    subcategory: Annotated[str, Form()] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
    queue: Annotated[str, Form()] = "",
) -> Response:
    """Confirm or correct a need from its page or the review queue, then go on."""
    changes: dict[str, str | None] = {}
    if action == "correct":
        changes = {
            "chapter": chapter or None,
            "articles": ",".join(a.strip() for a in articles.replace(";", ",").split(",")),
            "primary_category": primary_category or None,
            "subcategory": subcategory or None,
        }
        changes = {k: v for k, v in changes.items() if v is not None or k == "subcategory"}
    correct_need(session, need_id, changes, user.name, note)
    if queue:
        following = _next_in_queue(session, need_id)
        target = f"/needs/{following}?next=queue" if following else "/review"
        return RedirectResponse(target, status_code=303)
    return RedirectResponse(f"/needs/{need_id}?saved=1", status_code=303)


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, session: DbSession, user: Analyst) -> Response:
    """The review queue: unchecked machine codings, lowest confidence first."""
    rows, total = browse.review_queue(session, limit=100)
    return render(request, "review.html", user, rows=rows, total=total)


@router.post("/review/confirm")
def bulk_confirm_page(
    session: DbSession, user: Analyst, ids: Annotated[list[int], Form()]
) -> Response:
    """Confirm the checked needs of the queue."""
    api_routes.confirm_needs(session, ids[:500], user.name, "")
    return RedirectResponse("/review", status_code=303)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, session: DbSession, user: Analyst) -> Response:
    """Documents with their problems, the upload form and failed files."""
    return render(
        request,
        "documents.html",
        user,
        documents=browse.documents(session),
        failed=browse.failed_files(session),
        max_mb=request.app.state.settings.max_document_bytes / (1024 * 1024),
    )


@router.post("/documents", response_class=HTMLResponse)
def upload_page(
    request: Request,
    session: DbSession,
    settings: AppSettings,
    user: Analyst,
    file: Annotated[UploadFile, File()],
) -> Response:
    """Ingest an uploaded document and show what was found."""
    result = uploads.ingest_upload(session, settings, file.file, file.filename, user.name)
    return render(
        request,
        "documents.html",
        user,
        documents=browse.documents(session),
        failed=browse.failed_files(session),
        max_mb=settings.max_document_bytes / (1024 * 1024),
        result=api_routes.ingest_out(result),
    )


@router.post("/documents/{document_id}/reingest", response_class=HTMLResponse)
def reingest_page(
    request: Request,
    session: DbSession,
    settings: AppSettings,
    user: Analyst,
    document_id: api_routes.PathId,
) -> Response:
    """Read an uploaded document again."""
    result = uploads.reingest(session, settings, document_id, user.name)
    return render(
        request,
        "documents.html",
        user,
        documents=browse.documents(session),
        failed=browse.failed_files(session),
        max_mb=settings.max_document_bytes / (1024 * 1024),
        result=api_routes.ingest_out(result),
    )


@router.post("/documents/{document_id}/delete")
def delete_page(session: DbSession, user: Admin, document_id: api_routes.PathId) -> Response:
    """Delete a document and its records (the audit log keeps the corrections)."""
    uploads.delete_document(session, document_id)
    return RedirectResponse("/documents", status_code=303)


@router.get("/report", response_class=HTMLResponse)
def report_page(request: Request, session: DbSession, user: Analyst) -> Response:
    """Choose a cut-off date and a comparison, and download the note."""
    return render(
        request,
        "report.html",
        user,
        saved=api_routes.visible_analyses(session, user),
        pdf=find_browser() is not None,
    )


@router.get("/report/download")
def report_download(
    session: DbSession,
    user: Analyst,
    as_of: Annotated[str, Query()] = "",
    cycle: Annotated[str, Query()] = "",
    compare_to: Annotated[str, Query()] = "",
    format: Annotated[str, Query()] = "html",
) -> Response:
    """The note, drafted now, as an attachment."""
    fmt = _choice(format, ["html", "docx", "pdf"], "format") or "html"
    return api_routes.report_response(
        session,
        _date(as_of, "as_of"),
        _int(cycle, "cycle", 1, 2),
        compare_to or None,
        fmt,
    )


@router.post("/analyses/{name}/publication")
def publication_page(
    session: DbSession,
    user: Admin,
    name: str,
    published: Annotated[str, Form()] = "",
) -> Response:
    """Publish a saved analysis, or withdraw it."""
    accounts.publish(session, name, user.name, published == "1")
    return RedirectResponse("/?" + urlencode({"analysis": name}), status_code=303)


@router.post("/analyses")
def save_analysis_page(
    session: DbSession,
    user: Analyst,
    name: Annotated[str, Form(max_length=200)],
    as_of: Annotated[str, Form()] = "",
    cycle: Annotated[str, Form()] = "",
) -> Response:
    """Save the figures at a cut-off date under a new name."""
    figures = analysis.analyse(session, _date(as_of, "as_of"), _int(cycle, "cycle", 1, 2))
    analysis.save_analysis(session, name, figures)
    return RedirectResponse("/?" + urlencode({"analysis": name.strip()}), status_code=303)


def _safe_next(target: str | None) -> str:
    """A local path to go to after login (never another site)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, user: CurrentUser) -> Response:
    """The sign-in form."""
    return render(request, "login.html", user, next=_safe_next(request.query_params.get("next")))


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    session: DbSession,
    user: CurrentUser,
    name: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Check the name and password; on success set a fresh session and CSRF cookie."""
    address = request.client.host if request.client else "unknown"
    try:
        principal = accounts.authenticate(session, name, password, address)
    except (LoginFailed, Throttled) as exc:
        message = (
            _("Too many failed sign-ins. Try again in 15 minutes.")
            if isinstance(exc, Throttled)
            else _("Wrong user name or password.")
        )
        return render(
            request, "login.html", user, status=exc.status, error=message, next=_safe_next(next)
        )
    assert principal.user_id is not None
    epoch = accounts.session_epoch(session, principal.user_id)
    settings = request.app.state.settings
    from tamatrix.web.app import secure_cookies

    secure = secure_cookies(settings, request.url.scheme)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        request.app.state.session_signer.sign({"u": principal.user_id, "e": epoch}),
        max_age=settings.session_minutes * 60,
        httponly=True,
        samesite="lax",
        secure=secure,
    )
    response.set_cookie(
        CSRF_COOKIE,
        request.app.state.csrf_signer.sign(security.new_csrf_token()),
        max_age=86400 * 30,
        httponly=True,
        samesite="lax",
        secure=secure,
    )
    request.state.csrf_rotated = True
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    """End the session."""
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")
    request.state.csrf_rotated = True
    return response


@router.post("/account/sessions/end")
def end_sessions_page(request: Request, session: DbSession, user: Viewer) -> Response:
    """Sign out on every device: every session cookie of this user stops working."""
    assert user.user_id is not None
    accounts.end_sessions(session, user.user_id)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")
    request.state.csrf_rotated = True
    return response


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, session: DbSession, user: Viewer) -> Response:
    """Your API tokens."""
    assert user.user_id is not None
    return render(request, "account.html", user, tokens=accounts.tokens(session, user.user_id))


@router.post("/account/tokens", response_class=HTMLResponse)
def create_token_page(
    request: Request,
    session: DbSession,
    user: Viewer,
    name: Annotated[str, Form(max_length=200)],
    days: Annotated[str, Form()] = "",
) -> Response:
    """Create an API token and show it once."""
    assert user.user_id is not None
    token, _row = accounts.create_token(session, user.user_id, name, _int(days, "days", 1, 3650))
    return render(
        request,
        "account.html",
        user,
        tokens=accounts.tokens(session, user.user_id),
        new_token=token,
    )


@router.post("/account/tokens/{token_id}/delete")
def revoke_token_page(session: DbSession, user: Viewer, token_id: api_routes.PathId) -> Response:
    """Revoke one of your API tokens."""
    assert user.user_id is not None
    accounts.revoke_token(session, user.user_id, token_id)
    return RedirectResponse("/account", status_code=303)
