"""What an import did: every file's counts, skipped elements and bad cells."""

from __future__ import annotations

from dataclasses import dataclass, field

from tamatrix.ingest import iati


@dataclass(frozen=True)
class RowError:
    """A cell that cannot be used: spreadsheet row (the header is row 1), column, message."""

    row: int
    column: str
    message: str


@dataclass
class FileReport:
    """What happened to one imported file."""

    file: str
    status: str  # "imported" or "failed"
    created: int = 0
    updated: int = 0
    skipped: list[iati.Skip] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    message: str = ""


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(f.created for f in self.files)

    @property
    def updated(self) -> int:
        return sum(f.updated for f in self.files)

    @property
    def failed(self) -> bool:
        return bool(self.files) and all(f.status == "failed" for f in self.files)
