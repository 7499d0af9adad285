"""Drafting the analytical note from a known figures dict: sentences, structure and style."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tamatrix.reports import build_note, to_html
from tamatrix.reports.note import Figure, Note, Paragraph, anonymise, example_sentence

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
ALLOWED_DIGITS = re.compile(
    r"\barticles? \d+(?:(?:, | and )\d+)*"  # article numbers are names, not counts
    rf"|\b\d{{1,2}} (?:{MONTHS}) \d{{4}}"  # dates
    r"|\d+(?:\.\d+)? per cent"  # percentages are always in figures
    r"|\d+\.\d+"  # decimals
    r"|[A-Z]+/[\w/.]+"  # document symbols
)
SMALL_NUMBER = re.compile(r"(?<![\w.,])[0-9](?![\w.,])")


def _sentences(note: Note) -> list[str]:
    """Every sentence of the note's prose."""
    found = []
    for text in note.prose():
        found.extend(s for s in re.split(r"(?<=[.!?])\s+", text) if s)
    return found


def _text(note: Note) -> str:
    return "\n".join(note.prose())


def test_capacity_building_share_is_stated_with_its_counts(note: Note) -> None:
    assert (
        "Capacity-building remained the kind of assistance requested most often, "
        "with 177 of the 404 needs (44 per cent)." in _text(note)
    )


def test_coverage_sentences(note: Note) -> None:
    text = _text(note)
    assert (
        "By 30 September 2020, 44 States parties had completed the executive summaries of their "
        "reviews in the second review cycle." in text
    )
    assert (
        "Of those States, 30 identified at least one need for technical assistance and 14 "
        "identified none." in text
    )
    assert (
        "Together they identified 404 individual needs, an average of 13.5 for each State that "
        "identified any (or 9.2 per executive summary)." in text
    )
    assert "Those 44 States make up 24 per cent of the 187 States parties" in text


def test_comparison_with_the_previous_analysis(note: Note) -> None:
    text = _text(note)
    assert (
        "The previous analysis (CAC/COSP/2019/14), based on data as at 31 August 2019, covered "
        "27 executive summaries, in which 17 States had identified 282 needs." in text
    )
    assert (
        "Since then, 17 further executive summaries have been adopted, and 13 of the States "
        "concerned identified needs." in text
    )
    assert "The number of needs has thereby risen by 122, or 43 per cent, to 404." in text
    assert "needs relating to chapter II rose by 44 per cent (from 180 to 260)" in text
    assert (
        "The number of States identifying needs rose by 35 per cent (from 17 to 23) for chapter "
        "II and rose by 77 per cent (from 17 to 30) for chapter V." in text
    )
    assert (
        "Since the previous analysis, the largest increase has been in capacity-building, "
        "from 120 needs to 177." in text
    )


def test_chapter_and_region_sentences(note: Note) -> None:
    text = _text(note)
    assert (
        "Of the 404 needs, 260 (64 per cent) related to chapter II (Preventive measures) and 144 "
        "(36 per cent) to chapter V (Asset recovery)." in text
    )
    assert "Every State that identified needs did so for chapter V." in text
    assert (
        "The Group of African States had completed the largest number of executive summaries "
        "(18 of 44, or 41 per cent), and the needs its members identified made up 69 per cent "
        "of the total (280 of 404)." in text
    )
    assert "The Group of Eastern European States accounted for three executive summaries" in text
    assert "the Group of Eastern European States (68 per cent)" in text


def test_chapter_section_states_articles_and_counting(note: Note) -> None:
    text = _text(note)
    assert "Twenty-three States identified 260 needs relating to chapter II." in text
    assert (
        "The articles with the most needs were article 5 (Preventive anti-corruption policies "
        "and practices) with 42 needs, article 7 (Public sector) with 30 needs and article 9 "
        "(Public procurement and management of public finances) with 29 needs." in text
    )
    assert "Next came articles 6 and 13, with 28 needs each." in text
    assert "Thirty-five needs named no particular article and are shown as “general”." in text
    assert "add up to more than the number of needs" in note.footnotes[2].text


def test_flags_become_issues_for_further_consideration(note: Note) -> None:
    issues = note.sections[-1]
    assert issues.heading == "Issues for further consideration"
    first = issues.blocks[0]
    assert isinstance(first, Paragraph)
    assert "article 12 (chapter II: 40 recommendations, 11 needs)" in first.text
    assert "article 53 (chapter V: 20 recommendations, six needs)" in first.text
    assert "article 9 " not in first.text


def test_structure_follows_the_secretariat_note(note: Note) -> None:
    assert [s.label for s in note.sections] == [
        "I. Introduction",
        "II. Overview of the needs identified",
        "III. Needs relating to chapter II (Preventive measures)",
        "IV. Needs relating to chapter V (Asset recovery)",
        "V. Capacity-building needs by sub-category",
        "VI. Needs spanning several categories",
        "VII. Issues for further consideration",
    ]
    assert note.subtitle == "Note by the Secretariat"
    assert note.masthead[:2] == ("CAC/COSP/IRG/2020/99", "5 October 2020")


def test_paragraphs_figures_and_footnotes_are_numbered_in_order(note: Note) -> None:
    assert [p.number for p in note.paragraphs] == list(range(1, len(note.paragraphs) + 1))
    assert [f.number for f in note.figures] == list(range(1, 11))
    assert note.figures[3].label == "Figure IV"
    referenced = [k for p in note.paragraphs for k in p.footnotes]
    assert referenced == [f.number for f in note.footnotes] == [1, 2, 3]


