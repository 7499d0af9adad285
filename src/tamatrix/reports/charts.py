"""Chart specifications (Vega-Lite, declared with Altair) built from the figures dict.

Every builder is deterministic: its rows come in a fixed order, its colours are fixed per
category, chapter or measure, and its data are inline (never a URL), so the same figures give
the same specification and the same SVG. ``to_svg`` and ``to_png`` render offline with
vl-convert, which refuses any external data request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
import vl_convert

from tamatrix.core import convention

Figures = Mapping[str, Any]
Spec = dict[str, Any]

FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
WIDTH = 420
BAR = 18
UN_BLUE = "#009edb"
DARK_BLUE = "#1f4e79"
GREY = "#9a9a9a"
# Fixed colours so that a category keeps its colour in every figure.
CATEGORY_COLOURS = {
    "capacity_building": "#009edb",
    "legislative_assistance": "#1f4e79",
    "institution_building": "#4daf4a",
    "policymaking": "#e69f00",
    "research_data": "#984ea3",
    "international_cooperation": "#d55e00",
    "other": "#9a9a9a",
}
MEASURE_COLOURS = (UN_BLUE, DARK_BLUE)


@dataclass(frozen=True)
class Words:
    """The words the charts write themselves (names of categories, regional groups and
    chapters come from the figures): English by default, as in the note; the web application
    passes them in the language of the page. Placeholders are %-style, as in gettext."""

    chapter: str = "Chapter %(numeral)s"
    chapter_heading: str = "%(chapter)s: %(title)s"
    article: str = "Article %(number)d"
    general: str = "General"
    number_of_needs: str = "Number of needs"
    number_of_needs_and_states: str = "Number of needs and of States"
    per_cent: str = "Per cent"
    needs: str = "Needs"
    states: str = "States"
    summary_share: str = "Share of executive summaries"
    need_share: str = "Share of needs"
    previous: str = "Previous analysis"
    present: str = "Present analysis"
    covered: str = "Covered"
    unmet: str = "Unmet"
    by_chapter_description: str = "Number of technical assistance needs by chapter."
    by_category_description: str = "Number and percentage of needs by category of assistance."
    chapter_by_category_description: str = "Number of needs by category of assistance and chapter."
    chapter_categories_description: str = (
        "Needs relating to chapter %(chapter)s by category, and number of States."
    )
    by_region_description: str = "Share of executive summaries and of needs by regional group."
    top_articles_description: str = "Number of needs per article of chapter %(chapter)s."
    subcategories_description: str = "Capacity-building needs by grouped sub-category."
    comparison_by_chapter_description: str = (
        "Needs in the previous and the present analysis, by chapter."
    )
    comparison_by_category_description: str = (
        "Needs in the previous and the present analysis, by category."
    )
    coverage_description: str = "Needs covered and unmet by article, with the share covered."


ENGLISH = Words()


def chapter_label(numeral: str, words: Words = ENGLISH) -> str:
    """How a chapter is labelled on an axis: "Chapter II"."""
    return words.chapter % {"numeral": numeral}


def article_label(article: int | None, words: Words = ENGLISH) -> str:
    """How an article is labelled on an axis: "Article 5", or "General" for none."""
    return words.general if article is None else words.article % {"number": article}


def chapter_title(figures: Figures, numeral: str) -> str:
    """The chapter's title, from the figures if they give it, else from the Convention."""
    for row in figures.get("by_chapter", ()):
        if row["chapter"] == numeral and row.get("title"):
            return str(row["title"])
    return convention.chapter(numeral).title


def chapter_heading(figures: Figures, numeral: str, words: Words = ENGLISH) -> str:
    """How a chapter is labelled with its title: "Chapter II: Preventive measures"."""
    return words.chapter_heading % {
        "chapter": chapter_label(numeral, words),
        "title": chapter_title(figures, numeral),
    }


