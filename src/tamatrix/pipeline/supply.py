"""The supply side: importing activities (IATI, CSV, XLSX) and offers, matching them with needs,
analysts' decisions, and the matrix of needs and services with coverage, unmet needs and
overlaps; exports as CSV, XLSX and HXL-tagged CSV.

Each use case takes a session that is not in a transaction and commits its own units of work:
one file is imported all or nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix import reference, training
from tamatrix.core import matching, states
from tamatrix.core.classify import Classifier
from tamatrix.core.convention import is_article
from tamatrix.core.taxonomy import CATEGORIES, CATEGORY_CODES, SUBCATEGORY_CODES
from tamatrix.exceptions import InputError, NotFoundError
from tamatrix.ingest import iati
from tamatrix.storage import repository, tables

EXPORT_FORMATS = ("csv", "xlsx", "hxl")
MATRIX_DIMENSIONS = ("article", "category", "state", "region")

# ------------------------------------------------------------------------------ IATI


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


def provider_kind(org_type: str | None, ref: str | None) -> str:
    """The provider kind of an IATI organisation type (and, for UN entities, its reference)."""
    ref = (ref or "").upper()
    if re.match(r"^(XM-DAC-)?41\d{3}", ref):
        return "un_entity"  # DAC channel codes 41xxx are United Nations entities
    if re.match(r"^(XM-DAC-)?4[67]\d{3}", ref):
        return "regional_org"  # 46xxx regional development banks, 47xxx other multilaterals
    return {
        "10": "bilateral",
        "11": "bilateral",
        "15": "bilateral",
        "40": "international_org",
        "21": "civil_society",
        "22": "civil_society",
        "23": "civil_society",
        "24": "civil_society",
    }.get(org_type or "", "other")


class _Providers:
    """Finds or creates providers by IATI reference, else by name, within one unit of work."""

    def __init__(self, session: Session):
        self.session = session
        self.by_ref: dict[str, tables.Provider] = {}
        self.by_name: dict[str, tables.Provider] = {}

    def get(
        self, name: str, ref: str | None, kind: str, country: str | None = None
    ) -> tables.Provider:
        if ref and ref in self.by_ref:
            return self.by_ref[ref]
        key = name.casefold()
        if not ref and key in self.by_name:
            return self.by_name[key]
        query = sa.select(tables.Provider)
        query = query.where(
            tables.Provider.org_ref == ref if ref else sa.func.lower(tables.Provider.name) == key
        )
        row = self.session.scalars(query).first()
        if row is None:
            row = tables.Provider(name=name, org_ref=ref, kind=kind, country=country)
            self.session.add(row)
            self.session.flush()
        if ref:
            self.by_ref[ref] = row
        self.by_name[key] = row
        return row


def _sync(collection: list[Any], wanted: Iterable[Any], key: str, make: Any) -> None:
    """Make a relationship list hold exactly ``wanted`` keys, keeping rows that stay."""
    wanted = list(dict.fromkeys(wanted))
    for row in list(collection):
        if getattr(row, key) not in wanted:
            collection.remove(row)
    present = {getattr(row, key) for row in collection}
    collection.extend(make(value) for value in wanted if value not in present)


def _existing_activities(
    session: Session, source: str, identifiers: Sequence[str]
) -> dict[str, tables.Activity]:
    found: dict[str, tables.Activity] = {}
    for start in range(0, len(identifiers), 500):
        query = sa.select(tables.Activity).where(
            tables.Activity.source == source,
            tables.Activity.source_id.in_(identifiers[start : start + 500]),
        )
        found.update({a.source_id: a for a in session.scalars(query)})
    return found


def import_iati(
    session: Session,
    paths: Sequence[Path],
    classifier: Classifier | None = None,
    today: dt.date | None = None,
) -> ImportReport:
    """Import IATI activity files, each all or nothing; a re-import updates, never duplicates."""
    classifier = classifier or training.load_classifier()
    today = today or dt.date.today()
    report = ImportReport()
    for path in paths:
        parsed = iati.read_iati(path)
        result = FileReport(parsed.file, "imported", skipped=list(parsed.skipped))
        if parsed.error is not None:
            result.status, result.message = "failed", parsed.error
        else:
            try:
                with session.begin():
                    _store_iati(session, parsed, classifier, today, result)
            except sa.exc.IntegrityError as exc:
                result.status = "failed"
                result.message = (
                    f"{parsed.file}: not imported, the database refused it ({exc.orig})"
                )
                result.created = result.updated = 0
        with session.begin():
            _store_skips(session, result)
        report.files.append(result)
    return report


def _store_skips(session: Session, result: FileReport) -> None:
    for skip in result.skipped:
        where = skip.activity or (f"line {skip.line}" if skip.line else "file")
        repository.add_problem(
            session,
            _problem(f"iati-{skip.code}", f"{where}: <{skip.element}> {skip.reason}", result.file),
            None,
        )
    if result.status == "failed" and not result.skipped:
        repository.add_problem(session, _problem("iati-failed", result.message, result.file), None)


def _problem(code: str, message: str, file: str) -> Any:
    from tamatrix.core.records import Problem

    return Problem(code, message, None, file)


def _store_iati(
    session: Session,
    parsed: iati.IatiFile,
    classifier: Classifier,
    today: dt.date,
    result: FileReport,
) -> None:
    providers = _Providers(session)
    existing = _existing_activities(session, "iati", [a.identifier for a in parsed.activities])
    for activity in parsed.activities:
        organisation = activity.reporting_org or next(
            (o for o in activity.participating if o.role in ("3", "1", "2")), None
        )
        if organisation is None:
            result.skipped.append(
                iati.Skip(
                    parsed.file,
                    activity.identifier,
                    activity.line,
                    "reporting-org",
                    "no-provider",
                    "neither a reporting organisation nor a funding or extending one; skipped",
                )
            )
            continue
        provider = providers.get(
            organisation.name, organisation.ref, provider_kind(organisation.type, organisation.ref)
        )
        coding = iati.code_activity(
            activity.title, activity.description[:1000], activity.sectors, classifier
        )
        budget, currency, notes = iati.budget_total(activity)
        for note in notes:
            result.skipped.append(
                iati.Skip(
                    parsed.file,
                    activity.identifier,
                    activity.line,
                    "budget",
                    "other-currency",
                    note,
                )
            )
        row = existing.get(activity.identifier)
        if row is None:
            row = tables.Activity(source="iati", source_id=activity.identifier)
            session.add(row)
            existing[activity.identifier] = row
            result.created += 1
        else:
            result.updated += 1
        row.provider_id = provider.id
        row.title = activity.title[:1000]
        row.description = activity.description
        row.language = activity.language
        row.status = iati.status_of(activity, today)
        row.start_date, row.end_date = activity.start, activity.end
        if row.start_date and row.end_date and row.end_date < row.start_date:
            row.end_date = None  # planned end before actual start: _dates kept each pair apart
        row.budget, row.currency = budget, (currency or None) and currency[:3]
        row.aid_type = activity.aid_type
        row.regions = list(activity.regions)
        row.details = _details(activity, coding)
        row.updated_at = tables.utcnow()
        _sync(row.recipients, activity.recipients, "state", _recipient)
        methods = dict(coding.articles)
        _sync(row.articles, methods, "article", lambda n, m=methods: _article(n, m[n]))
        for link in row.articles:
            link.method = methods[link.article]
        _sync(row.categories, coding.categories, "category", _category)
    session.flush()


def _recipient(state: str) -> tables.ActivityRecipient:
    return tables.ActivityRecipient(state=state)


def _article(number: int, method: str = "manual") -> tables.ActivityArticle:
    return tables.ActivityArticle(article=number, method=method)


def _category(code: str) -> tables.ActivityCategory:
    return tables.ActivityCategory(category=code)


def _details(activity: iati.IatiActivity, coding: iati.Coding) -> dict[str, object]:
    return {
        "reporting_org": activity.reporting_org.ref if activity.reporting_org else None,
        "participating": [
            {"name": o.name, "ref": o.ref, "role": o.role, "type": o.type}
            for o in activity.participating
        ],
        "sectors": [
            {"vocabulary": s.vocabulary, "code": s.code, "percentage": s.percentage}
            for s in activity.sectors
        ],
        "policy_markers": [list(m) for m in activity.policy_markers],
        "dates": {k: v.isoformat() for k, v in activity.dates},
        "budgets": [
            {
                "value": b.value,
                "currency": b.currency,
                "start": b.start.isoformat() if b.start else None,
                "end": b.end.isoformat() if b.end else None,
                "type": b.type,
            }
            for b in activity.budgets
        ],
        "about_corruption": coding.about_corruption,
        "coding": list(coding.reasons),
    }


# ----------------------------------------------------------------- CSV and XLSX tables


@dataclass(frozen=True)
class RowError:
    """A cell that cannot be used: spreadsheet row (the header is row 1), column, message."""

    row: int
    column: str
    message: str


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


# --------------------------------------------------------------------- loading items


def load_needs(session: Session, need_ids: Sequence[int] | None = None) -> list[matching.NeedItem]:
    """Needs as matching sees them, with State, regional group and language."""
    query = (
        sa.select(
            tables.Need.id,
            tables.Review.state,
            tables.State.regional_group,
            tables.Need.primary_category,
            tables.Need.text,
            tables.Document.language,
        )
        .join(tables.Review, tables.Need.review_id == tables.Review.id)
        .join(tables.State, tables.Review.state == tables.State.iso3)
        .outerjoin(tables.Document, tables.Need.document_id == tables.Document.id)
        .order_by(tables.Need.id)
    )
    if need_ids is not None:
        query = query.where(tables.Need.id.in_(need_ids))
    rows = session.execute(query).all()
    articles = _grouped(session, tables.NeedArticle.need_id, tables.NeedArticle.article)
    secondary = _grouped(
        session, tables.NeedSecondaryCategory.need_id, tables.NeedSecondaryCategory.category
    )
    return [
        matching.NeedItem(
            id=row.id,
            state=row.state,
            region=row.regional_group,
            articles=tuple(sorted(articles.get(row.id, ()))),
            category=row.primary_category,
            text=row.text,
            secondary=tuple(sorted(secondary.get(row.id, ()))),
            language=row.language or "en",
        )
        for row in rows
    ]


def _grouped(session: Session, key: Any, value: Any) -> dict[Any, list[Any]]:
    found: dict[Any, list[Any]] = defaultdict(list)
    for k, v in session.execute(sa.select(key, value)):
        found[k].append(v)
    return found


def load_services(
    session: Session, peers: bool = False, as_of: dt.date | None = None
) -> list[matching.ServiceItem]:
    """Offers (valid on ``as_of``), activities and, with ``peers``, peer States."""
    providers = {p.id: p for p in session.scalars(sa.select(tables.Provider))}
    groups = dict(session.execute(sa.select(tables.State.iso3, tables.State.regional_group)).all())
    items = _offer_items(session, providers, as_of) + _activity_items(session, providers, groups)
    if peers:
        items += _peer_items(session, providers, groups)
    return items


def _offer_items(
    session: Session, providers: dict[int, tables.Provider], as_of: dt.date | None
) -> list[matching.ServiceItem]:
    articles = _grouped(session, tables.OfferArticle.offer_id, tables.OfferArticle.article)
    categories = _grouped(session, tables.OfferCategory.offer_id, tables.OfferCategory.category)
    items = []
    for offer in session.scalars(sa.select(tables.Offer).order_by(tables.Offer.id)):
        if as_of is not None and offer.valid_from is not None and offer.valid_from > as_of:
            continue
        items.append(
            matching.ServiceItem(
                kind="offer",
                id=offer.id,
                provider_id=offer.provider_id,
                provider=providers[offer.provider_id].name,
                articles=tuple(sorted(articles.get(offer.id, ()))),
                categories=tuple(sorted(categories.get(offer.id, ()))),
                text=f"{offer.title}. {offer.description}",
                regions=tuple(offer.regions or ()),
                languages=tuple(offer.languages or ()),
                start=offer.valid_from,
                end=offer.valid_to,
            )
        )
    return items


def _activity_items(
    session: Session, providers: dict[int, tables.Provider], groups: dict[str, str]
) -> list[matching.ServiceItem]:
    A = tables.Activity
    recipients = _grouped(
        session, tables.ActivityRecipient.activity_id, tables.ActivityRecipient.state
    )
    articles = _grouped(session, tables.ActivityArticle.activity_id, tables.ActivityArticle.article)
    categories = _grouped(
        session, tables.ActivityCategory.activity_id, tables.ActivityCategory.category
    )
    query = sa.select(
        A.id, A.provider_id, A.title, A.description, A.status, A.start_date, A.end_date, A.language
    ).order_by(A.id)
    items = []
    for row in session.execute(query):
        states_served = tuple(sorted(recipients.get(row.id, ())))
        items.append(
            matching.ServiceItem(
                kind="activity",
                id=row.id,
                provider_id=row.provider_id,
                provider=providers[row.provider_id].name,
                articles=tuple(sorted(articles.get(row.id, ()))),
                categories=tuple(sorted(categories.get(row.id, ()))),
                text=f"{row.title}. {(row.description or '')[:2000]}",
                recipients=states_served,
                regions=tuple(sorted({groups[s] for s in states_served if s in groups})),
                languages=(row.language,) if row.language else (),
                status=row.status,
                start=row.start_date,
                end=row.end_date,
            )
        )
    return items


def _peer_items(
    session: Session, providers: dict[int, tables.Provider], groups: dict[str, str]
) -> list[matching.ServiceItem]:
    """A State whose review found a good practice on an article, as a candidate peer provider;
    its provider row (kind "state") is created the first time."""
    query = (
        sa.select(tables.Review.state, tables.GoodPracticeArticle.article, tables.GoodPractice.text)
        .join(tables.GoodPractice, tables.GoodPractice.review_id == tables.Review.id)
        .join(
            tables.GoodPracticeArticle,
            tables.GoodPracticeArticle.good_practice_id == tables.GoodPractice.id,
        )
    )
    practices: dict[str, tuple[set[int], list[str]]] = {}
    for state, article, text in session.execute(query):
        numbers, texts = practices.setdefault(state, (set(), []))
        numbers.add(article)
        if text not in texts:
            texts.append(text)
    by_country = {p.country: p for p in providers.values() if p.kind == "state" and p.country}
    index = reference.states()
    items = []
    for state, (numbers, texts) in sorted(practices.items()):
        provider = by_country.get(state)
        if provider is None:
            known = index.get(state)
            provider = tables.Provider(
                name=known.name if known else state, kind="state", country=state
            )
            session.add(provider)
            session.flush()
            providers[provider.id] = provider
        items.append(
            matching.ServiceItem(
                kind="peer",
                id=provider.id,
                provider_id=provider.id,
                provider=provider.name,
                articles=tuple(sorted(numbers)),
                categories=("international_cooperation",),
                text=" ".join(texts)[:4000],
                regions=(groups[state],) if state in groups else (),
                home_state=state,
            )
        )
    return items


# -------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class MatchRow:
    id: int
    need_id: int
    rank: int
    kind: str
    service_id: int
    provider: str
    title: str
    score: float
    status: str
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "match": self.id,
            "need": self.need_id,
            "rank": self.rank,
            "kind": self.kind,
            "candidate": self.service_id,
            "provider": self.provider,
            "title": self.title,
            "score": self.score,
            "status": self.status,
            "reasons": "; ".join(self.reasons),
        }


def _service_column(kind: str) -> str:
    return {"offer": "offer_id", "activity": "activity_id", "peer": "peer_provider_id"}[kind]


def load_decisions(session: Session) -> list[matching.Decision]:
    """Every accepted or rejected match, with the provider and the need's category."""
    query = (
        sa.select(tables.Match, tables.Need.primary_category)
        .join(tables.Need, tables.Match.need_id == tables.Need.id)
        .where(tables.Match.status != "suggested")
    )
    offers = dict(session.execute(sa.select(tables.Offer.id, tables.Offer.provider_id)).all())
    activities = dict(
        session.execute(sa.select(tables.Activity.id, tables.Activity.provider_id)).all()
    )
    found = []
    for match, category in session.execute(query):
        kind, service_id = _kind_of(match)
        provider = {"offer": offers, "activity": activities}.get(kind, {}).get(
            service_id, service_id
        )
        found.append(
            matching.Decision(
                match.need_id, kind, service_id, provider, category, match.status == "accepted"
            )
        )
    return found


