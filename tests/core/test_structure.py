"""Blocks, headings and items: the variations FORMATS.md lists, as small texts."""

from __future__ import annotations

import pytest

from tamatrix.core import layout, structure
from tamatrix.core.records import SourceText


def blocks_of(text: str, hard_breaks: bool = False) -> list[layout.Block]:
    pages = tuple(text.split("\f"))
    cleaned = layout.remove_furniture(layout.split_lines(pages), len(pages))
    return structure.build_blocks(cleaned.lines, hard_breaks, layout.vocabulary(cleaned.lines))


def section_items(text: str, hard_breaks: bool = False) -> list[str]:
    plan = structure.outline(blocks_of(text, hard_breaks))
    return [i.text for s in plan.sections if s.kind == "needs" for i in structure.items(s)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2. Chapter II: Preventive measures", ("chapter", "II")),
        ("3. Chapter V: asset recovery", ("chapter", "V")),
        ("CHAPTER IV – INTERNATIONAL COOPERATION", ("chapter", "IV")),
        ("Chapitre II : mesures préventives", ("chapter", "II")),
        ("Capítulo V: recuperación de activos", ("chapter", "V")),
        ("Chapter III", ("chapter", "III")),
        (
            "2.4. Technical assistance needs identified to improve implementation of the "
            "Convention",
            ("section", "needs"),
        ),
        ("Technical assistance needs", ("section", "needs")),
        (
            "3.4. Besoins d'assistance technique recensés pour améliorer l'application de la "
            "Convention",
            ("section", "needs"),
        ),
        ("2.4. Necesidades de asistencia técnica detectadas", ("section", "needs")),
        ("2.2. Successes and good practices", ("section", "good_practices")),
        ("2.3. Challenges in implementation", ("section", "challenges")),
        (
            "2.1. Observations on the implementation of the articles under review",
            ("section", "observations"),
        ),
        ("II. Executive summary", ("section", "other")),
    ],
)
def test_headings_in_their_variations(line, expected):
    found = structure.heading(line)
    assert found is not None and (found.kind, found.value) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Chapter II of the Convention is implemented through several laws.",
        "No technical assistance needs were identified.",
        "Technical assistance needs were identified in the areas of training and legislation.",
        "• Training for judges (art. 11);",
        "Challenges remain in the verification of declarations, which the reviewers noted "
        "at length during the visit and in their discussions with officials of many agencies;",
    ],
)
def test_sentences_are_not_headings(line):
    assert structure.heading(line) is None


NEEDS = "Technical assistance needs identified to improve implementation of the Convention"
NEEDS_HEADING = (
    "2.4. Technical assistance needs identified to improve implementation of the\nConvention"
)


def test_a_heading_that_wraps_onto_a_second_line_is_one_heading():
    text = f"2. Chapter II: Preventive measures\n{NEEDS_HEADING}\n• Training for judges (art. 11);"
    assert section_items(text) == ["Training for judges (art. 11);"]


def test_sub_bullets_take_their_lead_in():
    text = (
        f"2. Chapter II: Preventive measures\n\n{NEEDS_HEADING}\n\n"
        "• Capacity-building for:\n"
        "    – judges on the code of conduct (art. 11);\n"
        "    – auditors (art. 9);\n"
        "• Legal advice on the draft law (art. 10)."
    )
    assert section_items(text) == [
        "Capacity-building for: judges on the code of conduct (art. 11);",
        "Capacity-building for: auditors (art. 9);",
        "Legal advice on the draft law (art. 10).",
    ]


def test_a_lead_sentence_is_not_a_need():
    text = (
        f"3. Chapter V: Asset recovery\n{NEEDS_HEADING}\n"
        "The State identified the following needs:\n"
        "• Training for financial investigators (art. 52);\n"
        "• Software for the financial intelligence unit (art. 58)."
    )
    assert section_items(text) == [
        "Training for financial investigators (art. 52);",
        "Software for the financial intelligence unit (art. 58).",
    ]


@pytest.mark.parametrize("statement", ["None.", "No technical assistance needs were identified."])
def test_a_none_statement_gives_no_needs(statement):
    text = f"2. Chapter II: Preventive measures\n{NEEDS_HEADING}\n{statement}\n"
    assert section_items(text) == []


def test_without_bullets_each_paragraph_is_a_need():
    text = (
        f"2. Chapter II: Preventive measures\n\n{NEEDS_HEADING}\n\n"
        "Training for procurement officers (art. 9).\n\n"
        "Support for a survey of public officials (art. 5)."
    )
    assert section_items(text) == [
        "Training for procurement officers (art. 9).",
        "Support for a survey of public officials (art. 5).",
    ]


def test_a_bullet_broken_across_a_page_keeps_its_halves_and_drops_header_and_footer():
    text = (
        f"2. Chapter II: Preventive measures\n\n{NEEDS_HEADING}\n\n"
        "• Training of auditors on performance audits of public procure-\n\n"
        "4/7                      V.20-03912\n"
        "\f                   CAC/COSP/IRG/II/3/1/Add.92\n\n"
        "ment (art. 9, para. 1);\n"
        "• Support for a survey (art. 5)."
    )
    assert section_items(text) == [
        "Training of auditors on performance audits of public procurement (art. 9, para. 1);",
        "Support for a survey (art. 5).",
    ]


