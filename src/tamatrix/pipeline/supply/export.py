"""Exports of the needs and of the matrix as CSV, XLSX and HXL-tagged CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from tamatrix.exceptions import InputError
from tamatrix.pipeline.supply.matrix import matrix
from tamatrix.pipeline.supply.tables_import import _workbook
from tamatrix.storage import repository

EXPORT_FORMATS = ("csv", "xlsx", "hxl")


# HXL hashtags (https://hxlstandard.org) for every exported column; see docs/iati-crosswalk.md.
HXL_TAGS = {
    "id": "#meta+id",
    "need": "#meta+id",
    "state": "#country+code",
    "region": "#region+code",
    "cycle": "#meta+cycle",
    "chapter": "#meta+chapter",
    "article": "#indicator+article",
    "articles": "#indicator+article",
    "category": "#sector+category",
    "primary_category": "#sector+category",
    "secondary_categories": "#sector+category+secondary",
    "subcategory": "#sector+subcategory",
    "form": "#meta+form",
    "confidence": "#meta+confidence+num",
    "method": "#meta+method",
    "status": "#status",
    "document": "#meta+source",
    "page": "#meta+page+num",
    "text": "#description+need",
    "needs": "#indicator+needs+num",
    "covered": "#indicator+covered+num",
    "unmet": "#indicator+unmet+num",
    "coverage": "#indicator+coverage+pct",
    "activities": "#activity+num",
    "offers": "#activity+offers+num",
    "providers": "#org+provider+num",
}


def export_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str) -> bytes:
    """Rows as CSV, XLSX or HXL-tagged CSV (the hashtag row under the header)."""
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"export formats are {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
    values = [[_export_value(row.get(c)) for c in columns] for row in rows]
    if fmt == "xlsx":
        workbook = _workbook()
        sheet = workbook.active
        sheet.append(list(columns))
        for line in values:
            sheet.append(line)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(columns)
    if fmt == "hxl":
        writer.writerow([HXL_TAGS.get(c, "") for c in columns])
    writer.writerows(values)
    return text.getvalue().encode("utf-8")


def _export_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return value


NEED_COLUMNS = (
    "id",
    "state",
    "region",
    "cycle",
    "chapter",
    "articles",
    "primary_category",
    "secondary_categories",
    "subcategory",
    "status",
    "text",
)


def export_needs(session: Session, fmt: str) -> bytes:
    """Every need as CSV, XLSX or HXL-tagged CSV."""
    with session.begin():
        rows = repository.need_rows(session, repository.NeedFilter())
    return export_rows(rows, NEED_COLUMNS, fmt)


def matrix_columns(by: str) -> list[str]:
    return [by, "needs", "covered", "unmet", "coverage", "activities", "offers", "providers"]


def export_matrix(session: Session, by: str, fmt: str) -> bytes:
    """The matrix grouped ``by`` as CSV, XLSX or HXL-tagged CSV."""
    result = matrix(session, by)
    return export_rows(result.rows, matrix_columns(by), fmt)