def test_every_figure_has_a_chart_and_a_table(note: Note) -> None:
    for figure in note.figures:
        assert isinstance(figure, Figure)
        assert figure.chart["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
        assert figure.table.rows
        assert all(len(row) == len(figure.table.columns) for row in figure.table.rows)
    by_article = [f for f in note.figures if f.title.startswith("Needs per article")]
    assert [f.table.notes != () for f in by_article] == [True, True]


@pytest.mark.parametrize("which", ["second", "first"])
def test_no_sentence_starts_with_a_digit(
    which: str,
    figures: dict[str, Any],
    first_cycle_figures: dict[str, Any],
    examples: dict[str, list[str]],
    meta: dict[str, Any],
) -> None:
    data = figures if which == "second" else first_cycle_figures
    note = build_note(data, examples, meta)
    starts = [s for s in _sentences(note) if s[0].isdigit()]
    assert starts == []


@pytest.mark.parametrize("which", ["second", "first"])
def test_numbers_below_ten_are_words_in_prose(
    which: str,
    figures: dict[str, Any],
    first_cycle_figures: dict[str, Any],
    examples: dict[str, list[str]],
    meta: dict[str, Any],
) -> None:
    data = figures if which == "second" else first_cycle_figures
    note = build_note(data, examples, meta)
    offending = [text for text in note.prose() if SMALL_NUMBER.search(ALLOWED_DIGITS.sub("", text))]
    assert offending == []


def test_examples_never_name_the_state(note: Note) -> None:
    text = _text(note)
    for name in ("Freedonia", "Sylvania", "Sylvanian"):
        assert name not in text
    assert "One State requested training of auditors of the State's national audit office" in text
    assert "training of national financial intelligence officers" in text
    assert "(art." not in text


def test_examples_are_quoted_under_the_article_group_they_cite(note: Note) -> None:
    chapter_ii = note.sections[2]
    texts = [b.text for b in chapter_ii.blocks if isinstance(b, Paragraph)]
    group_9 = next(t for t in texts if "in relation to article 9," in t)
    assert "risk-based audit" in group_9
    assert any(
        t.startswith("The requests themselves took many forms.") and "three target groups" in t
        for t in texts
    )


def test_anonymise_handles_possessives_and_longer_names_first() -> None:
    names = ["Freedonia", "Republic of Freedonia"]
    assert anonymise("The Republic of Freedonia's courts", names) == "the State's courts"
    assert anonymise("Courts of Freedonia", names) == "Courts of the State"


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("Training of judges (art. 11).", 0, "One State requested training of judges."),
        (
            "To adopt a code of ethics (art. 8)",
            1,
            "Another State reported the need to adopt a code of ethics.",
        ),
        (
            "Developing the capacity of auditors",
            2,
            "A further State asked for help in developing the capacity of auditors.",
        ),
        (
            "ICT tools for asset declarations",
            0,
            "One State requested ICT tools for asset declarations.",
        ),
    ],
)
def test_example_sentence(text: str, index: int, expected: str) -> None:
    assert example_sentence(text, index, []) == expected


def test_first_cycle_note_uses_its_chapters_and_needs_no_date(
    first_cycle_figures: dict[str, Any],
) -> None:
    note = build_note(first_cycle_figures)
    text = _text(note)
    assert note.title == "Technical assistance needs identified in the first review cycle"
    assert "III. Needs relating to chapter III (Criminalization and law enforcement)" in [
        s.label for s in note.sections
    ]
    assert "Seven States identified 22 needs relating to chapter III." in text
    assert "The analysis covers the executive summaries of nine States parties" in text
    assert "previous analysis" not in text
    assert "No executive summary had yet been completed by the Group of Eastern European" in text
    assert "None of the needs was coded with a secondary category." in text


@pytest.mark.parametrize("summaries", [0, 4])
def test_a_register_without_needs_gives_a_short_note(
    first_cycle_figures: dict[str, Any], summaries: int
) -> None:
    empty = {
        **first_cycle_figures,
        "as_of": "2021-03-01",
        "coverage": {
            "summaries": summaries,
            "states": summaries,
            "states_with_needs": 0,
            "states_without_needs": summaries,
            "needs": 0,
            "needs_per_state_with_needs": 0.0,
            "needs_per_summary": 0.0,
            "review_ids": [],
            "need_ids": [],
        },
    }
    note = build_note(empty)
    text = _text(note)
    assert [s.heading for s in note.sections] == ["Introduction"]
    assert note.figures == ()
    if summaries:
        assert "Four executive summaries had been adopted by 1 March 2021, none of which" in text
        assert "None of those States identified a need for technical assistance." in text
    else:
        assert "No executive summary had been completed by 1 March 2021." in text
    assert "zero" not in text
    assert "<svg" not in to_html(note)


def test_meta_title_overrides_the_default(figures: dict[str, Any]) -> None:
    note = build_note(figures, {}, {"title": "Needs in brief"})
    assert note.title == "Needs in brief"
    assert note.masthead == ()


def test_drafting_is_deterministic(
    figures: dict[str, Any], examples: dict[str, list[str]], meta: dict[str, Any]
) -> None:
    first = build_note(figures, examples, meta)
    second = build_note(figures, examples, meta)
    assert first == second
    assert [f.chart for f in first.figures] == [f.chart for f in second.figures]
