"""Importing IATI activity files: providers, activities, and what was skipped and why."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix import training
from tamatrix.core.classify import Classifier
from tamatrix.ingest import iati
from tamatrix.pipeline.supply.reports import FileReport, ImportReport
from tamatrix.storage import repository, tables


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
