"""Fixtures for the pipeline tests: a database holding the second-cycle needs of the 2020 note.

The data reproduce the totals of the Secretariat's note of September 2020: 44 summaries of
the second cycle adopted by 30 September 2020, 30 States with 404 needs (260 in chapter II,
144 in chapter V), 177 of them capacity-building; 27 summaries, 17 States with needs and 282
needs by 31 August 2019. A summary dated after the cut-off and a first-cycle review are added
to check that the filters leave them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from tamatrix.storage import db, tables

PREVIOUS_CUT_OFF = dt.date(2019, 8, 31)
CUT_OFF = dt.date(2020, 9, 30)

# (ISO3, needs in chapter II, needs in chapter V, summary adopted by the previous cut-off)
SUMMARIES: tuple[tuple[str, int, int, bool], ...] = (
    # African States: 18 summaries, 15 with 280 needs
    ("KEN", 14, 6, True),
    ("NGA", 14, 6, True),
    ("GHA", 14, 6, True),
    ("SEN", 14, 6, True),
    ("ZAF", 14, 6, True),
    ("EGY", 13, 5, False),
    ("ETH", 13, 5, True),
    ("TZA", 13, 5, True),
    ("UGA", 13, 5, True),
    ("RWA", 13, 5, True),
    ("ZMB", 13, 5, True),
    ("MWI", 13, 5, True),
    ("BWA", 13, 5, True),
    ("NAM", 13, 5, True),
    ("MAR", 13, 5, True),
    ("TUN", 0, 0, True),
    ("CMR", 0, 0, True),
    ("CIV", 0, 0, True),
    # Asia-Pacific States: 11 summaries, 8 with 73 needs
    ("IND", 10, 4, False),
    ("IDN", 10, 3, False),
    ("PAK", 10, 3, False),
    ("BGD", 9, 3, False),
    ("VNM", 9, 3, False),
    ("THA", 0, 3, True),
    ("PHL", 0, 3, False),
    ("MYS", 0, 3, False),
    ("JPN", 0, 0, True),
    ("KOR", 0, 0, True),
    ("MNG", 0, 0, True),
    # Eastern European States: 3 summaries, 2 with 25 needs, 17 of them in chapter V
    ("UKR", 4, 9, False),
    ("POL", 4, 8, True),
    ("ROU", 0, 0, True),
    # Latin American and Caribbean States: 7 summaries, 3 with 16 needs
    ("BRA", 0, 6, False),
    ("ARG", 0, 5, True),
    ("MEX", 0, 5, False),
    ("COL", 0, 0, True),
    ("PER", 0, 0, True),
    ("CHL", 0, 0, True),
    ("ECU", 0, 0, False),
    # Western European and other States: 5 summaries, 2 with 10 needs
    ("FRA", 4, 3, False),
    ("DEU", 0, 3, False),
    ("ITA", 0, 0, False),
    ("ESP", 0, 0, False),
    ("GBR", 0, 0, False),
)

# Primary categories of the chapter's needs, handed out in the order the needs are written.
CATEGORIES = {
    "II": {
        "capacity_building": 110,
        "legislative_assistance": 35,
        "institution_building": 30,
        "policymaking": 25,
        "research_data": 30,
        "international_cooperation": 15,
        "other": 15,
    },
    "V": {
        "capacity_building": 67,
        "legislative_assistance": 32,
        "institution_building": 12,
        "policymaking": 3,
        "research_data": 15,
        "international_cooperation": 10,
        "other": 5,
    },
}
ARTICLES = {
    "II": [(5,), (6,), (7, 8), (9,), (10,), (11,), (12,), (13,), (14,), (5, 6), ()],
    "V": [(51,), (52,), (53,), (54,), (55,), (57,), (58,), (52, 58), ()],
}
SUBCATEGORIES = ("training", "ict_tools", "awareness_raising", "general", None)


def _categories(chapter: str) -> list[str]:
    return [code for code, count in CATEGORIES[chapter].items() for _ in range(count)]


def add_note_data(session: Session) -> None:
    """Write the summaries, needs and recommendations described in the module docstring."""
    categories = {chapter: _categories(chapter) for chapter in CATEGORIES}
    written = {"II": 0, "V": 0}
    early, late = dt.date(2018, 3, 1), dt.date(2019, 10, 1)
    for review_id, (state, _, _, before) in enumerate(SUMMARIES, start=1):
        date = (early if before else late) + dt.timedelta(days=5 * review_id)
        session.add(tables.Review(id=review_id, state=state, cycle=2, summary_date=date))
    # After the cut-off: a summary with five needs; and a first-cycle review of Kenya.
    session.add(tables.Review(id=100, state="JAM", cycle=2, summary_date=dt.date(2020, 11, 15)))
    session.add(tables.Review(id=101, state="KEN", cycle=1, summary_date=dt.date(2015, 5, 1)))
    session.flush()  # the reviews first: the models have no relationship to order the inserts
    need_id = 0
    for review_id, (state, in_ii, in_v, _) in enumerate(SUMMARIES, start=1):
        session.add(_recommendation(review_id, review_id, "II", (12,)))
        for chapter, count in (("II", in_ii), ("V", in_v)):
            for _ in range(count):
                need_id += 1
                k = written[chapter]
                written[chapter] += 1
                text = f"Need {need_id} of the summary {review_id}"
                if state == "KEN" and k == 0:
                    text = "Training for the Ethics and Anti-Corruption Commission of Kenya"
                articles = ARTICLES[chapter][k % len(ARTICLES[chapter])]
                session.add(
                    _need(need_id, review_id, chapter, articles, categories[chapter][k], text, k)
                )
    for offset in range(5):
        session.add(_need(1000 + offset, 100, "V", (52,), "other", f"Late need {offset}", 0))
    for offset in range(3):
        session.add(
            _need(2000 + offset, 101, "III", (31,), "legislative_assistance", "Cycle 1 need", 0)
        )
    session.flush()


def _need(
    need_id: int,
    review_id: int,
    chapter: str,
    articles: tuple[int, ...],
    category: str,
    text: str,
    k: int,
) -> tables.Need:
    need = tables.Need(
        id=need_id,
        review_id=review_id,
        position=need_id,
        chapter=chapter,
        text=text,
        primary_category=category,
        subcategory=SUBCATEGORIES[k % 5] if category == "capacity_building" else None,
    )
    need.articles = [tables.NeedArticle(article=a) for a in articles]
    if k % 4 == 0 and category != "research_data":
        need.secondary = [tables.NeedSecondaryCategory(category="research_data")]
    return need


def _recommendation(
    record_id: int, review_id: int, chapter: str, articles: tuple[int, ...]
) -> tables.Recommendation:
    recommendation = tables.Recommendation(
        id=record_id, review_id=review_id, chapter=chapter, text="It is recommended ..."
    )
    recommendation.articles = [tables.RecommendationArticle(article=a) for a in articles]
    return recommendation


@pytest.fixture
def note_session(engine: Engine) -> Iterator[Session]:
    """A session (not in a transaction) on a database holding the note's data."""
    factory = db.session_factory(engine)
    with factory() as session:
        with session.begin():
            add_note_data(session)
    with factory() as session:
        yield session
