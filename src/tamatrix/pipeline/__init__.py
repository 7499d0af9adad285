"""Use cases: what the command line and the web application do, each as one function.

Commits happen here, never in ``storage.repository``; one session per command or request.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from tamatrix import __version__
from tamatrix.config import Settings
from tamatrix.pipeline.corrections import apply_fields, correct_need
from tamatrix.pipeline.evaluation import Evaluation, evaluate_corpus, extraction_dict
from tamatrix.pipeline.ingest import IngestResult, ingest_file, ingest_files, read_and_extract
from tamatrix.storage import db

__all__ = [
    "Evaluation",
    "Info",
    "IngestResult",
    "apply_fields",
    "correct_need",
    "evaluate_corpus",
    "extraction_dict",
    "info",
    "ingest_file",
    "ingest_files",
    "open_database",
    "read_and_extract",
]


def open_database(settings: Settings) -> Engine:
    """The engine for the configured database, migrated to the latest schema."""
    engine = db.create_engine(settings.resolved_database_url, echo=settings.echo_sql)
    db.ensure_schema(engine)
    return engine


@dataclass(frozen=True)
class Info:
    version: str
    database_url: str
    revision: str | None
    head: str | None
    counts: dict[str, int]


def info(settings: Settings) -> Info:
    """Version, database (password hidden), schema revision and row counts."""
    engine = open_database(settings)
    try:
        return Info(
            version=__version__,
            database_url=db.hide_password(settings.resolved_database_url),
            revision=db.current_revision(engine),
            head=db.head_revision(),
            counts=db.row_counts(engine),
        )
    finally:
        engine.dispose()
