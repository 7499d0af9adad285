"""Profiles of generated corpora: which reviews to write, when, and which needs each one lists.

A profile is plain data in ``tamatrix/data/profiles/<name>.json``, of one of two kinds:

- ``plan``: every review is written out, with its State, cycle, date of issue and needs, each
  need as a short string ``"<articles> <category>[/<sub-category>] [#topic]"``, for example
  ``"5,6 cb/training"``, ``"- rd"`` (a chapter-level need) or ``"52 la #pep"``. The demo
  profile ``second-cycle-2020`` is of this kind, so that its figures are exact
  (docs/demo-profile.md).
- ``distribution``: regions, rates and weights from which the reviews are drawn with a fixed
  ``plan_seed``; ``all-states`` is of this kind.

Either way ``load_profile`` returns the same ``Profile``: a tuple of ``ReviewPlan``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from tamatrix.core import convention, taxonomy
from tamatrix.exceptions import InputError

PROFILES: tuple[str, ...] = ("second-cycle-2020", "all-states")

CATEGORY_SHORT: Mapping[str, str] = {
    "cb": "capacity_building",
    "la": "legislative_assistance",
    "ib": "institution_building",
    "pm": "policymaking",
    "rd": "research_data",
    "ic": "international_cooperation",
    "ot": "other",
}
DEMO_STATES_FILE = "demo-states.csv"


@dataclass(frozen=True)
class NeedPlan:
    """One need that a generated review lists, as it will be coded in gold.jsonl."""

    chapter: str
    articles: tuple[int, ...]
    category: str
    subcategory: str | None = None
    form: str | None = None
    topic: str | None = None


@dataclass(frozen=True)
class ReviewPlan:
    """One generated executive summary: whose review, which cycle, issued when, which needs."""

    state: str
    cycle: int
    date: dt.date
    needs: tuple[NeedPlan, ...] = ()

    def chapter_needs(self, chapter: str) -> tuple[NeedPlan, ...]:
        """The needs listed under one chapter."""
        return tuple(need for need in self.needs if need.chapter == chapter)


@dataclass(frozen=True)
class Profile:
    """A corpus to generate: its reviews, default formats, published targets and assumptions."""

    name: str
    description: str
    reviews: tuple[ReviewPlan, ...]
    formats: tuple[str, ...] = ("pdf", "docx", "txt")
    targets: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def load_profile(name: str) -> Profile:
    """Load a profile shipped in ``tamatrix/data/profiles`` by name (see ``PROFILES``)."""
    if name not in PROFILES:
        raise InputError(f"unknown profile {name!r}; use one of {', '.join(PROFILES)}")
    folder = resources.files("tamatrix.data").joinpath("profiles")
    data = json.loads(folder.joinpath(f"{name}.json").read_text(encoding="utf-8"))
    return profile_from_dict(data)


def profile_from_dict(data: Mapping[str, Any]) -> Profile:
    """Build a profile from its JSON form (either kind)."""
    kind = data.get("kind", "plan")
    if kind == "plan":
        reviews = tuple(_review_from_dict(entry) for entry in data["reviews"])
    elif kind == "distribution":
        reviews = draw_reviews(data)
    else:
        raise InputError(f"profile {data.get('name')!r}: unknown kind {kind!r}")
    return Profile(
        name=data["name"],
        description=data.get("description", ""),
        reviews=tuple(sorted(reviews, key=lambda r: (r.date, r.state, r.cycle))),
        formats=tuple(data.get("formats", ("pdf", "docx", "txt"))),
        targets=data.get("targets", {}),
        notes=tuple(data.get("notes", ())),
    )


# --------------------------------------------------------------------------- plan profiles


def parse_need(chapter: str, text: str) -> NeedPlan:
    """Read a need written as ``"<articles> <category>[/<sub-category>] [#topic]"``."""
    parts = text.split()
    if len(parts) < 2:
        raise InputError(f"not a need: {text!r}")
    topic = parts[2].lstrip("#") if len(parts) > 2 else None
    articles = () if parts[0] == "-" else tuple(sorted(int(a) for a in parts[0].split(",")))
    code, _, sub = parts[1].partition("/")
    category = CATEGORY_SHORT.get(code, code)
    if category not in taxonomy.CATEGORY_CODES:
        raise InputError(f"unknown category in need {text!r}")
    if sub and sub not in taxonomy.SUBCATEGORY_CODES:
        raise InputError(f"unknown sub-category in need {text!r}")
    if category == "capacity_building" and not sub:
        sub = "general"
    for number in articles:
        if convention.chapter_of(number) != chapter:
            raise InputError(f"need {text!r}: article {number} is not in chapter {chapter}")
    return NeedPlan(chapter, articles, category, sub or None, None, topic)


def _review_from_dict(entry: Mapping[str, Any]) -> ReviewPlan:
    """One review of a plan profile."""
    cycle = int(entry.get("cycle", 2))
    needs = [
        parse_need(chapter, text)
        for chapter in convention.cycle(cycle).chapters
        for text in entry.get(chapter, ())
    ]
    return ReviewPlan(entry["state"], cycle, dt.date.fromisoformat(entry["date"]), tuple(needs))


# --------------------------------------------------------------------------- distributions


def draw_reviews(data: Mapping[str, Any]) -> tuple[ReviewPlan, ...]:
    """Draw the reviews of a distribution profile, the same ones for the same ``plan_seed``."""
    rng = random.Random(f"profile:{data['name']}:{data.get('plan_seed', 0)}")
    reviews = []
    for iso3, group in demo_states():
        region = data["regions"][group]
        for cycle_key, cycle_data in data["cycles"].items():
            cycle = int(cycle_key)
            date = _draw_date(rng, cycle_data["first"], cycle_data["last"])
            needs: list[NeedPlan] = []
            if rng.random() < region["share_with_needs"][cycle_key]:
                for chapter in convention.cycle(cycle).chapters:
                    needs += _draw_chapter(rng, data, chapter, region["mean_needs"][chapter])
            reviews.append(ReviewPlan(iso3, cycle, date, tuple(needs)))
    return tuple(reviews)


def demo_states() -> list[tuple[str, str]]:
    """(code, regional group) of every State in demo-states.csv, by code."""
    text = resources.files("tamatrix.data").joinpath(DEMO_STATES_FILE).read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return sorted((row["iso3"], row["regional_group"]) for row in rows)


def _draw_date(rng: random.Random, first: str, last: str) -> dt.date:
    """A date between two ISO dates, inclusive."""
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _draw_chapter(
    rng: random.Random, data: Mapping[str, Any], chapter: str, mean: float
) -> list[NeedPlan]:
    """The needs of one chapter of one review."""
    if rng.random() < data["share_without_chapter_needs"].get(chapter, 0.0):
        return []
    count = max(1, round(rng.gammavariate(2.0, mean / 2.0)))
    needs = [_draw_need(rng, data, chapter) for _ in range(count)]
    return sorted(needs, key=lambda n: (not n.articles, n.articles, n.category))


def _weighted(rng: random.Random, weights: Mapping[str, float]) -> str:
    """One key drawn with its weight."""
    keys = list(weights)
    return rng.choices(keys, [float(weights[k]) for k in keys])[0]


def _draw_need(rng: random.Random, data: Mapping[str, Any], chapter: str) -> NeedPlan:
    """One need: a first-cycle form on a line of articles, or a category on some articles."""
    articles = _draw_articles(rng, data, chapter)
    forms = data.get("forms", {})
    if convention.cycle_of_chapter(chapter) == 1 and articles and forms:
        if rng.random() < data["form_share"]:
            label = _weighted(rng, forms)
            form = taxonomy.form(label)
            return NeedPlan(chapter, articles, form.category, form.subcategory, label)
    category = _weighted(rng, data["categories"][chapter])
    sub = _weighted(rng, data["subcategories"]) if category == "capacity_building" else None
    return NeedPlan(chapter, articles, category, sub)


def _draw_articles(rng: random.Random, data: Mapping[str, Any], chapter: str) -> tuple[int, ...]:
    """No article (a chapter-level need), one, or one of the usual groups of articles."""
    roll = rng.random()
    if roll < data["general_share"]:
        return ()
    groups: Sequence[Sequence[int]] = data["article_groups"].get(chapter, ())
    if groups and roll < data["general_share"] + data["multi_share"]:
        return tuple(sorted(rng.choice(groups)))
    return (int(_weighted(rng, data["articles"][chapter])),)