def _kind_of(match: tables.Match) -> tuple[str, int]:
    if match.offer_id is not None:
        return "offer", match.offer_id
    if match.activity_id is not None:
        return "activity", match.activity_id
    assert match.peer_provider_id is not None
    return "peer", match.peer_provider_id


def match_needs(
    session: Session,
    need_ids: Sequence[int] | None = None,
    top: int = 5,
    embedder: matching.Embedder | None = None,
    as_of: dt.date | None = None,
) -> list[MatchRow]:
    """Rank candidates for the needs (all by default) and keep them as suggestions, replacing
    earlier suggestions; accepted and rejected matches stay as they are."""
    as_of = as_of or dt.date.today()
    with session.begin():
        needs = load_needs(session, need_ids)
        if need_ids is not None and len(needs) < len(set(need_ids)):
            missing = sorted(set(need_ids) - {n.id for n in needs})
            raise NotFoundError(f"no need with id {', '.join(map(str, missing))}")
        services = load_services(session, peers=True, as_of=as_of)
        decisions = load_decisions(session)
        ranked = matching.rank(needs, services, decisions, top, embedder=embedder, as_of=as_of)
        ids = [n.id for n in needs]
        for start in range(0, len(ids), 500):
            session.execute(
                sa.delete(tables.Match).where(
                    tables.Match.need_id.in_(ids[start : start + 500]),
                    tables.Match.status == "suggested",
                )
            )
        decided = {(d.need_id, d.kind, d.service_id) for d in decisions}
        rows = []
        for need_id, candidates in ranked.items():
            for position, candidate in enumerate(candidates, start=1):
                if (need_id, candidate.kind, candidate.service_id) in decided:
                    continue
                rows.append(
                    {
                        "need_id": need_id,
                        "candidate": f"{candidate.kind}:{candidate.service_id}",
                        _service_column(candidate.kind): candidate.service_id,
                        "rank": position,
                        "score": candidate.score,
                        "reasons": list(candidate.reasons),
                        "status": "suggested",
                        "created_at": tables.utcnow(),
                    }
                )
        for column in ("offer_id", "activity_id", "peer_provider_id"):
            for row in rows:
                row.setdefault(column, None)
        if rows:
            session.execute(sa.insert(tables.Match), rows)
    return matches_of(session, ids)


