"""Extraction of whole documents written as small texts, with the real classifier."""

from __future__ import annotations

import datetime as dt

import pytest

from tamatrix import reference, training
from tamatrix.core.extract import Overrides, extract, find_date
from tamatrix.core.records import SourceText

FRONT = (
    "CAC/COSP/IRG/{cycle}/4/1/Add.990\n\nDistr.: General\n17 May 2021\n\n"
    "Vienna, 7–9 June 2021\n\nExecutive summary: Ghana\n\n"
)
NEEDS = "Technical assistance needs identified to improve implementation of the Convention"


def run(body: str, cycle: str = "II", **overrides):
    source = SourceText((FRONT.format(cycle=cycle) + body,), "txt")
    return extract(
        source,
        reference.states(),
        training.load_classifier(),
        Overrides(**overrides),
        file_name="test.txt",
    )


def test_front_matter_gives_state_cycle_symbol_date_and_language():
    result = run(f"2. Chapter II: Preventive measures\n\n2.4. {NEEDS}\n\n• Training (art. 9);")
    assert (result.state, result.cycle, result.language) == ("GHA", 2, "en")
    assert result.symbol == "CAC/COSP/IRG/II/4/1/Add.990"
    assert result.date == dt.date(2021, 5, 17)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Distr.: General\n12 March 2019", dt.date(2019, 3, 12)),
        ("Vienne, 3-5 juin 2019\nDistr. générale\n1er avril 2019", dt.date(2019, 4, 1)),
        ("Distr. general\n12 de marzo de 2019", dt.date(2019, 3, 12)),
        ("Vienna, 13–17 June 2022", None),
    ],
)
def test_the_date_of_issue_is_not_a_session_range(text, expected):
    assert find_date(text) == expected


def test_lettered_bullets_with_roman_sub_bullets():
    body = (
        f"2. Chapter II: Preventive measures\n\n2.4. {NEEDS}\n\n"
        "(a) Capacity-building for:\n"
        "      (i) judges on conflicts of interest (art. 11);\n"
        "      (ii) auditors on performance audits (art. 9);\n"
        "(b) Legislative drafting of a law on whistle-blowers (art. 8, para. 4)."
    )
    result = run(body)
    assert [(n.articles, n.text) for n in result.needs] == [
        ((11,), "Capacity-building for: judges on conflicts of interest (art. 11)"),
        ((9,), "Capacity-building for: auditors on performance audits (art. 9)"),
        ((8,), "Legislative drafting of a law on whistle-blowers (art. 8, para. 4)"),
    ]
    assert result.needs[2].primary_category == "legislative_assistance"


def test_numbered_needs():
    body = (
        f"3. Chapter V: Asset recovery\n\n3.4. {NEEDS}\n\n"
        "1. Training for financial investigators on asset tracing (art. 52);\n"
        "2. Software for the financial intelligence unit (art. 58)."
    )
    result = run(body)
    assert [n.articles for n in result.needs] == [(52,), (58,)]
    assert all(n.chapter == "V" for n in result.needs)


def test_first_cycle_forms_split_at_semicolons_and_at_commas_between_forms():
    body = (
        f"2. Chapter III: Criminalization and law enforcement\n\n2.4. {NEEDS}\n\n"
        "• Article 16: legal advice, model legislation and legislative drafting.\n"
        "• Articles 23 and 24: capacity-building programmes for the police, prosecutors and "
        "judges; on-site assistance by an expert.\n"
    )
    result = run(body, cycle="I")
    assert [(n.text, n.articles, n.form) for n in result.needs] == [
        ("Article 16: legal advice", (16,), "legal advice"),
        ("Article 16: model legislation", (16,), "model legislation"),
        ("Article 16: legislative drafting", (16,), "legislative drafting"),
        (
            "Articles 23 and 24: capacity-building programmes for the police, prosecutors and "
            "judges",
            (23, 24),
            "capacity-building programmes for the authorities responsible for …",
        ),
        (
            "Articles 23 and 24: on-site assistance by an expert",
            (23, 24),
            "on-site assistance by an expert",
        ),
    ]


def test_a_bullet_joining_two_requests_with_their_own_references_is_two_needs():
    body = (
        f"2. Chapter II: Preventive measures\n\n2.4. {NEEDS}\n\n"
        "• Training of auditors on procurement (art. 9, para. 1) and a review of the "
        "public finance law (art. 9, para. 2);\n"
        "• Training of judges and prosecutors on ethics (art. 11)."
    )
    result = run(body)
    assert [n.text for n in result.needs] == [
        "Training of auditors on procurement (art. 9, para. 1)",
        "a review of the public finance law (art. 9, para. 2)",
        "Training of judges and prosecutors on ethics (art. 11)",
    ]


def test_articles_outside_the_cycle_or_the_convention_are_reported():
    body = (
        f"2. Chapter II: Preventive measures\n\n2.4. {NEEDS}\n\n"
        "• Training of officials on mutual legal assistance (art. 46);\n"
        "• Support for the body (art. 95)."
    )
    result = run(body)
    codes = [p.code for p in result.problems]
    assert "article-outside-cycle" in codes and "unknown-article" in codes
    assert [n.articles for n in result.needs] == [(46,), ()]


def test_a_french_document():
    source = SourceText(
        (
            "CAC/COSP/IRG/II/4/1/Add.991\n\nDistr. générale\n3 février 2021\n\n"
            "Résumé analytique : Sénégal\n\n"
            "2. Chapitre II : mesures préventives\n\n"
            "2.4. Besoins d'assistance technique recensés pour améliorer l'application de la "
            "Convention\n\n"
            "• Formation des magistrats à la déontologie (art. 11) ;\n"
            "• Élaboration d'un projet de loi sur l'accès à l'information (art. 10) ;\n"
            "• Échange de bonnes pratiques avec d'autres États sur la déclaration de patrimoine "
            "(art. 7 et 8).\n",
        ),
        "txt",
    )
    result = extract(source, reference.states(), training.load_classifier())
    assert (result.state, result.cycle, result.language) == ("SEN", 2, "fr")
    assert result.date == dt.date(2021, 2, 3)
    assert [(n.articles, n.primary_category) for n in result.needs] == [
        ((11,), "capacity_building"),
        ((10,), "legislative_assistance"),
        ((7, 8), "international_cooperation"),
    ]


def test_a_document_in_another_language_is_reported_and_nothing_is_read():
    source = SourceText(
        (
            "CAC/COSP/IRG/II/4/1/Add.992\n\nZusammenfassung: Österreich\n\n"
            "Kapitel II: Präventivmaßnahmen\n\nDer Staat hat die folgenden Bedürfnisse an "
            "technischer Hilfe festgestellt, die für die Umsetzung des Übereinkommens wichtig sind "
            "und die von den Prüfern bestätigt wurden.\n",
        ),
        "txt",
    )
    result = extract(source, reference.states(), training.load_classifier())
    assert result.language == "de"
    assert result.needs == ()
    assert "unsupported-language" in [p.code for p in result.problems]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Article 38: model treaty;", "Article 38: model treaty"),
        ("Support for the national policy; and", "Support for the national policy"),
        ("Formation des juges ; et", "Formation des juges"),
        ("Capacitación de fiscales; y", "Capacitación de fiscales"),
    ],
)
def test_closing_punctuation_and_conjunctions_are_removed_but_not_word_endings(raw, clean):
    from tamatrix.core.extract import clean_text

    assert clean_text(raw) == clean
