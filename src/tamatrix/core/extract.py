"""Rule-based extraction: a document's text -> needs, recommendations, good practices and
problems (CODEBOOK.md, FORMATS.md). Pure: the caller passes in the text, the States and the
classifier."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Protocol

from tamatrix.core import articles as refs
from tamatrix.core import convention, layout, structure
from tamatrix.core.classify import match_form
from tamatrix.core.language import detect
from tamatrix.core.records import Extraction, Finding, Need, Problem, SourceText
from tamatrix.core.states import StateIndex

SUPPORTED_LANGUAGES = ("en", "fr", "es")


class Coded(Protocol):
    """The coding of one need, as a classifier returns it (read-only)."""

    @property
    def primary_category(self) -> str: ...
    @property
    def secondary_categories(self) -> tuple[str, ...]: ...
    @property
    def subcategory(self) -> str | None: ...
    @property
    def form(self) -> str | None: ...
    @property
    def confidence(self) -> float: ...
    @property
    def method(self) -> str: ...
    @property
    def explanation(self) -> str: ...


class Coder(Protocol):
    """Codes the text of one need (``core.classify.Classifier`` implements it)."""

    def classify(
        self, text: str, language: str | None = None, first_cycle_form: bool = False
    ) -> Coded: ...


@dataclass(frozen=True)
class Overrides:
    """What the user says about a document, which wins over what is read from it."""

    state: str | None = None
    cycle: int | None = None
    date: dt.date | None = None
    language: str | None = None


# --- metadata -----------------------------------------------------------------------------

SYMBOL = re.compile(r"\bCAC/COSP/IRG/(?:(?P<cycle>I{1,2})/)?[\w./]*\d(?:/Add\.\d+)?")
_MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ],
            start=1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ],
            start=1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            [
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ],
            start=1,
        )
    },
    "fevrier": 2,
    "aout": 8,
    "decembre": 12,
    "setiembre": 9,
}
_DATE = re.compile(
    r"(?<![\d–\-])(?P<day>\d{1,2})(?:er)?\s+(?:de\s+)?(?P<month>[a-zéû]+)\s+(?:de\s+)?"
    r"(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_TITLE = re.compile(
    r"(?:executive summary|r[ée]sum[ée] analytique|resumen(?: ejecutivo)?)\s*"
    r"(?:(?:of|for|on|concerning)\s+|[:\-–—]\s*|(?:de|del|de la|du|des|de l['’])\s+)+"
    r"(?P<name>[^\n]{3,80})",
    re.IGNORECASE,
)


def find_symbol(text: str) -> str | None:
    match = SYMBOL.search(text[:5000])
    return match.group(0) if match else None


def find_date(front: str) -> dt.date | None:
    """The date of issue: the first full date in the front matter that is not part of a range
    (such as the dates of a session)."""
    for match in _DATE.finditer(front):
        month = _MONTHS.get(match.group("month").lower())
        if month is None:
            continue
        try:
            return dt.date(int(match.group("year")), month, int(match.group("day")))
        except ValueError:
            continue
    return None


def find_state(text: str, states: StateIndex) -> tuple[str | None, str | None, list[str]]:
    """(code, name as written, other candidates) of the State whose review this is."""
    for match in _TITLE.finditer(text[:20000]):
        name = re.split(r"\s{3,}|[.;]\s", match.group("name").strip())[0].strip(" .:")
        state = states.lookup(name)
        if state is None:
            named = states.find_in(name)
            state = states.get(named[0]) if len(named) == 1 else None
        if state is not None:
            return state.iso3, name, []
    mentions = Counter(code for code in states.find_in(text[:20000]))
    if len(mentions) == 1:
        code = next(iter(mentions))
        state = states.get(code)
        return code, state.name if state else None, []
    return None, None, sorted(mentions)


def _cycle_from(symbol: str | None, chapters: dict[str, int]) -> int | None:
    if symbol:
        match = SYMBOL.match(symbol)
        if match and match.group("cycle"):
            return len(match.group("cycle"))
    cycles = {convention.cycle_of_chapter(c) for c in chapters} - {None}
    return cycles.pop() if len(cycles) == 1 else None


# --- items -> records -----------------------------------------------------------------------

_FORM_LINE = re.compile(
    r"^(?P<label>(?:articles?|arts?\.|art[íi]culos?)\s+\d[\d\s,y&et and–\-]*?)"
    r"\s*[:–—]\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_JOINER = re.compile(
    r"^\s*(?:;\s*)?(?:,\s*)?(?:and|as well as|et|ainsi que|y|así como|e)\s+(?=\S)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Piece:
    text: str
    start: int
    end: int
    form_line: bool = False


def _form_parts(rest: str) -> list[str]:
    """The forms listed after "Article N:", split at semicolons, and at commas or "and" when
    every piece is itself a form ("legal advice, model legislation and legislative drafting")."""
    parts = []
    for part in rest.split(";"):
        pieces = re.split(r",\s*|\s+(?:and|et|y)\s+(?=\S)", part)
        if len(pieces) > 1 and all(match_form(clean_text(p)) for p in pieces if p.strip()):
            parts.extend(pieces)
        else:
            parts.append(part)
    return parts


def clean_text(text: str) -> str:
    """The item as the codebook writes it: no closing ';' or '.', single spaces."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(?:[;,]\s*|\s+)(?:and|et|y|or)$", "", text).strip()
    while text.endswith((";", ".", ",")) and not re.search(r"\b(?:e\.g|i\.e|etc)\.$", text):
        text = text[:-1].rstrip()
    return text


