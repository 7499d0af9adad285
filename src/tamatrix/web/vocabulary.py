"""The names of the coding scheme in the language of the page: categories, sub-categories,
regional groups, chapters, articles and the dimensions of the matrix, and the words of the
charts.

``tamatrix.core`` holds these names in English only (it imports no gettext, and the note is
English); here each one is a literal msgid, written exactly as core gives it so that the
English pages do not change, and found by Babel's extraction. A code this module does not know
keeps the English name that core (or the saved figures) give it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from tamatrix.core import taxonomy
from tamatrix.core.states import REGIONAL_GROUPS
from tamatrix.reports import charts
from tamatrix.web import i18n
from tamatrix.web.i18n import gettext as _


def _category_names() -> dict[str, str]:
    return {
        "capacity_building": _("Capacity-building"),
        "legislative_assistance": _("Legislative assistance"),
        "institution_building": _("Institution-building"),
        "policymaking": _("Policymaking"),
        "research_data": _("Research/data-gathering and analysis"),
        "international_cooperation": _("Facilitation of international cooperation"),
        "other": _("Other assistance"),
    }


def _subcategory_names() -> dict[str, str]:
    return {
        "training": _("Training and skills development"),
        "ict_tools": _("ICT tools and technical support"),
        "awareness_raising": _("Awareness-raising"),
        "expert_advice": _("Expert advice and mentoring"),
        "equipment_resources": _("Equipment and resources"),
        "coordination": _("Coordination mechanisms"),
        "general": _("General capacity-building"),
    }


def _region_names() -> dict[str, str]:
    return {
        "african": _("African States"),
        "asia_pacific": _("Asia-Pacific States"),
        "eastern_european": _("Eastern European States"),
        "latin_american_caribbean": _("Latin American and Caribbean States"),
        "western_european_other": _("Western European and other States"),
    }


def _chapter_titles() -> dict[str, str]:
    return {
        "I": _("General provisions"),
        "II": _("Preventive measures"),
        "III": _("Criminalization and law enforcement"),
        "IV": _("International cooperation"),
        "V": _("Asset recovery"),
        "VI": _("Technical assistance and information exchange"),
        "VII": _("Mechanisms for implementation"),
        "VIII": _("Final provisions"),
    }


def dimension_names() -> dict[str, str]:
    """The dimensions of the matrix as headings and choices: "Article", "State"."""
    return {
        "article": _("Article"),
        "category": _("Category"),
        "state": _("State"),
        "region": _("Regional group"),
    }


def dimension_words() -> dict[str, str]:
    """The dimensions of the matrix inside a sentence ("needs by article and category"): their
    own msgids, so that a language keeps its capitals where it needs them (French "État")."""
    return {
        "article": _("article"),
        "category": _("category"),
        "state": _("state"),
        "region": _("regional group"),
    }


@cache
def _tables(language: str) -> dict[str, dict[str, str]]:
    """The name tables in one language, built once."""
    token = i18n.set_language(language)
    try:
        return {
            "category": _category_names(),
            "subcategory": _subcategory_names(),
            "region": _region_names(),
            "chapter": _chapter_titles(),
        }
    finally:
        i18n.reset_language(token)


def _table(kind: str) -> dict[str, str]:
    return _tables(i18n.current_language())[kind]


def category_name(code: str) -> str:
    """A primary category's name, from its code."""
    return _table("category").get(code, code)


def subcategory_name(code: str) -> str:
    """A capacity-building sub-category's name, from its code."""
    return _table("subcategory").get(code, code)


def region_name(code: str) -> str:
    """A regional group's name, from its code ("Unknown" for a code of no group)."""
    return _table("region").get(code) or _("Unknown")


def chapter_title(numeral: str) -> str:
    """A chapter's title, from its numeral."""
    return _table("chapter").get(numeral, numeral)


def chapter_label(numeral: str) -> str:
    """A chapter as charts label it: "Chapter II"."""
    return charts.chapter_label(numeral, chart_words())


def article_label(article: int | None) -> str:
    """An article as charts and the matrix label it: "Article 5", or "General" for none."""
    return charts.article_label(article, chart_words())


def categories() -> list[tuple[str, str]]:
    """The primary categories as (code, name), in codebook order, for a <select>."""
    return [(c.code, category_name(c.code)) for c in taxonomy.CATEGORIES]


def subcategories() -> list[tuple[str, str]]:
    """The capacity-building sub-categories as (code, name), in codebook order."""
    return [(s.code, subcategory_name(s.code)) for s in taxonomy.SUBCATEGORIES]


def regions() -> list[tuple[str, str]]:
    """The regional groups as (code, name)."""
    return [(g.code, region_name(g.code)) for g in REGIONAL_GROUPS]


def chart_words() -> charts.Words:
    """The words of the charts in the language of the page."""
    return _chart_words(i18n.current_language())


@cache
def _chart_words(language: str) -> charts.Words:
    token = i18n.set_language(language)
    try:
        return charts.Words(
            chapter=_("Chapter %(numeral)s"),
            chapter_heading=_("%(chapter)s: %(title)s"),
            article=_("Article %(number)d"),
            general=_("General"),
            number_of_needs=_("Number of needs"),
            number_of_needs_and_states=_("Number of needs and of States"),
            per_cent=_("Per cent"),
            needs=_("Needs"),
            states=_("States"),
            summary_share=_("Share of executive summaries"),
            need_share=_("Share of needs"),
            previous=_("Previous analysis"),
            present=_("Present analysis"),
            covered=_("Covered"),
            unmet=_("Unmet"),
            by_chapter_description=_("Number of technical assistance needs by chapter."),
            by_category_description=_("Number and percentage of needs by category of assistance."),
            chapter_by_category_description=_(
                "Number of needs by category of assistance and chapter."
            ),
            chapter_categories_description=_(
                "Needs relating to chapter %(chapter)s by category, and number of States."
            ),
            by_region_description=_("Share of executive summaries and of needs by regional group."),
            top_articles_description=_("Number of needs per article of chapter %(chapter)s."),
            subcategories_description=_("Capacity-building needs by grouped sub-category."),
            comparison_by_chapter_description=_(
                "Needs in the previous and the present analysis, by chapter."
            ),
            comparison_by_category_description=_(
                "Needs in the previous and the present analysis, by category."
            ),
            coverage_description=_("Needs covered and unmet by article, with the share covered."),
        )
    finally:
        i18n.reset_language(token)


def localized_figures(figures: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the figures whose names of categories, sub-categories, regional groups and
    chapters are in the language of the page (the figures themselves, cached or saved, are
    left alone); a code this module does not know keeps the name the figures give it. Charts
    and tables drawn from the copy speak the page's language."""
    found = dict(figures)
    renames = (
        ("by_chapter", "chapter", "title", "chapter"),
        ("by_category", "category", "name", "category"),
        ("chapter_by_category", "category", "name", "category"),
        ("by_region", "region", "name", "region"),
        ("subcategories", "subcategory", "name", "subcategory"),
    )
    for section, key, field, kind in renames:
        rows = found.get(section)
        if not isinstance(rows, list):
            continue
        names = _table(kind)
        found[section] = [
            {**row, field: names[row[key]]} if row.get(key) in names else row for row in rows
        ]
    return found
