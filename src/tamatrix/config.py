"""One Settings object, read from environment variables prefixed ``TAMATRIX_``."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """The per-user folder where ta-matrix keeps its database by default."""
    return Path(platformdirs.user_data_dir("tamatrix", appauthor=False))


class Settings(BaseSettings):
    """Every setting of ta-matrix; each field is one environment variable."""

    model_config = SettingsConfigDict(env_prefix="TAMATRIX_", extra="ignore")

    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="Folder for the default SQLite database and other local files.",
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL of the database, e.g. sqlite:///path/to/file.db or "
            "postgresql+psycopg://user:password@host/dbname. Default: tamatrix.db in data_dir."
        ),
    )
    user: str = Field(
        default="analyst",
        description="Name recorded with corrections made from the command line.",
    )
    max_document_bytes: int = Field(
        default=100 * 1024 * 1024,
        description="Largest document that ingest reads, in bytes; larger files are refused.",
    )
    classifier: Path | None = Field(
        default=None,
        description="Weights file written by `tamatrix train`; default: the shipped weights.",
    )
    echo_sql: bool = Field(default=False, description="Log every SQL statement (debugging).")
    secret_key: str | None = Field(
        default=None,
        description=(
            "Secret that signs the web application's session and CSRF cookies; required by "
            "`tamatrix serve` on any host but loopback. Keep it secret and long (32+ characters)."
        ),
    )
    session_minutes: int = Field(
        default=8 * 60,
        ge=1,
        description="How long a web session lasts after login, in minutes.",
    )
    cookie_secure: bool | None = Field(
        default=None,
        description=(
            "Mark cookies Secure (sent over HTTPS only); default: when the request came over HTTPS."
        ),
    )

    @property
    def resolved_database_url(self) -> str:
        """The database URL, with the default SQLite file filled in."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'tamatrix.db'}"
