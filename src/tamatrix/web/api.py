"""The JSON API under /api: needs, documents, figures, saved analyses, corrections, reports,
API tokens. Lists also come as CSV and XLSX (``?format=csv|xlsx``)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import tempfile
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from tamatrix import reports
from tamatrix.exceptions import InputError, NotFoundError
from tamatrix.pipeline import IngestResult, analysis, correct_need, report
from tamatrix.storage import tables
from tamatrix.web import accounts, browse, exports, schemas
from tamatrix.web import documents as uploads
from tamatrix.web.deps import Admin, Analyst, AppSettings, CurrentUser, DbSession, Viewer
from tamatrix.web.errors import Conflict, InvalidParameter, Unprocessable
from tamatrix.web.i18n import gettext as _

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": schemas.ErrorResponse} for code in (400, 401, 403, 404, 409, 422)
}
router = APIRouter(prefix="/api", responses=ERRORS)

ListFormat = Literal["json", "csv", "xlsx"]
NEED_COLUMNS = [
    "id",
    "state",
    "state_name",
    "cycle",
    "region",
    "summary_date",
    "chapter",
    "articles",
    "primary_category",
    "secondary_categories",
    "subcategory",
    "form",
    "confidence",
    "method",
    "status",
    "document",
    "page",
    "text",
]
DOCUMENT_COLUMNS = [
    "id",
    "file_name",
    "format",
    "size_bytes",
    "language",
    "symbol",
    "issued",
    "state",
    "cycle",
    "pages",
    "needs",
    "ingested_at",
    "problems",
]
EXPORT_LIMIT = 100_000
LIST_CONTENT: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            exports.XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
        }
    }
}
REPORT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}

REPORT_CONTENT: dict[int | str, dict[str, Any]] = {
    200: {"content": {t.split(";")[0]: {} for t in REPORT_TYPES.values()}}
}

PathId = Annotated[int, PathParam(ge=1, le=schemas.MAX_ID)]
DateParam = Annotated[
    str | None,
    Query(
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="A date, YYYY-MM-DD.",
        json_schema_extra={"format": "date"},
    ),
]


async def current_version(request: Request, session: Session) -> tuple[Any, ...]:
    """The data version, read again at most every ``RECENT_SECONDS`` (see ``cache.Recent``)."""
    recent = request.app.state.recent
    found = recent.get("data")
    if not isinstance(found, tuple):
        found = await run_in_threadpool(browse.data_version, session)
        recent.put("data", found)
    return found


async def cached_json(request: Request, key: Hashable, make: Callable[[], bytes]) -> Response:
    """A JSON response from the cache of ready-made bodies; ``make`` (which queries the
    database) runs in the thread pool only when the body is not there yet."""
    json_cache = request.app.state.json_cache
    body = json_cache.peek(key)
    if body is None:
        body = await run_in_threadpool(json_cache.get, key, make)
    return Response(body, media_type="application/json")


def parse_date(value: str | None) -> dt.date | None:
    """A date of the query string (already YYYY-MM-DD); 400 when it does not exist."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidParameter(f"as_of: {value} is not a date", field="as_of") from None


@contextlib.contextmanager
def conflicts() -> Iterator[None]:
    """Report the pipeline's refusal of a well-formed request as 409 Conflict."""
    try:
        yield
    except NotFoundError:
        raise
    except InputError as exc:
        raise Conflict(str(exc)) from None


async def need_query(
    cycle: Annotated[int | None, Query(ge=1, le=2)] = None,
    chapter: schemas.Chapter | None = None,
    article: Annotated[int | None, Query(ge=1, le=71)] = None,
    category: schemas.Category | None = None,
    subcategory: schemas.Subcategory | None = None,
    region: schemas.Region | None = None,
    state: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
    as_of: DateParam = None,
    status: Literal["machine", "confirmed", "corrected"] | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    sort: schemas.Sort = "state",
    order: Literal["asc", "desc"] = "asc",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=browse.MAX_PAGE_SIZE)] = 50,
) -> browse.NeedQuery:
    """The filters, search, sort and page of a list of needs, from the query string."""
    return browse.NeedQuery(
        cycle=cycle,
        chapter=chapter,
        article=article,
        category=category,
        subcategory=subcategory,
        region=region,
        state=state.upper() if state else None,
        as_of=parse_date(as_of),
        status=status,
        q=q,
        sort=sort,
        descending=order == "desc",
        page=page,
        per_page=per_page,
    )