def matches_of(session: Session, need_ids: Sequence[int] | None = None) -> list[MatchRow]:
    """The matches of the needs (all by default): decided ones first, then by rank."""
    with session.begin():
        query = sa.select(tables.Match)
        if need_ids is not None:
            query = query.where(tables.Match.need_id.in_(need_ids))
        titles = {
            ("offer", i): t
            for i, t in session.execute(sa.select(tables.Offer.id, tables.Offer.title))
        }
        titles.update(
            {
                ("activity", i): t
                for i, t in session.execute(sa.select(tables.Activity.id, tables.Activity.title))
            }
        )
        providers = dict(session.execute(sa.select(tables.Provider.id, tables.Provider.name)).all())
        offer_providers = dict(
            session.execute(sa.select(tables.Offer.id, tables.Offer.provider_id)).all()
        )
        activity_providers = dict(
            session.execute(sa.select(tables.Activity.id, tables.Activity.provider_id)).all()
        )
        rows = []
        for match in session.scalars(query):
            kind, service_id = _kind_of(match)
            provider_id = {"offer": offer_providers, "activity": activity_providers}.get(
                kind, {}
            ).get(service_id, service_id)
            rows.append(
                MatchRow(
                    match.id,
                    match.need_id,
                    match.rank,
                    kind,
                    service_id,
                    providers.get(provider_id, "?"),
                    titles.get((kind, service_id), "peer assistance"),
                    match.score,
                    match.status,
                    tuple(match.reasons),
                )
            )
    order = {"accepted": 0, "suggested": 1, "rejected": 2}
    return sorted(rows, key=lambda r: (r.need_id, order[r.status], r.rank, r.id))