def split_item(item: structure.Item) -> list[Piece]:
    """One item may hold several needs: per-article forms of the first cycle
    ("Article 16: legal advice; model legislation") or two requests with their own
    references ("training of auditors (art. 9) and a review of the law (art. 9)")."""
    own = item.text[len(item.lead_in) + 1 :] if item.lead_in else item.text
    prefix = f"{item.lead_in} " if item.lead_in else ""
    form = _FORM_LINE.match(own)
    if form and not item.lead_in:
        label = form.group("label").strip()
        rest_start = item.start + form.start("rest")
        pieces = []
        offset = 0
        for part in _form_parts(form.group("rest")):
            text = clean_text(part)
            if text:
                local = form.group("rest").index(part.strip(), offset) if part.strip() else offset
                pieces.append(
                    Piece(
                        f"{label}: {text}",
                        rest_start + local,
                        rest_start + local + len(part.strip()),
                        True,
                    )
                )
            offset += len(part) + 1
        return pieces
    groups = refs.reference_groups(own)
    pieces = []
    cursor = 0
    for index, (_start, stop, _numbers) in enumerate(groups):
        if index == len(groups) - 1:
            break
        after = own[stop:]
        joiner = _JOINER.match(after)
        if joiner and len(own[cursor:stop].split()) >= 3:
            pieces.append(Piece(own[cursor:stop], item.start + cursor, item.start + stop))
            cursor = stop + joiner.end()
    pieces.append(Piece(own[cursor:], item.start + cursor, item.end))
    return [
        Piece(clean_text(prefix + p.text), p.start, p.end) for p in pieces if clean_text(p.text)
    ]


def _articles_of(text: str, lead_in: str) -> tuple[int, ...]:
    found = refs.parse(text)
    if not found and lead_in:
        found = refs.parse(lead_in)
    return found


def _chapter_for(section_chapter: str | None, numbers: tuple[int, ...]) -> str | None:
    if section_chapter:
        return section_chapter
    chapters = Counter(convention.chapter_of(n) for n in numbers if convention.is_article(n))
    return chapters.most_common(1)[0][0] if chapters else None


