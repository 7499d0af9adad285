"""Matching needs with offers, activities and peer States; coverage and overlaps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from tamatrix.core import matching
from tamatrix.core.matching import Decision, NeedItem, ServiceItem


def need(
    need_id: int,
    articles: tuple[int, ...],
    category: str,
    text: str,
    state: str = "KEN",
    region: str = "african",
) -> NeedItem:
    return NeedItem(need_id, state, region, articles, category, text)


def activity(
    activity_id: int,
    provider_id: int,
    articles: tuple[int, ...],
    categories: tuple[str, ...],
    recipients: tuple[str, ...],
    start: dt.date | None = None,
    end: dt.date | None = None,
    status: str = "ongoing",
    text: str = "assistance",
) -> ServiceItem:
    return ServiceItem(
        "activity",
        activity_id,
        provider_id,
        f"Provider {provider_id}",
        articles,
        categories,
        text,
        recipients=recipients,
        status=status,
        start=start,
        end=end,
    )


def offer(
    offer_id: int,
    provider_id: int,
    articles: tuple[int, ...],
    categories: tuple[str, ...],
    text: str,
    regions: tuple[str, ...] = (),
    languages: tuple[str, ...] = ("en",),
) -> ServiceItem:
    return ServiceItem(
        "offer",
        offer_id,
        provider_id,
        f"Provider {provider_id}",
        articles,
        categories,
        text,
        regions=regions,
        languages=languages,
    )


KNOWN_NEEDS = (
    need(1, (9,), "capacity_building", "Training of procurement officers on e-procurement"),
    need(2, (52, 58), "institution_building", "Setting up a financial intelligence unit"),
    need(
        3,
        (5,),
        "policymaking",
        "Drafting a national anti-corruption strategy",
        state="PER",
        region="latin_american_caribbean",
    ),
    need(4, (), "research_data", "A survey of corruption experienced by businesses"),
)
KNOWN_SERVICES = (
    offer(10, 100, (9,), ("capacity_building",), "E-procurement training for procurement staff"),
    offer(11, 101, (9,), ("legislative_assistance",), "Review of procurement laws"),
    offer(12, 102, (58,), ("institution_building",), "Financial intelligence unit set-up advice"),
    offer(13, 103, (52,), ("legislative_assistance",), "Beneficial ownership registers"),
    offer(
        14,
        104,
        (5,),
        ("policymaking",),
        "Anti-corruption strategy drafting",
        regions=("latin_american_caribbean",),
    ),
    offer(
        15, 105, (5,), ("policymaking",), "Anti-corruption strategy drafting", regions=("african",)
    ),
    offer(16, 106, (61,), ("research_data",), "Corruption surveys of businesses"),
    activity(20, 107, (9,), ("capacity_building",), ("GHA",), text="Roads"),
)
EXPECTED_FIRST = {1: 10, 2: 12, 3: 14, 4: 16}


def test_the_right_provider_ranks_first_on_a_known_set():
    ranked = matching.rank(KNOWN_NEEDS, KNOWN_SERVICES, top=3)
    for need_id, service_id in EXPECTED_FIRST.items():
        assert ranked[need_id][0].service_id == service_id, ranked[need_id]


def test_candidates_carry_readable_reasons():
    best = matching.rank(KNOWN_NEEDS, KNOWN_SERVICES, top=1)[1][0]
    assert "same article: 9" in best.reasons
    assert "same category: capacity_building" in best.reasons
    assert "offered in en" in best.reasons
    assert any(r.startswith("similar wording") for r in best.reasons)
    peruvian = matching.rank(KNOWN_NEEDS, KNOWN_SERVICES, top=1)[3][0]
    assert "covers the region (latin_american_caribbean)" in peruvian.reasons


def test_an_activity_in_the_same_state_is_said_to_work_there():
    services = [activity(1, 1, (9,), ("capacity_building",), ("KEN",))]
    ranked = matching.rank(KNOWN_NEEDS[:1], services)
    assert "already works in KEN" in ranked[1][0].reasons


def test_a_rejected_candidate_is_not_suggested_again():
    decisions = [Decision(1, "offer", 10, 100, "capacity_building", accepted=False)]
    ranked = matching.rank(KNOWN_NEEDS, KNOWN_SERVICES, decisions)
    assert 10 not in [c.service_id for c in ranked[1]]


def test_accepted_decisions_lift_a_provider_for_that_category():
    twins = (
        offer(1, 1, (9,), ("capacity_building",), "Training"),
        offer(2, 2, (9,), ("capacity_building",), "Training"),
    )
    needs = (need(1, (9,), "capacity_building", "Training"),)
    assert matching.rank(needs, twins)[1][0].service_id == 1  # a tie: the first one
    decisions = [Decision(99, "offer", 2, 2, "capacity_building", accepted=True)] * 3
    lifted = matching.rank(needs, twins, decisions)[1][0]
    assert lifted.service_id == 2
    assert any(r.startswith("analysts accepted Provider 2") for r in lifted.reasons)


def test_learned_boosts_are_smoothed_shares():
    decisions = [
        Decision(1, "offer", 1, 7, "other", True),
        Decision(2, "offer", 1, 7, "other", True),
        Decision(3, "offer", 1, 7, "other", False),
    ]
    assert matching.learned_boosts(decisions) == {(7, "other"): 0.25}


def test_cancelled_activities_and_expired_offers_are_left_out():
    services = (
        activity(1, 1, (9,), ("capacity_building",), ("KEN",), status="cancelled"),
        ServiceItem("offer", 2, 2, "P", (9,), ("capacity_building",), "x", end=dt.date(2020, 1, 1)),
    )
    ranked = matching.rank(KNOWN_NEEDS[:1], services, as_of=dt.date(2024, 1, 1))
    assert ranked[1] == []


def test_a_state_with_a_good_practice_is_a_peer_but_not_for_itself():
    peer = ServiceItem(
        "peer",
        5,
        5,
        "Kenya",
        (9,),
        ("international_cooperation",),
        "Open contracting portal",
        home_state="KEN",
    )
    kenyan = need(1, (9,), "capacity_building", "Procurement training", state="KEN")
    ghanaian = need(2, (9,), "capacity_building", "Procurement training", state="GHA")
    ranked = matching.rank([kenyan, ghanaian], [peer])
    assert ranked[1] == []
    assert ranked[2][0].kind == "peer"
    assert any("good practice" in r for r in ranked[2][0].reasons)


class FakeEmbedder:
    """Embeds a text as counts of three marker words: deterministic, no model."""

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        words = ("procurement", "intelligence", "strategy")
        return np.array([[t.lower().count(w) for w in words] for t in texts], dtype=float)


def test_an_embedder_replaces_tfidf_for_text_similarity():
    embedder: matching.Embedder = FakeEmbedder()
    ranked = matching.rank(KNOWN_NEEDS, KNOWN_SERVICES, embedder=embedder)
    assert ranked[1][0].service_id == 10
    assert any(r.startswith("similar wording (1.00)") for r in ranked[1][0].reasons)


def test_text_similarity_uses_stems():
    assert matching.text_similarity("training judges", "trained judge") > 0.9
    assert matching.text_similarity("training judges", "customs reform") == 0


def test_overlapping_activities_of_two_providers_are_flagged():
    services = [
        activity(
            1, 1, (9,), ("capacity_building",), ("KEN",), dt.date(2024, 1, 1), dt.date(2025, 12, 31)
        ),
        activity(2, 2, (9,), ("capacity_building",), ("KEN",), dt.date(2025, 6, 1), None),
        activity(
            3, 3, (9,), ("capacity_building",), ("KEN",), dt.date(2020, 1, 1), dt.date(2021, 1, 1)
        ),
        activity(4, 1, (9,), ("capacity_building",), ("KEN",), dt.date(2024, 1, 1), None),
        activity(5, 4, (9,), ("capacity_building",), ("GHA",), dt.date(2024, 1, 1), None),
        activity(6, 5, (9,), ("capacity_building",), ("KEN",), None, None, status="completed"),
    ]
    overlaps = matching.find_overlaps(services)
    assert [(o.state, o.article, o.category) for o in overlaps] == [("KEN", 9, "capacity_building")]
    assert overlaps[0].activity_ids == (1, 2, 4)
    assert overlaps[0].providers == ("Provider 1", "Provider 2")


def test_no_overlap_for_one_provider_or_disjoint_periods():
    services = [
        activity(1, 1, (9,), ("other",), ("KEN",), dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
        activity(2, 2, (9,), ("other",), ("KEN",), dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
        activity(3, 1, (9,), ("other",), ("KEN",), dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
    ]
    assert matching.find_overlaps(services) == []


def test_coverage_needs_an_ongoing_activity_for_state_article_and_category():
    services = [
        activity(1, 1, (9,), ("capacity_building",), ("KEN",)),
        activity(2, 1, (5,), ("policymaking",), ("PER",), status="planned"),
    ]
    covered = matching.covered_needs(KNOWN_NEEDS, services, accepted=[2])
    assert covered == {1: "ongoing activity 1", 2: "accepted match"}


def test_the_matrix_counts_needs_services_and_unmet_needs_by_article():
    covered = {1: "accepted match"}
    rows = matching.summarise(KNOWN_NEEDS, KNOWN_SERVICES, covered, "article")
    by_article = {r["article"]: r for r in rows}
    assert by_article[9] == {
        "article": 9,
        "needs": 1,
        "covered": 1,
        "unmet": 0,
        "coverage": 100.0,
        "activities": 1,
        "offers": 2,
        "providers": 3,
    }
    assert by_article["general"]["needs"] == 1 and by_article["general"]["unmet"] == 1
    assert by_article[61]["needs"] == 0 and by_article[61]["coverage"] is None
    regions = matching.summarise(KNOWN_NEEDS, KNOWN_SERVICES, covered, "region", {"GHA": "african"})
    assert {r["region"]: r["needs"] for r in regions}["african"] == 3
