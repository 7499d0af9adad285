"""Reads for the analysis: the facts behind the figures, and the saved analyses.

Loading is plain Core selects of the few columns the statistics use (no ORM objects), the same
SQL on SQLite and PostgreSQL; a million needs load in about seven seconds. No commits here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby, repeat
from operator import attrgetter, itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix.core.stats import NeedFact, RecommendationFact, ReviewFact
from tamatrix.storage import tables


@dataclass(frozen=True)
class Facts:
    """The facts in scope of one analysis."""

    reviews: list[ReviewFact]
    needs: list[NeedFact]
    recommendations: list[RecommendationFact]


# Core tables: selecting their columns skips the ORM's per-row work, which a million rows feel.
_REVIEWS = tables.Review.__table__
_STATES = tables.State.__table__
_NEEDS = tables.Need.__table__
_NEED_ARTICLES = tables.NeedArticle.__table__
_NEED_SECONDARIES = tables.NeedSecondaryCategory.__table__
_RECOMMENDATIONS = tables.Recommendation.__table__
_RECOMMENDATION_ARTICLES = tables.RecommendationArticle.__table__

Scope = list[sa.ColumnElement[bool]]


def _scope(as_of: dt.date | None, cycle: int | None) -> Scope:
    """Conditions on ``reviews`` for a cut-off date (dated summaries only) and a cycle."""
    conditions: Scope = []
    if as_of is not None:
        conditions.append(_REVIEWS.c.summary_date <= as_of)
    if cycle is not None:
        conditions.append(_REVIEWS.c.cycle == cycle)
    return conditions


def load_facts(session: Session, as_of: dt.date | None, cycle: int | None) -> Facts:
    """Reviews whose summary is dated on or before ``as_of`` (all when None) of ``cycle`` (all
    when None), with their needs and their recommendations counted per article."""
    scope = _scope(as_of, cycle)
    reviews = load_reviews(session, scope)
    return Facts(
        reviews=reviews,
        needs=load_needs(session, scope, reviews),
        recommendations=load_recommendations(session, scope),
    )


def load_reviews(session: Session, scope: Scope) -> list[ReviewFact]:
    """The reviews in scope, with their State's regional group, in id order."""
    review = _REVIEWS.c
    query = (
        sa.select(
            review.id,
            review.state,
            _STATES.c.regional_group,
            review.cycle,
            review.summary_date,
            review.chapters,
        )
        .join_from(_REVIEWS, _STATES, review.state == _STATES.c.iso3)
        .where(*scope)
        .order_by(review.id)
    )
    return [
        ReviewFact(id, state, region, cycle, date, tuple(c for c in chapters.split(",") if c))
        for id, state, region, cycle, date, chapters in session.connection().execute(query)
    ]


def _of_needs_in_scope(link: sa.FromClause, value: str, scope: Scope) -> sa.Select[Any]:
    """(need id, value) rows of a table linked to needs, for the needs in scope."""
    query: sa.Select[Any] = sa.select(link.c.need_id, link.c[value])
    if not scope:
        return query
    return (
        query.join_from(link, _NEEDS, _NEEDS.c.id == link.c.need_id)
        .join(_REVIEWS, _NEEDS.c.review_id == _REVIEWS.c.id)
        .where(*scope)
    )


def _rows(session: Session, query: sa.Select[Any]) -> Sequence[Any]:
    """All rows of a select as the driver's plain tuples, in the session's transaction.

    SQLAlchemy's Row objects cost about a microsecond each: a second or more for a million
    needs. The select is compiled by SQLAlchemy for the session's dialect as usual, with its
    few parameters (a date, a cycle number) rendered inline, and run on the driver's cursor;
    its columns are integers and strings, which need no conversion.
    """
    connection = session.connection()
    compiled = query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(compiled))
        return cursor.fetchall()
    finally:
        cursor.close()


def _grouped(session: Session, query: sa.Select[Any]) -> dict[int, tuple[Any, ...]]:
    """(need id, value) rows, ordered by both, as need id -> its values in ascending order."""
    first, second = itemgetter(0), itemgetter(1)
    rows = _rows(session, query.order_by(*query.selected_columns))
    return {need_id: tuple(map(second, group)) for need_id, group in groupby(rows, key=first)}