def decide_match(
    session: Session, match_id: int, accept: bool, user: str, note: str = ""
) -> MatchRow:
    """Accept or reject a suggested match; the change is audited as a correction."""
    with session.begin():
        match = session.get(tables.Match, match_id)
        if match is None:
            raise NotFoundError(f"there is no match {match_id}; see `tamatrix match --need ID`")
        new = "accepted" if accept else "rejected"
        if match.status != new:
            repository.add_correction(
                session, "match", match.id, "status", match.status, new, user, note
            )
            match.status = new
            match.decided_by = user
            match.decided_at = tables.utcnow()
        need_id = match.need_id
    return next(r for r in matches_of(session, [need_id]) if r.id == match_id)


# ---------------------------------------------------------------------------- matrix


@dataclass
class Matrix:
    """Needs against services, grouped one way, with coverage, unmet needs and overlaps.

    ``covered_by`` says why each covered need is covered ("accepted match", or "ongoing
    activity N").
    """

    by: str
    rows: list[dict[str, object]]
    needs: int
    covered: int
    unmet: list[dict[str, object]]
    overlaps: list[dict[str, object]]
    covered_by: dict[int, str] = field(default_factory=dict)

    @property
    def coverage(self) -> float | None:
        return round(100 * self.covered / self.needs, 1) if self.needs else None


