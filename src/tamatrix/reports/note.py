"""Drafting the Secretariat's analytical note from the figures: a pure function to a document model.

``draft(figures, examples, meta)`` returns a ``Note``: numbered sections with numbered
paragraphs, sub-headings, footnotes and numbered figures (each a Vega-Lite specification with
the table of its data). The renderers in ``render.py`` turn it into HTML, Word or PDF.

The note follows the structure of the Secretariat's analyses (introduction with coverage and
the comparison with the previous analysis; overview by chapter, category and regional group;
one section per chapter of the cycle; capacity-building sub-categories; cross-cutting needs;
issues for further consideration) but its sentences are its own. Figures in prose follow
United Nations style (``style.py``); counting follows CODEBOOK.md.

``examples`` maps a chapter numeral to need texts, in the order to quote them. They are quoted
anonymously: every name listed in ``meta["state_names"]`` becomes "the State", and article
references are dropped. An example that cites an article of a group in ``article_groups`` is
quoted under that group, any other under its chapter.

When the figures hold a "supply" entry (``pipeline.report.supply_figures``: the matrix of needs
and of the assistance offered and delivered), a section on the needs and the assistance available
comes before the issues for further consideration, and the summary says how many needs were
covered; without it the note is drafted as before.

``meta`` keys, all optional: ``title``, ``subtitle``, ``symbol``, ``date`` (of the document),
``body``, ``session``, ``agenda_item``, ``state_names``, ``states_parties`` (how many States
are parties to the Convention) and ``max_examples`` (per chapter or group; default 3).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import altair as alt

from tamatrix.core import articles as article_refs
from tamatrix.core import convention
from tamatrix.core.states import group_name
from tamatrix.reports import charts
from tamatrix.reports.style import (
    capitalize,
    date_text,
    digits,
    join_list,
    lower_first,
    number_words,
    ordinal,
    per_cent,
    plural,
    roman,
    sentence_start,
)

Figures = Mapping[str, Any]
Spec = dict[str, Any]

COUNTING_NOTE = (
    "A need that names several articles is counted once for each of them in the figures and "
    "tables by article, which therefore add up to more than the number of needs; a need that "
    "names no article is shown as “general”."
)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of prose, numbered in the body of the note, with its footnote numbers."""

    text: str
    number: int | None = None
    footnotes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Heading:
    """A sub-heading inside a section."""

    text: str


@dataclass(frozen=True)
class Table:
    """The data of a figure as a table: digits only, one header row."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A numbered figure: its title, the chart's Vega-Lite specification and its data table."""

    number: int
    title: str
    chart: Spec = field(compare=False)
    table: Table
    description: str = ""

    @property
    def label(self) -> str:
        """How the figure is named in the text: "Figure IV"."""
        return f"Figure {roman(self.number)}"


Block = Paragraph | Heading | Figure


@dataclass(frozen=True)
class Section:
    """A numbered section of the note with its blocks in reading order."""

    number: int
    heading: str
    blocks: tuple[Block, ...]

    @property
    def label(self) -> str:
        """The heading with its Roman numeral: "II. Overview of the needs identified"."""
        return f"{roman(self.number)}. {self.heading}"


@dataclass(frozen=True)
class Footnote:
    """A footnote, numbered across the whole note."""

    number: int
    text: str


