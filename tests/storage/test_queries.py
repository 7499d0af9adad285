"""Loading the analysis facts and keeping saved analyses, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix.core import stats
from tamatrix.core.stats import NeedFact, RecommendationFact, ReviewFact
from tamatrix.storage import db, queries, tables

# (id, State, cycle, summary date, chapters covered)
REVIEWS = [
    (1, "KEN", 2, dt.date(2019, 1, 10), "II,V"),
    (2, "NGA", 2, dt.date(2019, 5, 20), ""),
    (3, "FRA", 2, dt.date(2020, 2, 1), "II,V"),
    (4, "UKR", 2, dt.date(2020, 4, 1), "II"),
    (5, "KEN", 1, dt.date(2014, 6, 1), "III,IV"),
    (6, "JAM", 2, None, ""),
]
# (id, review, chapter, articles, primary, subcategory, secondaries)
NEEDS = [
    (1, 1, "II", (6, 5), "capacity_building", "training", ("research_data",)),
    (2, 1, "V", (), "capacity_building", None, ()),
    (3, 2, "V", (54, 52), "legislative_assistance", None, ("institution_building", "other")),
    (4, 3, "II", (14,), "research_data", None, ()),
    (5, 5, "III", (15,), "legislative_assistance", None, ()),
    (6, 6, "II", (9,), "other", None, ()),
]
# (id, review, chapter, articles)
RECOMMENDATIONS = [
    (1, 1, "II", (9,)),
    (2, 1, "II", (9, 10)),
    (3, 1, "II", ()),
    (4, 2, "II", (9,)),
    (5, 3, "V", (52,)),
]
REGION = {
    "KEN": "african",
    "NGA": "african",
    "FRA": "western_european_other",
    "UKR": "eastern_european",
    "JAM": "latin_american_caribbean",
}


def _write(session: Session) -> None:
    for id, state, cycle, date, chapters in REVIEWS:
        session.add(
            tables.Review(id=id, state=state, cycle=cycle, summary_date=date, chapters=chapters)
        )
    session.flush()
    for id, review, chapter, articles, primary, subcategory, secondaries in NEEDS:
        row = tables.Need(
            id=id,
            review_id=review,
            chapter=chapter,
            text=f"need {id}",
            primary_category=primary,
            subcategory=subcategory,
        )
        row.articles = [tables.NeedArticle(article=a) for a in articles]
        row.secondary = [tables.NeedSecondaryCategory(category=c) for c in secondaries]
        session.add(row)
    for id, review, chapter, articles in RECOMMENDATIONS:
        rec = tables.Recommendation(id=id, review_id=review, chapter=chapter, text=f"rec {id}")
        rec.articles = [tables.RecommendationArticle(article=a) for a in articles]
        session.add(rec)
    session.flush()


def _load(engine, as_of: dt.date | None, cycle: int | None) -> queries.Facts:
    """The facts in scope, after writing the records above if the database has none yet."""
    with Session(engine) as session, session.begin():
        if not session.scalar(sa.select(sa.func.count()).select_from(tables.Review)):
            _write(session)
    with Session(engine) as session, session.begin():
        return queries.load_facts(session, as_of, cycle)


def test_facts_hold_articles_categories_and_the_state_of_the_review(engine):
    facts = _load(engine, None, 2)
    assert facts.reviews == [
        ReviewFact(1, "KEN", "african", 2, dt.date(2019, 1, 10), ("II", "V")),
        ReviewFact(2, "NGA", "african", 2, dt.date(2019, 5, 20), ()),
        ReviewFact(3, "FRA", "western_european_other", 2, dt.date(2020, 2, 1), ("II", "V")),
        ReviewFact(4, "UKR", "eastern_european", 2, dt.date(2020, 4, 1), ("II",)),
        ReviewFact(6, "JAM", "latin_american_caribbean", 2, None, ()),
    ]
    assert facts.needs == [
        NeedFact(
            1,
            1,
            "KEN",
            "african",
            2,
            "II",
            (5, 6),
            "capacity_building",
            "training",
            ("research_data",),
        ),
        NeedFact(2, 1, "KEN", "african", 2, "V", (), "capacity_building", None, ()),
        NeedFact(
            3,
            2,
            "NGA",
            "african",
            2,
            "V",
            (52, 54),
            "legislative_assistance",
            None,
            ("institution_building", "other"),
        ),
        NeedFact(4, 3, "FRA", "western_european_other", 2, "II", (14,), "research_data", None, ()),
        NeedFact(6, 6, "JAM", "latin_american_caribbean", 2, "II", (9,), "other", None, ()),
    ]


def test_recommendations_are_counted_per_review_chapter_and_article(engine):
    facts = _load(engine, None, None)
    assert facts.recommendations == [
        RecommendationFact(1, "II", (), 1),
        RecommendationFact(1, "II", (9,), 2),
        RecommendationFact(1, "II", (10,), 1),
        RecommendationFact(2, "II", (9,), 1),
        RecommendationFact(3, "V", (52,), 1),
    ]


def test_the_cut_off_date_leaves_out_later_and_undated_summaries(engine):
    facts = _load(engine, dt.date(2019, 12, 31), 2)
    assert [r.id for r in facts.reviews] == [1, 2]
    assert [n.id for n in facts.needs] == [1, 2, 3]
    assert {r.review_id for r in facts.recommendations} == {1, 2}
    link_rows = [n.articles for n in facts.needs]
    assert link_rows == [(5, 6), (), (52, 54)]


def test_the_cycle_filter(engine):
    facts = _load(engine, None, 1)
    assert [(r.id, r.chapters) for r in facts.reviews] == [(5, ("III", "IV"))]
    assert [(n.id, n.articles, n.cycle) for n in facts.needs] == [(5, (15,), 1)]
    assert facts.recommendations == []
    assert len(_load(engine, dt.date(2030, 1, 1), None).needs) == 5


def test_figures_from_the_database(engine):
    facts = _load(engine, dt.date(2020, 9, 30), 2)
    figures = stats.analyse(
        facts.needs, facts.reviews, facts.recommendations, as_of=dt.date(2020, 9, 30), cycle=2
    )
    assert figures["coverage"]["need_ids"] == [1, 2, 3, 4]
    assert [(r["chapter"], r["needs"], r["states_reviewed"]) for r in figures["by_chapter"]] == [
        ("II", 2, 4),
        ("V", 2, 3),
    ]
    nine = [r for r in figures["recommendations_vs_needs"] if r["article"] == 9]
    assert [(r["recommendations"], r["needs"]) for r in nine] == [(3, 0)]


def _saved(engine, name: str, figures: dict) -> None:
    with Session(engine) as session, session.begin():
        queries.add_analysis(session, name, dt.date(2020, 9, 30), 2, figures)


def test_saved_figures_come_back_byte_identical(engine):
    facts = _load(engine, None, 2)
    figures = stats.analyse(facts.needs, facts.reviews, facts.recommendations, as_of=None, cycle=2)
    _saved(engine, "note", figures)
    with Session(engine) as session, session.begin():
        loaded = queries.analysis_figures(session, "note")
        assert queries.analysis_figures(session, "other") is None
        assert queries.analysis_exists(session, "note")
    assert json.dumps(loaded, sort_keys=True) == json.dumps(figures, sort_keys=True)


def test_saved_analyses_are_listed_and_names_are_unique(engine):
    _saved(engine, "b", {"schema_version": 1})
    _saved(engine, "a", {"schema_version": 1})
    with Session(engine) as session, session.begin():
        assert queries.analysis_names(session) == ["a", "b"]
        listed = queries.analyses(session)
    assert [(a["name"], a["as_of"], a["cycle"]) for a in listed] == [
        ("a", "2020-09-30", 2),
        ("b", "2020-09-30", 2),
    ]
    with pytest.raises(sa.exc.IntegrityError):
        _saved(engine, "a", {})


def test_need_texts(engine):
    _load(engine, None, None)
    factory = db.session_factory(engine)
    with factory() as session, session.begin():
        assert queries.need_texts(session, [3, 1, 99]) == {
            1: ("need 1", "KEN"),
            3: ("need 3", "NGA"),
        }
