"""Use cases of the analysis: the figures as of a date, compared with a saved analysis; saving
and reading saved analyses; anonymised examples of needs for the note.

Each function takes a session that is not in a transaction and runs one unit of work in it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix import reference
from tamatrix.core import convention, stats
from tamatrix.exceptions import InputError, NotFoundError
from tamatrix.storage import queries

NAME_LENGTH = 200  # the length of analyses.name
_EXAMPLE_BATCH = 500


def analyse(
    session: Session,
    as_of: dt.date | None = None,
    cycle: int | None = None,
    compare_to: str | None = None,
) -> stats.Figures:
    """Every figure for the summaries dated on or before ``as_of`` (all when None) of ``cycle``
    (all when None); with ``compare_to``, also a "comparison" with that saved analysis."""
    if cycle is not None and cycle not in {c.number for c in convention.CYCLES}:
        raise InputError(f"there is no review cycle {cycle}; use 1 or 2")
    with session.begin():
        previous = None
        if compare_to is not None:
            previous = queries.analysis_figures(session, compare_to)
            if previous is None:
                raise NotFoundError(_unknown_analysis(session, compare_to))
        facts = queries.load_facts(session, as_of, cycle)
    figures = stats.analyse(
        facts.needs, facts.reviews, facts.recommendations, as_of=as_of, cycle=cycle
    )
    if previous is not None:
        try:
            figures["comparison"] = stats.compare(figures, previous, name=compare_to)
        except ValueError as exc:
            raise InputError(f"cannot compare with the analysis {compare_to!r}: {exc}") from None
    return figures


def _unknown_analysis(session: Session, name: str) -> str:
    """The message for a name that no saved analysis has, listing those that exist."""
    names = queries.analysis_names(session)
    saved = ", ".join(repr(n) for n in names) if names else "none has been saved yet"
    return f"there is no saved analysis named {name!r}; saved analyses: {saved}"


def save_analysis(session: Session, name: str, figures: stats.Figures) -> None:
    """Save the figures under a new name, frozen as they are (need ids included), and commit."""
    name = name.strip()
    if not name or len(name) > NAME_LENGTH:
        raise InputError(f"an analysis needs a name of 1 to {NAME_LENGTH} characters")
    try:
        with session.begin():
            if queries.analysis_exists(session, name):
                raise InputError(
                    f"an analysis named {name!r} is already saved; choose another name"
                )
            queries.add_analysis(session, name, _cut_off(figures), figures["cycle"], figures)
    except sa.exc.IntegrityError:
        # Another process saved the same name between the check and the insert.
        raise InputError(f"an analysis named {name!r} is already saved") from None


def _cut_off(figures: stats.Figures) -> dt.date:
    """The date an analysis stands for: its cut-off, else its latest summary, else today."""
    found = figures["as_of"] or figures["coverage"].get("latest_summary_date")
    return dt.date.fromisoformat(found) if found else dt.date.today()


def saved_analyses(session: Session) -> list[dict[str, Any]]:
    """Name, cut-off date, cycle and creation time of every saved analysis, oldest cut-off first."""
    with session.begin():
        return queries.analyses(session)


def load_analysis(session: Session, name: str) -> stats.Figures:
    """The figures saved under ``name``; NotFoundError (listing the saved names) if none."""
    with session.begin():
        figures = queries.analysis_figures(session, name)
        if figures is None:
            raise NotFoundError(_unknown_analysis(session, name))
    return figures


def examples(session: Session, need_ids: list[int], limit: int = 3) -> list[str]:
    """Texts of up to ``limit`` of these needs, lowest id first, with their State's name replaced
    by "the State" so that the note can quote them without naming anyone."""
    wanted = sorted(set(need_ids))
    found: list[str] = []
    with session.begin():
        for start in range(0, len(wanted), _EXAMPLE_BATCH):
            if len(found) >= limit:
                break
            batch = wanted[start : start + _EXAMPLE_BATCH]
            texts = queries.need_texts(session, batch)
            found += [anonymise(*texts[i]) for i in batch if i in texts]
    return found[:limit]


def anonymise(text: str, iso3: str) -> str:
    """The text with the names (official, short, aliases) of the State replaced by "the State"."""
    state = reference.states().get(iso3)
    if state is None:
        return text
    names = sorted({state.name, *state.aliases}, key=len, reverse=True)
    pattern = re.compile(
        r"\b(?:the\s+)?(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE
    )
    return pattern.sub(lambda m: "The State" if m.start() == 0 else "the State", text)
