"""The main job on built-in data: generate the demo corpus, ingest it, review it, import the
demo's offers and activities, match them with the needs, analyse and draft the note, in one
folder, with no set-up. Running it twice gives the same result."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix.config import Settings
from tamatrix.core.evaluate import match
from tamatrix.generate.corpus import generate
from tamatrix.generate.profiles import load_profile
from tamatrix.generate.supply import SupplyFiles, write_demo_supply
from tamatrix.pipeline import analysis, open_database, supply
from tamatrix.pipeline.corrections import correct_need
from tamatrix.pipeline.ingest import IngestResult, ingest_file
from tamatrix.pipeline.report import write_report
from tamatrix.storage import db, repository, tables

PROFILE = "second-cycle-2020"
REVIEWER = "demo analyst"
ANALYSES = (("2019-08", dt.date(2019, 8, 31)), ("2020-09", dt.date(2020, 9, 30)))
CYCLE = 2
# The demo analyst decides on the top suggestion of every DECIDE_EVERY-th need (in id order):
# accepted when it shares an article and the category with the need, else rejected.
DECIDE_EVERY = 5


@dataclass(frozen=True)
class SupplyResult:
    """The demo's supply side: the files written, their import, the analyst's decisions made
    by this run (none on a second run) and the matrix as of the latest cut-off."""

    files: SupplyFiles
    imported: list[supply.FileReport]
    accepted: int
    rejected: int
    matrix: supply.Matrix


@dataclass(frozen=True)
class DemoResult:
    folder: Path
    database_url: str
    ingested: list[IngestResult]
    reviewed: int
    corrected: int
    figures: dict[str, Any]
    reports: list[Path]
    supply: SupplyResult


def run(folder: Path, settings: Settings | None = None) -> DemoResult:
    """Generate, ingest, review, analyse and report into ``folder``."""
    folder = folder.resolve()
    database_url = f"sqlite:///{folder / 'tamatrix.db'}"
    settings = (settings or Settings()).model_copy(update={"database_url": database_url})
    corpus = generate(load_profile(PROFILE), folder / "documents")
    engine = open_database(settings)
    session = db.session_factory(engine)()
    try:
        ingested = [
            ingest_file(session, path, settings=settings, user=REVIEWER) for path in corpus.files
        ]
        reviewed, corrected = review_as_labelled(session, corpus.gold)
        supplied = add_supply(session, folder / "supply", ANALYSES[-1][1])
        for name, as_of in ANALYSES:
            if name not in {a["name"] for a in analysis.saved_analyses(session)}:
                analysis.save_analysis(session, name, analysis.analyse(session, as_of, CYCLE))
        figures = analysis.load_analysis(session, ANALYSES[-1][0])
        previous, latest = ANALYSES[0][0], ANALYSES[-1][1]
        written = [
            write_report(
                session,
                fmt,
                folder / "reports" / f"note-{ANALYSES[-1][0]}.{fmt}",
                latest,
                CYCLE,
                previous,
            )
            for fmt in ("html", "docx")
        ]
    finally:
        session.close()
        engine.dispose()
    return DemoResult(
        folder, database_url, ingested, reviewed, corrected, figures, written, supplied
    )


def add_supply(session: Session, folder: Path, as_of: dt.date) -> SupplyResult:
    """Write the demo's offers (XLSX) and activities (CSV) as the import templates, import them
    (a re-import updates), rank candidates for every need as of ``as_of`` and play the analyst
    on the needs that have no decision yet."""
    files = write_demo_supply(
        folder,
        load_profile(PROFILE),
        supply.template("offers", "xlsx"),
        supply.template("activities", "csv"),
    )
    imported = [
        supply.import_offers(session, files.offers),
        supply.import_activities(session, files.activities),
    ]
    failed = [f.message for f in imported if f.status != "imported"]
    if failed:  # the generator and the templates disagree: a bug, not bad input
        raise RuntimeError("; ".join(failed))
    rows = supply.match_needs(session, top=5, as_of=as_of)
    accepted, rejected = decide_as_analyst(session, rows)
    return SupplyResult(files, imported, accepted, rejected, supply.matrix(session, as_of=as_of))


def decide_as_analyst(session: Session, rows: list[supply.MatchRow]) -> tuple[int, int]:
    """Accept or reject (audited as the demo analyst) the top suggestion of every
    ``DECIDE_EVERY``-th need that has no decision yet. Returns (accepted, rejected)."""
    by_need: dict[int, list[supply.MatchRow]] = {}
    for row in rows:
        by_need.setdefault(row.need_id, []).append(row)
    with session.begin():
        need_ids = session.scalars(sa.select(tables.Need.id).order_by(tables.Need.id)).all()
    accepted = rejected = 0
    for position, need_id in enumerate(need_ids):
        found = by_need.get(need_id, [])
        if position % DECIDE_EVERY or any(r.status != "suggested" for r in found):
            continue
        top = min(found, key=lambda r: r.rank, default=None)
        if top is None:
            continue
        accept = _fits(top)
        note = (
            "demo: same article and category as the need"
            if accept
            else "demo: does not share both an article and the category of the need"
        )
        supply.decide_match(session, top.id, accept, REVIEWER, note)
        accepted += int(accept)
        rejected += int(not accept)
    return accepted, rejected


def review_as_labelled(session: Session, gold_path: Path) -> tuple[int, int]:
    """Play the analyst: where the machine's coding differs from the corpus's labels, correct
    it (audited as the demo analyst). Returns (needs reviewed, needs corrected)."""
    reviewed = corrected = 0
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        with session.begin():
            document = session.scalar(
                sa.select(tables.Document).where(tables.Document.file_name == gold["file"])
            )
            needs = repository.needs_of_document(session, document.id) if document else []
            found = [
                {
                    "id": n.id,
                    "text": n.text,
                    "chapter": n.chapter,
                    "articles": ",".join(str(a.article) for a in n.articles),
                    "primary_category": n.primary_category,
                    "subcategory": n.subcategory,
                    "secondary_categories": ",".join(s.category for s in n.secondary),
                }
                for n in needs
            ]
        for gold_index, found_index, _score in match(gold["needs"], found):
            label, need = gold["needs"][gold_index], found[found_index]
            wanted = {
                "chapter": label["chapter"],
                "articles": ",".join(str(a) for a in sorted(label["articles"])),
                "primary_category": label["primary_category"],
                "subcategory": label["subcategory"],
                "secondary_categories": ",".join(sorted(label["secondary_categories"])),
            }
            changes = {k: v for k, v in wanted.items() if need[k] != v}
            reviewed += 1
            if changes:
                correct_need(
                    session,
                    int(str(need["id"])),
                    changes,
                    REVIEWER,
                    "demo: coded as the generated corpus's labels say",
                )
                corrected += 1
    return reviewed, corrected


def _fits(row: supply.MatchRow) -> bool:
    """Whether a candidate shares an article and the primary category with its need."""
    return any(r.startswith("same article") for r in row.reasons) and any(
        r.startswith("same category") for r in row.reasons
    )
