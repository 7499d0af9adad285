"""Reads for the web application: needs searched and sorted, a need with its provenance,
documents with their problems, and the figures of the analysis under any filter (cached).

Every function takes a session that is not in a transaction and reads in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix.core import stats
from tamatrix.exceptions import InputError, NotFoundError
from tamatrix.storage import queries, repository, search, tables
from tamatrix.web.cache import Memo

MAX_PAGE_SIZE = 500
SORTS = ("state", "confidence", "id", "chapter", "category", "date")


@dataclass(frozen=True)
class NeedQuery:
    """Filters, full-text search, sort and page of a list of needs."""

    cycle: int | None = None
    chapter: str | None = None
    article: int | None = None
    category: str | None = None
    subcategory: str | None = None
    region: str | None = None
    state: str | None = None
    as_of: dt.date | None = None
    status: str | None = None
    q: str | None = None
    sort: str = "state"
    descending: bool = False
    page: int = 1
    per_page: int = 50


def _filtered(query: sa.Select[Any], where: NeedQuery, dialect: str) -> sa.Select[Any]:
    need = tables.Need
    shared = repository.NeedFilter(
        state=where.state,
        cycle=where.cycle,
        chapter=where.chapter,
        article=where.article,
        category=where.category,
        region=where.region,
        as_of=where.as_of,
    )
    conditions = repository.need_conditions(shared)
    if where.subcategory == stats.DEFAULT_SUBCATEGORY:
        conditions.append(need.primary_category == "capacity_building")
        conditions.append(sa.or_(need.subcategory.is_(None), need.subcategory == "general"))
    elif where.subcategory:
        conditions.append(need.subcategory == where.subcategory)
    if where.status:
        conditions.append(need.status == where.status)
    if where.q:
        # One State's needs are few enough to look each up in the index; a search with
        # nothing to search (only punctuation, say) filters nothing.
        found = search.matches(need.id, where.q, dialect, narrow=bool(where.state))
        if found is not None:
            conditions.append(found)
    return query.where(*conditions)


def _ordering(where: NeedQuery) -> list[Any]:
    need, review = tables.Need, tables.Review
    keys: dict[str, list[Any]] = {
        "state": [review.state, review.cycle, need.chapter, need.position],
        "confidence": [need.confidence],
        "id": [],
        "chapter": [need.chapter, review.state, need.position],
        "category": [need.primary_category, review.state, need.position],
        "date": [review.summary_date, review.state, need.position],
    }
    if where.sort not in keys:
        raise InputError(f"cannot sort by {where.sort!r}; use one of {', '.join(SORTS)}")
    columns = [*keys[where.sort], need.id]
    return [c.desc() if where.descending else c.asc() for c in columns]


def _base() -> sa.Select[Any]:
    return (
        sa.select(tables.Need.id)
        .join(tables.Review, tables.Need.review_id == tables.Review.id)
        .join(tables.State, tables.Review.state == tables.State.iso3)
    )


def search_needs(session: Session, where: NeedQuery) -> tuple[list[dict[str, Any]], int]:
    """One page of the needs that match, in the chosen order, and how many match in all."""
    if not 1 <= where.per_page <= MAX_PAGE_SIZE:
        raise InputError(f"a page holds 1 to {MAX_PAGE_SIZE} needs")
    return matching_needs(session, where)


def matching_needs(session: Session, where: NeedQuery) -> tuple[list[dict[str, Any]], int]:
    """Like ``search_needs`` without the page size limit (for exports, which set their own)."""
    with session.begin():
        filtered = _filtered(_base(), where, session.get_bind().dialect.name)
        total = session.scalar(sa.select(sa.func.count()).select_from(filtered.subquery()))
        page_ids = list(
            session.scalars(
                filtered.order_by(*_ordering(where))
                .limit(where.per_page)
                .offset((where.page - 1) * where.per_page)
            )
        )
        rows = _rows_of(session, page_ids)
    return rows, int(total or 0)


def _rows_of(session: Session, ids: Sequence[int]) -> list[dict[str, Any]]:
    """The needs with these ids as rows of the list, in the order of ``ids``."""
    if not ids:
        return []
    query = (
        sa.select(
            tables.Need,
            tables.Review.state,
            tables.State.name,
            tables.Review.cycle,
            tables.State.regional_group,
            tables.Review.summary_date,
            tables.Document.file_name,
        )
        .join(tables.Review, tables.Need.review_id == tables.Review.id)
        .join(tables.State, tables.Review.state == tables.State.iso3)
        .outerjoin(tables.Document, tables.Need.document_id == tables.Document.id)
        .where(tables.Need.id.in_(ids))
    )
    by_id = {}
    for need, state, state_name, cycle, region, date, file_name in session.execute(query):
        by_id[need.id] = {
            "id": need.id,
            "state": state,
            "state_name": state_name,
            "cycle": cycle,
            "region": region,
            "summary_date": date.isoformat() if date else None,
            "chapter": need.chapter,
            "articles": [a.article for a in need.articles],
            "primary_category": need.primary_category,
            "secondary_categories": [s.category for s in need.secondary],
            "subcategory": need.subcategory,
            "form": need.form,
            "confidence": need.confidence,
            "method": need.method,
            "status": need.status,
            "document_id": need.document_id,
            "document": file_name,
            "page": need.page,
            "text": need.text,
        }
    return [by_id[i] for i in ids if i in by_id]


def review_queue(session: Session, limit: int = 50) -> tuple[list[dict[str, Any]], int]:
    """The machine-coded needs an analyst has not checked, lowest confidence first."""
    return search_needs(session, NeedQuery(status="machine", sort="confidence", per_page=limit))


def _page_segments(
    text: str, page: int | None, start: int | None, end: int | None
) -> list[dict[str, Any]]:
    """The pages of a document's text that hold the span, each as plain and marked parts."""
    pages = text.split("\f")
    offsets = [0]
    for body in pages[:-1]:
        offsets.append(offsets[-1] + len(body) + 1)
    if start is None or end is None:
        chosen = [page - 1] if page and 0 < page <= len(pages) else []
    else:
        chosen = [
            i
            for i, (offset, body) in enumerate(zip(offsets, pages, strict=True))
            if offset <= end and start <= offset + len(body)
        ]
    shown = []
    for i in chosen:
        body, offset = pages[i], offsets[i]
        parts: list[tuple[str, bool]] = []
        if start is None or end is None:
            parts.append((body, False))
        else:
            lo = max(0, start - offset)
            hi = min(len(body), end - offset)
            parts = [(body[:lo], False), (body[lo:hi], True), (body[hi:], False)]
        shown.append({"number": i + 1, "parts": [{"text": t, "marked": m} for t, m in parts if t]})
    return shown