def load_needs(session: Session, scope: Scope, reviews: list[ReviewFact]) -> list[NeedFact]:
    """The needs of the reviews in scope, in id order, with their articles and categories."""
    articles = _grouped(session, _of_needs_in_scope(_NEED_ARTICLES, "article", scope))
    secondaries = _grouped(session, _of_needs_in_scope(_NEED_SECONDARIES, "category", scope))
    need = _NEEDS.c
    query = sa.select(
        need.id, need.review_id, need.chapter, need.primary_category, need.subcategory
    )
    if scope:
        query = query.join_from(_NEEDS, _REVIEWS, need.review_id == _REVIEWS.c.id).where(*scope)
    rows = _rows(session, query.order_by(need.id))
    if not rows:
        return []
    ids = list(map(itemgetter(0), rows))
    by_id = {r.id: r for r in reviews}
    of_review = list(map(by_id.__getitem__, map(itemgetter(1), rows)))
    none: tuple[Any, ...] = ()
    # map() over columns keeps the per-need work in C, but for NeedFact's own __init__.
    return list(
        map(
            NeedFact,
            ids,
            map(itemgetter(1), rows),
            map(attrgetter("state"), of_review),
            map(attrgetter("region"), of_review),
            map(attrgetter("cycle"), of_review),
            map(itemgetter(2), rows),
            map(articles.get, ids, repeat(none)),
            map(itemgetter(3), rows),
            map(itemgetter(4), rows),
            map(secondaries.get, ids, repeat(none)),
        )
    )


def load_recommendations(session: Session, scope: Scope) -> list[RecommendationFact]:
    """Recommendations of the reviews in scope, counted per review, chapter and article (one
    fact per article named; one with no article for those naming none)."""
    rec, article = _RECOMMENDATIONS.c, _RECOMMENDATION_ARTICLES.c
    query = (
        sa.select(rec.review_id, rec.chapter, article.article, sa.func.count())
        .select_from(_RECOMMENDATIONS)
        .outerjoin(_RECOMMENDATION_ARTICLES, article.recommendation_id == rec.id)
        .group_by(rec.review_id, rec.chapter, article.article)
    )
    if scope:
        query = query.join(_REVIEWS, rec.review_id == _REVIEWS.c.id).where(*scope)
    facts = [
        RecommendationFact(review_id, chapter, () if number is None else (number,), count)
        for review_id, chapter, number, count in session.connection().execute(query)
    ]
    # Sorted here: SQLite and PostgreSQL put NULL (no article) at opposite ends.
    return sorted(facts, key=lambda f: (f.review_id, f.chapter, f.articles))


def need_texts(session: Session, need_ids: list[int]) -> dict[int, tuple[str, str]]:
    """need id -> (text, ISO3 code of its State) for these needs."""
    query = (
        sa.select(tables.Need.id, tables.Need.text, tables.Review.state)
        .join(tables.Review, tables.Need.review_id == tables.Review.id)
        .where(tables.Need.id.in_(need_ids))
    )
    return {need_id: (text, state) for need_id, text, state in session.execute(query)}


def analysis_names(session: Session) -> list[str]:
    """Names of the saved analyses, in alphabetical order."""
    query = sa.select(tables.Analysis.name).order_by(tables.Analysis.name)
    return list(session.scalars(query))


def analysis_exists(session: Session, name: str) -> bool:
    query = sa.select(tables.Analysis.id).where(tables.Analysis.name == name)
    return session.scalar(query) is not None


def add_analysis(
    session: Session, name: str, as_of: dt.date, cycle: int | None, figures: dict[str, Any]
) -> None:
    """Store an analysis's figures under a new name."""
    session.execute(
        sa.insert(tables.Analysis).values(
            name=name, as_of=as_of, cycle=cycle, created_at=tables.utcnow(), figures=figures
        )
    )


def analysis_figures(session: Session, name: str) -> dict[str, Any] | None:
    """The figures saved under ``name``, or None."""
    query = sa.select(tables.Analysis.figures).where(tables.Analysis.name == name)
    figures: dict[str, Any] | None = session.scalar(query)
    return figures


def analyses(session: Session) -> list[dict[str, Any]]:
    """The saved analyses (without their figures), by cut-off date, then name."""
    a = tables.Analysis
    query = sa.select(a.name, a.as_of, a.cycle, a.created_at).order_by(a.as_of, a.name)
    return [
        {
            "name": name,
            "as_of": as_of.isoformat(),
            "cycle": cycle,
            "created_at": created_at.isoformat(timespec="seconds"),
        }
        for name, as_of, cycle, created_at in session.execute(query)
    ]
