"""Shared fixtures: a fresh database per test on SQLite, and on PostgreSQL when
TEST_DATABASE_URL names a server (tests that need it are skipped otherwise)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from tamatrix.config import Settings
from tamatrix.storage import db

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV_CORPUS = SHARED / "data" / "dev"


def _postgres_database(server_url: str) -> Iterator[str]:
    """Create a throw-away database on the server, yield its URL, drop it afterwards."""
    url = make_url(server_url).set(drivername="postgresql+psycopg")
    name = f"tamatrix_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgresql", marks=pytest.mark.postgres),
    ]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """URL of an empty database: a SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        pytest.skip("TEST_DATABASE_URL is not set")
    yield from _postgres_database(server)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on a fresh database migrated to the latest schema."""
    created = db.create_engine(database_url)
    db.upgrade(created)
    yield created
    created.dispose()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings pointing at a fresh database."""
    return Settings(database_url=database_url, data_dir=tmp_path / "data", user="tester")


@pytest.fixture
def sqlite_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings for a SQLite file, also exported to the environment for CLI tests."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("TAMATRIX_DATABASE_URL", url)
    monkeypatch.setenv("TAMATRIX_USER", "tester")
    return Settings(database_url=url, data_dir=tmp_path / "data", user="tester")


@pytest.fixture
def dev_corpus() -> Path:
    """The labelled development corpus in ../shared/data/dev."""
    if not (DEV_CORPUS / "gold.jsonl").exists():
        pytest.skip("../shared/data/dev is not beside this checkout")
    return DEV_CORPUS


@pytest.fixture
def session(settings: Settings) -> Iterator[Session]:
    """A session on a fresh, migrated database; closed and disposed afterwards."""
    from tamatrix import pipeline

    created = pipeline.open_database(settings)
    opened = db.session_factory(created)()
    yield opened
    opened.close()
    created.dispose()