def _configured(chart: alt.TopLevelMixin, description: str) -> alt.TopLevelMixin:
    """The chart with the house style and a description for assistive technology."""
    return (
        chart.properties(description=description)
        .configure(font=FONT, background="white")
        .configure_axis(labelFontSize=11, titleFontSize=11, labelLimit=280, grid=False)
        .configure_legend(labelFontSize=11, titleFontSize=11, orient="bottom", labelLimit=280)
        .configure_view(stroke=None)
    )


def _bars(
    rows: Sequence[Mapping[str, Any]],
    label: str,
    value: str,
    order: Sequence[str],
    axis_title: str,
    colour: str | alt.Color = UN_BLUE,
) -> alt.TopLevelMixin:
    """Horizontal bars of ``value`` by ``label`` with the row's ``text`` written after each bar."""
    base = alt.Chart(alt.Data(values=list(rows))).encode(
        y=alt.Y(f"{label}:N", sort=list(order), title=None),
        x=alt.X(f"{value}:Q", title=axis_title, axis=alt.Axis(tickMinStep=1, format="d")),
    )
    if isinstance(colour, str):
        bars = base.mark_bar(height=BAR, color=colour)
    else:
        bars = base.mark_bar(height=BAR).encode(color=colour)
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(text="text:N")
    return alt.layer(bars, text).properties(width=WIDTH, height=alt.Step(BAR + 8))


def _grouped(
    rows: Sequence[Mapping[str, Any]],
    order: Sequence[str],
    groups: Sequence[str],
    colours: Sequence[str],
    axis_title: str,
    value_format: str = "d",
) -> alt.TopLevelMixin:
    """Horizontal bars of ``value`` by ``label``, one bar per ``group`` side by side."""
    base = alt.Chart(alt.Data(values=list(rows))).encode(
        y=alt.Y("label:N", sort=list(order), title=None),
        yOffset=alt.YOffset("group:N", sort=list(groups)),
        x=alt.X("value:Q", title=axis_title, axis=alt.Axis(format=value_format)),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "group:N",
            sort=list(groups),
            scale=alt.Scale(domain=list(groups), range=list(colours)),
            title=None,
        )
    )
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(text="text:N")
    return alt.layer(bars, text).properties(width=WIDTH, height=alt.Step(BAR * 0.75))


def needs_by_chapter(figures: Figures, words: Words = ENGLISH) -> alt.TopLevelMixin:
    """Bar chart of the number of needs in each chapter of the cycle."""
    rows = [
        {
            "label": chapter_heading(figures, r["chapter"], words),
            "needs": r["needs"],
            "text": f"{r['needs']:,}",
        }
        for r in figures["by_chapter"]
    ]
    order = [row["label"] for row in rows]
    chart = _bars(rows, "label", "needs", order, words.number_of_needs)
    return _configured(chart, words.by_chapter_description)


def needs_by_category(figures: Figures, words: Words = ENGLISH) -> alt.TopLevelMixin:
    """Bar chart of the number and share of needs in each primary category."""
    rows = [
        {
            "label": r["name"],
            "category": r["category"],
            "needs": r["needs"],
            "text": f"{r['needs']:,} ({r['share']:.1f}%)",
        }
        for r in sorted(figures["by_category"], key=lambda r: (-r["needs"], r["category"]))
    ]
    order = [row["label"] for row in rows]
    colour = alt.Color(
        "label:N",
        sort=order,
        scale=alt.Scale(
            domain=order, range=[CATEGORY_COLOURS.get(r["category"], GREY) for r in rows]
        ),
        legend=None,
    )
    chart = _bars(rows, "label", "needs", order, words.number_of_needs, colour)
    return _configured(chart, words.by_category_description)


def _category_order(figures: Figures) -> list[tuple[str, str]]:
    """Categories as (code, name), largest first, as in the by-category figure."""
    ranked = sorted(figures["by_category"], key=lambda r: (-r["needs"], r["category"]))
    return [(r["category"], r["name"]) for r in ranked]


