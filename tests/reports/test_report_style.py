"""United Nations editorial style helpers: numbers, percentages, lists, ordinals and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from tamatrix.reports.style import (
    date_text,
    join_list,
    lower_first,
    month_text,
    number_words,
    ordinal,
    per_cent,
    plural,
    roman,
    sentence_start,
    spell_out,
)


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "zero"), (1, "one"), (7, "seven"), (9, "nine"), (10, "10"), (44, "44"), (1204, "1,204")],
)
def test_number_words_spells_out_below_ten_only(n: int, expected: str) -> None:
    assert number_words(n) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (23, "twenty-three"),
        (40, "forty"),
        (100, "one hundred"),
        (260, "two hundred and sixty"),
        (1000, "one thousand"),
        (1001, "one thousand and one"),
        (2345, "two thousand three hundred and forty-five"),
    ],
)
def test_spell_out(n: int, expected: str) -> None:
    assert spell_out(n) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (43.8, "44 per cent"),
        (43.5, "44 per cent"),
        (42.5, "43 per cent"),
        (0.5, "1 per cent"),
        (-12.5, "-13 per cent"),
        (0.4, "0.4 per cent"),
        (0.04, "0.04 per cent"),
        (99.6, "99.6 per cent"),
        (99.96, "99.96 per cent"),
        (100, "100 per cent"),
        (100.0, "100 per cent"),
        (0, "0 per cent"),
        (6.8, "7 per cent"),
    ],
)
def test_per_cent_rounds_half_away_from_zero_and_keeps_a_decimal_near_the_ends(
    value: float, expected: str
) -> None:
    assert per_cent(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("44 executive summaries were adopted.", "Forty-four executive summaries were adopted."),
        ("7 States", "Seven States"),
        ("260 needs", "Two hundred and sixty needs"),
        ("1,204 needs", "One thousand two hundred and four needs"),
        ("capacity-building led.", "Capacity-building led."),
    ],
)
def test_sentence_start_never_leaves_a_figure_first(text: str, expected: str) -> None:
    assert sentence_start(text) == expected


def test_sentence_start_refuses_a_leading_decimal() -> None:
    with pytest.raises(ValueError, match="rephrase"):
        sentence_start("13.5 needs per State")


@pytest.mark.parametrize(
    ("items", "expected"),
    [([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")],
)
def test_join_list_has_no_serial_comma(items: list[str], expected: str) -> None:
    assert join_list(items) == expected


def test_join_list_with_another_conjunction() -> None:
    assert join_list(["a", "b", "c"], "or") == "a, b or c"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "first"),
        (2, "second"),
        (11, "eleventh"),
        (21, "twenty-first"),
        (30, "thirtieth"),
        (101, "101st"),
        (112, "112th"),
        (123, "123rd"),
    ],
)
def test_ordinal(n: int, expected: str) -> None:
    assert ordinal(n) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2020-09-30", "30 September 2020"), (dt.date(2019, 8, 1), "1 August 2019")],
)
def test_date_text_has_no_leading_zero_and_the_month_in_full(
    value: str | dt.date, expected: str
) -> None:
    assert date_text(value) == expected


def test_month_text() -> None:
    assert month_text("2020-09-30") == "September 2020"


@pytest.mark.parametrize(("n", "expected"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV")])
def test_roman(n: int, expected: str) -> None:
    assert roman(n) == expected


def test_plural_uses_words_below_ten() -> None:
    assert [plural(1, "need"), plural(7, "State"), plural(12, "summary", "summaries")] == [
        "one need",
        "seven States",
        "12 summaries",
    ]


def test_lower_first_keeps_acronyms() -> None:
    assert lower_first("Training of judges") == "training of judges"
    assert lower_first("ICT tools") == "ICT tools"
