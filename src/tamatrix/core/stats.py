"""Statistics over needs, counted the way the Secretariat's analytical notes count them.

The rules are those of CODEBOOK.md:

- each need is counted once in the totals and in its one chapter, so chapters add up to the total;
- per-article tables count a need once for every article it names (they may add up to more than
  the total); a need that names no article is shown as the chapter's "general" row;
- shares of the total use the primary category only, so they add up to 100 (before rounding);
- cross-cutting figures use the primary plus the secondary categories;
- a State reviewed on a chapter without needs there counts as reviewed without needs.

``analyse`` returns a JSON-able dict (the "figures", schema version 1) whose lists are all in a
fixed order, so that the same facts always give byte-identical JSON. Every share is a per cent
rounded to one decimal, half away from zero (``per_cent``), never Python's banker's rounding.
The counting runs on numpy arrays (``_Index``): a million needs take a second or two.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, combinations
from operator import attrgetter
from typing import Any

import numpy as np

from tamatrix.core import convention, taxonomy
from tamatrix.core.states import REGIONAL_GROUPS

SCHEMA_VERSION = 1

# Articles that the notes discuss together; a need naming both counts once for the group.
ARTICLE_GROUPS: tuple[tuple[int, ...], ...] = ((5, 6), (7, 8), (10, 13), (14, 52))

# "recommendations_vs_needs" flags an article with at least this many recommendations ...
FLAG_MIN_RECOMMENDATIONS = 5
# ... and no more needs than one for every FLAG_RECOMMENDATIONS_PER_NEED recommendations.
FLAG_RECOMMENDATIONS_PER_NEED = 4

# The capacity-building sub-category of a capacity-building need coded without one.
DEFAULT_SUBCATEGORY = "general"

Figures = dict[str, Any]

_CHAPTER_ORDER = {c.numeral: i for i, c in enumerate(convention.CHAPTERS)}
_CATEGORY_ORDER = {code: i for i, code in enumerate(taxonomy.CATEGORY_CODES)}
_SUBCATEGORY_ORDER = {code: i for i, code in enumerate(taxonomy.SUBCATEGORY_CODES)}
_REGION_ORDER = {group.code: i for i, group in enumerate(REGIONAL_GROUPS)}


# Not frozen: a frozen dataclass takes twice as long to build, which a million facts feel.
@dataclass(slots=True)
class NeedFact:
    """One need with the few fields the statistics use; state and region come from its review."""

    id: int
    review_id: int
    state: str
    region: str
    cycle: int
    chapter: str
    articles: tuple[int, ...]
    primary: str
    subcategory: str | None
    secondaries: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReviewFact:
    """One executive summary; ``chapters`` empty means every chapter of its cycle."""

    id: int
    state: str
    region: str
    cycle: int
    date: dt.date | None
    chapters: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RecommendationFact:
    """``count`` recommendations of one review on one chapter naming these articles."""

    review_id: int
    chapter: str
    articles: tuple[int, ...]
    count: int = 1


def per_cent(part: int, whole: int) -> float:
    """``part`` as a per cent of ``whole``, one decimal, half away from zero; 0.0 for no whole."""
    return _rounded(part * 100, whole)


def _rounded(numerator: int, denominator: int) -> float:
    """numerator / denominator to one decimal, half away from zero, in exact integer arithmetic."""
    if denominator == 0:
        return 0.0
    tenths, remainder = divmod(abs(numerator) * 10, abs(denominator))
    if 2 * remainder >= abs(denominator):
        tenths += 1
    negative = (numerator < 0) != (denominator < 0)
    return (-tenths if negative else tenths) / 10


def _change_per_cent(before: int, after: int) -> float | None:
    """The change from ``before`` to ``after`` in per cent of ``before``; None when before is 0."""
    return per_cent(after - before, before) if before else None


@dataclass(frozen=True, slots=True)
class _Tally:
    """Needs counted under one heading: their ids in ascending order and how many States."""

    ids: list[int]
    states: int

    @property
    def needs(self) -> int:
        return len(self.ids)


class _Index:
    """The needs as numpy arrays in id order, so that any heading is counted with a few
    vectorised operations instead of a Python loop over a million needs."""

    def __init__(self, needs: Sequence[NeedFact]) -> None:
        count = len(needs)
        self.ids = _numbers(needs, "id", count)
        self.review = _numbers(needs, "review_id", count)
        self.state_codes = sorted(set(map(attrgetter("state"), needs)))
        self.state = _codes(needs, "state", {s: i for i, s in enumerate(self.state_codes)})
        self.chapter_code = _codes(needs, "chapter", _CHAPTER_ORDER)
        self.primary_code = _codes(needs, "primary", _CATEGORY_ORDER)
        self.region_code = _codes(needs, "region", _REGION_ORDER)
        # Only read for capacity-building needs, where None means general.
        subcategories: dict[str | None, int] = {None: _SUBCATEGORY_ORDER[DEFAULT_SUBCATEGORY]}
        subcategories.update(_SUBCATEGORY_ORDER)
        self.subcategory_code = _codes(needs, "subcategory", subcategories)
        articles, lengths = _flattened(needs, "articles")
        self.no_article = lengths == 0
        self.article_need = np.repeat(np.arange(count), lengths)
        self.article_number = np.fromiter(articles, np.int64, int(lengths.sum()))
        self.article_chapter = self.chapter_code[self.article_need]
        # member[i, c]: need i is coded under category c, as primary or secondary.
        self.member = np.zeros((count, len(_CATEGORY_ORDER)), dtype=bool)
        self.member[np.arange(count), self.primary_code] = True
        secondaries, lengths = _flattened(needs, "secondaries")
        codes = map(_CATEGORY_ORDER.__getitem__, secondaries)
        rows = np.repeat(np.arange(count), lengths)
        self.member[rows, np.fromiter(codes, np.int64, len(rows))] = True
        self._masks: dict[tuple[str, object], np.ndarray] = {}
        self.total = self.tally(np.ones(count, dtype=bool))

    def tally(self, mask: np.ndarray) -> _Tally:
        """The needs selected by a boolean mask over the needs."""
        states = np.bincount(self.state[mask], minlength=1)
        return _Tally(self.ids[mask].tolist(), int(np.count_nonzero(states)))

    def _equal(self, field: str, code: int) -> np.ndarray:
        key = (field, code)
        if key not in self._masks:
            self._masks[key] = getattr(self, field) == code
        return self._masks[key]

    def in_chapter(self, chapter: str) -> np.ndarray:
        return self._equal("chapter_code", _CHAPTER_ORDER[chapter])

    def of_category(self, category: str) -> np.ndarray:
        return self._equal("primary_code", _CATEGORY_ORDER[category])

    def in_region(self, region: str) -> np.ndarray:
        return self._equal("region_code", _REGION_ORDER[region])

    def chapter(self, chapter: str) -> _Tally:
        return self.tally(self.in_chapter(chapter))

    def category(self, category: str) -> _Tally:
        return self.tally(self.of_category(category))

    def category_any(self, category: str) -> _Tally:
        """Needs coded under the category as primary or secondary."""
        return self.tally(self.member[:, _CATEGORY_ORDER[category]])

    def subcategory(self, subcategory: str) -> _Tally:
        """Capacity-building needs of the sub-category (uncoded ones count as general)."""
        code = _SUBCATEGORY_ORDER[subcategory]
        return self.tally(self.of_category("capacity_building") & (self.subcategory_code == code))

    def naming(self, chapter: str, articles: Iterable[int]) -> np.ndarray:
        """Needs of the chapter (any chapter if empty) naming any of the articles, as a mask."""
        rows = np.isin(self.article_number, list(articles))
        if chapter:
            rows &= self.article_chapter == _CHAPTER_ORDER[chapter]
        mask = np.zeros(len(self.ids), dtype=bool)
        mask[self.article_need[rows]] = True
        return mask

    def article(self, chapter: str, number: int | None) -> _Tally:
        """Needs of the chapter naming the article (None: naming no article)."""
        if number is None:
            return self.tally(self.in_chapter(chapter) & self.no_article)
        return self.tally(self.naming(chapter, [number]))

    def named_articles(self, chapter: str) -> set[int]:
        """The articles that needs of the chapter name."""
        chosen = self.article_chapter == _CHAPTER_ORDER[chapter]
        return {int(number) for number in np.unique(self.article_number[chosen])}

    def cross_cutting(self) -> np.ndarray:
        """Needs coded under more than one category."""
        return np.count_nonzero(self.member, axis=1) > 1

    def pair(self, first: str, second: str) -> _Tally:
        columns = self.member[:, _CATEGORY_ORDER[first]] & self.member[:, _CATEGORY_ORDER[second]]
        return self.tally(columns)

    def review_chapters(self) -> dict[int, set[str]]:
        """The chapters in which each review has needs."""
        found: dict[int, set[str]] = defaultdict(set)
        pairs = np.unique(self.review * len(_CHAPTER_ORDER) + self.chapter_code)
        for review, chapter in zip(*np.divmod(pairs, len(_CHAPTER_ORDER)), strict=True):
            found[int(review)].add(convention.CHAPTERS[int(chapter)].numeral)
        return found


def _numbers(needs: Sequence[NeedFact], field: str, count: int) -> np.ndarray:
    """An integer field of every need as an array (map and attrgetter run at C speed)."""
    return np.fromiter(map(attrgetter(field), needs), np.int64, count)


def _codes(needs: Sequence[NeedFact], field: str, order: dict[Any, int]) -> np.ndarray:
    """A coded field of every need as its position in the codebook or the Convention."""
    return np.fromiter(map(order.__getitem__, map(attrgetter(field), needs)), np.int64, len(needs))


def _flattened(needs: Sequence[NeedFact], field: str) -> tuple[Iterator[Any], np.ndarray]:
    """The items of a tuple field of every need, one after the other, and how many each has."""
    values = list(map(attrgetter(field), needs))
    lengths = np.fromiter(map(len, values), np.int64, len(values))
    return chain.from_iterable(values), lengths


def in_scope(review: ReviewFact, as_of: dt.date | None, cycle: int | None) -> bool:
    """Whether a review counts: adopted on or before ``as_of`` (dated) and of ``cycle``."""
    if cycle is not None and review.cycle != cycle:
        return False
    return as_of is None or (review.date is not None and review.date <= as_of)


def analyse(
    needs: Iterable[NeedFact],
    reviews: Iterable[ReviewFact],
    recommendations: Iterable[RecommendationFact],
    *,
    as_of: dt.date | None,
    cycle: int | None,
) -> Figures:
    """Every figure of the analytical note for the reviews in scope (see the module docstring).

    A review is in scope when its summary is dated on or before ``as_of`` (any review, dated or
    not, when ``as_of`` is None) and it belongs to ``cycle`` (any cycle when None); needs and
    recommendations count only through a review in scope.
    """
    scoped = sorted((r for r in reviews if in_scope(r, as_of, cycle)), key=lambda r: r.id)
    review_ids = {r.id for r in scoped}
    facts = _in_id_order([n for n in needs if n.review_id in review_ids])
    advice = [r for r in recommendations if r.review_id in review_ids]
    t = _Index(facts)
    review_chapters = t.review_chapters()
    chapters = _chapters(scoped, review_chapters, advice, cycle)
    by_chapter = {chapter: t.chapter(chapter) for chapter in chapters}
    articles = _article_tallies(chapters, t)
    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": as_of.isoformat() if as_of else None,
        "cycle": cycle,
        "chapters": chapters,
        "coverage": _coverage(scoped, t, review_chapters),
        "by_chapter": _by_chapter(by_chapter, t.total, _reviewed_states(scoped, review_chapters)),
        "by_category": _by_category(t),
        "chapter_by_category": _chapter_by_category(by_chapter, t),
        "by_region": _by_region(chapters, scoped, t),
        "by_article": _by_article(articles, by_chapter, t.total.states),
        "article_groups": _article_groups(by_chapter, t),
        "subcategories": _subcategories(t),
        "cross_cutting": _cross_cutting(t),
        "recommendations_vs_needs": _recommendations_vs_needs(scoped, advice, articles),
    }


def _in_id_order(needs: list[NeedFact]) -> list[NeedFact]:
    """The needs sorted by id (the loader already gives them so; checking is cheaper)."""
    ids = _numbers(needs, "id", len(needs))
    if np.all(ids[1:] > ids[:-1]):
        return needs
    return sorted(needs, key=attrgetter("id"))


def _chapters(
    reviews: Sequence[ReviewFact],
    review_chapters: dict[int, set[str]],
    recommendations: Sequence[RecommendationFact],
    cycle: int | None,
) -> list[str]:
    """The chapters of the cycle (or of the cycles reviewed), and any other holding records."""
    cycles = {cycle} if cycle is not None else {r.cycle for r in reviews}
    found = {c for number in cycles for c in convention.cycle(number).chapters}
    found.update(*review_chapters.values())
    found.update(r.chapter for r in recommendations)
    return sorted(found, key=_CHAPTER_ORDER.__getitem__)


def _reviewed_states(
    reviews: Sequence[ReviewFact], review_chapters: dict[int, set[str]]
) -> dict[str, set[str]]:
    """The States reviewed on each chapter (a chapter with needs was reviewed, whatever else)."""
    reviewed: dict[str, set[str]] = defaultdict(set)
    for r in reviews:
        covered = set(r.chapters or convention.cycle(r.cycle).chapters)
        for chapter in covered | review_chapters.get(r.id, set()):
            reviewed[chapter].add(r.state)
    return reviewed


def _coverage(
    reviews: Sequence[ReviewFact], t: _Index, review_chapters: dict[int, set[str]]
) -> dict[str, Any]:
    states = {r.state for r in reviews}
    dates = sorted(r.date for r in reviews if r.date is not None)
    with_needs = t.total.states
    return {
        "summaries": len(reviews),
        "summaries_with_needs": len(review_chapters),
        "states": len(states),
        "states_with_needs": with_needs,
        "states_without_needs": len(states) - with_needs,
        "needs": t.total.needs,
        "needs_per_state_with_needs": _rounded(t.total.needs, with_needs),
        "needs_per_summary": _rounded(t.total.needs, len(reviews)),
        "earliest_summary_date": dates[0].isoformat() if dates else None,
        "latest_summary_date": dates[-1].isoformat() if dates else None,
        "state_codes": sorted(states),
        "states_with_needs_codes": t.state_codes,
        "review_ids": [r.id for r in reviews],
        "need_ids": t.total.ids,
    }


def _by_chapter(
    by_chapter: dict[str, _Tally], total: _Tally, reviewed: dict[str, set[str]]
) -> list[dict[str, Any]]:
    rows = []
    for chapter, tally in by_chapter.items():
        states_reviewed = len(reviewed.get(chapter, ()))
        rows.append(
            {
                "chapter": chapter,
                "title": convention.chapter(chapter).title,
                "needs": tally.needs,
                "share": per_cent(tally.needs, total.needs),
                "states_with_needs": tally.states,
                "state_share": per_cent(tally.states, total.states),
                "states_reviewed": states_reviewed,
                "states_without_needs": states_reviewed - tally.states,
                "need_ids": tally.ids,
            }
        )
    return rows


def _ranked(tallies: dict[str, _Tally], order: dict[str, int]) -> list[tuple[str, _Tally]]:
    """Tallies by number of needs, most first, ties in codebook order."""
    return sorted(tallies.items(), key=lambda item: (-item[1].needs, order[item[0]]))


def _by_category(t: _Index) -> list[dict[str, Any]]:
    tallies = {code: t.category(code) for code in taxonomy.CATEGORY_CODES}
    return [
        {
            "category": code,
            "name": taxonomy.category_name(code),
            "needs": tally.needs,
            "share": per_cent(tally.needs, t.total.needs),
            "states": tally.states,
            "needs_incl_secondary": t.category_any(code).needs,
            "need_ids": tally.ids,
        }
        for code, tally in _ranked(tallies, _CATEGORY_ORDER)
    ]


def _chapter_by_category(by_chapter: dict[str, _Tally], t: _Index) -> list[dict[str, Any]]:
    rows = []
    for chapter, in_chapter in by_chapter.items():
        tallies = {
            code: t.tally(t.in_chapter(chapter) & t.of_category(code))
            for code in taxonomy.CATEGORY_CODES
        }
        for code, tally in _ranked(tallies, _CATEGORY_ORDER):
            rows.append(
                {
                    "chapter": chapter,
                    "category": code,
                    "name": taxonomy.category_name(code),
                    "needs": tally.needs,
                    "share_of_chapter": per_cent(tally.needs, in_chapter.needs),
                    "states": tally.states,
                    "state_share_of_chapter": per_cent(tally.states, in_chapter.states),
                    "need_ids": tally.ids,
                }
            )
    return rows


def _by_region(
    chapters: Sequence[str], reviews: Sequence[ReviewFact], t: _Index
) -> list[dict[str, Any]]:
    summaries: dict[str, int] = defaultdict(int)
    states: dict[str, set[str]] = defaultdict(set)
    for r in reviews:
        summaries[r.region] += 1
        states[r.region].add(r.state)
    rows = []
    for group in REGIONAL_GROUPS:
        in_region = t.in_region(group.code)
        tally = t.tally(in_region)
        rows.append(
            {
                "region": group.code,
                "name": group.name,
                "summaries": summaries[group.code],
                "summary_share": per_cent(summaries[group.code], len(reviews)),
                "states": len(states[group.code]),
                "states_with_needs": tally.states,
                "needs": tally.needs,
                "need_share": per_cent(tally.needs, t.total.needs),
                "by_chapter": [
                    _region_chapter(
                        int(np.count_nonzero(in_region & t.in_chapter(chapter))),
                        chapter,
                        tally.needs,
                    )
                    for chapter in chapters
                ],
                "need_ids": tally.ids,
            }
        )
    return rows


def _region_chapter(needs: int, chapter: str, region_needs: int) -> dict[str, Any]:
    return {"chapter": chapter, "needs": needs, "share_of_region": per_cent(needs, region_needs)}


def _article_tallies(chapters: Sequence[str], t: _Index) -> dict[tuple[str, int | None], _Tally]:
    """Per chapter: every article of the chapter in its cycle's scope, any other article that
    its needs name, and None for its needs naming no article."""
    tallies: dict[tuple[str, int | None], _Tally] = {}
    for chapter in chapters:
        scope = convention.articles_in(chapter, convention.cycle_of_chapter(chapter))
        for number in sorted({a.number for a in scope} | t.named_articles(chapter)):
            tallies[chapter, number] = t.article(chapter, number)
        tallies[chapter, None] = t.article(chapter, None)
    return tallies


def _by_article(
    articles: dict[tuple[str, int | None], _Tally],
    by_chapter: dict[str, _Tally],
    states_with_needs: int,
) -> list[dict[str, Any]]:
    """Per chapter, its articles ranked by needs (ties share a rank, then article order), and
    last the chapter's "general" row, which has no rank."""
    rows: list[dict[str, Any]] = []
    for chapter, in_chapter in by_chapter.items():
        counts = {n: tally.needs for (c, n), tally in articles.items() if c == chapter and n}
        for number in sorted(counts, key=lambda n: (-counts[n], n)):
            rank = 1 + sum(1 for other in counts.values() if other > counts[number])
            tally = articles[chapter, number]
            rows.append(_article_row(chapter, number, rank, tally, in_chapter, states_with_needs))
        general = articles[chapter, None]
        rows.append(_article_row(chapter, None, None, general, in_chapter, states_with_needs))
    return rows


