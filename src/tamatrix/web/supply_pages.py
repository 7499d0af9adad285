"""The matrix of needs and services in the browser: a heat map of needs by two dimensions
coloured by coverage, whose cells drill down to their needs; the matrix by one dimension;
overlaps; downloads; imports; and the candidates of a need with accept and reject."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

import altair as alt
from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tamatrix.core import convention, matching, taxonomy
from tamatrix.core.states import REGIONAL_GROUPS
from tamatrix.exceptions import InputError
from tamatrix.pipeline import coverage, supply
from tamatrix.web import api as api_routes
from tamatrix.web import supply as supply_api
from tamatrix.web import vocabulary
from tamatrix.web.deps import Analyst, AppSettings, DbSession
from tamatrix.web.i18n import gettext as _
from tamatrix.web.pages import chart_context, render

router = APIRouter(include_in_schema=False)

REGION_NAMES = {g.code: g.name for g in REGIONAL_GROUPS}
# The heat map stays readable up to this many rows; more (States, say) are listed in the table.
MAX_CHART_ROWS = 80


dimension_names = vocabulary.dimension_names


def key_label(dimension: str, key: object) -> str:
    """How a row or column of the matrix is named on the page, in the page's language."""
    if dimension == "article":
        return vocabulary.article_label(None if key == "general" else int(str(key)))
    if dimension == "category":
        return vocabulary.category_name(str(key))
    if dimension == "region":
        return vocabulary.region_name(str(key))
    return str(key)


def _choice(value: str | None, allowed: tuple[str, ...], default: str, field: str) -> str:
    if not value:
        return default
    if value not in allowed:
        raise InputError(_("%(field)s: not a valid value") % {"field": field})
    return value


def cell_filter(values: dict[str, str | None]) -> coverage.CellFilter:
    """A filter of the matrix from the query string (article, category, state, region)."""
    article = values.get("article") or None
    if article is not None and article != "general":
        if not article.isdigit() or not convention.is_article(int(article)):
            raise InputError(_("article: a number from 1 to 71, or general"))
    category = values.get("category") or None
    if category is not None and category not in taxonomy.CATEGORY_CODES:
        raise InputError(_("category: not a valid value"))
    region = values.get("region") or None
    if region is not None and region not in REGION_NAMES:
        raise InputError(_("region: not a valid value"))
    state = (values.get("state") or "").strip().upper() or None
    if state is not None and (len(state) != 3 or not state.isalpha()):
        raise InputError(_("state: a three-letter ISO code"))
    return coverage.CellFilter(
        article=int(article) if article and article.isdigit() else article,
        category=category,
        state=state,
        region=region,
    )


def drill_link(rows: str, columns: str, base: dict[str, str], row: object, column: object) -> str:
    """The matrix page opened on one cell (its needs listed under the heat map)."""
    values = {**base, "rows": rows, "columns": columns, rows: str(row), columns: str(column)}
    return "/matrix?" + urlencode({k: v for k, v in values.items() if v}) + "#cell"


def heatmap_chart(grid: dict[str, Any], links: dict[str, str]) -> dict[str, Any] | None:
    """A Vega-Lite heat map: needs by rows and columns, coloured by coverage, the number of
    unmet needs written in each cell; a click opens the cell's needs."""
    cells = grid["cells"]
    rows, columns = grid["rows"], grid["columns"]
    if not cells or len({c["row"] for c in cells}) > MAX_CHART_ROWS:
        return None
    data = [
        {
            "label": f"{key_label(rows, c['row'])} × {key_label(columns, c['column'])}",
            "row": key_label(rows, c["row"]),
            "column": key_label(columns, c["column"]),
            "needs": c["needs"],
            "unmet": c["unmet"],
            "coverage": c["coverage"] or 0.0,
        }
        for c in cells
    ]
    names = dimension_names()
    words = vocabulary.dimension_words()
    row_order = list(dict.fromkeys(d["row"] for d in data))
    column_order = list(dict.fromkeys(d["column"] for d in data))
    base = alt.Chart(alt.Data(values=data)).encode(
        x=alt.X(
            "column:N",
            title=names[columns],
            sort=column_order,
            axis=alt.Axis(orient="top", labelAngle=-30),
        ),
        y=alt.Y("row:N", title=names[rows], sort=row_order),
    )
    rect = base.mark_rect(stroke="#ffffff", cursor="pointer").encode(
        color=alt.Color(
            "coverage:Q",
            title=_("Covered (%)"),
            scale=alt.Scale(domain=[0, 100], scheme="blues"),
        ),
        tooltip=[
            alt.Tooltip("label:N", title=_("Cell")),
            alt.Tooltip("needs:Q", title=_("Needs")),
            alt.Tooltip("unmet:Q", title=_("Unmet")),
            alt.Tooltip("coverage:Q", title=_("Covered (%)")),
        ],
    )
    text = base.mark_text(fontSize=11).encode(
        text=alt.Text("unmet:Q"),
        color=alt.condition("datum.coverage > 60", alt.value("#ffffff"), alt.value("#1a1a1a")),
    )
    chart = (rect + text).properties(
        width=alt.Step(46),
        height=alt.Step(22),
        description=_(
            "Needs by %(rows)s and %(columns)s; colour: share covered; number: unmet needs"
        )
        % {"rows": words[rows], "columns": words[columns]},
    )
    return chart_context(chart, links)