def test_hyphens_of_compounds_are_kept_and_line_breaks_undone():
    vocabulary = {"decision-making", "accession"}
    assert layout.join_hyphenated("the decision-", "making process", vocabulary) == (
        "the decision-making process"
    )
    assert layout.join_hyphenated("its acces-", "sion to", vocabulary) == "its accession to"
    assert layout.join_hyphenated("capacity-", "building for", set()) == "capacity-building for"
    assert layout.join_hyphenated("the imple-", "mentation", set()) == "the implementation"


def test_pdf_style_lines_without_blank_lines_split_at_bullets_and_headings():
    text = (
        "2. Chapter II: Preventive measures\n"
        "2.4. Technical assistance needs identified to improve implementation of the Convention\n"
        "• Development of an online platform to receive reports of corruption, including\n"
        "anonymous reports (art. 8, para. 4, and art. 13, para. 2);\n"
        "• Assistance in updating the money-laundering risk assessment (art.\n"
        "14).\n"
        "3. Chapter V: Asset recovery\n"
    )
    assert section_items(text) == [
        "Development of an online platform to receive reports of corruption, including "
        "anonymous reports (art. 8, para. 4, and art. 13, para. 2);",
        "Assistance in updating the money-laundering risk assessment (art. 14).",
    ]


def test_word_paragraphs_are_blocks_of_their_own():
    text = "Chapter II: Preventive measures\nTechnical assistance needs\n• Training (art. 9);\n"
    text += "    – for judges (art. 11);"
    assert len(blocks_of(text, hard_breaks=True)) == 4


def test_running_headers_repeated_on_every_page_are_removed():
    words = ["Audit", "Budget", "Courts", "Declarations", "Ethics"]
    pages = tuple(
        f"Generated demo file\n{w} first.\n{w} second.\n{w} third.\nPage {n} of five"
        for n, w in enumerate(words, start=1)
    )
    cleaned = layout.remove_furniture(layout.split_lines(pages), len(pages))
    texts = [line.text for line in cleaned.lines if line is not None]
    assert texts == [f"{w} {o}." for w in words for o in ("first", "second", "third")]


def test_a_text_dump_without_form_feeds_gets_its_pages_from_the_footers():
    text = "First page text.\n\n1/3   V.13-82741\nSecond page text.\n\nV.13-82741   2/3\nThird."
    cleaned = layout.remove_furniture(layout.split_lines((text,)), 1)
    pages = {line.text: line.page for line in cleaned.lines if line is not None}
    assert pages == {"First page text.": 1, "Second page text.": 2, "Third.": 3}


def test_source_text_offsets_point_into_the_joined_pages():
    source = SourceText(("one\ntwo", "three"), "txt")
    lines = [line for line in layout.split_lines(source.pages) if line is not None]
    assert [source.text[line.start : line.end] for line in lines] == ["one", "two", "three"]
    assert [line.page for line in lines] == [1, 1, 2]


def test_a_bullet_split_across_pages_before_a_capitalised_word_stays_whole():
    text = (
        f"2. Chapter II: Preventive measures\n\n{NEEDS_HEADING}\n\n"
        "• Training for the staff of the\n\n"
        "V.20-03912                      5/7\n"
        "\f                   CAC/COSP/IRG/II/3/1/Add.92\n\n"
        "Ministry of Justice on asset declarations (art. 8);\n"
        "• Support for a survey (art. 5)."
    )
    assert section_items(text)[0] == (
        "Training for the staff of the Ministry of Justice on asset declarations (art. 8);"
    )


def test_the_end_of_a_wrapped_reference_at_the_foot_of_a_page_is_not_a_footnote():
    page_one = (
        "2. Chapter II: Preventive measures\n"
        "2.4. Technical assistance needs identified to improve implementation of the Convention\n"
        "• Support for the anti-corruption commission in its preventive work (arts.\n"
        "5 and 6);\n"
        "V.20-03912 2/5"
    )
    page_two = "CAC/COSP/IRG/II/3/1/Add.92\n• Training for judges (art. 11)."
    assert section_items(f"{page_one}\f{page_two}") == [
        "Support for the anti-corruption commission in its preventive work (arts. 5 and 6);",
        "Training for judges (art. 11).",
    ]


def test_a_section_heading_repeated_at_the_top_of_the_next_page_is_kept():
    filler = "\n".join(f"Observation line {n} about the framework." for n in range(6))
    pages = []
    for number, chapter in ((2, "II"), (3, "V")):
        title = f"{number}.4. {NEEDS}"
        pages.append(f"{filler}\n{title}")
        article = 5 if chapter == "II" else 52
        pages.append(f"{title}\n• Need of chapter {chapter} (art. {article});\n{filler}")
    text = "2. Chapter II: Preventive measures\n" + "\f".join(pages[:2])
    text += "\f3. Chapter V: Asset recovery\n" + "\f".join(pages[2:])
    assert section_items(text) == ["Need of chapter II (art. 5);", "Need of chapter V (art. 52);"]


def test_a_word_paragraph_split_by_a_page_break_is_one_block():
    pages = (
        "Chapter II: Preventive measures\nTechnical assistance needs\n• Training for the staff of",
        "the audit office on performance audits (art. 9);\n• Support for a survey (art. 5).",
    )
    cleaned = layout.remove_furniture(layout.split_lines(pages), len(pages))
    blocks = structure.build_blocks(cleaned.lines, True, layout.vocabulary(cleaned.lines))
    assert [b.text for b in blocks][2:] == [
        "Training for the staff of the audit office on performance audits (art. 9);",
        "Support for a survey (art. 5).",
    ]
