import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tamatrix.storage import db, tables

EXPECTED_TABLES = {
    "states",
    "articles",
    "reviews",
    "documents",
    "needs",
    "need_articles",
    "need_secondary_categories",
    "recommendations",
    "recommendation_articles",
    "good_practices",
    "good_practice_articles",
    "problems",
    "corrections",
    "analyses",
}


def test_upgrade_creates_every_table_and_loads_reference_data(database_url):
    engine = db.create_engine(database_url)
    assert db.current_revision(engine) is None
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision()
    assert EXPECTED_TABLES <= set(sa.inspect(engine).get_table_names())
    counts = db.row_counts(engine)
    assert counts["articles"] == 71
    assert counts["states"] >= 198
    engine.dispose()


def test_downgrade_to_base_removes_every_table(database_url):
    engine = db.create_engine(database_url)
    db.upgrade(engine)
    db.downgrade(engine, "base")
    remaining = set(sa.inspect(engine).get_table_names()) - {"alembic_version"}
    assert remaining == set()
    assert db.current_revision(engine) is None
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision()
    engine.dispose()


def test_ensure_schema_is_idempotent(engine):
    db.ensure_schema(engine)
    db.ensure_schema(engine)
    assert db.row_counts(engine)["articles"] == 71


def _review(session: Session) -> tables.Review:
    review = tables.Review(state="KEN", cycle=2)
    session.add(review)
    session.flush()
    return review


def test_schema_refuses_an_unknown_category(engine):
    with Session(engine) as session:
        review = _review(session)
        session.add(
            tables.Need(review_id=review.id, chapter="II", text="x", primary_category="magic")
        )
        with pytest.raises(IntegrityError):
            session.flush()


def test_schema_refuses_a_confidence_above_one(engine):
    with Session(engine) as session:
        review = _review(session)
        session.add(
            tables.Need(
                review_id=review.id,
                chapter="II",
                text="x",
                primary_category="other",
                confidence=1.5,
            )
        )
        with pytest.raises(IntegrityError):
            session.flush()


def test_schema_refuses_a_need_for_an_article_that_does_not_exist(engine):
    with Session(engine) as session:
        review = _review(session)
        need = tables.Need(review_id=review.id, chapter="II", text="x", primary_category="other")
        need.articles = [tables.NeedArticle(article=99)]
        session.add(need)
        with pytest.raises(IntegrityError):
            session.flush()


def test_schema_refuses_a_second_review_of_the_same_state_and_cycle(engine):
    with Session(engine) as session:
        _review(session)
        session.add(tables.Review(state="KEN", cycle=2))
        with pytest.raises(IntegrityError):
            session.flush()


def test_reference_data_sync_updates_rather_than_duplicates(engine):
    with Session(engine) as session:
        db.sync_reference_data(session)
        session.commit()
        kenya = session.get(tables.State, "KEN")
        assert kenya is not None and kenya.regional_group == "african"
        assert session.scalar(sa.select(sa.func.count()).select_from(tables.ArticleRow)) == 71
        assert session.get(tables.ArticleRow, 43).cycle is None
        assert session.get(tables.ArticleRow, 52).chapter == "V"


def test_hide_password():
    assert db.hide_password("postgresql://ana:s3cret@db/ta") == "postgresql://ana:***@db/ta"
    assert "s3cret" not in db.hide_password("postgresql+psycopg://ana:s3cret@db:5432/ta")