def _matrix_context(session: DbSession, request: Request) -> dict[str, Any]:
    q = request.query_params
    rows = _choice(q.get("rows"), matching.DIMENSIONS, "article", "rows")
    columns = _choice(q.get("columns"), matching.DIMENSIONS, "category", "columns")
    if rows == columns:
        raise InputError(_("choose two different dimensions for the rows and the columns"))
    scope = cell_filter({"state": q.get("scope_state"), "region": q.get("scope_region")})
    base = {"scope_state": scope.state or "", "scope_region": scope.region or ""}
    grid = coverage.heatmap(session, rows, columns, scope)
    links = {
        f"{key_label(rows, c['row'])} × {key_label(columns, c['column'])}": drill_link(
            rows, columns, base, c["row"], c["column"]
        )
        for c in grid["cells"]
    }
    for cell in grid["cells"]:
        cell["link"] = drill_link(rows, columns, base, cell["row"], cell["column"])
    chosen = {d: q.get(d) for d in matching.DIMENSIONS if q.get(d)}
    drill = None
    if chosen:
        where = cell_filter({**chosen, "state": chosen.get("state") or scope.state,
                             "region": chosen.get("region") or scope.region})  # fmt: skip
        drill = {
            "title": " × ".join(key_label(d, v) for d, v in chosen.items()),
            "needs": coverage.cell_needs(session, where),
        }
    by_rows = supply.matrix(session, rows)
    return {
        "rows": rows,
        "columns": columns,
        "scope": scope,
        "grid": grid,
        "heatmap": heatmap_chart(grid, links),
        "row_keys": list(dict.fromkeys(c["row"] for c in grid["cells"])),
        "column_keys": list(dict.fromkeys(c["column"] for c in grid["cells"])),
        "cells": {(c["row"], c["column"]): c for c in grid["cells"]},
        "drill": drill,
        "matrix": by_rows,
        "dimensions": dimension_names(),
        "dimension_words": vocabulary.dimension_words(),
        "key_label": key_label,
    }


@router.get("/matrix", response_class=HTMLResponse)
def matrix_page(request: Request, session: DbSession, user: Analyst) -> Response:
    """The matrix of needs and services: heat map, drill-down, overlaps, downloads, imports."""
    return render(request, "matrix.html", user, **_matrix_context(session, request))


@router.post("/matrix/imports", response_class=HTMLResponse)
def import_page(
    request: Request,
    session: DbSession,
    settings: AppSettings,
    user: Analyst,
    kind: Annotated[str, Form()],
    file: Annotated[UploadFile, File()],
) -> Response:
    """Import an IATI, offers or activities file from the matrix page and show the report."""
    kind = _choice(kind, supply_api.IMPORT_KINDS, "iati", "kind")
    report = supply_api.import_report(supply_api.import_file(session, settings, kind, file))
    status = 422 if report["status"] == "failed" else 200
    context = _matrix_context(session, request)
    return render(request, "matrix.html", user, status=status, imported=report, **context)


@router.post("/needs/{need_id}/matches")
def suggest_page(session: DbSession, _user: Analyst, need_id: api_routes.PathId) -> Response:
    """Rank candidates for a need again from its page."""
    supply.match_needs(session, [need_id])
    return RedirectResponse(f"/needs/{need_id}#matches", status_code=303)


@router.post("/matches/{match_id}/decision")
def decide_page(
    session: DbSession,
    user: Analyst,
    match_id: api_routes.PathId,
    decision: Annotated[str, Form()],
    note: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """Accept or reject a candidate from the need's page (audited)."""
    accepted = _choice(decision, ("accepted", "rejected"), "accepted", "decision") == "accepted"
    row = supply.decide_match(session, match_id, accepted, user.name, note)
    return RedirectResponse(f"/needs/{row.need_id}#matches", status_code=303)
