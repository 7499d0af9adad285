"""Article references in the text of review outcomes: "(art. 5)", "(arts. 52, 54 and 55)",
"(art. 9, paras. 1 and 2)", "(arts. 5-6)", "article 46, paragraph 9 (b)", and their French and
Spanish forms. Paragraph and subparagraph numbers are dropped (GOLD.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEYWORD = re.compile(
    r"(?<![\w])(?:arts?\.|arts?(?=\s+\d)|articles?|art[íi]culos?)(?![\w])\s*", re.IGNORECASE
)
_TOKEN = re.compile(
    r"\s*(?:"
    r"(?P<number>\d{1,3})(?![\w/])"
    r"|(?P<range>[-–—]|to|à|al|a)(?=\s*\d)"
    r"|(?P<connector>,|and|et|y|&)"
    r"|(?P<qualifier>(?:sub)?paras?\.|(?:sub)?paragraphs?|par\.|p[áa]rrs?\.|p[áa]rrafos?|"
    r"al\.|alin[ée]as?|incisos?|apartados?|subpara\.|let\.|lit\.)"
    r"|(?P<letter>\([a-z]{1,4}\)|\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\))"
    r")",
    re.IGNORECASE,
)
# A parenthesised group, allowing one level of nested parentheses: "(art. 54, para. 1 (a))".
PAREN_GROUP = re.compile(r"\((?:[^()]|\([^()]*\))*\)")
_OF_OTHER_TEXT = re.compile(
    r"^\s*(?:,\s*)?(?:of|du|de|del)\s+"
    r"(?!(?:the\s+|la\s+|le\s+|l['’]\s*)?(?:united nations\s+)?(?:convention|convenci[oó]n))\w",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reference:
    """One article reference: where it is and the article numbers it names."""

    start: int
    end: int
    articles: tuple[int, ...]
    parenthesised: bool


def _numbers_after(text: str, pos: int) -> tuple[list[int], int]:
    """Read a list of article numbers starting at ``pos``; return them and where they end."""
    numbers: list[int] = []
    pending_range = False
    skipping = False
    end = pos
    while True:
        match = _TOKEN.match(text, end)
        if not match:
            break
        kind = match.lastgroup
        if kind == "qualifier":
            skipping = True
        elif kind == "number":
            value = int(match.group("number"))
            if skipping:
                pass
            elif pending_range and numbers:
                numbers.extend(range(numbers[-1] + 1, value + 1))
                pending_range = False
            else:
                numbers.append(value)
        elif kind == "range":
            if not skipping:
                pending_range = True
        elif kind == "letter" and not skipping:
            # "(b)" right after an article number belongs to a paragraph we do not keep.
            skipping = True
        end = match.end()
        if kind == "connector" and skipping:
            # "para. 4, and art. 13": a new keyword after the connector ends the skip.
            if _KEYWORD.match(text, end + len(text[end:]) - len(text[end:].lstrip())):
                break
    return numbers, end


def find_references(text: str) -> list[Reference]:
    """Every article reference in ``text``, in order."""
    found: list[Reference] = []
    groups = [(m.start(), m.end()) for m in PAREN_GROUP.finditer(text)]
    for keyword in _KEYWORD.finditer(text):
        numbers, end = _numbers_after(text, keyword.end())
        if not numbers:
            continue
        inside = any(start < keyword.start() < stop for start, stop in groups)
        if not inside and _OF_OTHER_TEXT.match(text[end:]):
            continue  # "article 5 of the Penal Code" names a national law, not the Convention
        found.append(Reference(keyword.start(), end, tuple(numbers), inside))
    return found


def parse(text: str) -> tuple[int, ...]:
    """The sorted, distinct article numbers that ``text`` refers to."""
    return tuple(sorted({n for ref in find_references(text) for n in ref.articles}))


def reference_groups(text: str) -> list[tuple[int, int, tuple[int, ...]]]:
    """Parenthesised groups that hold article references: (start, end, articles)."""
    result = []
    for match in PAREN_GROUP.finditer(text):
        articles = parse(match.group(0))
        if articles and _KEYWORD.search(match.group(0)[:12]):
            result.append((match.start(), match.end(), articles))
    return result
