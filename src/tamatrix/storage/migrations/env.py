"""Alembic environment: runs migrations on the connection that ``storage.db`` passes in."""

from alembic import context

from tamatrix.storage.tables import Base, is_modelled

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI directly
    raise RuntimeError("Run migrations with `tamatrix db upgrade`, which supplies the connection.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    # The full-text index (FTS5 tables, the tsvector column) lives outside the models.
    include_name=is_modelled,
)
with context.begin_transaction():
    context.run_migrations()