def _article_row(
    chapter: str,
    number: int | None,
    rank: int | None,
    tally: _Tally,
    in_chapter: _Tally,
    states_with_needs: int,
) -> dict[str, Any]:
    return {
        "chapter": chapter,
        "article": number,
        "title": convention.article(number).title if number is not None else "general",
        "needs": tally.needs,
        "share_of_chapter": per_cent(tally.needs, in_chapter.needs),
        "states": tally.states,
        "state_share": per_cent(tally.states, states_with_needs),
        "rank": rank,
        "need_ids": tally.ids,
    }


def _article_groups(by_chapter: dict[str, _Tally], t: _Index) -> list[dict[str, Any]]:
    """Groups of articles discussed together, for the chapters analysed; one count per need."""
    rows = []
    for group in ARTICLE_GROUPS:
        own = sorted({convention.chapter_of(n) for n in group}, key=_CHAPTER_ORDER.__getitem__)
        if not set(own) & set(by_chapter):
            continue
        naming = t.naming("", group)
        tally = t.tally(naming)
        in_chapters = {c: int(np.count_nonzero(naming & t.in_chapter(c))) for c in by_chapter}
        rows.append(
            {
                "label": "articles " + ", ".join(map(str, group[:-1])) + f" and {group[-1]}",
                "articles": list(group),
                "needs": tally.needs,
                "share": per_cent(tally.needs, t.total.needs),
                "states": tally.states,
                "state_share": per_cent(tally.states, t.total.states),
                "by_chapter": [
                    {"chapter": c, "needs": n} for c, n in in_chapters.items() if c in own or n
                ],
                "share_of_chapter": [
                    {"chapter": c, "share": per_cent(tally.needs, by_chapter[c].needs)}
                    for c in own
                    if c in by_chapter
                ],
                "need_ids": tally.ids,
            }
        )
    return rows


