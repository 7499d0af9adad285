"""The stress profile: a million needs written straight to the database, for benchmarks.

The records have generated texts ("Generated need 17"), realistic distributions (about 200
States, both cycles, a third of summaries without needs, 1-3 articles per need, categories with
about 44 per cent capacity-building) and no documents. The needs' search terms (in English) are
written with them, so that the full-text index covers them.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from tamatrix import reference
from tamatrix.core import convention, taxonomy
from tamatrix.exceptions import InputError
from tamatrix.storage import search, tables

BATCH = 50_000

CATEGORY_WEIGHTS = {
    "capacity_building": 44,
    "legislative_assistance": 17,
    "institution_building": 10,
    "policymaking": 7,
    "research_data": 11,
    "international_cooperation": 6,
    "other": 5,
}


def _reviews(rng: random.Random) -> list[dict[str, Any]]:
    """One review per State and cycle; cycle 2 summaries dated 2016-2024, cycle 1 2011-2016."""
    states = reference.states(include_fictional=False).states
    rows: list[dict[str, Any]] = []
    for cycle, start, days in ((1, dt.date(2011, 6, 1), 1800), (2, dt.date(2016, 6, 1), 3000)):
        for state in states:
            rows.append(
                {
                    "id": len(rows) + 1,
                    "state": state.iso3,
                    "cycle": cycle,
                    "summary_date": start + dt.timedelta(days=rng.randrange(days)),
                    "status": "completed",
                    "chapters": ",".join(convention.cycle(cycle).chapters),
                }
            )
    return rows


def _weighted_reviews(rng: random.Random, reviews: list[dict[str, Any]]) -> list[float]:
    """About a third of the summaries identify no needs; the others a few to very many."""
    return [0.0 if rng.random() < 0.33 else rng.lognormvariate(0, 0.8) for _ in reviews]


def _articles(rng: random.Random, chapter: str) -> list[int]:
    """None (a tenth of needs), or 1-3 articles of the chapter in its cycle's scope."""
    if rng.random() < 0.1:
        return []
    scope = [
        a.number for a in convention.articles_in(chapter, convention.cycle_of_chapter(chapter))
    ]
    return rng.sample(scope, rng.choice((1, 1, 1, 2, 2, 3)))


def write_stress(engine: Engine, needs: int = 1_000_000, seed: int = 20200930) -> None:
    """Write one review per State and cycle, ``needs`` needs and as many recommendations, in
    bulk, into an empty database (records with generated texts: for benchmarks only)."""
    with Session(engine) as session:
        if session.scalar(sa.select(sa.func.count()).select_from(tables.Review)):
            raise InputError(
                "the stress profile writes into an empty database only; "
                "point TAMATRIX_DATABASE_URL at a new one"
            )
    rng = random.Random(seed)
    reviews = _reviews(rng)
    weights = _weighted_reviews(rng, reviews)
    categories, category_weights = zip(*CATEGORY_WEIGHTS.items(), strict=True)
    now = tables.utcnow()
    with engine.begin() as connection:
        connection.execute(sa.insert(tables.Review), reviews)
        for kind in ("need", "recommendation"):
            owners = rng.choices(reviews, weights=weights, k=needs)
            owners.sort(key=lambda r: r["id"])
            for start in range(0, needs, BATCH):
                rows, links, secondary, terms = [], [], [], []
                for number in range(start, min(start + BATCH, needs)):
                    review = owners[number]
                    own = convention.cycle(review["cycle"]).chapters
                    chapter = own[0] if rng.random() < 0.64 else own[1]
                    record_id = number + 1
                    row = {
                        "id": record_id,
                        "review_id": review["id"],
                        "position": number,
                        "chapter": chapter,
                        "text": f"Generated {kind} {record_id}",
                    }
                    if kind == "need":
                        primary = rng.choices(categories, category_weights)[0]
                        row.update(
                            primary_category=primary,
                            subcategory=rng.choice(taxonomy.SUBCATEGORY_CODES)
                            if primary == "capacity_building"
                            else None,
                            confidence=1.0,
                            method="rule",
                            explanation="",
                            status="machine",
                            created_at=now,
                        )
                        terms.append(search.entry(record_id, row["text"], "en"))
                        if rng.random() < 0.25:
                            other = rng.choice(categories)
                            if other != primary:
                                secondary.append({"need_id": record_id, "category": other})
                    rows.append(row)
                    for article in _articles(rng, chapter):
                        links.append({f"{kind}_id": record_id, "article": article})
                if kind == "need":
                    connection.execute(sa.insert(tables.Need), rows)
                    connection.execute(sa.insert(tables.NeedSearch), terms)
                    connection.execute(sa.insert(tables.NeedArticle), links)
                    if secondary:
                        connection.execute(sa.insert(tables.NeedSecondaryCategory), secondary)
                else:
                    connection.execute(sa.insert(tables.Recommendation), rows)
                    connection.execute(sa.insert(tables.RecommendationArticle), links)
        if engine.dialect.name == "postgresql":
            # Ids were given explicitly: move the sequences past them.
            for table in ("reviews", "needs", "recommendations"):
                connection.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                    )
                )
        connection.execute(sa.text("ANALYZE"))