def _article_problems(
    numbers: tuple[int, ...], chapter: str, cycle: int | None, page: int, what: str
) -> tuple[tuple[int, ...], list[Problem]]:
    kept: list[int] = []
    problems: list[Problem] = []
    for number in numbers:
        if not convention.is_article(number):
            problems.append(
                Problem(
                    "unknown-article",
                    f"{what} refers to article {number}, which the Convention "
                    "does not have; the reference was dropped",
                    page,
                )
            )
            continue
        kept.append(number)
        if cycle is not None and number not in convention.cycle(cycle).articles:
            problems.append(
                Problem(
                    "article-outside-cycle",
                    f"{what} refers to article {number}, which cycle {cycle} does not review",
                    page,
                )
            )
        elif convention.chapter_of(number) != chapter:
            problems.append(
                Problem(
                    "article-outside-chapter",
                    f"{what} in chapter {chapter} refers to article {number} "
                    f"of chapter {convention.chapter_of(number)}",
                    page,
                )
            )
    return tuple(kept), problems


# --- the whole document -----------------------------------------------------------------------


def extract(
    source: SourceText,
    states: StateIndex,
    coder: Coder,
    overrides: Overrides | None = None,
    file_name: str | None = None,
) -> Extraction:
    """Read one document: its metadata, needs, recommendations, good practices and problems."""
    overrides = overrides or Overrides()
    problems: list[Problem] = list(source.problems)
    text = source.text
    language, _confidence = detect(text)
    language = overrides.language or language
    symbol = find_symbol(text)
    front = "\n".join(source.pages[:2])[:6000]
    date = overrides.date or find_date(front)
    state, state_name, candidates = find_state(text, states)
    if overrides.state:
        known = states.lookup(overrides.state)
        state, state_name = (known.iso3, known.name) if known else (overrides.state, None)
    elif state is None:
        if candidates:
            problems.append(
                Problem(
                    "several-states",
                    "the document names several States and no title says whose "
                    f"review it is: {', '.join(candidates)}; use --state",
                    1,
                )
            )
        else:
            problems.append(
                Problem(
                    "unknown-state",
                    "no State party recognised in the title or text; use --state",
                    1,
                )
            )
    if language not in SUPPORTED_LANGUAGES:
        problems.append(
            Problem(
                "unsupported-language",
                f"the document is in {language or 'an unrecognised language'}; "
                "ta-matrix reads English, French and Spanish, so nothing was "
                "extracted",
                1,
            )
        )
        cycle = overrides.cycle or _cycle_from(symbol, {})
        return Extraction(
            state,
            cycle,
            language,
            symbol,
            date,
            state_name,
            problems=_with_file(problems, file_name),
        )
    if date is None:
        problems.append(
            Problem("missing-date", "no date of issue found in the front matter; use --date", 1)
        )

    cleaned = layout.remove_furniture(layout.split_lines(source.pages), len(source.pages))
    vocabulary = layout.vocabulary(cleaned.lines)
    blocks = structure.build_blocks(cleaned.lines, source.format in ("docx", "html"), vocabulary)
    plan = structure.outline(blocks)
    if not plan.chapters and not any(s.kind != "other" for s in plan.sections):
        problems.insert(
            len(source.problems),
            Problem(
                "not-an-executive-summary",
                "no chapter or section heading of an executive summary was found, so nothing "
                "was extracted",
                1,
            ),
        )
        return Extraction(
            state,
            overrides.cycle,
            language,
            symbol,
            date,
            state_name,
            problems=_with_file(problems, file_name),
        )
    cycle = overrides.cycle or _cycle_from(symbol, plan.chapters)
    if cycle is None:
        problems.append(
            Problem(
                "unknown-cycle",
                "neither the symbol nor the chapters tell the review cycle; use --cycle",
                1,
            )
        )
    footnote_marks = {m for marks in cleaned.footnotes.values() for m in marks if m.isdigit()}
    needs: list[Need] = []
    recommendations: list[Finding] = []
    good_practices: list[Finding] = []
    for section in plan.sections:
        if section.kind not in ("needs", "challenges", "good_practices"):
            continue
        for item in structure.items(section):
            item = _without_footnote_marks(item, footnote_marks)
            if section.kind == "needs":
                for piece in split_item(item):
                    need, found = _need(piece, item, section.chapter, cycle, language, coder)
                    problems.extend(found)
                    if need is not None:
                        needs.append(need)
            else:
                finding, found = _finding(item, section.chapter, cycle, section.kind)
                problems.extend(found)
                if finding is not None:
                    (recommendations if section.kind == "challenges" else good_practices).append(
                        finding
                    )
    problems.extend(_missing_sections(plan, cycle))
    return Extraction(
        state=state,
        cycle=cycle,
        language=language,
        symbol=symbol,
        date=date,
        state_name=state_name,
        needs=tuple(needs),
        recommendations=tuple(recommendations),
        good_practices=tuple(good_practices),
        problems=_with_file(problems, file_name),
        chapters=tuple(plan.chapters),
    )