def _subcategories(t: _Index) -> list[dict[str, Any]]:
    """Capacity-building needs by grouped sub-category, as shares of all capacity-building."""
    building = int(np.count_nonzero(t.of_category("capacity_building")))
    tallies = {code: t.subcategory(code) for code in taxonomy.SUBCATEGORY_CODES}
    return [
        {
            "subcategory": code,
            "name": taxonomy.subcategory_name(code),
            "needs": tally.needs,
            "share": per_cent(tally.needs, building),
            "states": tally.states,
            "need_ids": tally.ids,
        }
        for code, tally in _ranked(tallies, _SUBCATEGORY_ORDER)
    ]


def _cross_cutting(t: _Index) -> dict[str, Any]:
    """Needs coded under more than one category, and how often each pair occurs together."""
    crossing = t.tally(t.cross_cutting())
    pairs = [(pair, t.pair(*pair)) for pair in combinations(taxonomy.CATEGORY_CODES, 2)]
    pairs = sorted((item for item in pairs if item[1].needs), key=lambda item: -item[1].needs)
    return {
        "needs_with_secondary": crossing.needs,
        "share": per_cent(crossing.needs, t.total.needs),
        "states": crossing.states,
        "need_ids": crossing.ids,
        "pairs": [
            {
                "categories": list(pair),
                "names": [taxonomy.category_name(code) for code in pair],
                "needs": tally.needs,
                "share": per_cent(tally.needs, t.total.needs),
                "states": tally.states,
                "need_ids": tally.ids,
            }
            for pair, tally in pairs
        ],
    }