@dataclass(frozen=True)
class Note:
    """The drafted note: masthead lines, title, summary, sections and footnotes."""

    title: str
    subtitle: str
    masthead: tuple[str, ...]
    summary: tuple[str, ...]
    sections: tuple[Section, ...]
    footnotes: tuple[Footnote, ...]
    data: Mapping[str, Any] = field(compare=False, default_factory=dict)
    language: str = "en"

    @property
    def figures(self) -> tuple[Figure, ...]:
        """Every figure of the note, in order."""
        return tuple(b for s in self.sections for b in s.blocks if isinstance(b, Figure))

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every paragraph of the body, in order."""
        return tuple(b for s in self.sections for b in s.blocks if isinstance(b, Paragraph))

    def prose(self) -> Iterator[str]:
        """Every piece of running text: title, summary, headings, paragraphs and footnotes."""
        yield self.title
        yield from self.summary
        for section in self.sections:
            yield section.heading
            for block in section.blocks:
                if isinstance(block, Paragraph | Heading):
                    yield block.text
                else:
                    yield block.title
        for note in self.footnotes:
            yield note.text


class _Numbering:
    """Running numbers for paragraphs, figures and footnotes while a note is drafted."""

    def __init__(self) -> None:
        self.paragraphs = 0
        self.figures = 0
        self.footnotes: list[Footnote] = []

    def paragraph(self, sentences: Sequence[str], notes: Sequence[str] = ()) -> Paragraph:
        """A numbered paragraph from sentences, with new footnotes attached at its end."""
        self.paragraphs += 1
        numbers = []
        for text in notes:
            self.footnotes.append(Footnote(len(self.footnotes) + 1, text))
            numbers.append(len(self.footnotes))
        return Paragraph(" ".join(sentences), self.paragraphs, tuple(numbers))

    def figure(self, title: str, chart: alt.TopLevelMixin, table: Table) -> Figure:
        """The next numbered figure."""
        self.figures += 1
        spec = charts.spec(chart)
        return Figure(self.figures, title, spec, table, str(spec.get("description", "")))


# --- phrasing helpers -----------------------------------------------------------------------


def _count(figure: float) -> str:
    """A count or an average for prose: words below 10 for whole numbers, else digits."""
    if float(figure).is_integer():
        return number_words(int(figure))
    return f"{figure:,.1f}"


def _chapter(figures: Figures, numeral: str) -> str:
    """ "chapter II (Preventive measures)"."""
    return f"chapter {numeral} ({charts.chapter_title(figures, numeral)})"


def _group(region: Mapping[str, Any]) -> str:
    """ "the Group of African States"."""
    name = region.get("name") or group_name(region["region"])
    return f"the Group of {name}"


def _share(part: float, whole: float) -> float:
    """``part`` as a percentage of ``whole`` (0 when the whole is 0)."""
    return 100 * part / whole if whole else 0.0


def _in_cycle(figures: Figures) -> str:
    """ " in the second review cycle", or nothing when the cycle is not known."""
    number = figures.get("cycle")
    return f" in the {ordinal(number)} review cycle" if number else ""


def _article(row: Mapping[str, Any]) -> str:
    """ "article 5 (Preventive anti-corruption policies and practices) with 42 needs"."""
    title = row.get("title") or convention.article(row["article"]).title
    return f"article {row['article']} ({title}) with {plural(row['needs'], 'need')}"


def _opening(n: int, noun: str, plural_form: str | None = None) -> str:
    """A count to open a sentence: "Twenty-three States", or "A total of 260 needs" from 100."""
    counted = plural(n, noun, plural_form)
    return f"A total of {counted}" if n >= 100 else sentence_start(counted)


def _changed(before: int, after: int, per: float | None) -> str:
    """ "rose by 44 per cent (from 180 to 260)", "fell ...", "remained at 144"."""
    if before == after:
        return f"remained at {number_words(after)}"
    verb = "rose" if after > before else "fell"
    span = f"from {number_words(before)} to {number_words(after)}"
    if per is None:
        return f"{verb} {span}"
    return f"{verb} by {per_cent(abs(per))} ({span})"


# --- anonymised examples -------------------------------------------------------------------

_SINGLE_DIGIT = re.compile(
    r"(?<![\w.,/-])(?<!article )(?<!articles )(?<!art\. )(?<!para\. )(?<!paragraph )"
    r"(?<!chapter )(?<!resolution )(?<!No\. )([1-9])(?= [a-z])"
)
_DEMONYM = r"(?:n|an|ian|ean|ese|i|ish|ic|ien|ienne)s?"
_GERUND_FOLLOWERS = {"the", "a", "an", "its", "their", "national", "public", "existing", "new"}
_OPENERS = (
    ("One State requested", "One State expressed the need", "One State requested support in"),
    ("Another State asked for", "Another State reported the need", "Another State sought help in"),
    (
        "A further State sought",
        "A further State indicated the need",
        "A further State asked for help in",
    ),
)


def anonymise(text: str, state_names: Sequence[str]) -> str:
    """The text with every given State name (and its possessive) replaced by "the State"."""
    for name in sorted(set(state_names), key=lambda n: (-len(n), n)):
        if not name.strip():
            continue
        text = re.sub(rf"\b{re.escape(name)}(?:'s|’s)?(?!\w)", _state_sub, text, flags=re.I)
        # Demonyms give the State away too: "Kenyan", "Brazilian", "Sudanese", "Italian".
        stems = {name, name[:-1]} if name[-1:] in "aeoy" else {name}
        for stem in sorted(stems, key=len, reverse=True):
            text = re.sub(rf"\b{re.escape(stem)}{_DEMONYM}\b", "national", text, flags=re.I)
    return re.sub(r"\b[Tt]he the State", "the State", text)


def _state_sub(match: re.Match[str]) -> str:
    """Replacement for a State name: "the State" or "the State's"."""
    return "the State's" if match.group(0)[-2:] in ("'s", "’s") else "the State"


def _clean_example(text: str, state_names: Sequence[str]) -> str:
    """A need text ready to follow a verb: anonymised, without references, lower-cased start."""
    text = anonymise(" ".join(text.split()), state_names)
    for start, end, _ in reversed(article_refs.reference_groups(text)):
        text = text[:start].rstrip() + text[end:]
    text = re.sub(r"^[\s\-–—•*·]+|[\s;:,.]+$", "", text)
    text = _SINGLE_DIGIT.sub(lambda m: number_words(int(m.group(1))), text)
    return lower_first(text)


def example_sentence(text: str, index: int, state_names: Sequence[str]) -> str:
    """One anonymised example as a sentence: "One State requested training of auditors."."""
    clause = _clean_example(text, state_names)
    noun, infinitive, gerund = _OPENERS[index % len(_OPENERS)]
    words = clause.split(" ", 2)
    if clause.startswith("to "):
        return f"{infinitive} {clause}."
    if len(words) > 1 and words[0].endswith("ing") and words[1].lower() in _GERUND_FOLLOWERS:
        return f"{gerund} {clause}."
    return f"{noun} {clause}."


def _example_sentences(texts: Sequence[str], state_names: Sequence[str]) -> list[str]:
    """Example sentences for a list of need texts, skipping any left empty."""
    cleaned = [t for t in texts if _clean_example(t, state_names)]
    return [example_sentence(t, i, state_names) for i, t in enumerate(cleaned)]


def _route_examples(
    texts: Sequence[str], groups: Sequence[Mapping[str, Any]], limit: int
) -> tuple[list[str], dict[int, list[str]]]:
    """Examples split between the chapter and its article groups (by the articles they cite)."""
    general: list[str] = []
    by_group: dict[int, list[str]] = {i: [] for i in range(len(groups))}
    for text in texts:
        cited = set(article_refs.parse(text))
        target = next((i for i, g in enumerate(groups) if cited & set(g["articles"])), None)
        bucket = general if target is None else by_group[target]
        if len(bucket) < limit:
            bucket.append(text)
    return general, by_group


# --- sections ------------------------------------------------------------------------------


def _summary(figures: Figures, meta: Mapping[str, Any]) -> tuple[str, ...]:
    """The summary at the head of the note."""
    cov = figures["coverage"]
    chapters = join_list([_chapter(figures, c) for c in figures["chapters"]])
    by = f" by {date_text(figures['as_of'])}" if figures.get("as_of") else ""
    sentences = [
        "The present note analyses the technical assistance needs that States parties "
        f"identified in the executive summaries of country reviews completed{_in_cycle(figures)}.",
        _summary_coverage(cov, by),
    ]
    if chapters:
        sentences.append(f"The chapters under review are {chapters}.")
    parties = meta.get("states_parties")
    if parties:
        sentences.append(
            f"The analysis thus covers {per_cent(_share(cov['states'], parties))} of the "
            f"{_count(parties)} States parties to the Convention."
        )
    if figures.get("supply") and figures["supply"]["needs"]:
        sentences.append(_summary_supply(figures["supply"]))
    return (" ".join(sentences),)


def _summary_supply(s: Mapping[str, Any]) -> str:
    """The summary's sentence on the needs covered and the overlapping activities."""
    overlaps = len(s["overlaps"])
    found = (
        f"overlapping activities of different providers were found in "
        f"{plural(overlaps, 'instance')}"
        if overlaps
        else "no overlapping activities of different providers were found"
    )
    return (
        f"Of the {_count(s['needs'])} needs, {_count(s['covered'])} ({per_cent(s['coverage'])}) "
        f"were covered by an accepted match or an activity under way, and {found}."
    )


def _summary_coverage(cov: Mapping[str, Any], by: str) -> str:
    """The summary's sentence on summaries, States with needs and needs."""
    if not cov["summaries"]:
        return f"No executive summary had been adopted{by}."
    adopted = plural(cov["summaries"], "executive summary", "executive summaries")
    if not cov["needs"]:
        return sentence_start(f"{adopted} had been adopted{by}, none of which identified needs.")
    return sentence_start(
        f"{adopted} had been adopted{by}; {_count(cov['states_with_needs'])} of the States "
        f"concerned identified {plural(cov['needs'], 'need')} between them."
    )