def chapter_by_category(figures: Figures, words: Words = ENGLISH) -> alt.TopLevelMixin:
    """Grouped bar chart of the needs in each category, one bar per chapter."""
    chapters = list(figures["chapters"])
    counts = {(r["chapter"], r["category"]): r["needs"] for r in figures["chapter_by_category"]}
    categories = _category_order(figures)
    groups = [chapter_label(c, words) for c in chapters]
    rows = [
        {
            "label": name,
            "group": chapter_label(chapter, words),
            "value": counts.get((chapter, code), 0),
            "text": f"{counts.get((chapter, code), 0):,}",
        }
        for code, name in categories
        for chapter in chapters
    ]
    colours = [UN_BLUE, DARK_BLUE, GREY, "#e69f00"][: len(groups)]
    chart = _grouped(rows, [n for _, n in categories], groups, colours, words.number_of_needs)
    return _configured(chart, words.chapter_by_category_description)


def chapter_categories(figures: Figures, chapter: str, words: Words = ENGLISH) -> alt.TopLevelMixin:
    """Grouped bar chart of one chapter's needs by category, with the number of States."""
    rows_in = [r for r in figures["chapter_by_category"] if r["chapter"] == chapter]
    rows_in.sort(key=lambda r: (-r["needs"], r["category"]))
    groups = [words.needs, words.states]
    rows = [
        {"label": r["name"], "group": group, "value": r[key], "text": f"{r[key]:,}"}
        for r in rows_in
        for group, key in zip(groups, ("needs", "states"), strict=True)
    ]
    order = [r["name"] for r in rows_in]
    chart = _grouped(rows, order, groups, MEASURE_COLOURS, words.number_of_needs_and_states)
    return _configured(chart, words.chapter_categories_description % {"chapter": chapter})


def by_region(figures: Figures, words: Words = ENGLISH) -> alt.TopLevelMixin:
    """Grouped bar chart of each regional group's share of executive summaries and of needs."""
    groups = [words.summary_share, words.need_share]
    rows = [
        {
            "label": r["name"],
            "group": group,
            "value": r[key],
            "text": f"{r[key]:.1f}%",
        }
        for r in figures["by_region"]
        for group, key in zip(groups, ("summary_share", "need_share"), strict=True)
    ]
    order = [r["name"] for r in figures["by_region"]]
    chart = _grouped(rows, order, groups, MEASURE_COLOURS, words.per_cent, value_format=".0f")
    return _configured(chart, words.by_region_description)


def _article_rows(figures: Figures, chapter: str) -> list[Mapping[str, Any]]:
    """The chapter's per-article rows, most needs first, "general" last."""
    rows = [r for r in figures["by_article"] if r["chapter"] == chapter]
    return sorted(
        rows,
        key=lambda r: (r["article"] is None, -r["needs"], r["article"] or 0),
    )


def top_articles(
    figures: Figures, chapter: str, limit: int | None = None, words: Words = ENGLISH
) -> alt.TopLevelMixin:
    """Bar chart of the needs per article of a chapter; a need naming two articles counts twice."""
    ranked = _article_rows(figures, chapter)
    if limit is not None:
        ranked = [r for r in ranked if r["article"] is not None][:limit]
    rows = [
        {
            "label": article_label(r["article"], words),
            "needs": r["needs"],
            "text": f"{r['needs']:,}",
        }
        for r in ranked
    ]
    order = [row["label"] for row in rows]
    chart = _bars(rows, "label", "needs", order, words.number_of_needs)
    return _configured(chart, words.top_articles_description % {"chapter": chapter})


def subcategories(figures: Figures, words: Words = ENGLISH) -> alt.TopLevelMixin:
    """Bar chart of capacity-building needs by grouped sub-category."""
    ranked = sorted(figures["subcategories"], key=lambda r: (-r["needs"], r["subcategory"]))
    rows = [{"label": r["name"], "needs": r["needs"], "text": f"{r['needs']:,}"} for r in ranked]
    order = [row["label"] for row in rows]
    chart = _bars(rows, "label", "needs", order, words.number_of_needs)
    return _configured(chart, words.subcategories_description)