def _recommendations_vs_needs(
    reviews: Sequence[ReviewFact],
    recommendations: Sequence[RecommendationFact],
    articles: dict[tuple[str, int | None], _Tally],
) -> list[dict[str, Any]]:
    """Recommendations and needs per chapter and numbered article, flagging neglected articles.

    Both are counted once per article they name. An article is flagged when it drew at least
    ``FLAG_MIN_RECOMMENDATIONS`` recommendations and at most one need for every
    ``FLAG_RECOMMENDATIONS_PER_NEED`` of them (needs <= recommendations / 4): many reviewers saw
    a gap there, few States asked for help with it (CODEBOOK.md section 5).
    """
    state_of = {r.id: r.state for r in reviews}
    counts: dict[tuple[str, int], int] = defaultdict(int)
    states: dict[tuple[str, int], set[str]] = defaultdict(set)
    for r in recommendations:
        for number in r.articles:
            counts[r.chapter, number] += r.count
            states[r.chapter, number].add(state_of[r.review_id])
    keys = set(counts)
    keys.update((c, n) for (c, n), tally in articles.items() if n is not None and tally.needs)
    rows = []
    for chapter, number in sorted(keys, key=lambda key: (_CHAPTER_ORDER[key[0]], key[1])):
        tally = articles.get((chapter, number)) or _Tally([], 0)
        given = counts.get((chapter, number), 0)
        rows.append(
            {
                "chapter": chapter,
                "article": number,
                "title": convention.article(number).title,
                "recommendations": given,
                "states_with_recommendations": len(states.get((chapter, number), ())),
                "needs": tally.needs,
                "states_with_needs": tally.states,
                "flag": given >= FLAG_MIN_RECOMMENDATIONS
                and tally.needs * FLAG_RECOMMENDATIONS_PER_NEED <= given,
            }
        )
    return rows