def need_detail(session: Session, need_id: int) -> dict[str, Any]:
    """A need with its coding, provenance (document, page, span, passage) and corrections."""
    with session.begin():
        rows = _rows_of(session, [need_id])
        if not rows:
            raise NotFoundError(f"there is no need #{need_id}")
        need = session.get(tables.Need, need_id)
        assert need is not None
        document = session.get(tables.Document, need.document_id) if need.document_id else None
        corrections = repository.corrections_of(session, "need", need_id)
        detail = {
            **rows[0],
            "explanation": need.explanation,
            "span_start": need.span_start,
            "span_end": need.span_end,
            "document_symbol": document.symbol if document else None,
            "document_pages": document.pages if document else None,
            "passage": (
                document.text[need.span_start : need.span_end]
                if document and need.span_start is not None and need.span_end is not None
                else None
            ),
            "source_pages": (
                _page_segments(document.text, need.page, need.span_start, need.span_end)
                if document
                else []
            ),
            "corrections": [
                {
                    "field": c.field,
                    "old_value": c.old_value,
                    "new_value": c.new_value,
                    "user": c.user_name,
                    "created_at": c.created_at.isoformat(timespec="seconds"),
                    "note": c.note,
                }
                for c in corrections
            ],
        }
    return detail


def documents(session: Session) -> list[dict[str, Any]]:
    """Every document with its counts and problems, newest first; failed files last."""
    with session.begin():
        docs = list(session.scalars(sa.select(tables.Document).order_by(tables.Document.id.desc())))
        counts: dict[int | None, int] = {
            document_id: count
            for document_id, count in session.execute(
                sa.select(tables.Need.document_id, sa.func.count()).group_by(
                    tables.Need.document_id
                )
            )
        }
        problems: dict[int | None, list[dict[str, Any]]] = {}
        for p in session.scalars(sa.select(tables.ProblemRow).order_by(tables.ProblemRow.id)):
            problems.setdefault(p.document_id, []).append(
                {"code": p.code, "page": p.page, "message": p.message, "file": p.file_name}
            )
    rows = [
        {
            "id": d.id,
            "file_name": d.file_name,
            "format": d.format,
            "size_bytes": d.size_bytes,
            "language": d.language,
            "symbol": d.symbol,
            "issued": d.issued.isoformat() if d.issued else None,
            "state": d.state,
            "cycle": d.cycle,
            "pages": d.pages,
            "needs": counts.get(d.id, 0),
            "ingested_at": d.ingested_at.isoformat(timespec="seconds"),
            "problems": problems.get(d.id, []),
        }
        for d in docs
    ]
    return rows


