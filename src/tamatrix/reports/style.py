"""United Nations editorial style for numbers, percentages, lists and dates in report prose.

Numbers below 10 are written in words and larger ones in digits (tables always use digits);
a sentence never starts with a figure; percentages read "44 per cent"; lists use no serial
comma ("a, b and c"); dates read "30 September 2020".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_UNITS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_ORDINAL_TENS = "_ _ twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"
_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_LEADING_NUMBER = re.compile(r"(?P<number>\d{1,3}(?:,\d{3})*|\d+)(?P<decimal>\.\d+)?(?=\W|$)")
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def digits(n: int) -> str:
    """An integer in digits with a comma between thousands ("1,234"), as in tables."""
    return f"{n:,}"


def number_words(n: int) -> str:
    """A count for prose: words below 10 ("seven"), digits from 10 on ("44", "1,204")."""
    if 0 <= n < 10:
        return _UNITS[n]
    return digits(n)


def spell_out(n: int) -> str:
    """An integer from 0 to 999,999 in words ("forty-four", "two hundred and sixty")."""
    if not 0 <= n < 1_000_000:
        raise ValueError(f"cannot spell out {n}")
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return _TENS[tens] + (f"-{_UNITS[units]}" if units else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        words = f"{_UNITS[hundreds]} hundred"
        return words + (f" and {spell_out(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    words = f"{spell_out(thousands)} thousand"
    if not rest:
        return words
    return words + (" and " if rest < 100 else " ") + spell_out(rest)


def _round_half_away(value: float, places: int) -> Decimal:
    """Round half away from zero, on the decimal digits as written (43.75 -> 44)."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percentage(x: float) -> str:
    """The number part of ``per_cent``: an integer, or one decimal near 0 and 100."""
    places = 0
    rounded = _round_half_away(x, places)
    # "0 per cent" or "100 per cent" would be wrong for a value that is neither.
    while rounded in (0, 100, -100) and Decimal(repr(x)) != rounded and places < 3:
        places += 1
        rounded = _round_half_away(x, places)
    return f"{rounded:,}"


def per_cent(x: float) -> str:
    """A percentage for prose: "44 per cent" (rounded half away from zero; "0.4 per cent")."""
    return f"{percentage(x)} per cent"


def capitalize(text: str) -> str:
    """The text with its first character in upper case and the rest unchanged."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """The text with its first letter in lower case, unless the first word is an acronym."""
    first = text.split(" ", 1)[0]
    if sum(c.isupper() for c in first) > 1:
        return text
    return text[:1].lower() + text[1:]


def sentence_start(text: str) -> str:
    """The text made fit to open a sentence: capitalized, a leading whole number spelled out.

    "44 executive summaries ..." becomes "Forty-four executive summaries ...". A leading
    decimal number cannot be spelled out well, so it raises ValueError: rephrase instead.
    """
    match = _LEADING_NUMBER.match(text)
    if match is None:
        return capitalize(text)
    if match.group("decimal"):
        raise ValueError(f"rephrase: a sentence cannot start with {match.group(0)!r}")
    number = int(match.group("number").replace(",", ""))
    return capitalize(spell_out(number)) + text[match.end() :]


def join_list(items: Sequence[str], conjunction: str = "and") -> str:
    """Items joined as in UN prose, without a serial comma: "a, b and c"."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """A count with its noun for prose: "one need", "seven needs", "404 needs"."""
    noun = singular if n == 1 else (plural_form or f"{singular}s")
    return f"{number_words(n)} {noun}"


def ordinal(n: int) -> str:
    """An ordinal in words up to 99 ("second", "twenty-first"), else in digits ("101st")."""
    if 0 <= n < 20:
        return _ORDINAL_UNITS[n]
    if 20 <= n < 100:
        tens, units = divmod(n, 10)
        if not units:
            return _ORDINAL_TENS.split()[tens]
        return f"{_TENS[tens]}-{_ORDINAL_UNITS[units]}"
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def roman(n: int) -> str:
    """An integer from 1 to 3999 in Roman numerals, as for section and figure numbers."""
    if not 0 < n < 4000:
        raise ValueError(f"no Roman numeral for {n}")
    parts = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        parts.append(numeral * count)
    return "".join(parts)


def as_date(value: dt.date | str) -> dt.date:
    """A date from a ``date`` or an ISO 8601 string ("2020-09-30")."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def date_text(value: dt.date | str) -> str:
    """A date as UN documents write it: "30 September 2020"."""
    day = as_date(value)
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def month_text(value: dt.date | str) -> str:
    """The month and year of a date: "September 2020"."""
    day = as_date(value)
    return f"{_MONTHS[day.month - 1]} {day.year}"
