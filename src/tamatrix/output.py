"""Writes rows as a table, CSV or JSON: the three formats every listing command offers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

FORMATS = ("table", "csv", "json")


def render(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, title: str = ""
) -> str:
    """Rows rendered in ``fmt``; JSON keeps values typed, CSV and table show them as text."""
    if fmt == "json":
        return json.dumps(
            [{c: r.get(c) for c in columns} for r in rows], ensure_ascii=False, indent=2
        )
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_text(row.get(c)) for c in columns])
        return buffer.getvalue().rstrip("\n")
    return table(rows, columns, title)


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str = "") -> str:
    grid = Table(title=title or None, show_lines=False, header_style="bold")
    for column in columns:
        grid.add_column(column.replace("_", " "), overflow="fold")
    for row in rows:
        grid.add_row(*[_text(row.get(c)) for c in columns])
    console = Console(width=160, record=True, file=io.StringIO(), color_system=None)
    console.print(grid)
    return console.export_text().rstrip("\n")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)
