"""Scoring an extraction against a labelled corpus, as GOLD.md describes.

An extracted record is matched to the gold record of the same document with the highest word
overlap (at least half of the gold record's words), each gold record at most once. Precision
and recall come from the matches; chapter, article set, primary category and sub-category are
scored on the matched pairs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Record = Mapping[str, Any]
KINDS = ("needs", "recommendations", "good_practices")
ATTRIBUTES = ("chapter", "articles", "primary_category", "subcategory", "form")
DOCUMENT_ATTRIBUTES = ("state", "cycle", "language")


def words(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return set(re.findall(r"[a-z0-9]+", folded))


def overlap(gold: str, found: str) -> float:
    """Share of the gold text's words that the extracted text contains."""
    gold_words = words(gold)
    return len(gold_words & words(found)) / len(gold_words) if gold_words else 0.0


def match(gold: Sequence[Record], found: Sequence[Record]) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching by word overlap: (gold index, found index, overlap)."""
    pairs = sorted(
        (
            (overlap(g["text"], f["text"]), gi, fi)
            for gi, g in enumerate(gold)
            for fi, f in enumerate(found)
        ),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    used_gold: set[int] = set()
    used_found: set[int] = set()
    result = []
    for score, gi, fi in pairs:
        if score < 0.5:
            break
        if gi in used_gold or fi in used_found:
            continue
        used_gold.add(gi)
        used_found.add(fi)
        result.append((gi, fi, score))
    return sorted(result)


@dataclass
class Counts:
    gold: int = 0
    found: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0 if not self.gold else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.found += other.found
        self.matched += other.matched

    def as_dict(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "found": self.found,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Agreement:
    right: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.right / self.total if self.total else None

    def add(self, other: Agreement) -> None:
        self.right += other.right
        self.total += other.total


@dataclass
class Mismatch:
    document: str
    kind: str
    problem: str  # "missed", "spurious" or the attribute that differs
    gold: str | None
    found: str | None
    text: str

    def as_dict(self) -> dict[str, str | None]:
        return dict(self.__dict__)


@dataclass
class Score:
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    attributes: dict[str, Agreement] = field(
        default_factory=lambda: {a: Agreement() for a in ATTRIBUTES}
    )
    finding_attributes: dict[str, Agreement] = field(
        default_factory=lambda: {a: Agreement() for a in ("chapter", "articles")}
    )
    document_attributes: dict[str, Agreement] = field(
        default_factory=lambda: {a: Agreement() for a in DOCUMENT_ATTRIBUTES}
    )
    mismatches: list[Mismatch] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for kind in KINDS:
            self.counts[kind].add(other.counts[kind])
        for name, agreement in other.attributes.items():
            self.attributes[name].add(agreement)
        for name, agreement in other.finding_attributes.items():
            self.finding_attributes[name].add(agreement)
        for name, agreement in other.document_attributes.items():
            self.document_attributes[name].add(agreement)
        self.mismatches.extend(other.mismatches)

    def as_dict(self) -> dict[str, Any]:
        return {
            **{kind: self.counts[kind].as_dict() for kind in KINDS},
            "need_accuracy": {
                name: None if a.accuracy is None else round(a.accuracy, 4)
                for name, a in self.attributes.items()
            },
            "finding_accuracy": {
                name: None if a.accuracy is None else round(a.accuracy, 4)
                for name, a in self.finding_attributes.items()
            },
            "document_accuracy": {
                name: None if a.accuracy is None else round(a.accuracy, 4)
                for name, a in self.document_attributes.items()
            },
        }


def _value(record: Record, name: str) -> Any:
    value = record.get(name)
    return tuple(sorted(value or ())) if name == "articles" else value


def score_document(name: str, gold: Record, found: Record) -> Score:
    """Score one document's extraction against its gold record."""
    score = Score()
    for attribute in DOCUMENT_ATTRIBUTES:
        if attribute in gold:
            agreement = score.document_attributes[attribute]
            agreement.total += 1
            if gold[attribute] == found.get(attribute):
                agreement.right += 1
            else:
                score.mismatches.append(
                    Mismatch(
                        name,
                        "document",
                        attribute,
                        str(gold[attribute]),
                        str(found.get(attribute)),
                        name,
                    )
                )
    for kind in KINDS:
        gold_records = list(gold.get(kind, []))
        found_records = list(found.get(kind, []))
        pairs = match(gold_records, found_records)
        counts = score.counts[kind]
        counts.gold, counts.found, counts.matched = (
            len(gold_records),
            len(found_records),
            len(pairs),
        )
        paired_gold = {gi for gi, _, _ in pairs}
        paired_found = {fi for _, fi, _ in pairs}
        for gi, g in enumerate(gold_records):
            if gi not in paired_gold:
                score.mismatches.append(Mismatch(name, kind, "missed", None, None, g["text"]))
        for fi, f in enumerate(found_records):
            if fi not in paired_found:
                score.mismatches.append(Mismatch(name, kind, "spurious", None, None, f["text"]))
        names = ATTRIBUTES if kind == "needs" else ("chapter", "articles")
        table = score.attributes if kind == "needs" else score.finding_attributes
        for gi, fi, _ in pairs:
            g, f = gold_records[gi], found_records[fi]
            for attribute in names:
                if attribute == "subcategory" and g.get("primary_category") != "capacity_building":
                    continue
                if attribute == "form" and g.get("form") is None and f.get("form") is None:
                    continue
                expected, got = _value(g, attribute), _value(f, attribute)
                table[attribute].total += 1
                if expected == got:
                    table[attribute].right += 1
                else:
                    score.mismatches.append(
                        Mismatch(name, kind, attribute, str(expected), str(got), g["text"])
                    )
    return score