def _introduction(figures: Figures, meta: Mapping[str, Any], n: _Numbering) -> list[Block]:
    """Mandate, coverage and, when given, what changed since the previous analysis."""
    cov = figures["coverage"]
    blocks: list[Block] = [
        n.paragraph(
            [
                "Under its terms of reference, the Implementation Review Mechanism is meant to "
                "help States parties pin down what technical assistance they require and to "
                "encourage its delivery.",
                "The Implementation Review Group, in turn, is mandated to consider those "
                "requirements and to set priorities for assistance, drawing on the results of "
                "the reviews.",
            ]
        ),
        n.paragraph(
            [
                "The present note supports that work with figures drawn from the executive "
                "summaries of completed country reviews.",
                "Each need listed in a summary is counted once, under the chapter whose section "
                "lists it, and is coded by the kind of assistance that the State asks for.",
            ]
        ),
    ]
    if not cov["summaries"]:
        by = f" by {date_text(figures['as_of'])}" if figures.get("as_of") else ""
        opening = f"No executive summary had been completed{by}."
    elif figures.get("as_of"):
        opening = (
            f"By {date_text(figures['as_of'])}, {_count(cov['summaries'])} States parties had "
            f"completed the executive summaries of their reviews{_in_cycle(figures)}."
        )
    else:
        opening = (
            f"The analysis covers the executive summaries of {_count(cov['summaries'])} "
            f"States parties{_in_cycle(figures)}."
        )
    if not cov["needs"]:
        none = "None of those States identified a need for technical assistance."
        blocks.append(n.paragraph([opening, none] if cov["summaries"] else [opening]))
        return blocks
    sentences = [
        opening,
        f"Of those States, {_count(cov['states_with_needs'])} identified at least one need for "
        f"technical assistance and {_count(cov['states_without_needs'])} identified none.",
        f"Together they identified {plural(cov['needs'], 'individual need')}, an average of "
        f"{_count(cov['needs_per_state_with_needs'])} for each State that identified any "
        f"(or {_count(cov['needs_per_summary'])} per executive summary).",
    ]
    parties = meta.get("states_parties")
    if parties:
        sentences.append(
            f"Those {_count(cov['states'])} States make up "
            f"{per_cent(_share(cov['states'], parties))} of the {_count(parties)} States "
            "parties to the Convention."
        )
    blocks.append(
        n.paragraph(
            sentences,
            notes=[
                "A State counts as having identified needs when at least one need appears in "
                "any chapter of its executive summary; a summary stating that no needs were "
                "identified counts as a completed review without needs."
            ],
        )
    )
    if figures.get("comparison"):
        blocks.append(_since_previous(figures["comparison"], cov, n))
    return blocks


def _since_previous(
    compared: Mapping[str, Any], cov: Mapping[str, Any], n: _Numbering
) -> Paragraph:
    """The paragraph comparing the coverage with the previous analysis."""
    before = compared["previous"]
    name = f" ({before['name']})" if before.get("name") else ""
    as_at = f", based on data as at {date_text(before['as_of'])}," if before.get("as_of") else ""
    new_with = compared["new_states_with_needs"]
    concerned = (
        f"{_count(new_with)} of the States concerned identified needs"
        if new_with
        else "none of the States concerned identified needs"
    )
    added = compared["needs_added"]
    if added == 0:
        change = f"The number of needs is therefore unchanged, at {_count(cov['needs'])}."
    else:
        verb = "risen" if added > 0 else "fallen"
        per = compared.get("needs_change_per_cent")
        amount = _count(abs(added)) + (f", or {per_cent(abs(per))}," if per is not None else "")
        change = f"The number of needs has thereby {verb} by {amount} to {_count(cov['needs'])}."
    return n.paragraph(
        [
            f"The previous analysis{name}{as_at} covered "
            f"{plural(before['summaries'], 'executive summary', 'executive summaries')}, in which "
            f"{plural(before['states_with_needs'], 'State')} had identified "
            f"{plural(before['needs'], 'need')}.",
            f"Since then, {_count(compared['new_summaries'])} further executive summaries have "
            f"been adopted, and {concerned}.",
            change,
        ]
    )


def _by_chapter(figures: Figures, n: _Numbering) -> list[Block]:
    """Needs and States by chapter, the chapter figure and, when given, the comparison."""
    cov = figures["coverage"]
    rows = figures["by_chapter"]
    total = cov["needs"]
    if len(rows) == 1:
        parts = f"All {_count(total)} needs related to {_chapter(figures, rows[0]['chapter'])}."
    else:
        clauses = [
            f"{_count(r['needs'])} ({per_cent(r['share'])}) "
            f"{'related ' if i == 0 else ''}to {_chapter(figures, r['chapter'])}"
            for i, r in enumerate(rows)
        ]
        parts = f"Of the {_count(total)} needs, {join_list(clauses)}."
    states = join_list(
        [f"{_count(r['states_with_needs'])} for chapter {r['chapter']}" for r in rows]
    )
    sentences = [parts, f"The number of States identifying needs was {states}."]
    everyone = [r["chapter"] for r in rows if r["states_with_needs"] == cov["states_with_needs"]]
    if everyone and len(rows) > 1 and cov["states_with_needs"]:
        chapter_words = "chapter" if len(everyone) == 1 else "chapters"
        sentences.append(
            f"Every State that identified needs did so for {chapter_words} {join_list(everyone)}."
        )
    compared = figures.get("comparison")
    if compared and compared.get("by_chapter"):
        changes = [
            f"{'needs' if i == 0 else 'those'} relating to chapter {r['chapter']} "
            f"{_changed(r['before'], r['after'], r.get('change_per_cent'))}"
            for i, r in enumerate(compared["by_chapter"])
        ]
        sentences.append(f"Compared with the previous analysis, {join_list(changes)}.")
        state_changes = [
            f"{_changed(r['states_before'], r['states_after'], r.get('states_change_per_cent'))} "
            f"for chapter {r['chapter']}"
            for r in compared["by_chapter"]
            if "states_before" in r
        ]
        if state_changes:
            sentences.append(f"The number of States identifying needs {join_list(state_changes)}.")
    blocks: list[Block] = [Heading("Needs by chapter"), n.paragraph(sentences)]
    table = Table(
        "Number and share of needs and number of States, by chapter",
        ("Chapter", "Title", "Needs", "Share of all needs (%)", "States with needs"),
        tuple(
            (
                r["chapter"],
                charts.chapter_title(figures, r["chapter"]),
                digits(r["needs"]),
                f"{r['share']:.1f}",
                digits(r["states_with_needs"]),
            )
            for r in rows
        ),
    )
    blocks.append(
        n.figure(
            f"Needs by chapter ({plural(total, 'need')})", charts.needs_by_chapter(figures), table
        )
    )
    if compared and compared.get("by_chapter"):
        blocks.append(_comparison_figure(figures, n))
    return blocks


