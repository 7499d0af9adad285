"""Drafting the analytical note: figures and examples from the database, then the renderer.

When the register holds supply data (offers, activities or accepted matches), the figures gain
a "supply" entry for the note's section on the needs and the assistance available: the matrix
of ``pipeline.supply`` for the needs of the analysis, with activities as they stood on the
cut-off date. Every count in it comes with the ids of the needs behind it: ``need_ids``, split
into ``covered_need_ids`` and ``unmet_need_ids``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix import reference, reports
from tamatrix.core import convention, matching, stats, taxonomy
from tamatrix.core.states import REGIONAL_GROUPS
from tamatrix.exceptions import InputError
from tamatrix.pipeline import analysis, supply
from tamatrix.storage import tables

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
    supplied = supply_figures(session, figures, as_of)
    if supplied is not None:
        figures["supply"] = supplied
    note = reports.build_note(figures, chapter_examples(session, figures), meta or {})
    out.parent.mkdir(parents=True, exist_ok=True)
    return reports.write(note, fmt, out)


# --- the supply side ----------------------------------------------------------------------


def has_supply(session: Session) -> bool:
    """Whether the register holds any offer, activity or accepted match."""
    with session.begin():
        for query in (
            sa.select(tables.Offer.id),
            sa.select(tables.Activity.id),
            sa.select(tables.Match.id).where(tables.Match.status == "accepted"),
        ):
            if session.scalar(query.limit(1)) is not None:
                return True
    return False


def supply_figures(
    session: Session, figures: dict[str, Any], as_of: dt.date | None
) -> dict[str, Any] | None:
    """The matrix figures for the needs of ``figures`` (offers and activities as they stood on
    ``as_of``), or None when the register holds no supply data."""
    if not has_supply(session):
        return None
    inputs = supply.matrix_inputs(session, as_of, figures["coverage"]["need_ids"])
    return matrix_figures(inputs, supply.matrix_of(inputs, "article"), figures)


def _tally(need_ids: Iterable[int], covered: dict[int, str]) -> dict[str, Any]:
    """Needs, covered, unmet and coverage (per cent) of a set of needs, with their ids."""
    ids = sorted(need_ids)
    met = [i for i in ids if i in covered]
    unmet = [i for i in ids if i not in covered]
    return {
        "needs": len(ids),
        "covered": len(met),
        "unmet": len(unmet),
        "coverage": stats.per_cent(len(met), len(ids)),
        "need_ids": ids,
        "covered_need_ids": met,
        "unmet_need_ids": unmet,
    }


def matrix_figures(
    inputs: supply.MatrixInputs, result: supply.Matrix, figures: dict[str, Any]
) -> dict[str, Any]:
    """The "supply" figures: coverage overall and by chapter, category, regional group and
    article (as ``result``, the matrix by article, counts them), the services and overlaps."""
    covered = result.covered_by
    needs = inputs.needs
    by_reason = {
        reason: [i for i in sorted(covered) if covered[i].startswith(reason)]
        for reason in ("accepted", "ongoing")
    }
    services = inputs.services
    offers = [s for s in services if s.kind == "offer"]
    active = [s for s in services if s.kind == "activity" and s.status in matching.ACTIVE_STATUSES]
    return {
        "as_of": figures.get("as_of"),
        **_tally((n.id for n in needs), covered),
        "covered_by_match": len(by_reason["accepted"]),
        "match_need_ids": by_reason["accepted"],
        "covered_by_activity": len(by_reason["ongoing"]),
        "activity_need_ids": by_reason["ongoing"],
        "providers": len({s.provider_id for s in [*offers, *active]}),
        "offers": len(offers),
        "activities_ongoing": sum(s.status == "ongoing" for s in active),
        "activities_planned": sum(s.status == "planned" for s in active),
        "by_chapter": _by_chapter(figures, covered),
        "by_category": _by_category(needs, covered),
        "by_region": _by_region(needs, covered),
        "by_article": _by_article(needs, covered, result.rows),
        "overlaps": _overlaps(needs, result.overlaps, inputs.groups),
    }


def _by_chapter(figures: dict[str, Any], covered: dict[int, str]) -> list[dict[str, Any]]:
    return [
        {"chapter": r["chapter"], "title": r["title"], **_tally(r["need_ids"], covered)}
        for r in figures["by_chapter"]
        if r["needs"]
    ]


def _grouped(
    needs: Sequence[matching.NeedItem], key: Callable[[matching.NeedItem], Iterable[Any]]
) -> dict[Any, list[int]]:
    """Need ids by each value of ``key`` (a need with two articles under both), in one pass."""
    found: dict[Any, list[int]] = defaultdict(list)
    for need in needs:
        for value in key(need):
            found[value].append(need.id)
    return found


def _by_category(
    needs: Sequence[matching.NeedItem], covered: dict[int, str]
) -> list[dict[str, Any]]:
    ids = _grouped(needs, lambda n: (n.category,))
    return [
        {"category": code, "name": taxonomy.category_name(code), **_tally(ids[code], covered)}
        for code in taxonomy.CATEGORY_CODES
        if ids.get(code)
    ]


def _by_region(needs: Sequence[matching.NeedItem], covered: dict[int, str]) -> list[dict[str, Any]]:
    ids = _grouped(needs, lambda n: (n.region,))
    return [
        {"region": group.code, "name": group.name, **_tally(ids[group.code], covered)}
        for group in REGIONAL_GROUPS
        if ids.get(group.code)
    ]


def _by_article(
    needs: Sequence[matching.NeedItem],
    covered: dict[int, str],
    rows: Sequence[dict[str, object]],
) -> list[dict[str, Any]]:
    """One row per row of the matrix by article, "general" (needs naming none) as None."""
    ids = _grouped(needs, lambda n: n.articles or ("general",))
    found = []
    for row in rows:
        key = row["article"]
        if not row["needs"]:
            continue
        if isinstance(key, int):
            article: int | None = key
            chapter: str | None = convention.chapter_of(key)
            title = convention.article(key).title
        else:
            article, chapter, title = None, None, "Needs naming no article"
        found.append(
            {
                "article": article,
                "chapter": chapter,
                "title": title,
                **_tally(ids[key], covered),
                "activities": row["activities"],
                "offers": row["offers"],
                "providers": row["providers"],
            }
        )
    return found


def _overlaps(
    needs: Sequence[matching.NeedItem],
    overlaps: Sequence[dict[str, Any]],
    groups: dict[str, str],
) -> list[dict[str, Any]]:
    """Overlaps with the State's name and the needs they answer; providers only counted."""
    index = reference.states(include_fictional=True)
    answered = _grouped(needs, lambda n: ((n.state, a, n.category) for a in n.articles))
    found = []
    for o in overlaps:
        known = index.get(o["state"])
        found.append(
            {
                "state": o["state"],
                "name": known.name if known else o["state"],
                "region": groups.get(o["state"]),
                "article": o["article"],
                "category": o["category"],
                "category_name": taxonomy.category_name(o["category"]),
                "activities": list(o["activities"]),
                "providers": len(o["providers"]),
                "need_ids": answered.get((o["state"], o["article"], o["category"]), []),
            }
        )
    return found