def _without_footnote_marks(item: structure.Item, marks: set[str]) -> structure.Item:
    if not marks:
        return item
    pattern = r"(?<=[A-Za-z\)\.;,])(?:" + "|".join(sorted(marks)) + r")(?=[\s;,.:]|$)"
    text = re.sub(pattern, "", item.text)
    return structure.Item(text, item.page, item.start, item.end, item.lead_in)


def _need(
    piece: Piece,
    item: structure.Item,
    section_chapter: str | None,
    cycle: int | None,
    language: str | None,
    coder: Coder,
) -> tuple[Need | None, list[Problem]]:
    numbers = _articles_of(piece.text, item.lead_in)
    chapter = _chapter_for(section_chapter, numbers)
    if chapter is None:
        return None, [
            Problem(
                "chapter-not-found",
                f"a need outside any chapter and without article references was "
                f"skipped: {piece.text[:80]}",
                item.page,
            )
        ]
    numbers, problems = _article_problems(numbers, chapter, cycle, item.page, "a need")
    coding = coder.classify(piece.text, language, first_cycle_form=piece.form_line or cycle == 1)
    return Need(
        chapter=chapter,
        articles=numbers,
        text=piece.text,
        primary_category=coding.primary_category,
        secondary_categories=tuple(coding.secondary_categories),
        subcategory=coding.subcategory,
        form=coding.form,
        page=item.page,
        start=piece.start,
        end=piece.end,
        confidence=round(coding.confidence, 4),
        method=coding.method,
        explanation=coding.explanation,
    ), problems


def _finding(
    item: structure.Item, section_chapter: str | None, cycle: int | None, kind: str
) -> tuple[Finding | None, list[Problem]]:
    text = clean_text(item.text)
    numbers = _articles_of(text, item.lead_in)
    chapter = _chapter_for(section_chapter, numbers)
    what = "a recommendation" if kind == "challenges" else "a good practice"
    if chapter is None or not text:
        return None, []
    numbers, problems = _article_problems(numbers, chapter, cycle, item.page, what)
    return Finding(chapter, numbers, text, item.page, item.start, item.end), problems


def _missing_sections(plan: structure.Outline, cycle: int | None) -> list[Problem]:
    expected = convention.cycle(cycle).chapters if cycle else tuple(plan.chapters)
    problems = []
    for chapter in expected:
        if chapter not in plan.chapters:
            problems.append(
                Problem(
                    "chapter-not-found",
                    f"no heading for chapter {chapter}, which cycle {cycle} reviews",
                    None,
                )
            )
            continue
        if not any(s.kind == "needs" and s.chapter == chapter for s in plan.sections):
            problems.append(
                Problem(
                    "needs-section-not-found",
                    f"chapter {chapter} has no section on technical assistance "
                    "needs; none were counted for it",
                    plan.chapters[chapter],
                )
            )
    return problems


def _with_file(problems: list[Problem], file_name: str | None) -> tuple[Problem, ...]:
    return tuple(Problem(p.code, p.message, p.page, file_name) for p in problems)