def comparison(figures: Figures, by: str = "chapter", words: Words = ENGLISH) -> alt.TopLevelMixin:
    """Grouped bar chart of needs before and after, by chapter or by category."""
    compared = figures["comparison"]
    groups = [words.previous, words.present]
    if by == "chapter":
        labels = {r["chapter"]: chapter_label(r["chapter"], words) for r in compared["by_chapter"]}
        rows_in = compared["by_chapter"]
    else:
        labels = dict(_category_order(figures))
        rows_in = sorted(compared["by_category"], key=lambda r: (-r["after"], r["category"]))
    rows = [
        {"label": labels.get(r[by], r[by]), "group": group, "value": r[key], "text": f"{r[key]:,}"}
        for r in rows_in
        for group, key in zip(groups, ("before", "after"), strict=True)
    ]
    order = [labels.get(r[by], r[by]) for r in rows_in]
    chart = _grouped(rows, order, groups, (GREY, UN_BLUE), words.number_of_needs)
    description = (
        words.comparison_by_chapter_description
        if by == "chapter"
        else words.comparison_by_category_description
    )
    return _configured(chart, description)


def coverage_by_article(figures: Figures, words: Words = ENGLISH) -> alt.TopLevelMixin:
    """Stacked bars of the needs covered and unmet on each article, with the share covered
    written after each bar (the "supply" figures)."""
    rows_in = [r for r in figures["supply"]["by_article"] if r["needs"]]
    labels = [article_label(r["article"], words) for r in rows_in]
    groups = [words.covered, words.unmet]
    parts = [
        {"label": label, "group": group, "value": r[key], "rank": rank}
        for label, r in zip(labels, rows_in, strict=True)
        for rank, (group, key) in enumerate(zip(groups, ("covered", "unmet"), strict=True))
    ]
    totals = [
        {"label": label, "needs": r["needs"], "text": f"{r['coverage']:.0f}%"}
        for label, r in zip(labels, rows_in, strict=True)
    ]
    y = alt.Y("label:N", sort=labels, title=None)
    bars = (
        alt.Chart(alt.Data(values=parts))
        .mark_bar(height=BAR)
        .encode(
            y=y,
            x=alt.X(
                "value:Q",
                stack="zero",
                title=words.number_of_needs,
                axis=alt.Axis(tickMinStep=1, format="d"),
            ),
            color=alt.Color(
                "group:N",
                sort=groups,
                scale=alt.Scale(domain=groups, range=[UN_BLUE, GREY]),
                title=None,
            ),
            order=alt.Order("rank:Q"),
        )
    )
    text = (
        alt.Chart(alt.Data(values=totals))
        .mark_text(align="left", dx=4, fontSize=11)
        .encode(y=y, x=alt.X("needs:Q"), text="text:N")
    )
    chart = alt.layer(bars, text).properties(width=WIDTH, height=alt.Step(BAR + 8))
    return _configured(chart, words.coverage_description)


def spec(chart: alt.TopLevelMixin | Spec) -> Spec:
    """The Vega-Lite specification of a chart, as a plain JSON-ready dict."""
    if isinstance(chart, dict):
        return chart
    return chart.to_dict()


def to_svg(chart: alt.TopLevelMixin | Spec) -> str:
    """The chart rendered to an SVG document, offline."""
    return vl_convert.vegalite_to_svg(spec(chart), allowed_base_urls=[])


def to_png(chart: alt.TopLevelMixin | Spec, scale: float = 2.0) -> bytes:
    """The chart rendered to a PNG image (for Word), offline."""
    return vl_convert.vegalite_to_png(spec(chart), scale=scale, allowed_base_urls=[])