def compare(current: Figures, previous: Figures, *, name: str | None = None) -> Figures:
    """What changed since a previous analysis: new summaries and States, needs added, and the
    change per chapter, category and region (per cent of before; None where before was 0)."""
    if previous.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(
            f"the previous analysis has figures of schema version "
            f"{previous.get('schema_version')}, not {SCHEMA_VERSION}"
        )
    now, then = current["coverage"], previous["coverage"]
    new_reviews = sorted(set(now["review_ids"]) - set(then["review_ids"]))
    new_states = sorted(set(now["states_with_needs_codes"]) - set(then["states_with_needs_codes"]))
    new_needs = sorted(set(now["need_ids"]) - set(then["need_ids"]))
    return {
        "previous": {
            "name": name if name is not None else previous.get("name"),
            "as_of": previous["as_of"],
            "cycle": previous["cycle"],
            "summaries": then["summaries"],
            "states_with_needs": then["states_with_needs"],
            "needs": then["needs"],
        },
        "new_summaries": len(new_reviews),
        "new_review_ids": new_reviews,
        "new_states_with_needs": len(new_states),
        "new_states": new_states,
        "needs_added": now["needs"] - then["needs"],
        "needs_change_per_cent": _change_per_cent(then["needs"], now["needs"]),
        "new_need_ids": new_needs,
        "by_chapter": _compare_chapters(current, previous),
        "by_category": _compare_rows(
            current, previous, "by_category", "category", list(taxonomy.CATEGORY_CODES)
        ),
        "by_region": _compare_rows(
            current, previous, "by_region", "region", [g.code for g in REGIONAL_GROUPS]
        ),
    }