@dataclass(frozen=True)
class MatrixInputs:
    """What the matrix is computed from: the needs in scope, the services as they stood on a
    day, the needs with an accepted match, and each State's regional group."""

    needs: list[matching.NeedItem]
    services: list[matching.ServiceItem]
    accepted: list[int]
    groups: dict[str, str]


def status_on(status: str, start: dt.date | None, end: dt.date | None, day: dt.date) -> str:
    """An activity's status on ``day`` from its dates: planned before its start, completed
    after its end, ongoing in between. A cancelled or suspended activity, or one without
    dates, keeps the status it was recorded with."""
    if status in ("cancelled", "suspended") or (start is None and end is None):
        return status
    if start is not None and start > day:
        return "planned"
    if end is not None and end < day:
        return "completed"
    return "ongoing"


def services_on(
    services: Sequence[matching.ServiceItem], day: dt.date
) -> list[matching.ServiceItem]:
    """The services as they stood on ``day``: offers valid that day, and activities with the
    status their dates give them that day."""
    found = []
    for service in services:
        if service.kind == "offer":
            if (service.start is None or service.start <= day) and (
                service.end is None or service.end >= day
            ):
                found.append(service)
        elif service.kind == "activity":
            status = status_on(service.status, service.start, service.end, day)
            found.append(replace(service, status=status))
        else:
            found.append(service)
    return found


