"""Drafting the analytical note from a known figures dict: sentences, structure and style."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import docx
import pytest

from tamatrix.core import convention
from tamatrix.reports import build_note, to_docx, to_html
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


# --- the section on needs and the assistance available ----------------------------------


def _tally(needs: int, covered: int, first_id: int) -> dict[str, Any]:
    ids = list(range(first_id, first_id + needs))
    return {
        "needs": needs,
        "covered": covered,
        "unmet": needs - covered,
        "coverage": round(100 * covered / needs, 1),
        "need_ids": ids,
        "covered_need_ids": ids[:covered],
        "unmet_need_ids": ids[covered:],
    }


def make_supply() -> dict[str, Any]:
    """Matrix figures for the known data set: 152 of the 404 needs covered, two overlaps."""
    articles = [(5, 42, 18, 8, 4), (9, 29, 13, 8, 7), (51, 32, 7, 10, 4), (53, 8, 0, 0, 1)]
    return {
        "as_of": "2020-09-30",
        **_tally(404, 152, 1),
        "covered_by_match": 63,
        "match_need_ids": list(range(1, 64)),
        "covered_by_activity": 89,
        "activity_need_ids": list(range(64, 153)),
        "providers": 12,
        "offers": 32,
        "activities_ongoing": 60,
        "activities_planned": 24,
        "by_chapter": [
            {"chapter": "II", "title": "Preventive measures", **_tally(260, 96, 1)},
            {"chapter": "V", "title": "Asset recovery", **_tally(144, 56, 261)},
        ],
        "by_category": [
            {"category": "capacity_building", "name": "Capacity-building", **_tally(177, 77, 1)},
            {
                "category": "research_data",
                "name": "Research/data-gathering and analysis",
                **_tally(47, 6, 178),
            },
            {"category": "policymaking", "name": "Policymaking", **_tally(14, 9, 225)},
        ],
        "by_region": [
            {"region": "african", "name": "African States", **_tally(280, 108, 1)},
            {"region": "asia_pacific", "name": "Asia-Pacific States", **_tally(73, 24, 281)},
        ],
        "by_article": [
            {
                "article": article,
                "chapter": "II" if article < 50 else "V",
                "title": convention.article(article).title,
                **_tally(needs, covered, 1),
                "activities": activities,
                "offers": offers,
                "providers": 3,
            }
            for article, needs, covered, activities, offers in articles
        ]
        + [
            {
                "article": None,
                "chapter": None,
                "title": "Needs naming no article",
                **_tally(28, 17, 1),
                "activities": 0,
                "offers": 0,
                "providers": 0,
            }
        ],
        "overlaps": [
            {
                "state": "XGU",
                "name": "Kingdom of Gruden",
                "region": "asia_pacific",
                "article": 52,
                "category": "capacity_building",
                "category_name": "Capacity-building",
                "activities": [29, 47],
                "providers": 2,
                "need_ids": [201],
            },
            {
                "state": "XDI",
                "name": "Dristeth",
                "region": "african",
                "article": 9,
                "category": "research_data",
                "category_name": "Research/data-gathering and analysis",
                "activities": [3, 8, 9],
                "providers": 3,
                "need_ids": [],
            },
        ],
    }


def _supply_note(figures: dict[str, Any], examples: Any, meta: dict[str, Any]) -> Note:
    """The known note drafted with the matrix figures."""
    return build_note({**figures, "supply": make_supply()}, examples, meta)


def _section(note: Note, heading: str) -> str:
    section = next(s for s in note.sections if s.heading == heading)
    return "\n".join(b.text for b in section.blocks if isinstance(b, Paragraph))


def test_the_assistance_section_comes_before_the_issues_only_with_supply_data(
    figures: dict[str, Any], examples: Any, meta: dict[str, Any], note: Note
) -> None:
    supply_note = _supply_note(figures, examples, meta)
    labels = [s.label for s in supply_note.sections]
    assert labels[-2:] == [
        "VII. Needs and the assistance available",
        "VIII. Issues for further consideration",
    ]
    assert [s.label for s in note.sections][-1] == "VII. Issues for further consideration"
    assert "assistance available" not in _text(note)
    assert "covered" not in " ".join(note.summary)


def test_the_assistance_section_states_coverage_unmet_needs_and_overlaps(
    figures: dict[str, Any], examples: Any, meta: dict[str, Any]
) -> None:
    supply_note = _supply_note(figures, examples, meta)
    text = _section(supply_note, "Needs and the assistance available")
    assert (
        "As at 30 September 2020, it held 32 offers of assistance open to requests and 84 "
        "activities under way or planned (60 under way and 24 planned), from 12 providers in all."
    ) in text
    assert (
        "On that basis, 152 of the 404 needs (38 per cent) were covered, 63 of them through an "
        "accepted match and 89 through an activity under way alone."
    ) in text
    assert "The remaining 252 needs (62 per cent) had no assistance recorded against them." in text
    assert "Coverage was 37 per cent for chapter II and 39 per cent for chapter V." in text
    assert "most unmet needs concerned capacity-building (100), followed by" in text
    assert (
        "Coverage was lowest for research/data-gathering and analysis (13 per cent of 47 needs) "
        "and highest for policymaking (64 per cent)."
    ) in text
    assert "most unmet needs were those of the Group of African States (172" in text
    assert "article 51 (General provision; 25 of 32 unmet)" in text
    assert "On article 53, none of the needs identified was covered." in text
    assert (
        "In two instances, two or more providers had activities under way or planned for the "
        "same State, on the same article and in the same category, over periods that overlapped: "
        "the Kingdom of Gruden on article 52 (capacity-building) and Dristeth on article 9 "
        "(research/data-gathering and analysis)."
    ) in text
    assert "Of the 404 needs, 152 (38 per cent) were covered" in " ".join(supply_note.summary)


def test_the_assistance_figure_has_its_chart_and_table(
    figures: dict[str, Any], examples: Any, meta: dict[str, Any]
) -> None:
    supply_note = _supply_note(figures, examples, meta)
    figure = next(f for f in supply_note.figures if f.title.startswith("Needs covered and unmet"))
    assert figure.label == "Figure XI"
    assert figure.table.columns[:6] == (
        "Article",
        "Title",
        "Needs",
        "Covered",
        "Unmet",
        "Coverage (%)",
    )
    assert figure.table.rows[0][:6] == (
        "5",
        "Preventive anti-corruption policies and practices",
        "42",
        "18",
        "24",
        "42.9",
    )
    assert figure.table.rows[-1][:3] == ("General", "Needs naming no article", "28")
    data = [v for layer in figure.chart["layer"] for v in layer["data"]["values"]]
    assert {"label": "Article 5", "group": "Unmet", "value": 24, "rank": 1} in data


def test_no_overlap_and_no_unmet_need_are_said_in_words(figures: dict[str, Any]) -> None:
    supply = make_supply()
    supply.update({**_tally(404, 404, 1), "overlaps": []})
    figures["supply"] = supply
    text = _section(build_note(figures), "Needs and the assistance available")
    assert "No need was left without assistance." in text
    assert "No two providers had activities under way or planned for the same State" in text
    assert "most unmet needs" not in text


def test_the_assistance_section_follows_the_style_rules(
    figures: dict[str, Any], examples: Any, meta: dict[str, Any]
) -> None:
    supply_note = _supply_note(figures, examples, meta)
    assert [s for s in _sentences(supply_note) if s[0].isdigit()] == []
    offending = [
        text for text in supply_note.prose() if SMALL_NUMBER.search(ALLOWED_DIGITS.sub("", text))
    ]
    assert offending == []


def test_the_html_and_word_renderings_hold_the_assistance_section(
    figures: dict[str, Any], examples: Any, meta: dict[str, Any], tmp_path: Path
) -> None:
    supply_note = _supply_note(figures, examples, meta)
    page = to_html(supply_note)
    assert "VII. Needs and the assistance available</h2>" in page
    assert "Data for figure XI: Needs covered and unmet" in page
    assert page.count("<svg") == len(supply_note.figures) == 11
    document = docx.Document(str(to_docx(supply_note, tmp_path / "note.docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "VII. Needs and the assistance available" in headings
    assert len(document.tables) == len(document.inline_shapes) == 11
    last = document.tables[-1]
    assert [c.text for c in last.rows[0].cells][:5] == [
        "Article",
        "Title",
        "Needs",
        "Covered",
        "Unmet",
    ]
