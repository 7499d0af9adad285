"""Offers and activities from the CSV and XLSX templates of ta-matrix, each file all or
nothing, every bad cell reported by row and column."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix import reference
from tamatrix.core import states
from tamatrix.core.convention import is_article
from tamatrix.core.taxonomy import CATEGORIES, CATEGORY_CODES, SUBCATEGORY_CODES
from tamatrix.exceptions import InputError
from tamatrix.ingest import iati
from tamatrix.pipeline.supply.iati_import import (
    _article,
    _category,
    _existing_activities,
    _Providers,
    _recipient,
    _sync,
)
from tamatrix.pipeline.supply.reports import FileReport, RowError
from tamatrix.storage import tables


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    help: str


_PROVIDER_COLUMNS = (
    Column("provider", True, "Name of the provider (organisation or State)."),
    Column("provider_kind", False, "One of: " + ", ".join(tables.PROVIDER_KINDS) + "."),
    Column("provider_country", False, "ISO 3166 code of the provider's country, if any."),
    Column("provider_ref", False, "IATI organisation identifier, if any (e.g. XM-DAC-41114)."),
)
OFFER_COLUMNS: tuple[Column, ...] = (
    *_PROVIDER_COLUMNS,
    Column("reference", False, "Your own identifier of the offer; re-imports update by it."),
    Column("title", True, "Short title of the offer."),
    Column("description", False, "What is offered, to whom, how."),
    Column("articles", False, "Articles of the Convention, separated by ';' (e.g. 9;10)."),
    Column("categories", False, "Categories, separated by ';': " + ", ".join(CATEGORY_CODES)),
    Column("subcategories", False, "Sub-categories, ';': " + ", ".join(SUBCATEGORY_CODES)),
    Column("languages", False, "Language codes, separated by ';' (en;fr;es)."),
    Column("regions", False, "Regional groups, ';' (african, asia_pacific ...); empty = all."),
    Column("modality", False, "One of: " + ", ".join(tables.OFFER_MODALITIES) + "."),
    Column("capacity", False, "How many requests can be served (a whole number)."),
    Column("valid_from", False, "First day of validity, YYYY-MM-DD."),
    Column("valid_to", False, "Last day of validity, YYYY-MM-DD."),
    Column("contact_name", False, "Focal point of the provider for this offer."),
    Column("contact_email", False, "E-mail of the focal point."),
)
ACTIVITY_COLUMNS: tuple[Column, ...] = (
    *_PROVIDER_COLUMNS,
    Column("identifier", True, "Unique identifier of the activity; re-imports update by it."),
    Column("title", True, "Title of the activity."),
    Column("description", False, "What the activity does."),
    Column("recipients", False, "Recipient States (ISO3 codes or names), separated by ';'."),
    Column("articles", False, "Articles of the Convention, separated by ';'."),
    Column("categories", False, "Categories, separated by ';': " + ", ".join(CATEGORY_CODES)),
    Column(
        "status", False, "One of: " + ", ".join(tables.ACTIVITY_STATUSES) + " (default ongoing)."
    ),
    Column("start_date", False, "YYYY-MM-DD."),
    Column("end_date", False, "YYYY-MM-DD, not before the start date."),
    Column("budget", False, "Total budget, a number not below zero."),
    Column("currency", False, "ISO 4217 code such as USD or EUR."),
    Column("source", False, "csv (default), manual, or state_report: assistance a State received."),
    Column("reported_by", False, "For state_report: the State that reports it (ISO3 or name)."),
)


def _columns(kind: str) -> tuple[Column, ...]:
    if kind == "offers":
        return OFFER_COLUMNS
    if kind == "activities":
        return ACTIVITY_COLUMNS
    raise InputError(f"there is no template {kind!r}; use offers or activities")


def template(kind: str, fmt: str) -> bytes:
    """The empty import template for ``offers`` or ``activities`` as CSV or XLSX."""
    columns = _columns(kind)
    if fmt == "csv":
        header = io.StringIO()
        csv.writer(header, lineterminator="\n").writerow([c.name for c in columns])
        return header.getvalue().encode("utf-8")
    if fmt == "xlsx":
        workbook = _workbook()
        sheet = workbook.active
        sheet.title = kind
        sheet.append([c.name for c in columns])
        guide = workbook.create_sheet("columns")
        guide.append(["column", "required", "what to write"])
        for column in columns:
            guide.append([column.name, "yes" if column.required else "no", column.help])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    raise InputError(f"templates are CSV or XLSX, not {fmt!r}")


def offers_template(fmt: str) -> bytes:
    """The offers template (CSV or XLSX)."""
    return template("offers", fmt)


def activities_template(fmt: str) -> bytes:
    """The activities template (CSV or XLSX)."""
    return template("activities", fmt)


def _workbook() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise InputError("XLSX needs the openpyxl package: pip install openpyxl") from None
    return openpyxl.Workbook()


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(row number, cells by header) of a CSV or XLSX file; the header is row 1."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() == ".xlsx":
        try:
            import openpyxl
        except ImportError:
            raise InputError("XLSX needs the openpyxl package: pip install openpyxl") from None
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (OSError, ValueError, KeyError) as exc:
            raise InputError(f"{path}: not a readable XLSX workbook ({exc})") from None
        raw = [
            ["" if v is None else _cell(v) for v in row]
            for row in workbook.worksheets[0].iter_rows(values_only=True)
        ]
        workbook.close()
    elif path.suffix.lower() == ".csv":
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text; save the CSV as UTF-8") from None
        raw = list(csv.reader(io.StringIO(text)))
    else:
        raise InputError(f"{path}: import reads .csv and .xlsx files")
    if not raw:
        raise InputError(f"{path}: the file is empty")
    header = [h.strip().lower() for h in raw[0]]
    rows = []
    for number, cells in enumerate(raw[1:], start=2):
        if any(str(c).strip() for c in cells):
            rows.append((number, {h: str(c).strip() for h, c in zip(header, cells, strict=False)}))
    return [(1, {h: h for h in header})] + rows


def _cell(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _RowReader:
    """Reads typed values from one row, collecting an error per bad cell."""

    def __init__(self, number: int, cells: dict[str, str], errors: list[RowError]):
        self.row, self.cells, self.errors = number, cells, errors

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.row, column, message))

    def text(self, column: str, required: bool = False, limit: int = 1000) -> str:
        value = self.cells.get(column, "")
        if required and not value:
            self.error(column, "required, but empty")
        if len(value) > limit:
            self.error(column, f"longer than {limit} characters")
        return value

    def items(self, column: str) -> list[str]:
        return [v.strip() for v in re.split(r"[;,]", self.cells.get(column, "")) if v.strip()]

    def choice(self, column: str, choices: Sequence[str], default: str) -> str:
        value = self.cells.get(column, "").strip().lower().replace(" ", "_").replace("-", "_")
        if not value:
            return default
        if value not in choices:
            self.error(column, f"{value!r} is not one of {', '.join(choices)}")
        return value

    def articles(self) -> list[int]:
        found = []
        for item in self.items("articles"):
            number = item.lower().removeprefix("art.").removeprefix("article").strip()
            if not number.isdigit() or not is_article(int(number)):
                self.error("articles", f"{item!r} is not an article of the Convention (1-71)")
            else:
                found.append(int(number))
        return found

    def codes(self, column: str, allowed: Sequence[str], names: dict[str, str]) -> list[str]:
        found = []
        for item in self.items(column):
            code = item.lower().replace(" ", "_").replace("-", "_")
            code = names.get(item.casefold(), code)
            if code not in allowed:
                self.error(column, f"{item!r} is not one of {', '.join(allowed)}")
            else:
                found.append(code)
        return found

    def regions(self) -> list[str]:
        found = []
        for item in self.items("regions"):
            try:
                found.append(states.group_code(item))
            except KeyError:
                self.error("regions", f"{item!r} is not a regional group")
        return found

    def state(self, column: str, value: str | None = None) -> str | None:
        value = self.cells.get(column, "") if value is None else value
        if not value:
            return None
        found = reference.states(include_fictional=True).lookup(value)
        if found is None:
            iso3 = iati.iso3_of(value)
            found = reference.states().get(iso3) if iso3 else None
        if found is None:
            self.error(column, f"{value!r} is not a known State (ISO3 code or name)")
            return None
        return found.iso3

    def date(self, column: str) -> dt.date | None:
        value = self.cells.get(column, "")
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            self.error(column, f"{value!r} is not a date as YYYY-MM-DD")
            return None

    def number(self, column: str, whole: bool = False) -> float | None:
        value = self.cells.get(column, "").replace(",", "").replace(" ", "")
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            self.error(column, f"{value!r} is not a number")
            return None
        if number < 0:
            self.error(column, f"{value} is below zero")
            return None
        if whole and not number.is_integer():
            self.error(column, f"{value} is not a whole number")
            return None
        return number


_CATEGORY_NAMES = {c.name.casefold(): c.code for c in CATEGORIES}


def _check_header(
    rows: list[tuple[int, dict[str, str]]], columns: Sequence[Column]
) -> list[RowError]:
    header = list(rows[0][1])
    known = {c.name for c in columns}
    errors = [RowError(1, h, "unknown column") for h in header if h and h not in known]
    errors += [
        RowError(1, c.name, "required column is missing")
        for c in columns
        if c.required and c.name not in header
    ]
    return errors


@dataclass(frozen=True)
class _Parsed:
    provider: tuple[str, str | None, str, str | None]  # name, ref, kind, country
    values: dict[str, Any]
    contact: tuple[str, str] | None


def _provider_of(reader: _RowReader) -> tuple[str, str | None, str, str | None]:
    name = reader.text("provider", required=True, limit=300)
    kind = reader.choice("provider_kind", tables.PROVIDER_KINDS, "other")
    country = reader.state("provider_country")
    return name, reader.text("provider_ref", limit=120) or None, kind, country


def _contact(reader: _RowReader) -> tuple[str, str] | None:
    name, email = reader.text("contact_name", limit=300), reader.text("contact_email", limit=300)
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        reader.error("contact_email", f"{email!r} is not an e-mail address")
    return (name or email, email) if (name or email) else None


def _parse_offer(reader: _RowReader) -> _Parsed:
    provider = _provider_of(reader)
    title = reader.text("title", required=True, limit=500)
    valid_from, valid_to = reader.date("valid_from"), reader.date("valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        reader.error("valid_to", f"{valid_to} is before valid_from {valid_from}")
    capacity = reader.number("capacity", whole=True)
    values: dict[str, Any] = {
        "reference": reader.text("reference", limit=200) or title,
        "title": title,
        "description": reader.text("description", limit=20000),
        "articles": reader.articles(),
        "categories": reader.codes("categories", CATEGORY_CODES, _CATEGORY_NAMES),
        "subcategories": reader.codes("subcategories", SUBCATEGORY_CODES, {}),
        "languages": [x.lower() for x in reader.items("languages")],
        "regions": reader.regions(),
        "modality": reader.choice("modality", tables.OFFER_MODALITIES, "other"),
        "capacity": int(capacity) if capacity is not None else None,
        "valid_from": valid_from,
        "valid_to": valid_to,
    }
    for language in values["languages"]:
        if not re.fullmatch(r"[a-z]{2,3}", language):
            reader.error("languages", f"{language!r} is not a language code such as en")
    return _Parsed(provider, values, _contact(reader))


def _parse_activity(reader: _RowReader) -> _Parsed:
    provider = _provider_of(reader)
    start, end = reader.date("start_date"), reader.date("end_date")
    if start and end and end < start:
        reader.error("end_date", f"{end} is before the start date {start}")
    source = reader.choice("source", ("csv", "manual", "state_report"), "csv")
    recipients = [reader.state("recipients", item) for item in reader.items("recipients")]
    reported_by = reader.state("reported_by")
    if source == "state_report" and reported_by is None:
        reader.error("reported_by", "a state_report needs the State that reports it")
    if reported_by and reported_by not in recipients:
        recipients.append(reported_by)
    currency = reader.text("currency").upper() or None
    if currency and not re.fullmatch(r"[A-Z]{3}", currency):
        reader.error("currency", f"{currency!r} is not a three-letter currency code")
    values = {
        "source_id": reader.text("identifier", required=True, limit=200),
        "source": source,
        "title": reader.text("title", required=True),
        "description": reader.text("description", limit=20000),
        "recipients": [r for r in recipients if r],
        "articles": reader.articles(),
        "categories": reader.codes("categories", CATEGORY_CODES, _CATEGORY_NAMES),
        "status": reader.choice("status", tables.ACTIVITY_STATUSES, "ongoing"),
        "start_date": start,
        "end_date": end,
        "budget": reader.number("budget"),
        "currency": currency,
        "reported_by": reported_by,
    }
    return _Parsed(provider, values, None)


def import_offers(session: Session, path: Path) -> FileReport:
    """Import offers from a CSV or XLSX file made from the template, all or nothing."""
    return _import_table(session, path, OFFER_COLUMNS, _parse_offer, _store_offer)


def import_activities(session: Session, path: Path) -> FileReport:
    """Import activities from a CSV or XLSX file made from the template, all or nothing."""
    return _import_table(session, path, ACTIVITY_COLUMNS, _parse_activity, _store_activity)


def _import_table(
    session: Session, path: Path, columns: Sequence[Column], parse: Any, store: Any
) -> FileReport:
    rows = read_rows(path)
    errors = _check_header(rows, columns)
    parsed: list[tuple[int, _Parsed]] = []
    keys: dict[tuple[str, str], int] = {}
    for number, cells in rows[1:]:
        reader = _RowReader(number, cells, errors)
        item = parse(reader)
        key = (
            item.provider[0].casefold(),
            str(item.values.get("reference", item.values.get("source_id"))),
        )
        if key in keys:
            errors.append(RowError(number, "identifier", f"the same as row {keys[key]}"))
        keys[key] = number
        parsed.append((number, item))
    result = FileReport(path.name, "imported", errors=sorted(errors, key=lambda e: e.row))
    if errors:
        result.status = "failed"
        result.message = f"{path.name}: {len(errors)} bad cell(s); nothing was imported"
        return result
    with session.begin():
        providers = _Providers(session)
        for _, item in parsed:
            name, ref, kind, country = item.provider
            provider = providers.get(name, ref, kind, country)
            created = store(session, provider, item.values)
            result.created += int(created)
            result.updated += int(not created)
            if item.contact is not None:
                _focal_point(session, provider.id, *item.contact)
    return result


def _store_offer(session: Session, provider: tables.Provider, values: dict[str, Any]) -> bool:
    row = session.scalars(
        sa.select(tables.Offer).where(
            tables.Offer.provider_id == provider.id, tables.Offer.reference == values["reference"]
        )
    ).first()
    created = row is None
    if row is None:
        row = tables.Offer(provider_id=provider.id, reference=values["reference"])
        session.add(row)
    for name in (
        "title",
        "description",
        "subcategories",
        "languages",
        "regions",
        "modality",
        "capacity",
        "valid_from",
        "valid_to",
    ):
        setattr(row, name, values[name])
    row.updated_at = tables.utcnow()
    _sync(row.articles, values["articles"], "article", lambda n: tables.OfferArticle(article=n))
    _sync(
        row.categories, values["categories"], "category", lambda c: tables.OfferCategory(category=c)
    )
    session.flush()
    return created


def _store_activity(session: Session, provider: tables.Provider, values: dict[str, Any]) -> bool:
    existing = _existing_activities(session, values["source"], [values["source_id"]])
    row = existing.get(values["source_id"])
    created = row is None
    if row is None:
        row = tables.Activity(source=values["source"], source_id=values["source_id"])
        session.add(row)
    row.provider_id = provider.id
    for name in (
        "title",
        "description",
        "status",
        "start_date",
        "end_date",
        "budget",
        "currency",
        "reported_by",
    ):
        setattr(row, name, values[name])
    row.updated_at = tables.utcnow()
    _sync(row.recipients, values["recipients"], "state", _recipient)
    _sync(row.articles, values["articles"], "article", _article)
    _sync(row.categories, values["categories"], "category", _category)
    session.flush()
    return created


def _focal_point(session: Session, provider_id: int, person: str, email: str) -> None:
    query = sa.select(tables.FocalPoint).where(
        tables.FocalPoint.provider_id == provider_id, tables.FocalPoint.person == person
    )
    row = session.scalars(query).first()
    if row is None:
        session.add(tables.FocalPoint(provider_id=provider_id, person=person, email=email or None))
    elif email:
        row.email = email