def _comparison_figure(figures: Figures, n: _Numbering) -> Figure:
    """The figure of needs by chapter before and after."""
    rows = figures["comparison"]["by_chapter"]
    table = Table(
        "Needs by chapter in the previous and the present analysis",
        ("Chapter", "Previous analysis", "Present analysis", "Change", "Change (%)"),
        tuple(
            (
                r["chapter"],
                digits(r["before"]),
                digits(r["after"]),
                f"{r['change']:+,}",
                "" if r.get("change_per_cent") is None else f"{r['change_per_cent']:+.1f}",
            )
            for r in rows
        ),
    )
    return n.figure(
        "Needs by chapter in the previous and the present analysis",
        charts.comparison(figures, "chapter"),
        table,
    )


def _by_category(figures: Figures, n: _Numbering) -> list[Block]:
    """Needs by primary category: the leading categories, their weight in each chapter."""
    total = figures["coverage"]["needs"]
    ranked = sorted(figures["by_category"], key=lambda r: (-r["needs"], r["category"]))
    ranked = [r for r in ranked if r["needs"]]
    if not ranked:
        return []
    top = ranked[0]
    verb = "was"
    compared = figures.get("comparison")
    if compared and compared.get("by_category"):
        previous_top = max(compared["by_category"], key=lambda r: (r["before"], r["category"]))
        verb = "remained" if previous_top["category"] == top["category"] else "became"
    sentences = [
        f"{top['name']} {verb} the kind of assistance requested most often, with "
        f"{_count(top['needs'])} of the {_count(total)} needs ({per_cent(top['share'])}).",
    ]
    followers = [
        f"{lower_first(r['name'])} ({per_cent(r['share'])}, {plural(r['needs'], 'need')})"
        for r in ranked[1:4]
    ]
    if followers:
        sentences.append(f"It was followed by {join_list(followers)}.")
    rest = ranked[4:]
    if rest:
        names = join_list([lower_first(r["name"]) for r in rest])
        rest_share = sum(r["share"] for r in rest)
        if len(rest) == 1:
            sentences.append(
                f"The remaining category, {names}, accounted for {per_cent(rest_share)}."
            )
        else:
            sentences.append(
                f"The remaining categories ({names}) together accounted for {per_cent(rest_share)}."
            )
    if compared and compared.get("by_category"):
        sentences.extend(_category_growth(figures, compared["by_category"]))
    blocks: list[Block] = [
        Heading("Needs by category of assistance"),
        n.paragraph(
            sentences,
            notes=[
                "Each need is counted once, under its primary category, so that the shares of "
                "the categories add up to 100 per cent; secondary categories are considered in "
                "the section on needs that span several categories."
            ],
        ),
    ]
    within = _within_chapters(figures, ranked)
    if within:
        blocks.append(n.paragraph(within))
    table = Table(
        "Number and share of needs and number of States, by category of assistance",
        ("Category", "Needs", "Share of all needs (%)", "States"),
        tuple(
            (r["name"], digits(r["needs"]), f"{r['share']:.1f}", digits(r["states"]))
            for r in sorted(figures["by_category"], key=lambda r: (-r["needs"], r["category"]))
        ),
    )
    blocks.append(
        n.figure(
            "Needs by category of assistance: number and share of all needs",
            charts.needs_by_category(figures),
            table,
        )
    )
    blocks.append(_category_chapter_figure(figures, n))
    return blocks


