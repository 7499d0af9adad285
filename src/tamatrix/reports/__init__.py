"""Reports: the Secretariat's analytical note drafted from the figures, with its charts.

Reports never touch the database: ``pipeline`` computes the figures dict (schema_version 1)
and passes it in. Two calls cover the usual use::

    note = build_note(figures, examples, meta)   # a Note: sections, paragraphs, figures
    write(note, "html", "note.html")             # or "docx", "pdf", "json"

``examples`` maps a chapter numeral to need texts quoted anonymously; ``meta`` holds optional
document details and the State names to strip (see ``note.py``). ``write(note, "json", ...)``
writes the figures the note was drafted from, byte-identical for the same data.

Modules: ``style`` (United Nations editorial style for numbers, lists and dates), ``charts``
(Vega-Lite specifications through Altair; SVG and PNG through vl-convert, offline), ``note``
(the document model and the drafting) and ``render`` (HTML, Word, PDF through Chromium, JSON).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tamatrix.exceptions import InputError
from tamatrix.reports.note import Note, draft
from tamatrix.reports.render import to_docx, to_html, to_json, to_pdf

FORMATS = ("html", "docx", "pdf", "json")

__all__ = [
    "FORMATS",
    "Note",
    "build_note",
    "to_docx",
    "to_html",
    "to_json",
    "to_pdf",
    "write",
]


def build_note(
    figures: Mapping[str, Any],
    examples: Mapping[str, Sequence[str]] | None = None,
    meta: Mapping[str, Any] | None = None,
) -> Note:
    """The analytical note drafted from the figures, with anonymised examples and metadata."""
    return draft(figures, examples, meta)


def write(note: Note, fmt: str, path: Path | str) -> Path:
    """Write the note in one of ``FORMATS`` to ``path`` and return the path."""
    target = Path(path)
    if fmt == "html":
        target.write_text(to_html(note), encoding="utf-8", newline="\n")
    elif fmt == "json":
        target.write_text(to_json(note.data), encoding="utf-8", newline="\n")
    elif fmt == "docx":
        to_docx(note, target)
    elif fmt == "pdf":
        to_pdf(note, target)
    else:
        raise InputError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    return target
