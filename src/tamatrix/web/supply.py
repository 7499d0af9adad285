"""The supply side in the JSON API: the matrix of needs and services (grouped one way, as a
two-way grid, and the needs of one cell), providers, offers, activities, the candidates of a
need and analysts' decisions on them, imports of IATI, offers and activities files, and focal
points. Lists also come as CSV and XLSX; the matrix as HXL-tagged CSV too.

The matrix shows live, unpublished needs, so it needs the analyst role, like the need list.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Query, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from tamatrix.pipeline import coverage, focal_points, supply
from tamatrix.web import documents as uploads
from tamatrix.web import schemas
from tamatrix.web.api import (
    ERRORS,
    LIST_CONTENT,
    DateParam,
    ListFormat,
    PathId,
    conflicts,
    list_response,
    parse_date,
)
from tamatrix.web.deps import Analyst, AppSettings, DbSession
from tamatrix.web.errors import Unprocessable

router = APIRouter(prefix="/api", responses=ERRORS)

Dimension = Literal["article", "category", "state", "region"]
ArticleParam = Annotated[int | None, Query(ge=1, le=71)]
StateParam = Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")]
IMPORT_KINDS = ("iati", "offers", "activities")
IMPORT_SUFFIXES = {
    "iati": (".xml",),
    "offers": (".csv", ".xlsx"),
    "activities": (".csv", ".xlsx"),
}
MATRIX_CONTENT: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            **LIST_CONTENT[200]["content"],
            "text/csv; header=present; hxl=true": {"schema": {"type": "string"}},
        }
    }
}
PROVIDER_COLUMNS = ["id", "name", "kind", "country", "org_ref", "website", "offers", "activities"]
OFFER_COLUMNS = [
    "id",
    "provider_id",
    "provider",
    "reference",
    "title",
    "articles",
    "categories",
    "subcategories",
    "languages",
    "regions",
    "modality",
    "capacity",
    "valid_from",
    "valid_to",
    "description",
]
ACTIVITY_COLUMNS = [
    "id",
    "provider_id",
    "provider",
    "source",
    "source_id",
    "title",
    "status",
    "start_date",
    "end_date",
    "budget",
    "currency",
    "recipients",
    "regions",
    "articles",
    "categories",
]


# ---------------------------------------------------------------------------- models


class MatrixRow(BaseModel):
    """One row of the matrix: needs of an article, category, State or region against the
    services there."""

    key: int | str = Field(
        description="The article number (or 'general'), category, State or region."
    )
    needs: int
    covered: int
    unmet: int
    coverage: float | None = Field(description="Per cent of the needs covered.")
    activities: int = Field(description="Planned and ongoing activities.")
    offers: int
    providers: int


class UnmetNeed(BaseModel):
    need: int
    state: str
    region: str | None
    articles: list[int]
    category: str
    text: str


class OverlapOut(BaseModel):
    """Several providers with active activities for one State, article and category."""

    state: str
    article: int
    category: str
    activities: list[int]
    providers: list[str]


class MatrixOut(BaseModel):
    by: Dimension
    needs: int
    covered: int
    coverage: float | None
    rows: list[MatrixRow]
    unmet: list[UnmetNeed]
    overlaps: list[OverlapOut]


class GridCell(BaseModel):
    row: int | str
    column: int | str
    needs: int
    covered: int
    unmet: int
    coverage: float | None
    need_ids: list[int]


class GridOut(BaseModel):
    rows: Dimension
    columns: Dimension
    needs: int
    covered: int
    coverage: float | None
    cells: list[GridCell]


class CellNeed(BaseModel):
    id: int
    state: str
    region: str | None
    articles: list[int]
    category: str
    covered: bool
    covered_by: str | None = Field(description="An accepted match or the ongoing activity.")
    text: str


class ProviderOut(BaseModel):
    id: int
    name: str
    kind: str
    country: str | None
    org_ref: str | None
    website: str | None
    offers: int
    activities: int


class OfferOut(BaseModel):
    id: int
    provider_id: int
    provider: str
    reference: str
    title: str
    description: str
    articles: list[int]
    categories: list[str]
    subcategories: list[str]
    languages: list[str]
    regions: list[str]
    modality: str
    capacity: int | None
    valid_from: str | None
    valid_to: str | None


class ActivityOut(BaseModel):
    id: int
    provider_id: int
    provider: str
    source: str
    source_id: str
    title: str
    status: str
    start_date: str | None
    end_date: str | None
    budget: float | None
    currency: str | None
    recipients: list[str]
    regions: list[str]
    articles: list[int]
    categories: list[str]


class MatchOut(BaseModel):
    """A candidate for a need: an offer, an activity or a peer State, with its decision."""

    match: int
    need: int
    rank: int
    kind: Literal["offer", "activity", "peer"]
    candidate: int
    provider: str
    title: str
    score: float
    status: Literal["suggested", "accepted", "rejected"]
    reasons: list[str]


class DecisionIn(schemas.StrictModel):
    decision: Literal["accepted", "rejected"]
    note: str = Field(default="", max_length=1000)


class SkipOut(BaseModel):
    activity: str | None
    line: int | None
    element: str
    code: str
    reason: str


class RowErrorOut(BaseModel):
    row: int
    column: str
    message: str


class ImportOut(BaseModel):
    """What an import did: every skipped element and bad cell explained."""

    file: str
    status: Literal["imported", "failed"]
    created: int
    updated: int
    message: str
    skipped: list[SkipOut]
    errors: list[RowErrorOut]


class FocalPointIn(schemas.StrictModel):
    person: str = Field(min_length=1, max_length=300)
    email: str | None = Field(default=None, max_length=300, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    role: str = Field(default="", max_length=300)
    state: str | None = Field(default=None, pattern=r"^[A-Za-z]{3}$")
    provider_id: schemas.RecordId | None = None


class FocalPointOut(BaseModel):
    id: int
    person: str
    email: str | None
    role: str
    state: str | None
    provider_id: int | None
    provider: str | None


# ---------------------------------------------------------------------------- matrix


def _matrix_rows(result: supply.Matrix) -> list[dict[str, Any]]:
    return [
        {"key": row[result.by], **{k: v for k, v in row.items() if k != result.by}}
        for row in result.rows
    ]


@router.get("/matrix", response_model=MatrixOut, responses=MATRIX_CONTENT, tags=["matrix"])
def get_matrix(
    session: DbSession,
    _user: Analyst,
    by: Dimension = "article",
    as_of: DateParam = None,
    format: Literal["json", "csv", "xlsx", "hxl"] = "json",
) -> Any:
    """Needs against services grouped by article, category, State or region, with coverage
    (needs with an accepted match or an ongoing activity), unmet needs and overlaps; with
    ``as_of``, activities and offers as they stood that day."""
    result = supply.matrix(session, by, parse_date(as_of))
    if format == "json":
        return {
            "by": by,
            "needs": result.needs,
            "covered": result.covered,
            "coverage": result.coverage,
            "rows": _matrix_rows(result),
            "unmet": result.unmet,
            "overlaps": result.overlaps,
        }
    data = supply.export_rows(result.rows, supply.matrix_columns(by), format)
    media = {"csv": "text/csv; charset=utf-8", "hxl": "text/csv; charset=utf-8; header=present"}
    suffix = "-hxl.csv" if format == "hxl" else f".{format}"
    return Response(
        data,
        media_type=media.get(
            format, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ),
        headers={"Content-Disposition": f'attachment; filename="matrix-by-{by}{suffix}"'},
    )


async def cell_filter(
    article: Annotated[
        str | None,
        Query(pattern=r"^([1-9]|[1-6][0-9]|7[01]|general)$", description="1-71 or 'general'."),
    ] = None,
    category: schemas.Category | None = None,
    state: StateParam = None,
    region: schemas.Region | None = None,
) -> coverage.CellFilter:
    """Which needs of the matrix, from the query string."""
    return coverage.CellFilter(
        article=int(article) if article and article.isdigit() else article,
        category=category,
        state=state.upper() if state else None,
        region=region,
    )


CellParams = Annotated[coverage.CellFilter, Depends(cell_filter)]


@router.get("/matrix/grid", response_model=GridOut, tags=["matrix"])
def get_grid(
    session: DbSession,
    _user: Analyst,
    rows: Dimension = "article",
    columns: Dimension = "category",
    state: StateParam = None,
    region: schemas.Region | None = None,
    as_of: DateParam = None,
) -> Any:
    """The needs counted by two dimensions at once (the dashboard's heat map), each cell with
    its covered and unmet needs and their ids."""
    with conflicts():
        where = coverage.CellFilter(state=state.upper() if state else None, region=region)
        return coverage.heatmap(session, rows, columns, where, parse_date(as_of))


@router.get("/matrix/needs", response_model=list[CellNeed], responses=LIST_CONTENT, tags=["matrix"])
def get_cell_needs(
    session: DbSession,
    _user: Analyst,
    where: CellParams,
    unmet: Annotated[bool, Query(description="Only the needs not covered.")] = False,
    as_of: DateParam = None,
    format: ListFormat = "json",
) -> Any:
    """The needs of one cell of the matrix, each with whether it is covered and by what."""
    rows = coverage.cell_needs(session, where, unmet_only=unmet, as_of=parse_date(as_of))
    if format != "json":
        columns = ["id", "state", "region", "articles", "category", "covered", "covered_by", "text"]
        return list_response(rows, columns, format, "matrix-needs")
    return rows


# ---------------------------------------------------------------------------- supply lists


@router.get("/providers", response_model=list[ProviderOut], responses=LIST_CONTENT, tags=["supply"])
def list_providers(session: DbSession, _user: Analyst, format: ListFormat = "json") -> Any:
    """Providers of assistance with their numbers of offers and activities."""
    rows = coverage.providers(session)
    return rows if format == "json" else list_response(rows, PROVIDER_COLUMNS, format, "providers")


def _dated(rows: list[dict[str, Any]], *names: str) -> list[dict[str, Any]]:
    return [{**r, **{n: r[n].isoformat() if r[n] else None for n in names}} for r in rows]


@router.get("/offers", response_model=list[OfferOut], responses=LIST_CONTENT, tags=["supply"])
def list_offers(
    session: DbSession,
    _user: Analyst,
    article: ArticleParam = None,
    category: schemas.Category | None = None,
    format: ListFormat = "json",
) -> Any:
    """The offers of the knowledge bank, optionally of one article or category."""
    rows = _dated(coverage.offers(session, article, category), "valid_from", "valid_to")
    return rows if format == "json" else list_response(rows, OFFER_COLUMNS, format, "offers")


@router.get(
    "/activities", response_model=list[ActivityOut], responses=LIST_CONTENT, tags=["supply"]
)
def list_activities(
    session: DbSession,
    _user: Analyst,
    state: StateParam = None,
    article: ArticleParam = None,
    category: schemas.Category | None = None,
    status: Literal["planned", "ongoing", "completed", "suspended", "cancelled"] | None = None,
    format: ListFormat = "json",
) -> Any:
    """Activities delivered, ongoing or planned, optionally for one State, article, category
    or status."""
    found = coverage.activities(
        session, state.upper() if state else None, article, category, status
    )
    rows = _dated(found, "start_date", "end_date")
    return rows if format == "json" else list_response(rows, ACTIVITY_COLUMNS, format, "activities")


# ---------------------------------------------------------------------------- matches


@router.get("/needs/{need_id:int}/matches", response_model=list[MatchOut], tags=["matrix"])
def list_matches(session: DbSession, _user: Analyst, need_id: PathId) -> Any:
    """The candidates kept for a need: decided ones first, then suggestions by rank."""
    return [_match(r) for r in supply.matches_of(session, [need_id])]


@router.post("/needs/{need_id:int}/matches", response_model=list[MatchOut], tags=["matrix"])
def suggest_matches(
    session: DbSession,
    _user: Analyst,
    need_id: PathId,
    top: Annotated[int, Query(ge=1, le=50)] = 5,
) -> Any:
    """Rank offers, activities and peer States for a need again (decisions stay)."""
    return [_match(r) for r in supply.match_needs(session, [need_id], top)]


@router.put("/matches/{match_id:int}/decision", response_model=MatchOut, tags=["matrix"])
def decide(session: DbSession, user: Analyst, match_id: PathId, body: DecisionIn) -> Any:
    """Accept or reject a candidate (audited; later rankings learn from it)."""
    row = supply.decide_match(session, match_id, body.decision == "accepted", user.name, body.note)
    return _match(row)


def _match(row: supply.MatchRow) -> dict[str, Any]:
    return {**row.as_dict(), "reasons": list(row.reasons)}


# ---------------------------------------------------------------------------- imports


def import_report(file: supply.FileReport) -> dict[str, Any]:
    """What the API says about an imported file."""
    return {
        "file": file.file,
        "status": file.status,
        "created": file.created,
        "updated": file.updated,
        "message": file.message,
        "skipped": [
            {
                "activity": s.activity,
                "line": s.line,
                "element": s.element,
                "code": s.code,
                "reason": s.reason,
            }
            for s in file.skipped
        ],
        "errors": [{"row": e.row, "column": e.column, "message": e.message} for e in file.errors],
    }


def import_file(
    session: DbSession, settings: AppSettings, kind: str, upload: UploadFile
) -> supply.FileReport:
    """Save an upload in a temporary folder and import it as IATI, offers or activities."""
    with tempfile.TemporaryDirectory(prefix="tamatrix-import-") as folder:
        path, _digest = uploads.save_upload(upload.file, upload.filename, Path(folder), settings)
        if path.suffix.lower() not in IMPORT_SUFFIXES[kind]:
            wanted = " or ".join(IMPORT_SUFFIXES[kind])
            raise Unprocessable(
                f"{path.name}: a {kind} file is {wanted}", "unsupported-format", "file"
            )
        if kind == "iati":
            return supply.import_iati(session, [path]).files[0]
        if kind == "offers":
            return supply.import_offers(session, path)
        return supply.import_activities(session, path)


@router.post(
    "/imports/{kind}",
    response_model=ImportOut,
    responses={413: {"model": schemas.ErrorResponse}},
    tags=["supply"],
)
def import_upload(
    session: DbSession,
    settings: AppSettings,
    _user: Analyst,
    kind: Literal["iati", "offers", "activities"],
    file: Annotated[UploadFile, File()],
) -> Any:
    """Import an IATI activity file (XML) or an offers or activities file (CSV or XLSX from
    `tamatrix template`): all or nothing, again without duplicates. A file that could not be
    imported gets 422 with the reasons; skipped elements and bad cells are listed."""
    report = import_report(import_file(session, settings, kind, file))
    if report["status"] == "failed":
        cells = [f"row {e['row']}, {e['column']}: {e['message']}" for e in report["errors"][:5]]
        reason = "; ".join([report["message"] or "nothing was imported", *cells])
        if not reason.startswith(report["file"]):
            reason = f"{report['file']}: {reason}"
        raise Unprocessable(reason, "import-failed", "file")
    return report


# ---------------------------------------------------------------------------- focal points


@router.get(
    "/focal-points", response_model=list[FocalPointOut], responses=LIST_CONTENT, tags=["supply"]
)
def list_focal_points(
    session: DbSession,
    _user: Analyst,
    state: StateParam = None,
    provider_id: Annotated[int | None, Query(ge=1, le=schemas.MAX_ID)] = None,
    format: ListFormat = "json",
) -> Any:
    """The focal points of States and providers (names and addresses: analysts only)."""
    with conflicts():
        rows = focal_points.focal_points(
            session, state, str(provider_id) if provider_id is not None else None
        )
    columns = ["id", "state", "provider_id", "provider", "person", "email", "role"]
    return rows if format == "json" else list_response(rows, columns, format, "focal-points")


@router.post("/focal-points", response_model=FocalPointOut, status_code=201, tags=["supply"])
def add_focal_point(session: DbSession, user: Analyst, body: FocalPointIn) -> Any:
    """Name the focal point of a State or of a provider (one of the two; audited)."""
    with conflicts():
        return focal_points.add_focal_point(
            session,
            body.person,
            user.name,
            str(body.email or ""),
            body.role,
            body.state,
            str(body.provider_id) if body.provider_id is not None else None,
        )


@router.delete("/focal-points/{focal_point_id:int}", status_code=204, tags=["supply"])
def remove_focal_point(session: DbSession, user: Analyst, focal_point_id: PathId) -> Response:
    """Remove a focal point (the audit log keeps who it was)."""
    focal_points.remove_focal_point(session, focal_point_id, user.name)
    return Response(status_code=204)
