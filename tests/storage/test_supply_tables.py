"""The supply-side tables: their CHECK constraints, and the migration that creates them."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tamatrix.storage import tables

SUPPLY_TABLES = {
    "providers",
    "offers",
    "offer_articles",
    "offer_categories",
    "activities",
    "activity_recipients",
    "activity_articles",
    "activity_categories",
    "focal_points",
    "matches",
}


def _provider(session: Session) -> tables.Provider:
    provider = tables.Provider(name="UNODC", kind="un_entity")
    session.add(provider)
    session.flush()
    return provider


def test_the_migration_creates_the_supply_tables_as_the_models_say(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        diff = compare_metadata(context, tables.Base.metadata)
    touched = {getattr(item[1], "name", None) if isinstance(item, tuple) else None for item in diff}
    assert not touched & SUPPLY_TABLES, diff


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "paused"},
        {"source": "fax"},
        {"start_date": dt.date(2024, 1, 2), "end_date": dt.date(2024, 1, 1)},
        {"budget": -1.0},
        {"source": "state_report"},
    ],
)
def test_activities_refuse_impossible_values(engine, fields):
    with Session(engine) as session:
        provider = _provider(session)
        values = {"source": "csv", "source_id": "x", "title": "t", **fields}
        session.add(tables.Activity(provider_id=provider.id, **values))
        with pytest.raises(IntegrityError):
            session.flush()


def test_a_match_has_exactly_one_candidate(engine):
    with Session(engine) as session:
        review = tables.Review(state="KEN", cycle=2)
        session.add(review)
        session.flush()
        need = tables.Need(review_id=review.id, chapter="II", text="x", primary_category="other")
        session.add(need)
        session.flush()
        session.add(tables.Match(need_id=need.id, candidate="none", score=0.5))
        with pytest.raises(IntegrityError):
            session.flush()


def test_a_focal_point_belongs_to_a_state_or_a_provider(engine):
    with Session(engine) as session:
        provider = _provider(session)
        session.add(tables.FocalPoint(person="A", state="KEN", provider_id=provider.id))
        with pytest.raises(IntegrityError):
            session.flush()
