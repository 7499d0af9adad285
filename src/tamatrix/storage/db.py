"""Engine, sessions, migrations and reference data: everything that opens the database."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from tamatrix import reference
from tamatrix.core import convention
from tamatrix.exceptions import DatabaseError
from tamatrix.storage import tables

MIGRATIONS = Path(__file__).parent / "migrations"


def hide_password(url: str) -> str:
    """The URL as it may be shown: any password replaced by ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<invalid URL>"


def _enable_sqlite_foreign_keys(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL keeps the database consistent after a crash and only risks the last
    # commits on a power cut; FULL would sync the disk at every document ingested.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_engine(url: str, echo: bool = False) -> Engine:
    """An engine for the URL; for SQLite the folder is created and foreign keys are enforced."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"Not a database URL: {hide_password(url)!s} ({exc})") from None
    if parsed.drivername in ("postgresql", "postgres"):
        # psycopg 3 is the driver ta-matrix installs; plain postgresql:// would ask for psycopg2.
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                f"Cannot create the database folder {folder}: {exc.strerror}"
            ) from None
    try:
        engine = sa.create_engine(parsed, echo=echo)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise DatabaseError(f"Cannot use the database URL {hide_password(url)}: {exc}") from None
    except ImportError as exc:
        raise DatabaseError(
            f"The driver for {parsed.get_backend_name()} is not installed ({exc.name}); "
            "for PostgreSQL run: pip install 'tamatrix[postgres]'"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def _alembic_config(connection: sa.Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database, None if it has never been migrated."""
    with _connect(engine) as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _connect(engine: Engine) -> sa.Connection:
    try:
        return engine.connect()
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseError(
            f"Cannot open the database {hide_password(str(engine.url))}: {reason}"
        ) from None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to ``revision`` and load the reference data."""
    with _connect(engine) as connection:
        try:
            command.upgrade(_alembic_config(connection), revision)
            connection.commit()
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise DatabaseError(f"Cannot migrate the database: {reason}") from None
    if revision == "head":
        with Session(engine) as session:
            sync_reference_data(session)
            session.commit()


def downgrade(engine: Engine, revision: str) -> None:
    with _connect(engine) as connection:
        command.downgrade(_alembic_config(connection), revision)
        connection.commit()


def ensure_schema(engine: Engine) -> None:
    """Bring the database to the latest schema on first use (and after an upgrade of ta-matrix)."""
    if current_revision(engine) != head_revision():
        upgrade(engine)


def sync_reference_data(session: Session) -> None:
    """Insert or update States and articles from the package's reference data."""
    existing = {s.iso3: s for s in session.scalars(sa.select(tables.State))}
    for ref in reference.states().states:
        state = existing.get(ref.iso3) or tables.State(iso3=ref.iso3)
        state.name = ref.name
        state.regional_group = ref.regional_group
        state.status = ref.status
        session.add(state)
    known = {a.number: a for a in session.scalars(sa.select(tables.ArticleRow))}
    for article in convention.ARTICLES:
        row = known.get(article.number) or tables.ArticleRow(number=article.number)
        row.chapter = article.chapter
        row.title = article.title
        row.cycle = convention.cycle_of_article(article.number)
        session.add(row)


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows in each table of the schema (for ``tamatrix info``)."""
    inspector = sa.inspect(engine)
    present = set(inspector.get_table_names())
    counts: dict[str, int] = {}
    with _connect(engine) as connection:
        for table in tables.Base.metadata.sorted_tables:
            if table.name in present:
                counts[table.name] = connection.execute(
                    sa.select(sa.func.count()).select_from(table)
                ).scalar_one()
    return counts
