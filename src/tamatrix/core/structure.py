"""The structure of an executive summary: blocks, headings of chapters and sections, and the
items (bullets or paragraphs) of each section. Pure functions; see FORMATS.md."""

from __future__ import annotations

import functools
import re
from collections.abc import Container
from dataclasses import dataclass, field

from tamatrix.core import convention
from tamatrix.core.layout import BULLET, Block, Line, join_hyphenated, marker_class

_NUMBERING = re.compile(r"^(?:(?:\d{1,2}\.)+\d{0,2}\.?|[IVX]{1,4}\.|[A-H]\.|\([a-z]\))\s+")
_CHAPTER = re.compile(
    r"^(?:chapter|chapitre|cap[íi]tulo)\s+(?P<numeral>[IVX]{1,4}|\d)\b\s*(?P<sep>[:.\-–—]?)\s*"
    r"(?P<title>.*)$",
    re.IGNORECASE,
)
_SECTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "needs",
        re.compile(
            r"^(?:technical assistance needs|needs for technical assistance|"
            r"besoins (?:en matière )?d['’]assistance technique|"
            r"necesidades (?:de|en materia de) asistencia t[ée]cnica)",
            re.IGNORECASE,
        ),
    ),
    (
        "good_practices",
        re.compile(
            r"^(?:successes and good practices|good practices|succ[èe]s et bonnes pratiques|"
            r"bonnes pratiques|logros y buenas pr[áa]cticas|[ée]xitos y buenas pr[áa]cticas|"
            r"buenas pr[áa]cticas)",
            re.IGNORECASE,
        ),
    ),
    (
        "challenges",
        re.compile(
            r"^(?:challenges in implementation|challenges|"
            r"difficult[ée]s (?:rencontr[ée]es )?(?:dans|lors de) (?:l['’]application|la mise)|"
            r"difficult[ée]s|probl[èe]mes rencontr[ée]s|"
            r"problemas (?:encontrados )?en la aplicaci[óo]n|dificultades|retos|desaf[íi]os)",
            re.IGNORECASE,
        ),
    ),
    (
        "observations",
        re.compile(
            r"^(?:observations on the implementation|observations sur l['’]application|"
            r"observaciones sobre la aplicaci[óo]n)",
            re.IGNORECASE,
        ),
    ),
    (
        "other",
        re.compile(
            r"^(?:executive summary|introduction|r[ée]sum[ée] analytique|introducci[óo]n|"
            r"resumen(?: ejecutivo)?|note by the secretariat|contents)\b",
            re.IGNORECASE,
        ),
    ),
)


@dataclass(frozen=True)
class Heading:
    kind: str  # "chapter" or "section"
    value: str  # the chapter numeral, or the section kind


_HEADING_WORDS = re.compile(
    r"chap|cap[íi]t|techn|need|besoin|necesid|succ|good|logro|[ée]xito|buena|bonne|challeng|"
    r"difficult|probl|dificult|reto|desaf|observ|execut|introd|r[ée]sum|note|content",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=8192)
def heading(text: str) -> Heading | None:
    """The chapter or section heading that ``text`` is, if it is one."""
    if len(text) > 170 or text.endswith((";", ",")) or not _HEADING_WORDS.search(text, 0, 60):
        return None
    body = _NUMBERING.sub("", text, count=1)
    chapter = _CHAPTER.match(body)
    if chapter and (chapter.group("sep") or not chapter.group("title")) and len(body) < 110:
        numeral = chapter.group("numeral").upper()
        if numeral.isdigit():
            numeral = convention.roman(int(numeral)) if 1 <= int(numeral) <= 8 else numeral
        if numeral in {c.numeral for c in convention.CHAPTERS}:
            return Heading("chapter", numeral)
    words = body.split()
    if len(words) > 18 or re.search(r"\b(were|was|has|have|ont|été|fueron|han)\b", body):
        return None
    for kind, pattern in _SECTIONS:
        if pattern.match(body):
            if kind == "other" and len(words) > 8 and ":" not in body:
                return None
            return Heading("section", kind)
    return None


