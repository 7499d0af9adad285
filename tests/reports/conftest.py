"""A hand-built figures dict for a known data set (44 summaries, 30 States with needs, 404 needs),
with anonymisable examples and metadata, shared by the report tests."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from tamatrix.core import convention
from tamatrix.reports import build_note, to_docx, to_html
from tamatrix.reports.note import Note

CATEGORIES = {
    "capacity_building": "Capacity-building",
    "legislative_assistance": "Legislative assistance",
    "institution_building": "Institution-building",
    "research_data": "Research/data-gathering and analysis",
    "policymaking": "Policymaking",
    "international_cooperation": "Facilitation of international cooperation",
    "other": "Other assistance",
}
# category: (needs, States) overall, and per chapter II and V: (needs, States)
CATEGORY_COUNTS = {
    "capacity_building": ((177, 28), (115, 21), (62, 25)),
    "legislative_assistance": ((67, 20), (35, 12), (32, 14)),
    "institution_building": ((48, 16), (30, 11), (18, 6)),
    "research_data": ((45, 15), (30, 10), (15, 8)),
    "policymaking": ((30, 12), (25, 10), (5, 4)),
    "international_cooperation": ((25, 11), (15, 8), (10, 7)),
    "other": ((12, 6), (10, 5), (2, 2)),
}
REGIONS = [
    # region, name, summaries, states with needs, needs, needs in chapter II, in chapter V
    ("african", "African States", 18, 15, 280, 180, 100),
    ("asia_pacific", "Asia-Pacific States", 11, 7, 73, 55, 18),
    ("eastern_european", "Eastern European States", 3, 2, 19, 6, 13),
    ("latin_american_caribbean", "Latin American and Caribbean States", 7, 4, 22, 15, 7),
    ("western_european_other", "Western European and other States", 5, 2, 10, 4, 6),
]
ARTICLES = {
    "II": [
        (5, 42, 20),
        (6, 28, 15),
        (7, 30, 14),
        (8, 22, 11),
        (9, 29, 13),
        (10, 15, 9),
        (11, 18, 10),
        (12, 11, 7),
        (13, 28, 14),
        (14, 16, 12),
        (None, 35, 15),
    ],
    "V": [
        (51, 32, 18),
        (52, 18, 12),
        (53, 6, 5),
        (54, 27, 16),
        (55, 12, 8),
        (56, 4, 3),
        (57, 10, 7),
        (58, 14, 9),
        (59, 5, 4),
        (None, 20, 14),
    ],
}
SUBCATEGORIES = [
    ("training", "Training and skills development", 70),
    ("ict_tools", "ICT tools and technical support", 35),
    ("awareness_raising", "Awareness-raising", 22),
    ("expert_advice", "Expert advice and mentoring", 18),
    ("equipment_resources", "Equipment and resources", 12),
    ("coordination", "Coordination mechanisms", 10),
    ("general", "General capacity-building", 10),
]


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1)


def make_figures() -> dict[str, Any]:
    """The known data set as the analysis would hand it over."""
    total = 404
    chapter_needs = {"II": (260, 23), "V": (144, 30)}
    return {
        "schema_version": 1,
        "as_of": "2020-09-30",
        "cycle": 2,
        "chapters": ["II", "V"],
        "coverage": {
            "summaries": 44,
            "states": 44,
            "states_with_needs": 30,
            "states_without_needs": 14,
            "needs": total,
            "needs_per_state_with_needs": 13.5,
            "needs_per_summary": 9.2,
            "review_ids": list(range(1, 45)),
            "need_ids": list(range(1, total + 1)),
        },
        "by_chapter": [
            {
                "chapter": c,
                "title": {"II": "Preventive measures", "V": "Asset recovery"}[c],
                "needs": n,
                "share": _share(n, total),
                "states_with_needs": s,
                "need_ids": [],
            }
            for c, (n, s) in chapter_needs.items()
        ],
        "by_category": [
            {
                "category": code,
                "name": CATEGORIES[code],
                "needs": n,
                "share": _share(n, total),
                "states": s,
                "need_ids": [],
            }
            for code, ((n, s), _, _) in CATEGORY_COUNTS.items()
        ],
        "chapter_by_category": [
            {
                "chapter": chapter,
                "category": code,
                "name": CATEGORIES[code],
                "needs": n,
                "share_of_chapter": _share(n, chapter_needs[chapter][0]),
                "states": s,
                "need_ids": [],
            }
            for chapter, index in (("II", 1), ("V", 2))
            for code, counts in CATEGORY_COUNTS.items()
            for n, s in [counts[index]]
        ],
        "by_region": [
            {
                "region": code,
                "name": name,
                "summaries": summaries,
                "summary_share": _share(summaries, 44),
                "states_with_needs": states,
                "needs": needs,
                "need_share": _share(needs, total),
                "by_chapter": [
                    {"chapter": "II", "needs": ii, "share_of_region": _share(ii, needs)},
                    {"chapter": "V", "needs": v, "share_of_region": _share(v, needs)},
                ],
                "need_ids": [],
            }
            for code, name, summaries, states, needs, ii, v in REGIONS
        ],
        "by_article": [
            {
                "chapter": chapter,
                "article": article,
                "title": "general" if article is None else convention.article(article).title,
                "needs": needs,
                "states": states,
                "rank": rank,
                "need_ids": [],
            }
            for chapter, rows in ARTICLES.items()
            for rank, (article, needs, states) in enumerate(rows, start=1)
        ],
        "article_groups": [
            {
                "label": "articles 5 and 6",
                "articles": [5, 6],
                "needs": 65,
                "states": 17,
                "need_ids": [],
            },
            {
                "label": "articles 7 and 8",
                "articles": [7, 8],
                "needs": 52,
                "states": 17,
                "need_ids": [],
            },
            {"label": "article 9", "articles": [9], "needs": 29, "states": 13, "need_ids": []},
            {
                "label": "articles 14 and 52",
                "articles": [14, 52],
                "needs": 40,
                "states": 16,
                "need_ids": [],
            },
        ],
        "subcategories": [
            {"subcategory": code, "name": name, "needs": n, "share": _share(n, 177), "need_ids": []}
            for code, name, n in SUBCATEGORIES
        ],
        "cross_cutting": {
            "needs_with_secondary": 96,
            "share": _share(96, total),
            "need_ids": [],
            "pairs": [
                {"categories": ["capacity_building", "research_data"], "needs": 30, "need_ids": []},
                {
                    "categories": ["legislative_assistance", "institution_building"],
                    "needs": 25,
                    "need_ids": [],
                },
                {
                    "categories": ["capacity_building", "institution_building"],
                    "needs": 18,
                    "need_ids": [],
                },
            ],
        },
        "recommendations_vs_needs": [
            {"chapter": "II", "article": 9, "recommendations": 30, "needs": 29, "flag": False},
            {"chapter": "II", "article": 12, "recommendations": 40, "needs": 11, "flag": True},
            {"chapter": "V", "article": 53, "recommendations": 20, "needs": 6, "flag": True},
        ],
        "comparison": {
            "previous": {
                "name": "CAC/COSP/2019/14",
                "as_of": "2019-08-31",
                "summaries": 27,
                "states_with_needs": 17,
                "needs": 282,
            },
            "new_summaries": 17,
            "new_review_ids": list(range(28, 45)),
            "new_states_with_needs": 13,
            "new_states": [],
            "needs_added": 122,
            "needs_change_per_cent": 43.3,
            "by_chapter": [
                {
                    "chapter": "II",
                    "before": 180,
                    "after": 260,
                    "change": 80,
                    "change_per_cent": 44.4,
                    "states_before": 17,
                    "states_after": 23,
                    "states_change": 6,
                    "states_change_per_cent": 35.3,
                },
                {
                    "chapter": "V",
                    "before": 102,
                    "after": 144,
                    "change": 42,
                    "change_per_cent": 41.2,
                    "states_before": 17,
                    "states_after": 30,
                    "states_change": 13,
                    "states_change_per_cent": 76.5,
                },
            ],
            "by_category": [
                {
                    "category": code,
                    "before": before,
                    "after": after,
                    "change": after - before,
                    "change_per_cent": _share(after - before, before),
                }
                for code, before, after in [
                    ("capacity_building", 120, 177),
                    ("legislative_assistance", 50, 67),
                    ("institution_building", 35, 48),
                    ("research_data", 30, 45),
                    ("policymaking", 22, 30),
                    ("international_cooperation", 17, 25),
                    ("other", 8, 12),
                ]
            ],
        },
    }


def make_first_cycle_figures() -> dict[str, Any]:
    """A small first-cycle data set with single-digit counts, no cut-off date and no comparison."""
    categories = [
        # code, needs, States; chapter III (needs, States); chapter IV (needs, States)
        ("legislative_assistance", 12, 6, (8, 5), (4, 3)),
        ("capacity_building", 10, 5, (7, 4), (3, 2)),
        ("international_cooperation", 5, 3, (3, 2), (2, 2)),
        ("other", 4, 2, (4, 2), (0, 0)),
    ]
    return {
        "schema_version": 1,
        "as_of": None,
        "cycle": 1,
        "chapters": ["III", "IV"],
        "coverage": {
            "summaries": 9,
            "states": 9,
            "states_with_needs": 7,
            "states_without_needs": 2,
            "needs": 31,
            "needs_per_state_with_needs": 4.4,
            "needs_per_summary": 3.4,
            "review_ids": [],
            "need_ids": [],
        },
        "by_chapter": [
            {
                "chapter": "III",
                "title": "Criminalization and law enforcement",
                "needs": 22,
                "share": 71.0,
                "states_with_needs": 7,
                "need_ids": [],
            },
            {
                "chapter": "IV",
                "title": "International cooperation",
                "needs": 9,
                "share": 29.0,
                "states_with_needs": 5,
                "need_ids": [],
            },
        ],
        "by_category": [
            {
                "category": code,
                "name": CATEGORIES[code],
                "needs": n,
                "share": _share(n, 31),
                "states": k,
                "need_ids": [],
            }
            for code, n, k, _, _ in categories
        ],
        "chapter_by_category": [
            {
                "chapter": chapter,
                "category": code,
                "name": CATEGORIES[code],
                "needs": n,
                "share_of_chapter": _share(n, total),
                "states": k,
                "need_ids": [],
            }
            for code, _, _, iii, iv in categories
            for chapter, total, (n, k) in (("III", 22, iii), ("IV", 9, iv))
        ],
        "by_region": [
            {
                "region": "african",
                "name": "African States",
                "summaries": 4,
                "summary_share": 44.4,
                "states_with_needs": 3,
                "needs": 15,
                "need_share": 48.4,
                "by_chapter": [
                    {"chapter": "III", "needs": 11, "share_of_region": 73.3},
                    {"chapter": "IV", "needs": 4, "share_of_region": 26.7},
                ],
                "need_ids": [],
            },
            {
                "region": "asia_pacific",
                "name": "Asia-Pacific States",
                "summaries": 5,
                "summary_share": 55.6,
                "states_with_needs": 4,
                "needs": 16,
                "need_share": 51.6,
                "by_chapter": [
                    {"chapter": "III", "needs": 11, "share_of_region": 68.8},
                    {"chapter": "IV", "needs": 5, "share_of_region": 31.2},
                ],
                "need_ids": [],
            },
            {
                "region": "eastern_european",
                "name": "Eastern European States",
                "summaries": 0,
                "summary_share": 0.0,
                "states_with_needs": 0,
                "needs": 0,
                "need_share": 0.0,
                "by_chapter": [],
                "need_ids": [],
            },
        ],
        "by_article": [
            {
                "chapter": chapter,
                "article": article,
                "title": "general" if article is None else convention.article(article).title,
                "needs": n,
                "states": k,
                "rank": rank,
                "need_ids": [],
            }
            for chapter, rows in (
                ("III", [(15, 6, 4), (23, 5, 3), (31, 5, 3), (None, 8, 5)]),
                ("IV", [(46, 4, 3), (44, 3, 2), (None, 2, 2)]),
            )
            for rank, (article, n, k) in enumerate(rows, start=1)
        ],
        "article_groups": [
            {
                "label": "articles 23 and 24",
                "articles": [23, 24],
                "needs": 5,
                "states": 3,
                "need_ids": [],
            },
        ],
        "subcategories": [
            {
                "subcategory": "training",
                "name": "Training and skills development",
                "needs": 6,
                "share": 60.0,
                "need_ids": [],
            },
            {
                "subcategory": "expert_advice",
                "name": "Expert advice and mentoring",
                "needs": 4,
                "share": 40.0,
                "need_ids": [],
            },
        ],
        "cross_cutting": {"needs_with_secondary": 0, "share": 0.0, "need_ids": [], "pairs": []},
        "recommendations_vs_needs": [],
    }


EXAMPLES = {
    "II": [
        "Training of auditors of Freedonia's national audit office on risk-based audit (art. 9).",
        "To design a scorecard for monitoring the national integrity plan (arts. 5 and 6).",
        "Strengthening the capacity of the anti-corruption commission of the Republic of "
        "Freedonia to evaluate its strategy (art. 6).",
        "Awareness-raising materials for 3 target groups, including young people (art. 13);",
        "ICT tools for receiving asset declarations (art. 8)",
    ],
    "V": [
        "Model legislation on non-conviction-based confiscation (art. 54).",
        "Training of Sylvanian financial intelligence officers in financial analysis (art. 52).",
        "A case management system for asset recovery requests in Sylvania.",
    ],
}
META = {
    "symbol": "CAC/COSP/IRG/2020/99",
    "date": "2020-10-05",
    "body": "Implementation Review Group",
    "session": "Second resumed eleventh session",
    "agenda_item": "5",
    "state_names": ["Freedonia", "Republic of Freedonia", "Sylvania"],
    "states_parties": 187,
}


@pytest.fixture
def figures() -> dict[str, Any]:
    """A fresh copy of the known figures."""
    return make_figures()


@pytest.fixture
def first_cycle_figures() -> dict[str, Any]:
    """A fresh copy of the small first-cycle figures."""
    return make_first_cycle_figures()


@pytest.fixture
def examples() -> dict[str, list[str]]:
    """Need texts to quote, naming fictional States."""
    return copy.deepcopy(EXAMPLES)


@pytest.fixture
def meta() -> dict[str, Any]:
    """Document details and the State names to strip."""
    return copy.deepcopy(META)


@pytest.fixture(scope="session")
def note() -> Note:
    """The note drafted from the known figures, once for the session (a Note is immutable)."""
    return build_note(make_figures(), EXAMPLES, META)


@pytest.fixture(scope="session")
def html_page(note: Note) -> str:
    """The HTML of the known note, rendered once for the session (charts take a moment)."""
    return to_html(note)


@pytest.fixture(scope="session")
def docx_file(note: Note, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The known note written once as a Word file."""
    return to_docx(note, tmp_path_factory.mktemp("report") / "note.docx")
