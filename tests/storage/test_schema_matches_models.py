"""The migrations create exactly the schema that storage/tables.py declares (apart from the
dialect-specific full-text index of needs, ``tables.SEARCH_INDEX``)."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from tamatrix.storage import tables


def test_migrated_database_matches_the_models(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": False, "include_name": tables.is_modelled}
        )
        differences = compare_metadata(context, tables.Base.metadata)
    assert differences == []
