"""Drafting the analytical note: figures and examples from the database, then the renderer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from tamatrix import reports
from tamatrix.exceptions import InputError
from tamatrix.pipeline import analysis

EXAMPLES_PER_CHAPTER = 3


def chapter_examples(
    session: Session, figures: dict[str, Any], limit: int = EXAMPLES_PER_CHAPTER
) -> dict[str, list[str]]:
    """Anonymised need texts per chapter, spread over the chapter's needs (deterministic)."""
    found: dict[str, list[str]] = {}
    for row in figures["by_chapter"]:
        ids = row["need_ids"]
        if not ids:
            continue
        step = max(1, len(ids) // (limit * 2))
        found[row["chapter"]] = analysis.examples(session, ids[::step], limit * 2)
    return found


def write_report(
    session: Session,
    fmt: str,
    out: Path,
    as_of: dt.date | None = None,
    cycle: int | None = None,
    compare_to: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Path:
    """Draft the note for a cut-off date (compared with a saved analysis) and write it."""
    if fmt not in reports.FORMATS:
        raise InputError(f"unknown report format {fmt!r}; use {', '.join(reports.FORMATS)}")
    figures = analysis.analyse(session, as_of, cycle, compare_to)
    note = reports.build_note(figures, chapter_examples(session, figures), meta or {})
    out.parent.mkdir(parents=True, exist_ok=True)
    return reports.write(note, fmt, out)
