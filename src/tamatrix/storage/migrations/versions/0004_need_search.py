"""need search: the search terms of needs, indexed (FTS5 on SQLite, GIN on PostgreSQL)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from tamatrix.storage import search

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BATCH = 10_000


def _values(row: str) -> str:
    """The rowid and the en, fr and es columns of the FTS5 table for a need_search ``row``."""
    by_language = (
        f"CASE {row}.language WHEN '{c}' THEN {row}.terms END" for c in ("en", "fr", "es")
    )
    return f"{row}.need_id, {', '.join(by_language)}"


# On SQLite, a contentless FTS5 table holds each need's terms in the column of its language, so
# that a search reads each language only where it applies. Triggers keep it in step with every
# insert, update and delete of need_search, including the deletes that cascade from needs and
# documents (a contentless table must be told the values it indexed to forget them).
_ADD = "INSERT INTO need_search_fts(rowid, en, fr, es) VALUES ({});"
_FORGET = "INSERT INTO need_search_fts(need_search_fts, rowid, en, fr, es) VALUES ('delete', {});"
SQLITE_INDEX = (
    "CREATE VIRTUAL TABLE need_search_fts USING fts5(en, fr, es, content='', columnsize=0, "
    "tokenize='unicode61 remove_diacritics 2')",
    f"INSERT INTO need_search_fts(rowid, en, fr, es) SELECT {_values('need_search')} FROM need_search",
    "CREATE TRIGGER need_search_ai AFTER INSERT ON need_search "
    f"BEGIN {_ADD.format(_values('new'))} END",
    "CREATE TRIGGER need_search_ad AFTER DELETE ON need_search "
    f"BEGIN {_FORGET.format(_values('old'))} END",
    "CREATE TRIGGER need_search_au AFTER UPDATE ON need_search "
    f"BEGIN {_FORGET.format(_values('old'))} {_ADD.format(_values('new'))} END",
)
# On PostgreSQL, the terms as a tsvector kept in a generated column (computed once, not again
# for each row a search reads), with a GIN index.
POSTGRESQL_INDEX = (
    "ALTER TABLE need_search ADD COLUMN terms_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, terms)) STORED",
    "CREATE INDEX ix_need_search_terms_vector ON need_search USING gin (terms_vector)",
)


def upgrade() -> None:
    op.create_table(
        "need_search",
        sa.Column("need_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.CheckConstraint("language IN ('en', 'fr', 'es')", name=op.f("ck_need_search_language")),
        sa.ForeignKeyConstraint(
            ["need_id"], ["needs.id"], name=op.f("fk_need_search_need_id_needs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("need_id", name=op.f("pk_need_search")),
    )
    _fill()
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_INDEX if sqlite else POSTGRESQL_INDEX:
        op.execute(statement)


def _fill() -> None:
    """Write the search terms of the needs already there, a batch at a time."""
    needs = sa.table("needs", sa.column("id"), sa.column("text"), sa.column("document_id"))
    documents = sa.table("documents", sa.column("id"), sa.column("language"))
    need_search = sa.table(
        "need_search", sa.column("need_id"), sa.column("language"), sa.column("terms")
    )
    connection = op.get_bind()
    last = 0
    while True:
        batch = connection.execute(
            sa.select(needs.c.id, needs.c.text, documents.c.language)
            .outerjoin(documents, needs.c.document_id == documents.c.id)
            .where(needs.c.id > last)
            .order_by(needs.c.id)
            .limit(BATCH)
        ).all()
        if not batch:
            return
        connection.execute(
            sa.insert(need_search),
            [search.entry(i, text, language) for i, text, language in batch],
        )
        last = batch[-1].id


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("need_search_au", "need_search_ad", "need_search_ai"):
            op.execute(f"DROP TRIGGER {trigger}")
        op.execute("DROP TABLE need_search_fts")
    else:
        op.execute("DROP INDEX ix_need_search_terms_vector")
    op.drop_table("need_search")