def failed_files(session: Session) -> list[dict[str, Any]]:
    """Problems of files that could not be ingested at all (no document was stored)."""
    with session.begin():
        query = (
            sa.select(tables.ProblemRow)
            .where(tables.ProblemRow.document_id.is_(None))
            .order_by(tables.ProblemRow.id.desc())
            .limit(200)
        )
        return [
            {
                "file": p.file_name,
                "code": p.code,
                "page": p.page,
                "message": p.message,
                "created_at": p.created_at.isoformat(timespec="seconds"),
            }
            for p in session.scalars(query)
        ]


def document(session: Session, document_id: int) -> tables.Document:
    """The document with this id; NotFoundError if none."""
    with session.begin():
        row = session.get(tables.Document, document_id)
        if row is None:
            raise NotFoundError(f"there is no document #{document_id}")
        return row


@dataclass(frozen=True)
class FigureFilter:
    """The filters of the dashboard; the cut-off date and cycle scope reviews as the CLI does."""

    as_of: dt.date | None = None
    cycle: int | None = None
    chapter: str | None = None
    article: int | None = None
    category: str | None = None
    subcategory: str | None = None
    region: str | None = None
    state: str | None = None

    @property
    def narrowed(self) -> bool:
        """Whether a filter beyond the cut-off date and the cycle applies."""
        return any(astuple(self)[2:])


def _need_matches(need: stats.NeedFact, f: FigureFilter) -> bool:
    if f.chapter and need.chapter != f.chapter:
        return False
    if f.article is not None and f.article not in need.articles:
        return False
    if f.category and need.primary != f.category:
        return False
    if f.subcategory:
        if need.primary != "capacity_building":
            return False
        if (need.subcategory or stats.DEFAULT_SUBCATEGORY) != f.subcategory:
            return False
    return True


def compute_figures(session: Session, f: FigureFilter) -> stats.Figures:
    """Every figure of the analysis over the needs that pass the filters."""
    with session.begin():
        facts = queries.load_facts(session, f.as_of, f.cycle)
    reviews = [
        r
        for r in facts.reviews
        if (not f.state or r.state == f.state) and (not f.region or r.region == f.region)
    ]
    needs = [n for n in facts.needs if _need_matches(n, f)]
    advice = [
        r
        for r in facts.recommendations
        if (not f.chapter or r.chapter == f.chapter)
        and (f.article is None or f.article in r.articles)
    ]
    return stats.analyse(needs, reviews, advice, as_of=f.as_of, cycle=f.cycle)


_DATA_VERSION = sa.select(
    sa.select(sa.func.max(tables.Need.id)).scalar_subquery(),
    sa.select(sa.func.max(tables.Document.id)).scalar_subquery(),
    sa.select(sa.func.count(tables.Document.id)).scalar_subquery(),
    sa.select(sa.func.max(tables.Correction.id)).scalar_subquery(),
    sa.select(sa.func.max(tables.Analysis.id)).scalar_subquery(),
)


def data_version(session: Session) -> tuple[Any, ...]:
    """A cheap fingerprint that changes whenever needs, documents, corrections or saved
    analyses change (new rows get higher ids; a deleted document lowers the count)."""
    with session.begin():
        return tuple(session.execute(_DATA_VERSION).one())


class FigureCache(Memo[stats.Figures]):
    """Figures by filter and data version, computed once even when many requests ask at once."""

    def __init__(self, size: int = 64) -> None:
        super().__init__(size)


def figures(
    session: Session, f: FigureFilter, cache: FigureCache, compare_to: str | None = None
) -> stats.Figures:
    """The figures under these filters, from the cache while the data have not changed;
    with ``compare_to``, compared with that saved analysis (unfiltered figures only)."""
    if compare_to and f.narrowed:
        raise InputError("a comparison with a saved analysis needs figures without filters")
    key = (astuple(f), data_version(session))
    found = cache.get(key, lambda: compute_figures(session, f))
    if not compare_to:
        return found
    with session.begin():
        previous = queries.analysis_figures(session, compare_to)
    if previous is None:
        raise NotFoundError(f"there is no saved analysis named {compare_to!r}")
    try:
        comparison = stats.compare(found, previous, name=compare_to)
    except ValueError as exc:
        raise InputError(f"cannot compare with the analysis {compare_to!r}: {exc}") from None
    return {**found, "comparison": comparison}