def matrix_inputs(
    session: Session, as_of: dt.date | None = None, need_ids: Iterable[int] | None = None
) -> MatrixInputs:
    """Load what ``matrix`` counts: every need (or those of ``need_ids``), the services valid
    today (or as they stood on ``as_of``, see ``services_on``) and the accepted matches."""
    with session.begin():
        needs = load_needs(session)
        if as_of is None:
            services = load_services(session, as_of=dt.date.today())
        else:
            services = services_on(load_services(session), as_of)
        accepted = session.scalars(
            sa.select(tables.Match.need_id).where(tables.Match.status == "accepted")
        ).all()
        groups = dict(
            session.execute(sa.select(tables.State.iso3, tables.State.regional_group)).all()
        )
    if need_ids is not None:
        # Filtered here rather than in SQL: a scope of many thousand ids would not fit an IN.
        wanted = set(need_ids)
        needs = [n for n in needs if n.id in wanted]
    in_scope = {n.id for n in needs}
    return MatrixInputs(needs, services, sorted({i for i in accepted if i in in_scope}), groups)


def matrix(
    session: Session,
    by: str = "article",
    as_of: dt.date | None = None,
    need_ids: Iterable[int] | None = None,
) -> Matrix:
    """The matrix of needs and services grouped ``by`` article, category, state or region.

    With ``as_of``, offers and activities count as they stood that day (an activity is under
    way between its start and end dates); with ``need_ids``, only those needs count.
    """
    if by not in MATRIX_DIMENSIONS:
        raise InputError(f"the matrix is grouped by one of {', '.join(MATRIX_DIMENSIONS)}")
    return matrix_of(matrix_inputs(session, as_of, need_ids), by)


def matrix_of(inputs: MatrixInputs, by: str) -> Matrix:
    """The matrix grouped ``by`` from loaded inputs (see ``matrix``)."""
    needs, services = inputs.needs, inputs.services
    covered = matching.covered_needs(needs, services, inputs.accepted)
    rows = matching.summarise(needs, services, covered, by, inputs.groups)
    unmet: list[dict[str, object]] = [
        {
            "need": n.id,
            "state": n.state,
            "region": n.region,
            "articles": list(n.articles),
            "category": n.category,
            "text": n.text,
        }
        for n in needs
        if n.id not in covered
    ]
    overlaps = [
        {
            "state": o.state,
            "article": o.article,
            "category": o.category,
            "activities": list(o.activity_ids),
            "providers": list(o.providers),
        }
        for o in matching.find_overlaps(services)
    ]
    return Matrix(by, rows, len(needs), len(covered), unmet, overlaps, covered)


# ---------------------------------------------------------------------------- export

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