# --- blocks ------------------------------------------------------------------------------

_TERMINAL = (".", ";", ":", "!", "?")
_LONE_MARKERS = "•●▪\uf0b7-–"
_ABBREVIATION_END = re.compile(r"\b(?:arts?|paras?|subparas?|No|e\.g|i\.e|par|párr|St|Mr|Ms|Dr)\.$")


def build_blocks(
    lines: list[Line | None], hard_breaks: bool, vocabulary: Container[str]
) -> list[Block]:
    """Group lines into blocks: a bullet, a heading, or a paragraph.

    ``hard_breaks`` is true for sources whose lines are whole paragraphs (Word, HTML).
    """
    blocks: list[Block] = []
    current: Block | None = None
    current_is_heading = False
    blank_before = True
    pending_marker: str | None = None
    for line in lines:
        if line is None:
            blank_before = True
            continue
        text = line.text
        start = line.start
        is_heading = heading(text) is not None
        bullet = None if is_heading else BULLET.match(text)
        if bullet is None and pending_marker is None and len(text) == 1 and text in _LONE_MARKERS:
            pending_marker = text  # a bullet drawn apart from its text
            continue
        marker = bullet.group("marker") if bullet else pending_marker
        if bullet:
            start += bullet.end()
            text = text[bullet.end() :]
        new = (
            current is None
            or (hard_breaks and not _continues_on_next_page(current, line, is_heading))
            or marker is not None
            or is_heading
            or (current_is_heading and not _heading_continues(current, text, blank_before))
            or (
                not current_is_heading
                and blank_before
                and not _continues_after_break(current, text)
            )
            or (
                not current_is_heading
                and not blank_before
                and _ends_sentence(current.text)
                and text[:1].isupper()
                and not current.is_bullet
            )
            or (
                current.is_bullet
                and not blank_before
                and current.text.endswith(".")
                and _looks_like_new_paragraph(text)
            )
        )
        if new:
            current = Block(text, line.page, start, line.end, line.indent, marker)
            blocks.append(current)
            current_is_heading = is_heading
        else:
            assert current is not None
            current.breaks.append(len(current.text))
            current.text = join_hyphenated(current.text, text, vocabulary)
            current.end = line.end
        pending_marker = None
        blank_before = False
    return blocks


def _heading_continues(current: Block, text: str, blank_before: bool) -> bool:
    if blank_before or current.text.endswith(_TERMINAL) or BULLET.match(text):
        return False
    return len(text.split()) <= 5 and not text.endswith(":")


def _continues_after_break(current: Block, text: str) -> bool:
    """A block split by a page break or a footnote goes on in lower case or mid-sentence;
    a bullet that has not ended (items end with ';' or '.') goes on whatever the case."""
    if current.text.endswith("-"):
        return True
    if current.text.endswith(_TERMINAL):
        return False
    if current.is_bullet or _ENDS_MID_PHRASE.search(current.text[-12:]):
        return True
    return text[:1].islower() or text[:1] in "(0123456789"


_ENDS_MID_PHRASE = re.compile(
    r"\b(?:the|of|and|for|in|on|to|with|a|an|by|its|their|or|le|la|les|de|des|du|et|en|"
    r"el|los|las|del|y|para|con|por)$",
    re.IGNORECASE,
)


def _continues_on_next_page(current: Block, line: Line, is_heading: bool) -> bool:
    """In Word and HTML each line is a paragraph, except where a page break split one."""
    return (
        line.page != current.page
        and not is_heading
        and not current.text.endswith(_TERMINAL)
        and not BULLET.match(line.text)
    )


def _ends_sentence(text: str) -> bool:
    return text.endswith(_TERMINAL) and not _ABBREVIATION_END.search(text[-12:])


