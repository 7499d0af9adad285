"""From page text to blocks: lines with positions, running headers and footers removed,
footnotes set aside, wrapped lines and hyphenated words joined, bullets recognised.

Pure functions over strings; the ingest adapters have already turned files into pages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container
from dataclasses import dataclass, field

# --- lines --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    text: str  # without leading and trailing white space
    page: int
    start: int  # offset of text[0] in the document text
    indent: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def split_lines(pages: tuple[str, ...]) -> list[Line | None]:
    """Lines of all pages with page and offset; None stands for a blank line or a page break.

    Offsets are into ``"\\f".join(pages)``, the document text that spans refer to.
    """
    lines: list[Line | None] = []
    offset = 0
    for number, page in enumerate(pages, start=1):
        position = offset
        for raw in page.split("\n"):
            stripped = raw.strip()
            if stripped:
                lead = len(raw) - len(raw.lstrip())
                lines.append(Line(stripped.replace("\t", " "), number, position + lead, lead))
            else:
                lines.append(None)
            position += len(raw) + 1
        lines.append(None)
        offset += len(page) + 1
    return lines


# --- running headers, footers and footnotes -----------------------------------------------

_FURNITURE_TOKEN = re.compile(
    r"^(?:CAC/COSP/\S+|[A-Z]\.\d{2}-\d{4,6}|\([A-Z]\)|\d{6}|\d{1,3}/\d{1,3}|\*\d{5,}\*|"
    r"Page|\d{1,3})$"
)
_PAGE_NUMBER = re.compile(r"(?<![\w/])(\d{1,3})/(\d{1,3})(?![\w/])")
_DIGITS = re.compile(r"\d+")
# A footnote starts with its marker and a capital: "3 The Act was amended in 2019." A line
# such as "5 and 6);" that ends a wrapped reference is not one.
_FOOTNOTE = re.compile(r"^(?:\d{1,2}|\*{1,3}|[a-z])\s+[A-ZÀ-Ý«\"“]")
_NUMBERED_HEADING = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s")


def _is_furniture_text(text: str) -> bool:
    if len(text) > 80:
        return False
    tokens = text.split()
    if not tokens or not all(_FURNITURE_TOKEN.match(t) for t in tokens):
        return False
    # A line of bare small numbers is more likely a table row than a footer.
    return any(not t.isdigit() for t in tokens) or len(tokens) == 1


def _shape(text: str) -> str:
    return _DIGITS.sub("#", text.lower())


def _repeated_edges(lines: list[Line | None], pages: int) -> set[str]:
    """Shapes of lines that open or close many pages: running headers and footers."""
    if pages < 3:
        return set()
    edges: Counter[str] = Counter()
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        if line is not None:
            by_page.setdefault(line.page, []).append(line)
    for page_lines in by_page.values():
        for line in {*page_lines[:2], *page_lines[-2:]}:
            if not _NUMBERED_HEADING.match(line.text):  # "2.4. Technical assistance needs"
                edges[_shape(line.text)] += 1
    return {shape for shape, count in edges.items() if count >= max(3, pages // 2)}


@dataclass
class Cleaned:
    """Lines with running headers and footers removed and footnotes set aside."""

    lines: list[Line | None]
    footnotes: dict[int, list[str]] = field(default_factory=dict)  # page -> footnote markers
    page_numbers_from_footers: bool = False


def remove_furniture(lines: list[Line | None], pages: int) -> Cleaned:
    """Drop running headers and footers; set footnotes aside (they sit just above a footer).

    For a text dump that has lost its page breaks, the page of each line is taken from the
    "n/N" footers that close each page.
    """
    repeated = _repeated_edges(lines, pages)
    furniture = [
        line is not None
        and len(line.text) <= 80
        and (_is_furniture_text(line.text) or bool(repeated) and _shape(line.text) in repeated)
        for line in lines
    ]
    kept: list[Line | None] = []
    footnotes: dict[int, list[str]] = {}
    renumber = pages == 1 and _has_page_footers(lines, furniture)
    page_shift = 0
    for index, line in enumerate(lines):
        if line is None:
            kept.append(None)
            continue
        if furniture[index]:
            if renumber:
                match = _PAGE_NUMBER.search(line.text)
                if match and int(match.group(1)) <= int(match.group(2)):
                    page_shift = int(match.group(1))
            kept.append(None)
            continue
        if _FOOTNOTE.match(line.text) and _footer_follows(lines, furniture, index):
            footnotes.setdefault(line.page + page_shift, []).append(line.text.split()[0])
            kept.append(None)
            continue
        marker = _bare_marker_before(lines, furniture, index)
        if marker and _footer_follows(lines, furniture, index):
            # A footnote whose number stands on a line of its own, as PDF text often has it.
            footnotes.setdefault(line.page + page_shift, []).append(marker)
            kept.append(None)
            continue
        kept.append(Line(line.text, line.page + page_shift, line.start, line.indent))
    return Cleaned(kept, footnotes, renumber)


def _bare_marker_before(lines: list[Line | None], furniture: list[bool], index: int) -> str:
    """The footnote number alone on the line just before ``index``, if there is one."""
    before = lines[index - 1] if index else None
    if (
        before is not None
        and furniture[index - 1]
        and re.fullmatch(r"\d{1,2}|\*{1,3}", before.text)
    ):
        return before.text
    return ""


def _has_page_footers(lines: list[Line | None], furniture: list[bool]) -> bool:
    count = sum(
        1
        for line, is_furniture in zip(lines, furniture, strict=True)
        if is_furniture and line is not None and _PAGE_NUMBER.search(line.text)
    )
    return count >= 2


def _footer_follows(lines: list[Line | None], furniture: list[bool], index: int) -> bool:
    """True when only footnote-like lines, blanks and then a footer or the page end follow."""
    page = lines[index].page if lines[index] is not None else 0  # type: ignore[union-attr]
    for later in range(index + 1, min(len(lines), index + 12)):
        line = lines[later]
        if line is None:
            continue
        if furniture[later] or line.page != page:
            return True
        if not _FOOTNOTE.match(line.text) and len(line.text) > 0 and not _continues(line):
            return False
    return index + 12 >= len(lines)


def _continues(line: Line) -> bool:
    return line.text[:1].islower()


# --- blocks -------------------------------------------------------------------------------

BULLET = re.compile(
    r"^(?P<marker>[•●▪■◦○·∙\uf0b7\uf0a7\u2023\u2043*]|[-–—](?=\s)"
    r"|(?:\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)|(?:[a-z]|\d{1,2})\)|\d{1,2}\.)(?=\s+[\w«\"“(\[]))"
    r"\s*(?=\S)"
)
_CLASS_OF = {
    "•": "dot",
    "●": "dot",
    "▪": "dot",
    "■": "dot",
    "\uf0b7": "dot",
    "\uf0a7": "dot",
    "*": "dot",
    "·": "dot",
    "∙": "dot",
    "\u2023": "dot",
    "\u2043": "dot",
    "◦": "circle",
    "○": "circle",
    "-": "dash",
    "–": "dash",
    "—": "dash",
}


def marker_class(marker: str) -> str:
    """The kind of a bullet marker: dot, circle, dash, letter, roman or number."""
    if marker in _CLASS_OF:
        return _CLASS_OF[marker]
    inner = marker.strip("().")
    if inner.isdigit():
        return "number"
    if re.fullmatch(r"[ivx]+", inner) and inner not in ("i", "v", "x"):
        return "roman"
    return "letter"


@dataclass
class Block:
    """A paragraph, heading or bullet item, with its text joined from its lines."""

    text: str
    page: int
    start: int
    end: int
    indent: int
    marker: str | None = None
    breaks: list[int] = field(default_factory=list)  # where a new line began in ``text``

    @property
    def is_bullet(self) -> bool:
        return self.marker is not None


_KEEP_HYPHEN_SECOND = {
    "building",
    "making",
    "based",
    "related",
    "level",
    "term",
    "wide",
    "owned",
    "led",
    "specific",
    "sharing",
    "laundering",
    "corruption",
    "free",
    "oriented",
    "sensitive",
    "friendly",
    "agency",
    "governmental",
    "mandated",
    "trainer",
    "depth",
    "conviction",
    "sized",
    "scale",
    "border",
    "cutting",
    "tier",
    "site",
    "learning",
    "up",
    "money",
}
_KEEP_HYPHEN_FIRST = {"anti", "non", "self", "cross", "e", "well", "capacity", "decision", "peer"}
_WORD_END = re.compile(r"(\w+)-$")
_WORD_START = re.compile(r"^(\w+)")


def join_hyphenated(left: str, right: str, vocabulary: Container[str]) -> str:
    """Join two wrapped lines, undoing a hyphen that only split a word across the lines.

    The document's own vocabulary decides first ("decision-making" written whole elsewhere
    keeps its hyphen; "accession" elsewhere drops it); then common compound parts.
    """
    if left.endswith(("\u00ad", "\x02")):
        return left[:-1] + right
    if not left.endswith("-"):
        return left + " " + right
    end = _WORD_END.search(left[-60:])
    start = _WORD_START.match(right)
    if not end or not start or not right[:1].islower():
        return left + ("" if left.endswith(("-", "/")) and not end else " ") + right
    first, second = end.group(1).lower(), start.group(1).lower()
    if f"{first}-{second}" in vocabulary:
        return left + right
    if first + second in vocabulary:
        return left[:-1] + right
    if second in _KEEP_HYPHEN_SECOND or first in _KEEP_HYPHEN_FIRST:
        return left + right
    return left[:-1] + right


_WORD = re.compile(r"\w+(?:-\w+)*")


class Vocabulary:
    """Lower-case words and hyphenated compounds written whole within a line of the document,
    read only when a hyphen at a line end needs it."""

    def __init__(self, lines: list[Line | None]):
        self._lines = lines
        self._words: set[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            text = "\n".join(
                line.text[:-1] if line.text.endswith("-") else line.text
                for line in self._lines
                if line is not None
            ).lower()
            words = set(_WORD.findall(text))
            words.update(p for w in [w for w in words if "-" in w] for p in w.split("-"))
            self._words = words
        return word in self._words


def vocabulary(lines: list[Line | None]) -> Vocabulary:
    """The document's vocabulary, for deciding which line-end hyphens to keep."""
    return Vocabulary(lines)
