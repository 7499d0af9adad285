"""Figures of the analysis computed from plain facts whose answers are known by construction."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from tamatrix.core import stats
from tamatrix.core.stats import NeedFact, RecommendationFact, ReviewFact

REGION = {
    "KEN": "african",
    "NGA": "african",
    "FRA": "western_european_other",
    "IND": "asia_pacific",
    "UKR": "eastern_european",
}

# Five cycle-2 summaries; UKR was reviewed on chapter II only; IND and UKR have no needs.
REVIEWS = [
    ReviewFact(1, "KEN", "african", 2, dt.date(2019, 1, 10)),
    ReviewFact(2, "NGA", "african", 2, dt.date(2019, 5, 20)),
    ReviewFact(3, "FRA", "western_european_other", 2, dt.date(2020, 2, 1)),
    ReviewFact(4, "IND", "asia_pacific", 2, dt.date(2020, 3, 1)),
    ReviewFact(5, "UKR", "eastern_european", 2, dt.date(2020, 4, 1), ("II",)),
]
STATE_OF = {r.id: r.state for r in REVIEWS}


def need(
    id: int,
    review: int,
    chapter: str,
    articles: tuple[int, ...],
    primary: str,
    subcategory: str | None = None,
    secondaries: tuple[str, ...] = (),
    cycle: int = 2,
) -> NeedFact:
    state = STATE_OF.get(review, "KEN")
    return NeedFact(
        id,
        review,
        state,
        REGION[state],
        cycle,
        chapter,
        articles,
        primary,
        subcategory,
        secondaries,
    )


NEEDS = [
    need(1, 1, "II", (5, 6), "capacity_building", "training", ("research_data",)),
    need(2, 1, "II", (5,), "legislative_assistance", None, ("institution_building",)),
    need(3, 1, "II", (7, 8), "capacity_building", "ict_tools"),
    need(4, 1, "V", (), "capacity_building"),
    need(5, 2, "II", (7,), "capacity_building", "training"),
    need(6, 2, "II", (), "policymaking"),
    need(
        7,
        2,
        "V",
        (52, 54),
        "legislative_assistance",
        None,
        ("institution_building", "capacity_building"),
    ),
    need(8, 2, "V", (52,), "research_data", None, ("capacity_building",)),
    need(9, 3, "II", (14,), "research_data"),
    need(10, 3, "V", (51,), "international_cooperation"),
    # A secondary category equal to the primary one adds nothing.
    need(11, 3, "II", (9,), "capacity_building", "awareness_raising", ("capacity_building",)),
]

RECOMMENDATIONS = [
    *[RecommendationFact(1, "II", (9,)) for _ in range(6)],
    RecommendationFact(2, "II", (9,), count=2),
    RecommendationFact(1, "II", (5,), count=3),
    RecommendationFact(3, "V", (52,), count=5),
    RecommendationFact(2, "V", (58,), count=5),
    RecommendationFact(5, "II", (12,)),
    RecommendationFact(1, "II", ()),
]


def figures(
    needs: list[NeedFact] = NEEDS,
    reviews: list[ReviewFact] = REVIEWS,
    as_of: dt.date | None = None,
    cycle: int | None = 2,
) -> stats.Figures:
    return stats.analyse(needs, reviews, RECOMMENDATIONS, as_of=as_of, cycle=cycle)


def rows(table: list[dict], *keys: str) -> list[tuple]:
    return [tuple(row[k] for k in keys) for row in table]


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (177, 404, 43.8),
        (1, 16, 6.3),  # 6.25: Python's round() gives 6.2
        (1, 80, 1.3),  # 1.25
        (-1, 16, -6.3),
        (1, 8, 12.5),
        (2, 3, 66.7),
        (0, 5, 0.0),
        (5, 0, 0.0),
        (404, 404, 100.0),
    ],
)
def test_per_cent_rounds_half_away_from_zero(part, whole, expected):
    assert stats.per_cent(part, whole) == expected


def test_coverage_counts_summaries_states_and_needs():
    coverage = figures()["coverage"]
    assert {k: v for k, v in coverage.items() if not k.endswith(("ids", "codes"))} == {
        "summaries": 5,
        "summaries_with_needs": 3,
        "states": 5,
        "states_with_needs": 3,
        "states_without_needs": 2,
        "needs": 11,
        "needs_per_state_with_needs": 3.7,
        "needs_per_summary": 2.2,
        "earliest_summary_date": "2019-01-10",
        "latest_summary_date": "2020-04-01",
    }
    assert coverage["review_ids"] == [1, 2, 3, 4, 5]
    assert coverage["need_ids"] == list(range(1, 12))
    assert coverage["states_with_needs_codes"] == ["FRA", "KEN", "NGA"]


def test_chapters_add_up_to_the_total_and_count_reviewed_states_without_needs():
    result = figures()
    assert result["chapters"] == ["II", "V"]
    assert rows(
        result["by_chapter"],
        "chapter",
        "title",
        "needs",
        "share",
        "states_with_needs",
        "states_reviewed",
        "states_without_needs",
        "need_ids",
    ) == [
        ("II", "Preventive measures", 7, 63.6, 3, 5, 2, [1, 2, 3, 5, 6, 9, 11]),
        ("V", "Asset recovery", 4, 36.4, 3, 4, 1, [4, 7, 8, 10]),
    ]
    assert sum(row["needs"] for row in result["by_chapter"]) == result["coverage"]["needs"]


def test_categories_use_the_primary_category_and_are_sorted_by_needs():
    table = figures()["by_category"]
    assert rows(table, "category", "needs", "share", "states", "needs_incl_secondary") == [
        ("capacity_building", 5, 45.5, 3, 7),
        ("legislative_assistance", 2, 18.2, 2, 2),
        ("research_data", 2, 18.2, 2, 3),
        ("policymaking", 1, 9.1, 1, 1),
        ("international_cooperation", 1, 9.1, 1, 1),
        ("institution_building", 0, 0.0, 0, 2),
        ("other", 0, 0.0, 0, 0),
    ]
    assert table[0]["name"] == "Capacity-building"
    assert table[0]["need_ids"] == [1, 3, 4, 5, 11]
    assert sum(row["needs"] for row in table) == 11


def test_chapter_by_category_shares_are_of_the_chapter():
    table = figures()["chapter_by_category"]
    assert len(table) == 14
    chapter_v = [row for row in table if row["chapter"] == "V" and row["needs"]]
    assert rows(chapter_v, "category", "needs", "share_of_chapter", "states", "need_ids") == [
        ("capacity_building", 1, 25.0, 1, [4]),
        ("legislative_assistance", 1, 25.0, 1, [7]),
        ("research_data", 1, 25.0, 1, [8]),
        ("international_cooperation", 1, 25.0, 1, [10]),
    ]


def test_per_article_tables_count_a_need_once_per_article_and_rank_with_ties():
    table = [row for row in figures()["by_article"] if row["chapter"] == "II"]
    assert rows(table, "article", "needs", "states", "rank", "need_ids") == [
        (5, 2, 1, 1, [1, 2]),
        (7, 2, 2, 1, [3, 5]),
        (6, 1, 1, 3, [1]),
        (8, 1, 1, 3, [3]),
        (9, 1, 1, 3, [11]),
        (14, 1, 1, 3, [9]),
        (10, 0, 0, 7, []),
        (11, 0, 0, 7, []),
        (12, 0, 0, 7, []),
        (13, 0, 0, 7, []),
        (None, 1, 1, None, [6]),
    ]
    assert table[0]["title"] == "Preventive anti-corruption policies and practices"
    assert table[-1]["title"] == "general"
    # Seven needs in chapter II, nine mentions: per-article tables may add up to more.
    assert sum(row["needs"] for row in table) == 9


def test_chapter_v_articles_and_its_general_row():
    table = [row for row in figures()["by_article"] if row["chapter"] == "V"]
    assert rows(table, "article", "needs", "rank")[:3] == [(52, 2, 1), (51, 1, 2), (54, 1, 2)]
    assert rows(table, "article", "needs", "rank")[-1] == (None, 1, None)
    assert [row["article"] for row in table[3:-1]] == [53, 55, 56, 57, 58, 59]


def test_article_groups_count_a_need_naming_both_articles_once():
    groups = {row["label"]: row for row in figures()["article_groups"]}
    assert list(groups) == [
        "articles 5 and 6",
        "articles 7 and 8",
        "articles 10 and 13",
        "articles 14 and 52",
    ]
    assert rows(list(groups.values()), "needs", "states", "share", "need_ids") == [
        (2, 1, 18.2, [1, 2]),
        (2, 2, 18.2, [3, 5]),
        (0, 0, 0.0, []),
        (3, 2, 27.3, [7, 8, 9]),
    ]
    money = groups["articles 14 and 52"]
    assert money["by_chapter"] == [{"chapter": "II", "needs": 1}, {"chapter": "V", "needs": 2}]
    assert money["share_of_chapter"] == [
        {"chapter": "II", "share": 42.9},
        {"chapter": "V", "share": 75.0},
    ]


def test_regions_follow_the_regional_groups_in_order():
    table = figures()["by_region"]
    assert rows(
        table, "region", "summaries", "summary_share", "states_with_needs", "needs", "need_share"
    ) == [
        ("african", 2, 40.0, 2, 8, 72.7),
        ("asia_pacific", 1, 20.0, 0, 0, 0.0),
        ("eastern_european", 1, 20.0, 0, 0, 0.0),
        ("latin_american_caribbean", 0, 0.0, 0, 0, 0.0),
        ("western_european_other", 1, 20.0, 1, 3, 27.3),
    ]
    assert table[0]["name"] == "African States"
    assert table[0]["by_chapter"] == [
        {"chapter": "II", "needs": 5, "share_of_region": 62.5},
        {"chapter": "V", "needs": 3, "share_of_region": 37.5},
    ]


def test_subcategories_are_shares_of_capacity_building_needs():
    table = figures()["subcategories"]
    assert rows(table, "subcategory", "needs", "share", "states", "need_ids") == [
        ("training", 2, 40.0, 2, [1, 5]),
        ("ict_tools", 1, 20.0, 1, [3]),
        ("awareness_raising", 1, 20.0, 1, [11]),
        ("general", 1, 20.0, 1, [4]),  # coded without a sub-category
        ("expert_advice", 0, 0.0, 0, []),
        ("equipment_resources", 0, 0.0, 0, []),
        ("coordination", 0, 0.0, 0, []),
    ]


def test_cross_cutting_needs_use_primary_and_secondary_categories():
    cross = figures()["cross_cutting"]
    assert (cross["needs_with_secondary"], cross["share"], cross["need_ids"]) == (
        4,
        36.4,
        [1, 2, 7, 8],
    )
    assert rows(cross["pairs"], "categories", "needs", "need_ids") == [
        (["capacity_building", "research_data"], 2, [1, 8]),
        (["legislative_assistance", "institution_building"], 2, [2, 7]),
        (["capacity_building", "legislative_assistance"], 1, [7]),
        (["capacity_building", "institution_building"], 1, [7]),
    ]


def test_recommendations_versus_needs_flags_articles_with_many_recommendations_few_needs():
    table = figures()["recommendations_vs_needs"]
    assert rows(table, "chapter", "article", "recommendations", "needs", "flag") == [
        ("II", 5, 3, 2, False),
        ("II", 6, 0, 1, False),
        ("II", 7, 0, 2, False),
        ("II", 8, 0, 1, False),
        ("II", 9, 8, 1, True),
        ("II", 12, 1, 0, False),
        ("II", 14, 0, 1, False),
        ("V", 51, 0, 1, False),
        ("V", 52, 5, 2, False),
        ("V", 54, 0, 1, False),
        ("V", 58, 5, 0, True),
    ]
    assert table[4]["states_with_recommendations"] == 2


def test_the_cut_off_date_excludes_later_summaries_and_their_needs():
    result = figures(as_of=dt.date(2019, 12, 31))
    assert result["as_of"] == "2019-12-31"
    assert result["coverage"]["review_ids"] == [1, 2]
    assert result["coverage"]["need_ids"] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [
        row["recommendations"] for row in result["recommendations_vs_needs"] if row["article"] == 52
    ] == [0]


def test_an_undated_summary_counts_only_without_a_cut_off_date():
    undated = [*REVIEWS, ReviewFact(6, "JAM", "latin_american_caribbean", 2, None)]
    extra = NeedFact(12, 6, "JAM", "latin_american_caribbean", 2, "II", (), "other", None, ())
    assert figures([*NEEDS, extra], undated)["coverage"]["needs"] == 12
    assert figures([*NEEDS, extra], undated, as_of=dt.date(2030, 1, 1))["coverage"]["needs"] == 11


def test_the_cycle_filter_and_a_state_reviewed_in_both_cycles():
    first = ReviewFact(6, "KEN", "african", 1, dt.date(2014, 6, 1))
    old = NeedFact(12, 6, "KEN", "african", 1, "III", (15,), "legislative_assistance", None, ())
    reviews, needs = [*REVIEWS, first], [*NEEDS, old]
    assert figures(needs, reviews)["coverage"]["needs"] == 11
    both = figures(needs, reviews, cycle=None)
    assert both["chapters"] == ["II", "III", "IV", "V"]
    assert (both["coverage"]["summaries"], both["coverage"]["states"]) == (6, 5)
    assert [row["needs"] for row in both["by_chapter"]] == [7, 1, 0, 4]
    only_first = figures(needs, reviews, cycle=1)
    assert only_first["chapters"] == ["III", "IV"]
    assert only_first["coverage"]["need_ids"] == [12]


def test_no_data_gives_zeros_not_errors():
    result = stats.analyse([], [], [], as_of=dt.date(2020, 1, 1), cycle=2)
    assert result["coverage"]["needs"] == 0
    assert result["coverage"]["needs_per_summary"] == 0.0
    assert [row["share"] for row in result["by_category"]] == [0.0] * 7
    assert stats.analyse([], [], [], as_of=None, cycle=None)["chapters"] == []


def test_the_same_facts_in_any_order_give_byte_identical_json():
    shuffled_needs, shuffled_reviews = NEEDS[:], REVIEWS[:]
    random.Random(4).shuffle(shuffled_needs)
    random.Random(4).shuffle(shuffled_reviews)
    first = json.dumps(figures(), sort_keys=True)
    assert json.dumps(figures(shuffled_needs, shuffled_reviews), sort_keys=True) == first
    assert json.dumps(figures(), sort_keys=True) == first


def _note_sized_needs() -> tuple[list[NeedFact], list[ReviewFact]]:
    """404 needs over 44 summaries, 177 of them capacity-building (the 2020 note's totals)."""
    reviews = [ReviewFact(i, f"S{i:02d}", "african", 2, dt.date(2020, 1, 1)) for i in range(44)]
    counts = {
        "capacity_building": 177,
        "legislative_assistance": 67,
        "research_data": 45,
        "institution_building": 42,
        "policymaking": 28,
        "international_cooperation": 25,
        "other": 20,
    }
    codes = [code for code, count in counts.items() for _ in range(count)]
    needs = [
        NeedFact(
            i,
            i % 30,
            f"S{i % 30:02d}",
            "african",
            2,
            "II" if i % 14 < 9 else "V",
            (),
            code,
            None,
            (),
        )
        for i, code in enumerate(codes, start=1)
    ]
    return needs, reviews


def test_the_notes_capacity_building_share_and_shares_adding_up():
    needs, reviews = _note_sized_needs()
    result = stats.analyse(needs, reviews, [], as_of=dt.date(2020, 9, 30), cycle=2)
    shares = {row["category"]: row["share"] for row in result["by_category"]}
    assert shares == {
        "capacity_building": 43.8,
        "legislative_assistance": 16.6,
        "research_data": 11.1,
        "institution_building": 10.4,
        "policymaking": 6.9,
        "international_cooperation": 6.2,
        "other": 5.0,
    }
    assert round(sum(shares.values()), 1) == 100.0
    assert result["coverage"]["needs_per_state_with_needs"] == 13.5
    assert result["coverage"]["needs_per_summary"] == 9.2
    assert sum(row["needs"] for row in result["by_chapter"]) == 404


def _previous() -> stats.Figures:
    return figures(as_of=dt.date(2019, 12, 31))


def test_compare_counts_new_summaries_states_and_needs():
    comparison = stats.compare(figures(), _previous(), name="2019 note")
    assert comparison["previous"] == {
        "name": "2019 note",
        "as_of": "2019-12-31",
        "cycle": 2,
        "summaries": 2,
        "states_with_needs": 2,
        "needs": 8,
    }
    assert comparison["new_summaries"] == 3
    assert comparison["new_review_ids"] == [3, 4, 5]
    assert (comparison["new_states_with_needs"], comparison["new_states"]) == (1, ["FRA"])
    assert (comparison["needs_added"], comparison["needs_change_per_cent"]) == (3, 37.5)
    assert comparison["new_need_ids"] == [9, 10, 11]


def test_compare_per_chapter_and_category():
    comparison = stats.compare(figures(), _previous())
    assert comparison["by_chapter"] == [
        {
            "chapter": "II",
            "before": 5,
            "after": 7,
            "change": 2,
            "change_per_cent": 40.0,
            "states_before": 2,
            "states_after": 3,
            "states_change": 1,
            "states_change_per_cent": 50.0,
        },
        {
            "chapter": "V",
            "before": 3,
            "after": 4,
            "change": 1,
            "change_per_cent": 33.3,
            "states_before": 2,
            "states_after": 3,
            "states_change": 1,
            "states_change_per_cent": 50.0,
        },
    ]
    by_category = {row["category"]: row for row in comparison["by_category"]}
    assert list(by_category)[0] == "capacity_building"
    assert by_category["capacity_building"] == {
        "category": "capacity_building",
        "before": 4,
        "after": 5,
        "change": 1,
        "change_per_cent": 25.0,
    }
    assert by_category["international_cooperation"]["change_per_cent"] is None  # from 0
    assert by_category["other"] == {
        "category": "other",
        "before": 0,
        "after": 0,
        "change": 0,
        "change_per_cent": None,
    }


def test_compare_refuses_figures_of_another_schema():
    with pytest.raises(ValueError, match="schema version 0"):
        stats.compare(figures(), {**_previous(), "schema_version": 0})
