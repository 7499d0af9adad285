"""The analysis use cases on a real database holding the 2020 note's data (see conftest.py)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from tamatrix.exceptions import InputError, NotFoundError
from tamatrix.pipeline import analysis
from tamatrix.storage import tables

CUT_OFF = dt.date(2020, 9, 30)
PREVIOUS_CUT_OFF = dt.date(2019, 8, 31)


def _rows(table: list[dict], *keys: str) -> list[tuple]:
    return [tuple(row[k] for k in keys) for row in table]


def test_the_notes_headline_figures(note_session):
    figures = analysis.analyse(note_session, CUT_OFF, 2)
    coverage = figures["coverage"]
    assert (figures["as_of"], figures["cycle"], figures["chapters"]) == (
        "2020-09-30",
        2,
        ["II", "V"],
    )
    assert _rows(
        [coverage],
        "summaries",
        "states",
        "states_with_needs",
        "states_without_needs",
        "needs",
        "needs_per_state_with_needs",
        "needs_per_summary",
    ) == [(44, 44, 30, 14, 404, 13.5, 9.2)]
    assert len(coverage["need_ids"]) == 404 and coverage["need_ids"] == sorted(coverage["need_ids"])
    assert _rows(
        figures["by_chapter"],
        "chapter",
        "needs",
        "share",
        "states_with_needs",
        "states_without_needs",
    ) == [("II", 260, 64.4, 23, 21), ("V", 144, 35.6, 30, 14)]


def test_categories_and_chapter_by_category(note_session):
    figures = analysis.analyse(note_session, CUT_OFF, 2)
    assert _rows(figures["by_category"], "category", "needs", "share") == [
        ("capacity_building", 177, 43.8),
        ("legislative_assistance", 67, 16.6),
        ("research_data", 45, 11.1),
        ("institution_building", 42, 10.4),
        ("policymaking", 28, 6.9),
        ("international_cooperation", 25, 6.2),
        ("other", 20, 5.0),
    ]
    legislative = [
        row for row in figures["chapter_by_category"] if row["category"] == "legislative_assistance"
    ]
    assert _rows(legislative, "chapter", "needs", "share_of_chapter") == [
        ("II", 35, 13.5),
        ("V", 32, 22.2),
    ]
    assert sum(row["needs"] for row in figures["subcategories"]) == 177


def test_regions(note_session):
    figures = analysis.analyse(note_session, CUT_OFF, 2)
    assert _rows(
        figures["by_region"],
        "region",
        "summaries",
        "summary_share",
        "states_with_needs",
        "needs",
        "need_share",
    ) == [
        ("african", 18, 40.9, 15, 280, 69.3),
        ("asia_pacific", 11, 25.0, 8, 73, 18.1),
        ("eastern_european", 3, 6.8, 2, 25, 6.2),
        ("latin_american_caribbean", 7, 15.9, 3, 16, 4.0),
        ("western_european_other", 5, 11.4, 2, 10, 2.5),
    ]
    eastern = figures["by_region"][2]["by_chapter"]
    assert eastern == [
        {"chapter": "II", "needs": 8, "share_of_region": 32.0},
        {"chapter": "V", "needs": 17, "share_of_region": 68.0},
    ]


def test_per_article_tables_add_up_to_at_least_the_chapter_totals(note_session):
    figures = analysis.analyse(note_session, CUT_OFF, 2)
    for chapter in figures["by_chapter"]:
        rows = [r for r in figures["by_article"] if r["chapter"] == chapter["chapter"]]
        mentions = sum(r["needs"] for r in rows)
        assert mentions > chapter["needs"]
        assert set().union(*(r["need_ids"] for r in rows)) == set(chapter["need_ids"])


def test_the_cut_off_date_and_the_cycle_filter(note_session):
    later = analysis.analyse(note_session, None, 2)
    assert (later["coverage"]["summaries"], later["coverage"]["needs"]) == (45, 409)
    everything = analysis.analyse(note_session, None, None)
    assert everything["chapters"] == ["II", "III", "IV", "V"]
    assert (everything["coverage"]["summaries"], everything["coverage"]["states"]) == (46, 45)
    assert everything["coverage"]["needs"] == 412
    assert analysis.analyse(note_session, CUT_OFF, 1)["coverage"]["need_ids"] == [2000, 2001, 2002]
    earlier = analysis.analyse(note_session, PREVIOUS_CUT_OFF, 2)["coverage"]
    assert (earlier["summaries"], earlier["states_with_needs"], earlier["needs"]) == (27, 17, 282)


def test_comparison_with_a_saved_analysis(note_session):
    analysis.save_analysis(
        note_session, "August 2019", analysis.analyse(note_session, PREVIOUS_CUT_OFF, 2)
    )
    figures = analysis.analyse(note_session, CUT_OFF, 2, compare_to="August 2019")
    comparison = figures["comparison"]
    assert comparison["previous"] == {
        "name": "August 2019",
        "as_of": "2019-08-31",
        "cycle": 2,
        "summaries": 27,
        "states_with_needs": 17,
        "needs": 282,
    }
    assert _rows(
        [comparison],
        "new_summaries",
        "new_states_with_needs",
        "needs_added",
        "needs_change_per_cent",
    ) == [(17, 13, 122, 43.3)]
    assert len(comparison["new_review_ids"]) == 17
    assert "KEN" not in comparison["new_states"] and "IND" in comparison["new_states"]
    assert _rows(
        comparison["by_chapter"],
        "chapter",
        "before",
        "after",
        "change",
        "change_per_cent",
        "states_before",
        "states_after",
        "states_change_per_cent",
    ) == [
        ("II", 191, 260, 69, 36.1, 15, 23, 53.3),
        ("V", 91, 144, 53, 58.2, 17, 30, 76.5),
    ]
    assert sum(row["change"] for row in comparison["by_category"]) == 122


def test_an_unknown_comparison_names_the_saved_analyses(note_session):
    with pytest.raises(NotFoundError, match="none has been saved yet"):
        analysis.analyse(note_session, CUT_OFF, 2, compare_to="nothing")
    analysis.save_analysis(note_session, "first", analysis.analyse(note_session, CUT_OFF, 2))
    with pytest.raises(NotFoundError, match="no saved analysis named 'nothing'.*'first'"):
        analysis.analyse(note_session, CUT_OFF, 2, compare_to="nothing")


def test_a_name_can_be_saved_once(note_session):
    figures = analysis.analyse(note_session, CUT_OFF, 2)
    analysis.save_analysis(note_session, "September 2020", figures)
    with pytest.raises(InputError, match="already saved"):
        analysis.save_analysis(note_session, " September 2020 ", figures)
    with pytest.raises(InputError, match="name"):
        analysis.save_analysis(note_session, "  ", figures)


def test_a_saved_analysis_is_frozen(note_session):
    figures = analysis.analyse(note_session, CUT_OFF, 2)
    analysis.save_analysis(note_session, "September 2020", figures)
    with note_session.begin():
        note_session.execute(
            sa.update(tables.Need).where(tables.Need.id == 1).values(primary_category="other")
        )
    saved = analysis.load_analysis(note_session, "September 2020")
    assert json.dumps(saved, sort_keys=True) == json.dumps(figures, sort_keys=True)
    again = analysis.analyse(note_session, CUT_OFF, 2)
    assert again["by_category"][0]["needs"] == 176
    assert saved["by_category"][0]["needs"] == 177


def test_the_same_data_give_byte_identical_json(note_session):
    first = json.dumps(analysis.analyse(note_session, CUT_OFF, 2), sort_keys=True)
    assert json.dumps(analysis.analyse(note_session, CUT_OFF, 2), sort_keys=True) == first


def test_saved_analyses_are_listed_by_cut_off_date(note_session):
    analysis.save_analysis(note_session, "b-2020", analysis.analyse(note_session, CUT_OFF, 2))
    analysis.save_analysis(
        note_session, "a-2019", analysis.analyse(note_session, PREVIOUS_CUT_OFF, 2)
    )
    analysis.save_analysis(note_session, "all", analysis.analyse(note_session, None, None))
    listed = analysis.saved_analyses(note_session)
    assert _rows(listed, "name", "as_of", "cycle") == [
        ("a-2019", "2019-08-31", 2),
        ("b-2020", "2020-09-30", 2),
        # Without a cut-off date, an analysis stands for its latest summary.
        ("all", "2020-11-15", None),
    ]
    with pytest.raises(NotFoundError, match="'a-2019', 'all', 'b-2020'"):
        analysis.load_analysis(note_session, "c")


def test_examples_are_deterministic_and_anonymised(note_session):
    figures = analysis.analyse(note_session, CUT_OFF, 2)
    building = figures["by_category"][0]
    ids = list(reversed(building["need_ids"]))
    texts = analysis.examples(note_session, ids, 2)
    assert texts == analysis.examples(note_session, building["need_ids"], 2)
    assert texts[0] == "Training for the Ethics and Anti-Corruption Commission of the State"
    assert texts[1] == "Need 2 of the summary 1"
    assert analysis.examples(note_session, [999_999], 3) == []


def test_anonymise_replaces_every_name_of_the_state():
    assert analysis.anonymise("The Republic of Kenya and Kenya agree", "KEN") == (
        "The State and the State agree"
    )
    assert analysis.anonymise("Nothing to hide", "XXX") == "Nothing to hide"


def test_an_unknown_cycle_is_refused(note_session):
    with pytest.raises(InputError, match="cycle 3"):
        analysis.analyse(note_session, None, 3)
