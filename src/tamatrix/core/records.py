"""The records ta-matrix reads from documents and keeps: plain frozen dataclasses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """Something that could not be read or does not fit, found while processing a document.

    ``code`` is a stable kebab-case string (see docs/problems.md); ``page`` is 1-based.
    """

    code: str
    message: str
    page: int | None = None
    file: str | None = None


@dataclass(frozen=True)
class SourceText:
    """A document's text, page by page, as an ingest adapter read it."""

    pages: tuple[str, ...]
    format: str
    problems: tuple[Problem, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """All pages joined with form feeds; spans of records are offsets into this text."""
        return "\f".join(self.pages)


@dataclass(frozen=True)
class Need:
    """One request for assistance (CODEBOOK.md section 1) with its coding and provenance."""

    chapter: str
    articles: tuple[int, ...]
    text: str
    primary_category: str
    secondary_categories: tuple[str, ...] = ()
    subcategory: str | None = None
    form: str | None = None
    page: int | None = None
    start: int | None = None
    end: int | None = None
    confidence: float = 1.0
    method: str = "rule"
    explanation: str = ""


@dataclass(frozen=True)
class Finding:
    """A recommendation or a good practice: chapter, articles, text and where it was found."""

    chapter: str
    articles: tuple[int, ...]
    text: str
    page: int | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything read from one document."""

    state: str | None
    cycle: int | None
    language: str | None
    symbol: str | None = None
    date: dt.date | None = None
    state_name: str | None = None
    needs: tuple[Need, ...] = ()
    recommendations: tuple[Finding, ...] = ()
    good_practices: tuple[Finding, ...] = ()
    problems: tuple[Problem, ...] = ()
    chapters: tuple[str, ...] = ()
