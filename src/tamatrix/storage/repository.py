"""Save and load records. No business rules and no commits: ``pipeline`` decides those."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix.core import records
from tamatrix.storage import search, tables


def document_by_hash(session: Session, content_hash: str) -> tables.Document | None:
    return session.scalar(
        sa.select(tables.Document).where(tables.Document.content_hash == content_hash)
    )


def documents_of_review(session: Session, review_id: int) -> list[tables.Document]:
    query = sa.select(tables.Document).where(tables.Document.review_id == review_id)
    return list(session.scalars(query.order_by(tables.Document.id)))


def review(session: Session, state: str, cycle: int) -> tables.Review | None:
    query = sa.select(tables.Review).where(
        tables.Review.state == state, tables.Review.cycle == cycle
    )
    return session.scalar(query)


def add_review(session: Session, state: str, cycle: int) -> tables.Review:
    row = tables.Review(state=state, cycle=cycle)
    session.add(row)
    session.flush()
    return row


def state_exists(session: Session, iso3: str) -> bool:
    return session.get(tables.State, iso3) is not None


def add_document(session: Session, **fields: object) -> tables.Document:
    row = tables.Document(**fields)
    session.add(row)
    session.flush()
    return row


def add_records(
    session: Session,
    document_id: int | None,
    review_id: int,
    needs: Sequence[records.Need],
    recommendations: Sequence[records.Finding],
    good_practices: Sequence[records.Finding],
) -> list[int]:
    """Insert a document's records in a few bulk statements, with the needs' search terms
    (stemmed in the document's language); returns the new needs' ids."""
    need_ids = _insert_returning_ids(
        session,
        tables.Need,
        [
            {
                "document_id": document_id,
                "review_id": review_id,
                "position": position,
                "chapter": need.chapter,
                "text": need.text,
                "page": need.page,
                "span_start": need.start,
                "span_end": need.end,
                "primary_category": need.primary_category,
                "subcategory": need.subcategory,
                "form": need.form,
                "confidence": need.confidence,
                "method": need.method,
                "explanation": need.explanation,
                "status": "machine",
                "created_at": tables.utcnow(),
            }
            for position, need in enumerate(needs)
        ],
    )
    document = session.get(tables.Document, document_id) if document_id is not None else None
    language = document.language if document is not None else None
    _insert(
        session,
        tables.NeedSearch,
        [search.entry(i, n.text, language) for i, n in zip(need_ids, needs, strict=True)],
    )
    _insert(
        session,
        tables.NeedArticle,
        [
            {"need_id": i, "article": a}
            for i, n in zip(need_ids, needs, strict=True)
            for a in sorted(set(n.articles))
        ],
    )
    _insert(
        session,
        tables.NeedSecondaryCategory,
        [
            {"need_id": i, "category": c}
            for i, n in zip(need_ids, needs, strict=True)
            for c in sorted(set(n.secondary_categories))
        ],
    )
    for table, link, key, findings in (
        (tables.Recommendation, tables.RecommendationArticle, "recommendation_id", recommendations),
        (tables.GoodPractice, tables.GoodPracticeArticle, "good_practice_id", good_practices),
    ):
        ids = _insert_returning_ids(
            session,
            table,
            [
                {
                    "document_id": document_id,
                    "review_id": review_id,
                    "position": position,
                    "chapter": f.chapter,
                    "text": f.text,
                    "page": f.page,
                    "span_start": f.start,
                    "span_end": f.end,
                }
                for position, f in enumerate(findings)
            ],
        )
        _insert(
            session,
            link,
            [
                {key: i, "article": a}
                for i, f in zip(ids, findings, strict=True)
                for a in sorted(set(f.articles))
            ],
        )
    return need_ids


def _insert_returning_ids(
    session: Session, table: type[tables.Base], rows: list[dict[str, object]]
) -> list[int]:
    if not rows:
        return []
    statement = sa.insert(table).returning(table.id, sort_by_parameter_order=True)  # type: ignore[attr-defined]
    return list(session.scalars(statement, rows))


def _insert(session: Session, table: type[tables.Base], rows: list[dict[str, object]]) -> None:
    if rows:
        session.execute(sa.insert(table), rows)


def needs_by_id(session: Session, ids: Sequence[int]) -> list[tables.Need]:
    query = sa.select(tables.Need).where(tables.Need.id.in_(ids)).order_by(tables.Need.position)
    return list(session.scalars(query))


def add_problem(session: Session, problem: records.Problem, document_id: int | None) -> None:
    session.add(
        tables.ProblemRow(
            document_id=document_id,
            file_name=problem.file or "",
            code=problem.code,
            page=problem.page,
            message=problem.message,
        )
    )


def needs_of_document(session: Session, document_id: int) -> list[tables.Need]:
    query = sa.select(tables.Need).where(tables.Need.document_id == document_id)
    return list(session.scalars(query.order_by(tables.Need.position)))


def delete_document(session: Session, document: tables.Document) -> None:
    """Delete a document with its records and problems (the corrections stay as audit)."""
    for table in (tables.Need, tables.Recommendation, tables.GoodPractice, tables.ProblemRow):
        for row in session.scalars(sa.select(table).where(table.document_id == document.id)):
            session.delete(row)
    session.flush()
    session.delete(document)
    session.flush()


def corrections_of(session: Session, record_type: str, record_id: int) -> list[tables.Correction]:
    query = sa.select(tables.Correction).where(
        tables.Correction.record_type == record_type, tables.Correction.record_id == record_id
    )
    return list(session.scalars(query.order_by(tables.Correction.id)))


def add_correction(
    session: Session,
    record_type: str,
    record_id: int,
    field: str,
    old: str | None,
    new: str | None,
    user: str,
    note: str = "",
) -> None:
    session.add(
        tables.Correction(
            record_type=record_type,
            record_id=record_id,
            field=field,
            old_value=old,
            new_value=new,
            user_name=user,
            note=note,
        )
    )


@dataclass(frozen=True)
class NeedFilter:
    state: str | None = None
    cycle: int | None = None
    chapter: str | None = None
    article: int | None = None
    category: str | None = None
    region: str | None = None
    as_of: dt.date | None = None


def need_conditions(where: NeedFilter) -> list[sa.ColumnElement[bool]]:
    """The conditions of a need filter, for a query that joins needs to their reviews and
    States (the command line's list and the web's need browser share them)."""
    need, review, state = tables.Need, tables.Review, tables.State
    conditions: list[sa.ColumnElement[bool]] = []
    if where.state:
        conditions.append(review.state == where.state)
    if where.cycle:
        conditions.append(review.cycle == where.cycle)
    if where.chapter:
        conditions.append(need.chapter == where.chapter)
    if where.category:
        conditions.append(need.primary_category == where.category)
    if where.region:
        conditions.append(state.regional_group == where.region)
    if where.as_of:
        conditions.append(review.summary_date <= where.as_of)
    if where.article is not None:
        articles = sa.select(tables.NeedArticle.need_id).where(
            tables.NeedArticle.article == where.article
        )
        conditions.append(need.id.in_(articles))
    return conditions


def need_rows(
    session: Session, where: NeedFilter, limit: int | None = None, offset: int = 0
) -> list[dict[str, object]]:
    """Needs with their State, region, review and document, filtered, in a stable order."""
    query = (
        sa.select(
            tables.Need,
            tables.Review.state,
            tables.Review.cycle,
            tables.State.regional_group,
            tables.Document.file_name,
        )
        .join(tables.Review, tables.Need.review_id == tables.Review.id)
        .join(tables.State, tables.Review.state == tables.State.iso3)
        .outerjoin(tables.Document, tables.Need.document_id == tables.Document.id)
    )
    query = query.where(*need_conditions(where))
    query = query.order_by(
        tables.Review.state,
        tables.Review.cycle,
        tables.Need.chapter,
        tables.Need.position,
        tables.Need.id,
    )
    if limit is not None:
        query = query.limit(limit).offset(offset)
    rows = []
    for need, state, cycle, region, file_name in session.execute(query):
        rows.append(
            {
                "id": need.id,
                "state": state,
                "cycle": cycle,
                "region": region,
                "chapter": need.chapter,
                "articles": [a.article for a in need.articles],
                "primary_category": need.primary_category,
                "secondary_categories": [s.category for s in need.secondary],
                "subcategory": need.subcategory,
                "form": need.form,
                "confidence": need.confidence,
                "method": need.method,
                "status": need.status,
                "document": file_name,
                "page": need.page,
                "text": need.text,
            }
        )
    return rows


def need(session: Session, need_id: int) -> tables.Need | None:
    return session.get(tables.Need, need_id)


def problems_of(session: Session, document_ids: Sequence[int]) -> list[tables.ProblemRow]:
    query = sa.select(tables.ProblemRow).where(tables.ProblemRow.document_id.in_(document_ids))
    return list(session.scalars(query.order_by(tables.ProblemRow.id)))