NeedQueryParams = Annotated[browse.NeedQuery, Depends(need_query)]


async def figure_filter(
    as_of: DateParam = None,
    cycle: Annotated[int | None, Query(ge=1, le=2)] = None,
    chapter: schemas.Chapter | None = None,
    article: Annotated[int | None, Query(ge=1, le=71)] = None,
    category: schemas.Category | None = None,
    subcategory: schemas.Subcategory | None = None,
    region: schemas.Region | None = None,
    state: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
) -> browse.FigureFilter:
    """The dashboard's filters, from the query string."""
    return browse.FigureFilter(
        parse_date(as_of),
        cycle,
        chapter,
        article,
        category,
        subcategory,
        region,
        state.upper() if state else None,
    )


FigureParams = Annotated[browse.FigureFilter, Depends(figure_filter)]


def list_response(rows: list[dict[str, Any]], columns: list[str], fmt: str, name: str) -> Response:
    if fmt == "csv":
        return Response(
            exports.to_csv(rows, columns),
            media_type=exports.CSV_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    return Response(
        exports.to_xlsx(rows, columns, name),
        media_type=exports.XLSX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
    )


@router.get("/needs", response_model=schemas.NeedPage, responses=LIST_CONTENT, tags=["needs"])
async def list_needs(
    request: Request,
    session: DbSession,
    _user: Analyst,
    where: NeedQueryParams,
    format: ListFormat = "json",
) -> Any:
    """Needs matching the filters and the full-text search ``q`` (stems; "quoted phrases")."""
    if format != "json":
        everything = dataclasses.replace(where, page=1, per_page=EXPORT_LIMIT)
        rows, _total = await run_in_threadpool(browse.matching_needs, session, everything)
        return list_response(rows, NEED_COLUMNS, format, "needs")

    def page() -> bytes:
        rows, total = browse.search_needs(session, where)
        body = {"items": rows, "total": total, "page": where.page, "per_page": where.per_page}
        return schemas.NeedPage.model_validate(body).model_dump_json().encode("utf-8")

    key = ("needs", dataclasses.astuple(where), await current_version(request, session))
    return await cached_json(request, key, page)


def confirm_needs(session: DbSession, ids: list[int], user: str, note: str) -> int:
    """Confirm the machine coding of these needs; returns how many were unconfirmed."""
    with session.begin():
        unconfirmed = list(
            session.scalars(
                sa.select(tables.Need.id).where(
                    tables.Need.id.in_(ids), tables.Need.status == "machine"
                )
            )
        )
    for need_id in unconfirmed:
        correct_need(session, need_id, {}, user, note)
    return len(unconfirmed)


@router.post("/needs/confirm", response_model=schemas.BulkConfirmResult, tags=["needs"])
def bulk_confirm(session: DbSession, user: Analyst, body: schemas.BulkConfirm) -> Any:
    """Confirm the machine coding of several needs at once (each confirmation is audited)."""
    return {"confirmed": confirm_needs(session, body.ids, user.name, body.note)}


@router.get("/needs/{need_id:int}", response_model=schemas.NeedDetail, tags=["needs"])
def get_need(session: DbSession, _user: Analyst, need_id: PathId) -> Any:
    """A need with its coding, confidence, explanation, passage and corrections."""
    return browse.need_detail(session, need_id)


def correction_changes(body: schemas.CorrectionIn) -> dict[str, str | None]:
    """The fields of a correction as the pipeline takes them (lists as comma-separated text)."""
    changes: dict[str, str | None] = {}
    for name in body.model_fields_set - {"note"}:
        value = getattr(body, name)
        if value is None and name in ("chapter", "primary_category"):
            continue  # null keeps the value: a need always has a chapter and a category
        if isinstance(value, list):
            changes[name] = ",".join(str(v) for v in value)
        else:
            changes[name] = value
    return changes


@router.post(
    "/needs/{need_id:int}/corrections", response_model=schemas.CorrectionResult, tags=["needs"]
)
def correct(session: DbSession, user: Analyst, need_id: PathId, body: schemas.CorrectionIn) -> Any:
    """Correct a need's chapter, articles or categories (audited); an empty body confirms it."""
    with conflicts():
        changed = correct_need(session, need_id, correction_changes(body), user.name, body.note)
    detail = browse.need_detail(session, need_id)
    rows = [c for c in detail["corrections"]][-len(changed) :] if changed else []
    return {"changed": rows, "need": detail}


@router.get(
    "/documents",
    response_model=list[schemas.DocumentOut],
    responses=LIST_CONTENT,
    tags=["documents"],
)
def list_documents(session: DbSession, _user: Analyst, format: ListFormat = "json") -> Any:
    """Every ingested document with its counts and problems, newest first."""
    rows = browse.documents(session)
    if format != "json":
        return list_response(rows, DOCUMENT_COLUMNS, format, "documents")
    return rows


def ingest_out(result: IngestResult) -> dict[str, Any]:
    """What the API says about an ingested file."""
    return {
        "file": result.file,
        "status": result.status,
        "document_id": result.document_id,
        "state": result.state,
        "cycle": result.cycle,
        "needs": result.needs,
        "needs_by_chapter": result.needs_by_chapter,
        "recommendations": result.recommendations,
        "good_practices": result.good_practices,
        "carried_over": result.carried_over,
        "problems": [
            {"code": p.code, "page": p.page, "message": p.message, "file": p.file}
            for p in result.problems
        ],
    }


@router.post(
    "/documents",
    response_model=schemas.IngestOut,
    responses={413: {"model": schemas.ErrorResponse}, 422: {"model": schemas.ErrorResponse}},
    tags=["documents"],
)
def upload_document(
    session: DbSession, settings: AppSettings, user: Analyst, file: Annotated[UploadFile, File()]
) -> Any:
    """Ingest an executive summary (PDF, Word, HTML, text), as `tamatrix ingest` does.

    A file that cannot be ingested gets 422 with the problem's code and message.
    """
    result = uploads.ingest_upload(session, settings, file.file, file.filename, user.name)
    if result.status == "failed":
        problem = result.problems[0]
        raise Unprocessable(problem.message, problem.code, "file")
    return ingest_out(result)


@router.post(
    "/documents/{document_id:int}/reingest", response_model=schemas.IngestOut, tags=["documents"]
)
def reingest_document(
    session: DbSession, settings: AppSettings, user: Analyst, document_id: PathId
) -> Any:
    """Read an uploaded document again with today's rules (corrections carry over)."""
    return ingest_out(uploads.reingest(session, settings, document_id, user.name))


@router.delete("/documents/{document_id:int}", status_code=204, tags=["documents"])
def delete_document(session: DbSession, _user: Admin, document_id: PathId) -> Response:
    """Delete a document and its records; the corrections stay in the audit log."""
    uploads.delete_document(session, document_id)
    return Response(status_code=204)


@router.get("/figures", response_model=schemas.Figures, tags=["analysis"])
async def get_figures(
    request: Request,
    session: DbSession,
    _user: Analyst,
    where: FigureParams,
    compare_to: Annotated[str | None, Query(max_length=200)] = None,
    ids: Annotated[
        bool, Query(description="Include the ids of the needs and reviews behind each figure.")
    ] = False,
) -> Response:
    """Every figure of the analysis (as `tamatrix analyse --format json`) under the filters;
    the ids of the needs behind each figure only with ``ids=true`` (they are most of its size
    on a large register)."""

    def body() -> bytes:
        with conflicts():
            found = browse.figures(session, where, request.app.state.figure_cache, compare_to)
        return json.dumps(
            found if ids else without_ids(found), ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")

    version = await current_version(request, session)
    return await cached_json(
        request, ("figures", dataclasses.astuple(where), compare_to, ids, version), body
    )


ID_KEYS = frozenset({"need_ids", "review_ids", "new_need_ids", "new_review_ids"})


def without_ids(value: Any) -> Any:
    """The figures without their lists of need and review ids."""
    if isinstance(value, dict):
        return {k: without_ids(v) for k, v in value.items() if k not in ID_KEYS}
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    return value


def visible_analyses(session: DbSession, user: accounts.Principal) -> list[dict[str, Any]]:
    """The saved analyses this user may see: all for analysts, the published ones otherwise."""
    published = accounts.published_names(session)
    rows = [{**a, "published": a["name"] in published} for a in analysis.saved_analyses(session)]
    return rows if user.has("analyst") else [r for r in rows if r["published"]]


@router.get("/analyses", response_model=list[schemas.AnalysisOut], tags=["analysis"])
def list_analyses(session: DbSession, user: CurrentUser) -> Any:
    """Saved analyses (only the published ones for viewers and anonymous visitors)."""
    return visible_analyses(session, user)


def analysis_figures(session: DbSession, user: accounts.Principal, name: str) -> Any:
    """The figures of a saved analysis this user may see (NotFound otherwise, as if absent)."""
    if not user.has("analyst") and name not in accounts.published_names(session):
        raise NotFoundError(f"there is no published analysis named {name!r}")
    return analysis.load_analysis(session, name)


@router.get("/analyses/{name}", tags=["analysis"])
def get_analysis(session: DbSession, user: CurrentUser, name: str) -> schemas.Figures:
    """The frozen figures of a saved analysis."""
    figures: schemas.Figures = analysis_figures(session, user, name)
    return figures


@router.post("/analyses", response_model=schemas.AnalysisOut, status_code=201, tags=["analysis"])
def save_analysis(session: DbSession, user: Analyst, body: schemas.AnalysisIn) -> Any:
    """Save the figures at a cut-off date (and cycle) under a new name."""
    as_of = parse_date(body.as_of)
    figures = analysis.analyse(session, as_of, body.cycle)
    with conflicts():
        analysis.save_analysis(session, body.name, figures)
    return next(a for a in visible_analyses(session, user) if a["name"] == body.name.strip())


@router.put("/analyses/{name}/publication", response_model=schemas.Publication, tags=["analysis"])
def set_publication(session: DbSession, user: Admin, name: str, body: schemas.Publication) -> Any:
    """Publish a saved analysis for anonymous visitors and viewers, or withdraw it."""
    accounts.publish(session, name, user.name, body.published)
    return {"name": name, "published": body.published}


@router.get(
    "/report",
    tags=["analysis"],
    responses=REPORT_CONTENT,
    response_class=Response,
)
def get_report(
    session: DbSession,
    _user: Analyst,
    as_of: DateParam = None,
    cycle: Annotated[int | None, Query(ge=1, le=2)] = None,
    compare_to: Annotated[str | None, Query(max_length=200)] = None,
    format: Literal["html", "docx", "pdf"] = "html",
) -> Response:
    """The analytical note for a cut-off date, compared with a saved analysis, to download."""
    return report_response(session, parse_date(as_of), cycle, compare_to, format)


def report_response(
    session: DbSession,
    as_of: dt.date | None,
    cycle: int | None,
    compare_to: str | None,
    fmt: str,
) -> Response:
    """Draft the note into a temporary file and send it as an attachment."""
    if fmt == "pdf" and reports.render.find_browser() is None:
        raise InputError(_("PDF needs Chromium, which is not installed on the server"))
    name = f"note-{as_of.isoformat() if as_of else 'all'}.{fmt}"
    with tempfile.TemporaryDirectory(prefix="tamatrix-report-") as folder:
        path = report.write_report(session, fmt, Path(folder) / name, as_of, cycle, compare_to)
        content = path.read_bytes()
    return Response(
        content,
        media_type=REPORT_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/me", response_model=schemas.Me, tags=["accounts"])
def me(user: CurrentUser) -> Any:
    """Who is making the request."""
    return {"name": user.name or None, "role": user.role, "via": user.via}


@router.get("/tokens", response_model=list[schemas.TokenOut], tags=["accounts"])
def list_tokens(session: DbSession, user: Viewer) -> Any:
    """Your API tokens (never the tokens themselves)."""
    assert user.user_id is not None
    return accounts.tokens(session, user.user_id)


@router.post("/tokens", response_model=schemas.NewToken, status_code=201, tags=["accounts"])
def create_token(session: DbSession, user: Viewer, body: schemas.TokenIn) -> Any:
    """A new API token for scripts (send it as Authorization: Bearer); shown only once."""
    assert user.user_id is not None
    token, row = accounts.create_token(session, user.user_id, body.name, body.days)
    return {**row, "token": token}


@router.delete("/tokens/{token_id:int}", status_code=204, tags=["accounts"])
def revoke_token(session: DbSession, user: Viewer, token_id: PathId) -> Response:
    """Revoke one of your API tokens."""
    assert user.user_id is not None
    accounts.revoke_token(session, user.user_id, token_id)
    return Response(status_code=204)