def _category_growth(figures: Figures, rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The sentence on the category that grew most since the previous analysis."""
    names = _category_names(figures)
    grown = max(rows, key=lambda r: (r["after"] - r["before"], r["category"]))
    change = grown["after"] - grown["before"]
    if change <= 0:
        return []
    return [
        "Since the previous analysis, the largest increase has been in "
        f"{lower_first(names.get(grown['category'], grown['category']))}, "
        f"from {plural(grown['before'], 'need')} to {_count(grown['after'])}."
    ]


def _within_chapters(figures: Figures, ranked: Sequence[Mapping[str, Any]]) -> list[str]:
    """Sentences on the largest category of each chapter and on the runner-up across chapters."""
    chapters = list(figures["chapters"])
    cells = {(r["chapter"], r["category"]): r for r in figures["chapter_by_category"]}
    tops = {}
    for chapter in chapters:
        in_chapter = [r for r in figures["chapter_by_category"] if r["chapter"] == chapter]
        if in_chapter:
            tops[chapter] = max(in_chapter, key=lambda r: (r["needs"], r["category"] == "other"))
    if len(chapters) < 2 or len(tops) < len(chapters):
        return []
    sentences = []
    if len({t["category"] for t in tops.values()}) == 1:
        first = next(iter(tops.values()))
        shares = join_list(
            [
                f"{per_cent(tops[c]['share_of_chapter'])} of "
                f"{'the needs' if i == 0 else 'those'} relating to chapter {c}"
                for i, c in enumerate(chapters)
            ]
        )
        sentences.append(
            f"{first['name']} was the largest category in every chapter, accounting for {shares}."
        )
    else:
        clauses = [
            f"{lower_first(tops[c]['name'])} for chapter {c} "
            f"({per_cent(tops[c]['share_of_chapter'])} of its needs)"
            for c in chapters
        ]
        sentences.append(f"The largest category was {join_list(clauses)}.")
    if len(ranked) > 1:
        second = ranked[1]
        parts = [
            f"{per_cent(cells[(c, second['category'])]['share_of_chapter'])} of the needs "
            f"relating to chapter {c} "
            f"({plural(cells[(c, second['category'])]['needs'], 'need')})"
            for c in chapters
            if (c, second["category"]) in cells
        ]
        if parts:
            sentences.append(f"{second['name']} accounted for {join_list(parts)}.")
    return sentences


def _category_chapter_figure(figures: Figures, n: _Numbering) -> Figure:
    """The figure of needs by category and chapter."""
    chapters = list(figures["chapters"])
    counts = {(r["chapter"], r["category"]): r["needs"] for r in figures["chapter_by_category"]}
    ranked = sorted(figures["by_category"], key=lambda r: (-r["needs"], r["category"]))
    table = Table(
        "Number of needs by category of assistance and chapter",
        ("Category", *(f"Chapter {c}" for c in chapters), "Total"),
        tuple(
            (
                r["name"],
                *(digits(counts.get((c, r["category"]), 0)) for c in chapters),
                digits(r["needs"]),
            )
            for r in ranked
        ),
    )
    return n.figure("Needs by category and chapter", charts.chapter_by_category(figures), table)


def _by_region(figures: Figures, n: _Numbering) -> list[Block]:
    """Shares of summaries and of needs by regional group, and chapters a group stands out on."""
    cov = figures["coverage"]
    regions = sorted(
        figures["by_region"], key=lambda r: (-r["summaries"], -r["needs"], r["region"])
    )
    present = [r for r in regions if r["summaries"]]
    if not present:
        return []
    first = present[0]
    sentences = [
        "The regional groups are unevenly represented among the completed reviews, so regional "
        "patterns remain tentative.",
        f"{capitalize(_group(first))} had completed the largest number of executive summaries "
        f"({_count(first['summaries'])} of {_count(cov['summaries'])}, or "
        f"{per_cent(first['summary_share'])}), and the needs its members identified made up "
        f"{per_cent(first['need_share'])} of the total ({_count(first['needs'])} of "
        f"{_count(cov['needs'])}).",
    ]
    for region in present[1:]:
        needs = (
            f"{per_cent(region['need_share'])} of all needs"
            if region["needs"]
            else "identified no needs"
        )
        joiner = "and" if region["needs"] else "but"
        sentences.append(
            f"{capitalize(_group(region))} accounted for "
            f"{plural(region['summaries'], 'executive summary', 'executive summaries')} "
            f"({per_cent(region['summary_share'])}) {joiner} "
            f"{'for ' if region['needs'] else ''}{needs}."
        )
    absent = [r for r in regions if not r["summaries"]]
    if absent:
        sentences.append(
            "No executive summary had yet been completed by "
            f"{join_list([_group(r) for r in absent], 'or')}."
        )
    others = sentences[2:]
    others.extend(_regional_contrasts(figures, present))
    table = Table(
        "Executive summaries, States with needs and needs, by regional group",
        (
            "Regional group",
            "Executive summaries",
            "Share of summaries (%)",
            "States with needs",
            "Needs",
            "Share of needs (%)",
        ),
        tuple(
            (
                r["name"],
                digits(r["summaries"]),
                f"{r['summary_share']:.1f}",
                digits(r["states_with_needs"]),
                digits(r["needs"]),
                f"{r['need_share']:.1f}",
            )
            for r in figures["by_region"]
        ),
    )
    return [
        Heading("Needs by regional group"),
        n.paragraph(sentences[:2]),
        *([n.paragraph(others)] if others else []),
        n.figure(
            "Share of executive summaries and of needs, by regional group",
            charts.by_region(figures),
            table,
        ),
    ]


def _regional_contrasts(figures: Figures, regions: Sequence[Mapping[str, Any]]) -> list[str]:
    """Sentences on groups whose needs lean towards a chapter much more than the total does."""
    overall = {r["chapter"]: r["share"] for r in figures["by_chapter"]}
    leaning: dict[str, list[tuple[Mapping[str, Any], float]]] = {}
    for region in regions:
        for row in region.get("by_chapter", ()):
            share = row["share_of_region"]
            if region["needs"] and share > 50 and share - overall.get(row["chapter"], 0) >= 20:
                leaning.setdefault(row["chapter"], []).append((region, share))
    sentences = []
    for chapter in figures["chapters"]:
        found = leaning.get(chapter, [])
        if len(found) == 1:
            region, share = found[0]
            sentences.append(
                f"Unlike the overall pattern, {per_cent(share)} of the needs identified by "
                f"{_group(region)} related to chapter {chapter}."
            )
        elif found:
            groups = join_list([f"{_group(r)} ({per_cent(share)})" for r, share in found])
            sentences.append(
                f"Unlike the overall pattern, chapter {chapter} accounted for most of the needs "
                f"identified by {groups}."
            )
    return sentences


def _groups_of(figures: Figures, chapter: str) -> list[Mapping[str, Any]]:
    """Article groups discussed under a chapter: those whose last article is in it."""
    return [
        g
        for g in figures.get("article_groups", ())
        if g["articles"] and g["needs"] and convention.chapter_of(max(g["articles"])) == chapter
    ]


def _chapter_section(
    figures: Figures,
    chapter: str,
    examples: Sequence[str],
    meta: Mapping[str, Any],
    n: _Numbering,
    with_counting_note: bool,
) -> list[Block]:
    """One chapter: States and needs, leading articles, categories, groups and examples."""
    row = next(r for r in figures["by_chapter"] if r["chapter"] == chapter)
    names = list(meta.get("state_names", ()))
    limit = int(meta.get("max_examples", 3))
    blocks: list[Block] = [n.paragraph(*_articles_paragraph(figures, row, with_counting_note))]
    article_rows = [r for r in figures["by_article"] if r["chapter"] == chapter]
    table = Table(
        f"Number of needs and of States, by article of chapter {chapter}",
        ("Article", "Title", "Needs", "States"),
        tuple(
            (
                "General" if r["article"] is None else str(r["article"]),
                "Needs naming no article" if r["article"] is None else str(r.get("title", "")),
                digits(r["needs"]),
                digits(r["states"]),
            )
            for r in sorted(
                article_rows, key=lambda r: (r["article"] is None, -r["needs"], r["article"] or 0)
            )
        ),
        notes=(COUNTING_NOTE,),
    )
    blocks.append(
        n.figure(
            f"Needs per article of chapter {chapter}", charts.top_articles(figures, chapter), table
        )
    )
    groups = _groups_of(figures, chapter)
    general, by_group = _route_examples(examples, groups, limit)
    category_sentences = _chapter_categories(figures, chapter)
    if category_sentences:
        blocks.append(n.paragraph(category_sentences))
        blocks.append(_chapter_category_figure(figures, chapter, n))
    if general:
        sentences = [
            "The requests themselves took many forms.",
            *_example_sentences(general, names),
        ]
        blocks.append(n.paragraph(sentences))
    states_total = figures["coverage"]["states_with_needs"]
    for i, group in enumerate(groups):
        blocks.append(Heading(_group_heading(group)))
        sentences = [
            f"Of the {_count(states_total)} States that identified needs, "
            f"{_count(group['states'])} did so in relation to {group['label']}, with "
            f"{plural(group['needs'], 'need')} in total, or "
            f"{per_cent(_share(group['needs'], row['needs']))} of the needs relating to "
            f"chapter {chapter}."
        ]
        sentences.extend(_example_sentences(by_group[i], names))
        blocks.append(n.paragraph(sentences))
    return blocks


def _articles_paragraph(
    figures: Figures, row: Mapping[str, Any], with_counting_note: bool
) -> tuple[list[str], list[str]]:
    """The opening sentences of a chapter section, and its footnotes."""
    chapter = row["chapter"]
    sentences = [
        f"{_opening(row['states_with_needs'], 'State')} identified "
        f"{plural(row['needs'], 'need')} relating to chapter {chapter}."
    ]
    ranked = sorted(
        (r for r in figures["by_article"] if r["chapter"] == chapter and r["article"] is not None),
        key=lambda r: (-r["needs"], r["article"]),
    )
    ranked = [r for r in ranked if r["needs"]]
    if ranked:
        cut = ranked[min(2, len(ranked) - 1)]["needs"]
        top = [r for r in ranked if r["needs"] >= cut][:5]
        clauses = [_article(r) for r in top]
        lead = "The article" if len(top) == 1 else "The articles"
        sentences.append(
            f"{lead} with the most needs {'was' if len(top) == 1 else 'were'} {join_list(clauses)}."
        )
        rest = [r for r in ranked if r["needs"] < cut]
        if rest:
            level = rest[0]["needs"]
            tied = [r["article"] for r in rest if r["needs"] == level]
            if len(tied) > 1:
                numbers = join_list([str(a) for a in tied])
                sentences.append(
                    f"Next came articles {numbers}, with {plural(level, 'need')} each."
                )
            else:
                sentences.append(f"Next came {_article(rest[0])}.")
    general = next(
        (r for r in figures["by_article"] if r["chapter"] == chapter and r["article"] is None), None
    )
    if general and general["needs"]:
        sentences.append(
            f"{_opening(general['needs'], 'need')} named no particular article and "
            f"{'is' if general['needs'] == 1 else 'are'} shown as “general”."
        )
    return sentences, [COUNTING_NOTE] if with_counting_note else []


def _chapter_categories(figures: Figures, chapter: str) -> list[str]:
    """Sentences on the categories of one chapter's needs."""
    rows = sorted(
        (r for r in figures["chapter_by_category"] if r["chapter"] == chapter and r["needs"]),
        key=lambda r: (-r["needs"], r["category"]),
    )
    if not rows:
        return []
    first = rows[0]
    sentence = (
        f"By category of assistance, {lower_first(first['name'])} accounted for "
        f"{per_cent(first['share_of_chapter'])} of the needs relating to chapter {chapter} "
        f"({plural(first['needs'], 'need')}, identified by {plural(first['states'], 'State')})"
    )
    followers = [
        f"{lower_first(r['name'])} ({per_cent(r['share_of_chapter'])}; "
        f"{plural(r['needs'], 'need')}, {plural(r['states'], 'State')})"
        for r in rows[1:3]
    ]
    if followers:
        sentence += f", followed by {join_list(followers)}"
    return [sentence + "."]


def _chapter_category_figure(figures: Figures, chapter: str, n: _Numbering) -> Figure:
    """The figure of one chapter's needs by category, with the number of States."""
    rows = sorted(
        (r for r in figures["chapter_by_category"] if r["chapter"] == chapter),
        key=lambda r: (-r["needs"], r["category"]),
    )
    table = Table(
        f"Needs relating to chapter {chapter} and number of States, by category",
        ("Category", "Needs", "Share of chapter (%)", "States"),
        tuple(
            (r["name"], digits(r["needs"]), f"{r['share_of_chapter']:.1f}", digits(r["states"]))
            for r in rows
        ),
    )
    return n.figure(
        f"Needs relating to chapter {chapter} by category, with the number of States",
        charts.chapter_categories(figures, chapter),
        table,
    )


def _group_heading(group: Mapping[str, Any]) -> str:
    """A sub-heading for an article group: the articles' titles and the group's label."""
    titles = [convention.article(a).title for a in sorted(group["articles"])]
    joined = "; ".join([titles[0], *(lower_first(t) for t in titles[1:])])
    return f"{joined} ({group['label']})"


def _capacity_building(figures: Figures, n: _Numbering) -> list[Block]:
    """Capacity-building needs by grouped sub-category."""
    rows = sorted(figures.get("subcategories", ()), key=lambda r: (-r["needs"], r["subcategory"]))
    total = sum(r["needs"] for r in rows)
    if not total:
        return []
    named = [r for r in rows if r["subcategory"] != "general" and r["needs"]]
    groups = plural(len([r for r in rows if r["needs"]]), "sub-category", "sub-categories")
    sentences = [
        f"The {plural(total, 'capacity-building need')} were grouped into {groups}."
        if total > 1
        else f"The one capacity-building need was classed in {groups}."
    ]
    if named:
        lead = named[0]
        sentence = (
            f"{lead['name']} was the largest ({plural(lead['needs'], 'need')}, or "
            f"{per_cent(_share(lead['needs'], total))} of capacity-building needs)"
        )
        followers = [f"{lower_first(r['name'])} ({_count(r['needs'])})" for r in named[1:3]]
        if followers:
            sentence += f", followed by {join_list(followers)}"
        sentences.append(sentence + ".")
    general = next((r for r in rows if r["subcategory"] == "general" and r["needs"]), None)
    if general:
        sentences.append(
            f"Requests that gave no further detail were classed as general capacity-building "
            f"({_count(general['needs'])})."
        )
    sentences.append(
        "Even within a sub-category the requests vary widely, from courses for a single body "
        "to programmes reaching officials across government and stakeholders outside it."
    )
    table = Table(
        "Capacity-building needs by grouped sub-category",
        ("Sub-category", "Needs", "Share of capacity-building needs (%)"),
        tuple((r["name"], digits(r["needs"]), f"{_share(r['needs'], total):.1f}") for r in rows),
    )
    return [
        n.paragraph(sentences),
        n.figure(
            "Capacity-building needs by grouped sub-category", charts.subcategories(figures), table
        ),
    ]


def _category_names(figures: Figures) -> dict[str, str]:
    """Category code to name, from the figures."""
    return {r["category"]: r["name"] for r in figures["by_category"]}


def _cross_cutting(figures: Figures, n: _Numbering) -> list[Block]:
    """Needs coded with secondary categories and the most frequent combinations."""
    cross = figures.get("cross_cutting")
    if not cross:
        return []
    names = _category_names(figures)
    count = cross["needs_with_secondary"]
    if not count:
        return [n.paragraph(["None of the needs was coded with a secondary category."])]
    sentences = [
        "Many needs do not fit a single category: "
        f"{plural(count, 'need')} ({per_cent(cross['share'])} of the total) were coded with at "
        "least one secondary category in addition to their primary one."
    ]
    pairs = sorted(cross.get("pairs", ()), key=lambda p: (-p["needs"], p["categories"]))[:3]
    if pairs:
        clauses = [
            " with ".join(lower_first(names.get(c, c)) for c in p["categories"])
            + f" ({_count(p['needs'])})"
            for p in pairs
        ]
        lead = "combination was" if len(pairs) == 1 else "combinations were"
        sentences.append(f"The most frequent {lead} {join_list(clauses, 'and')}.")
    sentences.append(
        "Category totals should therefore be read with these overlaps in mind: a need counted "
        "under one category often calls for assistance of another kind as well."
    )
    cooperation = next(
        (r for r in figures["by_category"] if r["category"] == "international_cooperation"), None
    )
    if cooperation and cooperation["share"] < 10:
        sentences.append(
            "Requests to learn from the experience of other States, in particular, are often "
            f"coded under other primary categories, so the {per_cent(cooperation['share'])} "
            "recorded for facilitation of international cooperation probably understates that "
            "demand."
        )
    return [n.paragraph(sentences)]


MATRIX_COUNTING_NOTE = (
    "A need that names several articles is counted under each of them, so the rows add up to "
    "more than the number of needs; a need that names no article is shown as “general”. "
    "Activities are those under way or planned at the cut-off date, offers those open to requests "
    "on that date."
)
# Coverage rates are compared only for groups with at least this many needs.
MIN_NEEDS_FOR_RATE = 5


def _assistance(figures: Figures, n: _Numbering) -> list[Block]:
    """Needs and the assistance available: coverage, unmet needs, articles and overlaps."""
    s = figures["supply"]
    blocks: list[Block] = [n.paragraph(_register_sentences(s))]
    blocks.append(
        n.paragraph(
            _coverage_sentences(s),
            notes=[
                "Coverage shows that assistance has been matched with a need or is under way, "
                "not that it is sufficient or has produced results. Completed and planned "
                "activities do not count towards it, and a need that names several articles "
                "counts as covered when an activity serves the State on any one of them."
            ],
        )
    )
    if s["unmet"]:
        spread = _unmet_spread(s)
        if spread:
            blocks.append(n.paragraph(spread))
        blocks.append(n.paragraph(_unmet_articles(s)))
    rows = [r for r in s["by_article"] if r["needs"]]
    if rows:
        table = Table(
            "Needs covered and unmet, with the activities and offers, by article",
            (
                "Article",
                "Title",
                "Needs",
                "Covered",
                "Unmet",
                "Coverage (%)",
                "Activities",
                "Offers",
            ),
            tuple(
                (
                    "General" if r["article"] is None else str(r["article"]),
                    str(r["title"]),
                    digits(r["needs"]),
                    digits(r["covered"]),
                    digits(r["unmet"]),
                    f"{r['coverage']:.1f}",
                    digits(r["activities"]),
                    digits(r["offers"]),
                )
                for r in rows
            ),
            notes=(MATRIX_COUNTING_NOTE,),
        )
        blocks.append(
            n.figure(
                "Needs covered and unmet, by article", charts.coverage_by_article(figures), table
            )
        )
    blocks.append(n.paragraph(_overlap_sentences(s)))
    return blocks


def _register_sentences(s: Mapping[str, Any]) -> list[str]:
    """What the register holds on the supply side."""
    when = f"As at {date_text(s['as_of'])}" if s.get("as_of") else "At the time of writing"
    active = s["activities_ongoing"] + s["activities_planned"]
    return [
        "Besides the needs, the register records the assistance that providers offer and "
        "deliver, and the Secretariat matches the two: each suggested match is accepted or "
        "rejected by an analyst.",
        f"{when}, it held {plural(s['offers'], 'offer')} of assistance open to requests and "
        f"{plural(active, 'activity', 'activities')} under way or planned "
        f"({_count(s['activities_ongoing'])} under way and {_count(s['activities_planned'])} "
        f"planned), from {plural(s['providers'], 'provider')} in all.",
    ]


def _coverage_sentences(s: Mapping[str, Any]) -> list[str]:
    """How many needs were covered, and how."""
    at = " at the cut-off date" if s.get("as_of") else ""
    sentences = [
        "For the purposes of the present note, a need is considered covered when an analyst has "
        "accepted a match between it and an offer, an activity or a State offering peer "
        f"assistance, or when an activity under way{at} serves the State concerned on one of the "
        "articles that the need names and in its category."
    ]
    if not s["needs"]:
        return [*sentences, "No need fell within the scope of the present analysis."]
    sentences.append(
        f"On that basis, {_count(s['covered'])} of the {_count(s['needs'])} needs "
        f"({per_cent(s['coverage'])}) were covered, {_count(s['covered_by_match'])} of them "
        f"through an accepted match and {_count(s['covered_by_activity'])} through an activity "
        "under way alone."
    )
    unmet = s["unmet"]
    if unmet == 0:
        sentences.append("No need was left without assistance.")
    else:
        share = per_cent(_share(unmet, s["needs"]))
        if unmet == 1:
            sentences.append(f"The remaining need ({share}) had no assistance recorded against it.")
        else:
            sentences.append(
                f"The remaining {_count(unmet)} needs ({share}) had no assistance recorded "
                "against them."
            )
    return sentences


def _unmet_spread(s: Mapping[str, Any]) -> list[str]:
    """Coverage by chapter, and unmet needs by category and by regional group."""
    sentences = []
    chapters = s["by_chapter"]
    if len(chapters) > 1:
        clauses = [f"{per_cent(r['coverage'])} for chapter {r['chapter']}" for r in chapters]
        sentences.append(f"Coverage was {join_list(clauses)}.")
    categories = sorted(
        (r for r in s["by_category"] if r["unmet"]), key=lambda r: (-r["unmet"], r["category"])
    )
    if categories:
        first, rest = categories[0], categories[1:3]
        sentence = (
            f"By category of assistance, most unmet needs concerned {lower_first(first['name'])} "
            f"({_count(first['unmet'])})"
        )
        if rest:
            followers = [f"{lower_first(r['name'])} ({_count(r['unmet'])})" for r in rest]
            sentence += f", followed by {join_list(followers)}"
        sentences.append(sentence + ".")
    rated = [r for r in s["by_category"] if r["needs"] >= MIN_NEEDS_FOR_RATE]
    if len(rated) > 1:
        low = min(rated, key=lambda r: (r["coverage"], r["category"]))
        high = max(rated, key=lambda r: (r["coverage"], r["category"]))
        if low["coverage"] < high["coverage"]:
            sentences.append(
                f"Coverage was lowest for {lower_first(low['name'])} ({per_cent(low['coverage'])} "
                f"of {plural(low['needs'], 'need')}) and highest for "
                f"{lower_first(high['name'])} ({per_cent(high['coverage'])})."
            )
    regions = sorted(
        (r for r in s["by_region"] if r["unmet"]), key=lambda r: (-r["unmet"], r["region"])
    )
    if regions:
        first = regions[0]
        sentence = (
            f"Among the regional groups, most unmet needs were those of {_group(first)} "
            f"({_count(first['unmet'])}, or "
            f"{per_cent(_share(first['unmet'], first['needs']))} of the needs its members "
            "identified)"
        )
        others = [f"{_group(r)} ({_count(r['unmet'])})" for r in regions[1:]]
        if others:
            sentence += f", followed by {join_list(others)}"
        sentences.append(sentence + ".")
    return sentences


def _unmet_articles(s: Mapping[str, Any]) -> list[str]:
    """The articles with the most unmet needs, and those on which no need was covered."""
    ranked = sorted(
        (r for r in s["by_article"] if r["article"] is not None and r["unmet"]),
        key=lambda r: (-r["unmet"], r["article"]),
    )
    sentences = []
    if ranked:
        cut = ranked[min(2, len(ranked) - 1)]["unmet"]
        top = [r for r in ranked if r["unmet"] >= cut][:5]
        clauses = [
            f"article {r['article']} ({r['title']}; {_count(r['unmet'])} of "
            f"{_count(r['needs'])} unmet)"
            for r in top
        ]
        lead = "The article" if len(top) == 1 else "The articles"
        verb = "was" if len(top) == 1 else "were"
        sentences.append(f"{lead} with the most unmet needs {verb} {join_list(clauses)}.")
    bare = [
        r["article"]
        for r in s["by_article"]
        if r["article"] is not None and r["needs"] and not r["covered"]
    ]
    if bare:
        noun = "article" if len(bare) == 1 else "articles"
        sentences.append(
            f"On {noun} {join_list([str(a) for a in bare])}, none of the needs identified was "
            "covered."
        )
    sentences.append(
        "These are the areas in which new offers of assistance could make the most difference, "
        "and providers may wish to consult the register before planning their activities."
    )
    return sentences


def _overlap_sentences(s: Mapping[str, Any]) -> list[str]:
    """Instances of several providers active on the same State, article and category."""
    overlaps = s["overlaps"]
    if not overlaps:
        return [
            "No two providers had activities under way or planned for the same State, on the "
            "same article and in the same category, over periods that overlapped."
        ]
    shown = [
        f"{_state_in_text(o['name'])} on article {o['article']} ({lower_first(o['category_name'])})"
        for o in overlaps[:5]
    ]
    if len(overlaps) > 5:
        rest = len(overlaps) - 5
        shown.append(f"{_count(rest)} {'other' if rest == 1 else 'others'}")
    count = len(overlaps)
    cases = "In one instance" if count == 1 else f"In {_count(count)} instances"
    return [
        f"{cases}, two or more providers had activities under way or planned for the same "
        "State, on the same article and in the same category, over periods that overlapped: "
        f"{join_list(shown)}.",
        "Concurrent activities need not duplicate one another, since they may serve different "
        "institutions or stages of the same reform, but they show where the providers and the "
        "State concerned would gain from coordinating their plans.",
    ]


_FORMAL_NAMES = (
    "Republic",
    "Kingdom",
    "Federal",
    "Federated",
    "United",
    "Democratic",
    "Principality",
    "Sultanate",
    "Commonwealth",
    "Islamic",
    "Plurinational",
    "Bolivarian",
    "Grand",
    "State",
)


def _state_in_text(name: str) -> str:
    """A State's name as it reads inside a sentence: "the Kingdom of Gruden", "Dristeth"."""
    return f"the {name}" if name.split(" ", 1)[0] in _FORMAL_NAMES else name


def _further_consideration(figures: Figures, n: _Numbering) -> list[Block]:
    """Flags (many recommendations, few needs) and closing considerations."""
    blocks: list[Block] = []
    rows = figures.get("recommendations_vs_needs") or []
    order = {c: i for i, c in enumerate(figures["chapters"])}
    flagged = sorted(
        (r for r in rows if r.get("flag")),
        key=lambda r: (order.get(r["chapter"], 99), r["article"] or 0),
    )
    if flagged:
        clauses = [
            f"article {r['article']} (chapter {r['chapter']}: "
            f"{plural(r['recommendations'], 'recommendation')}, {plural(r['needs'], 'need')})"
            for r in flagged
            if r["article"] is not None
        ]
        blocks.append(
            n.paragraph(
                [
                    "On some articles the reviews issued many recommendations while States "
                    f"identified few needs: {join_list(clauses)}.",
                    "Such gaps may mark areas where recommendations have not yet been turned "
                    "into requests for assistance, and where providers could usefully take the "
                    "initiative in offering support.",
                ]
            )
        )
    elif rows:
        blocks.append(
            n.paragraph(
                [
                    "No article combined a large number of recommendations with a small number "
                    "of identified needs."
                ]
            )
        )
    blocks.append(
        n.paragraph(
            [
                "The needs reflect national priorities that the peer reviews have confirmed, and "
                "they differ widely from one State to another.",
                "Assistance is therefore most likely to succeed when it is designed for the "
                "legal system and institutions of the State concerned, sustained over time and "
                "combines legislative, policy and practical support.",
            ]
        )
    )
    blocks.append(
        n.paragraph(
            [
                "The Implementation Review Group may wish to take the patterns described above "
                "into account when identifying priority areas for technical assistance, and to "
                "encourage States parties to keep the information on their needs up to date."
            ]
        )
    )
    return blocks


def _masthead(meta: Mapping[str, Any]) -> tuple[str, ...]:
    """The lines above the title, from whatever the metadata gives."""
    lines = [str(meta["symbol"])] if meta.get("symbol") else []
    if meta.get("date"):
        lines.append(date_text(meta["date"]))
    for key in ("body", "session"):
        if meta.get(key):
            lines.append(str(meta[key]))
    if meta.get("agenda_item"):
        lines.append(f"Agenda item {meta['agenda_item']}")
    return tuple(lines)


def draft(
    figures: Figures,
    examples: Mapping[str, Sequence[str]] | None = None,
    meta: Mapping[str, Any] | None = None,
) -> Note:
    """The analytical note drafted from the figures, anonymised examples and metadata."""
    examples = examples or {}
    meta = meta or {}
    n = _Numbering()
    cycle = figures.get("cycle")
    default_title = (
        f"Technical assistance needs identified in the {ordinal(cycle)} review cycle"
        if cycle
        else "Technical assistance needs identified in the country reviews"
    )
    sections: list[tuple[str, list[Block]]] = [("Introduction", _introduction(figures, meta, n))]
    if figures["coverage"]["needs"]:
        sections.extend(_analysis(figures, examples, meta, n))
    numbered = [(heading, blocks) for heading, blocks in sections if blocks]
    return Note(
        title=str(meta.get("title") or default_title),
        subtitle=str(meta.get("subtitle") or "Note by the Secretariat"),
        masthead=_masthead(meta),
        summary=_summary(figures, meta),
        sections=tuple(
            Section(i, capitalize(heading), tuple(blocks))
            for i, (heading, blocks) in enumerate(numbered, start=1)
        ),
        footnotes=tuple(n.footnotes),
        data=figures,
    )


def _analysis(
    figures: Figures,
    examples: Mapping[str, Sequence[str]],
    meta: Mapping[str, Any],
    n: _Numbering,
) -> list[tuple[str, list[Block]]]:
    """The sections after the introduction, as (heading, blocks), in reading order."""
    sections: list[tuple[str, list[Block]]] = [
        (
            "Overview of the needs identified",
            [*_by_chapter(figures, n), *_by_category(figures, n), *_by_region(figures, n)],
        ),
    ]
    with_needs = {r["chapter"] for r in figures["by_chapter"] if r["needs"]}
    drafted = [c for c in figures["chapters"] if c in with_needs]
    for chapter in drafted:
        blocks = _chapter_section(
            figures, chapter, examples.get(chapter, ()), meta, n, chapter == drafted[0]
        )
        sections.append((f"Needs relating to {_chapter(figures, chapter)}", blocks))
    sections.append(("Capacity-building needs by sub-category", _capacity_building(figures, n)))
    sections.append(("Needs spanning several categories", _cross_cutting(figures, n)))
    if figures.get("supply"):
        sections.append(("Needs and the assistance available", _assistance(figures, n)))
    sections.append(("Issues for further consideration", _further_consideration(figures, n)))
    return sections
