"""Scoring extraction against a labelled corpus (GOLD.md) and the public extraction JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tamatrix.config import Settings
from tamatrix.core.evaluate import Score, score_document
from tamatrix.core.records import Extraction, Finding, SourceText
from tamatrix.exceptions import DocumentError, InputError
from tamatrix.pipeline.ingest import read_and_extract


def extraction_dict(
    extraction: Extraction, file: str | None = None, source: SourceText | None = None
) -> dict[str, object]:
    """The public JSON shape of an extraction (docs/extract-json.md): GOLD.md's record shape
    plus page, span, confidence, explanation and problems."""

    def span(start: int | None, end: int | None) -> list[int] | None:
        return None if start is None or end is None else [start, end]

    return {
        "schema_version": 1,
        "file": file,
        "format": source.format if source else None,
        "pages": len(source.pages) if source else None,
        "state": extraction.state,
        "state_name": extraction.state_name,
        "cycle": extraction.cycle,
        "language": extraction.language,
        "symbol": extraction.symbol,
        "date": extraction.date.isoformat() if extraction.date else None,
        "needs": [
            {
                "chapter": n.chapter,
                "articles": list(n.articles),
                "primary_category": n.primary_category,
                "secondary_categories": list(n.secondary_categories),
                "subcategory": n.subcategory,
                "form": n.form,
                "text": n.text,
                "page": n.page,
                "span": span(n.start, n.end),
                "confidence": n.confidence,
                "method": n.method,
                "explanation": n.explanation,
            }
            for n in extraction.needs
        ],
        "recommendations": [_finding_dict(f) for f in extraction.recommendations],
        "good_practices": [_finding_dict(f) for f in extraction.good_practices],
        "problems": [
            {"code": p.code, "page": p.page, "message": p.message} for p in extraction.problems
        ],
    }


def _finding_dict(finding: Finding) -> dict[str, object]:
    return {
        "chapter": finding.chapter,
        "articles": list(finding.articles),
        "text": finding.text,
        "page": finding.page,
        "span": None if finding.start is None else [finding.start, finding.end],
    }


@dataclass
class Evaluation:
    overall: Score
    documents: dict[str, Score]
    errors: dict[str, str]

    def as_dict(self, worst: int = 20) -> dict[str, object]:
        return {
            "overall": self.overall.as_dict(),
            "documents": {name: s.as_dict() for name, s in self.documents.items()},
            "errors": self.errors,
            "worst_mismatches": [m.as_dict() for m in self.overall.mismatches[:worst]],
        }


def evaluate_corpus(folder: Path, settings: Settings | None = None) -> Evaluation:
    """Score extraction on a labelled corpus (a folder with gold.jsonl, GOLD.md)."""
    gold_path = folder / "gold.jsonl"
    if not gold_path.is_file():
        raise InputError(f"{folder} has no gold.jsonl (see GOLD.md)")
    overall = Score()
    documents: dict[str, Score] = {}
    errors: dict[str, str] = {}
    for number, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            gold = json.loads(line)
            name = gold["file"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{gold_path}, line {number}: not a gold record ({exc})") from None
        try:
            _source, extraction = read_and_extract(folder / name, None, settings)
            found = extraction_dict(extraction)
        except DocumentError as exc:
            errors[name] = f"{exc.code}: {exc}"
            found = {}
        score = score_document(name, gold, found)
        documents[name] = score
        overall.add(score)
    overall.mismatches.sort(key=lambda m: (m.problem not in ("missed", "spurious"), m.document))
    return Evaluation(overall, documents, errors)