def _change(before: int, after: int, prefix: str = "") -> dict[str, Any]:
    return {
        f"{prefix}before": before,
        f"{prefix}after": after,
        f"{prefix}change": after - before,
        f"{prefix}change_per_cent": _change_per_cent(before, after),
    }


def _compare_chapters(current: Figures, previous: Figures) -> list[dict[str, Any]]:
    """Needs and States with needs per chapter, before and after."""
    now = {row["chapter"]: row for row in current["by_chapter"]}
    then = {row["chapter"]: row for row in previous["by_chapter"]}
    rows = []
    for chapter in sorted(set(now) | set(then), key=_CHAPTER_ORDER.__getitem__):
        after, before = now.get(chapter, {}), then.get(chapter, {})
        rows.append(
            {
                "chapter": chapter,
                **_change(before.get("needs", 0), after.get("needs", 0)),
                **_change(
                    before.get("states_with_needs", 0),
                    after.get("states_with_needs", 0),
                    "states_",
                ),
            }
        )
    return rows


def _compare_rows(
    current: Figures, previous: Figures, table: str, key: str, codes: list[str]
) -> list[dict[str, Any]]:
    """Needs per category or region, before and after, in codebook (or group) order."""
    now = {row[key]: row["needs"] for row in current[table]}
    then = {row[key]: row["needs"] for row in previous[table]}
    return [{key: code, **_change(then.get(code, 0), now.get(code, 0))} for code in codes]