def _looks_like_new_paragraph(text: str) -> bool:
    return text[:1].isupper() and len(text.split()) > 3


# --- sections and items ---------------------------------------------------------------------


@dataclass
class Section:
    chapter: str | None
    kind: str
    page: int
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Outline:
    """The chapters found (numeral -> page of the heading) and the sections under them."""

    chapters: dict[str, int] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)


def outline(blocks: list[Block]) -> Outline:
    """Assign every block to the section (and chapter) whose heading precedes it."""
    result = Outline()
    chapter: str | None = None
    section: Section | None = None
    for block in blocks:
        found = None if block.is_bullet else heading(block.text)
        if found and found.kind == "chapter":
            chapter = found.value
            result.chapters.setdefault(chapter, block.page)
            section = None
        elif found:
            if section is not None and section.kind == found.value and section.chapter == chapter:
                continue  # the heading repeated at the top of a new page
            section = Section(chapter, found.value, block.page)
            result.sections.append(section)
        elif section is not None:
            section.blocks.append(block)
    return result


@dataclass(frozen=True)
class Item:
    """One bullet or paragraph of a section, with the lead-in it hangs from, if any."""

    text: str
    page: int
    start: int
    end: int
    lead_in: str = ""


_LEAD_SENTENCE = re.compile(
    r"\b(following|suivant(?:e|s|es)?|siguientes?|recommended|recommand[ée]|recomienda|"
    r"identified|indicated|requested|recens[ée]s|indiqu[ée]|solicit[óo]|señal[óo]|"
    r"would (?:help|benefit)|noted|relev[ée]s|observ[ée]s)\b",
    re.IGNORECASE,
)
NONE_STATEMENT = re.compile(
    r"^(?:no technical assistance needs|no needs|none\b|n/a\b|not applicable|"
    r"aucun(?:e)? besoin|n[ée]ant|ninguna|no se (?:han )?(?:detectado|identificado|determinado)|"
    r"no se detectaron)",
    re.IGNORECASE,
)


def _is_lead(text: str) -> bool:
    """A sentence that introduces the items below it rather than being one."""
    if text.endswith(":") and len(text.split()) < 40:
        return True
    return bool(_FOLLOWING.search(text)) and not re.search(r"\d", text)


_FOLLOWING = re.compile(r"\b(following|suivant(?:e|s|es)?|siguientes?)\b", re.IGNORECASE)


def items(section: Section) -> list[Item]:
    """The items of a section: its bullets (sub-bullets joined to their lead-in), or, when it
    has no bullets, its paragraphs. Lead sentences and "none" statements are not items."""
    blocks = [b for b in section.blocks if not NONE_STATEMENT.match(b.text)]
    if not any(b.is_bullet for b in blocks):
        return [Item(b.text, b.page, b.start, b.end) for b in blocks if not _is_lead(b.text)]
    found: list[Item] = []
    top_class: str | None = None
    top_indent = 0
    lead_in: Block | None = None
    lead_in_level = 0
    for block in blocks:
        if not block.is_bullet:
            if block.text.endswith(":") and not _LEAD_SENTENCE.search(block.text):
                lead_in, lead_in_level = block, 0  # a paragraph lead-in for the bullets below
            else:
                lead_in = None
            continue
        kind = marker_class(block.marker or "")
        if top_class is None:
            top_class, top_indent = kind, block.indent
        is_sub = lead_in is not None and (
            lead_in_level == 0
            or kind != top_class
            or block.indent > top_indent + 2
            or block.text[:1].islower()
        )
        if is_sub and lead_in is not None:
            found.append(
                Item(
                    f"{lead_in.text} {block.text}", block.page, block.start, block.end, lead_in.text
                )
            )
            continue
        if block.text.endswith(":"):
            lead_in, lead_in_level = block, 1
            continue
        lead_in = None
        found.append(Item(block.text, block.page, block.start, block.end))
    return found
