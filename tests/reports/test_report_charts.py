"""Chart specifications from the figures dict, rendered offline to SVG and PNG."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import altair as alt
import pytest

from tamatrix.reports import charts

BUILDERS: dict[str, Callable[[dict[str, Any]], alt.TopLevelMixin]] = {
    "by_chapter": charts.needs_by_chapter,
    "by_category": charts.needs_by_category,
    "chapter_by_category": charts.chapter_by_category,
    "chapter_categories": lambda f: charts.chapter_categories(f, "II"),
    "by_region": charts.by_region,
    "top_articles": lambda f: charts.top_articles(f, "V"),
    "subcategories": charts.subcategories,
    "comparison_by_chapter": lambda f: charts.comparison(f, "chapter"),
    "comparison_by_category": lambda f: charts.comparison(f, "category"),
}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_chart_spec_is_inline_and_deterministic(name: str, figures: dict[str, Any]) -> None:
    first = charts.spec(BUILDERS[name](figures))
    second = charts.spec(BUILDERS[name](figures))
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert '"url"' not in json.dumps(first)
    assert first["description"]


@pytest.mark.parametrize("name", ["by_chapter", "by_region", "comparison_by_category"])
def test_svg_is_rendered_offline_and_identically(name: str, figures: dict[str, Any]) -> None:
    chart = BUILDERS[name](figures)
    svg = charts.to_svg(chart)
    assert svg.startswith("<svg")
    assert svg == charts.to_svg(charts.spec(chart))


def test_png_is_an_image(figures: dict[str, Any]) -> None:
    assert charts.to_png(charts.needs_by_chapter(figures)).startswith(b"\x89PNG\r\n\x1a\n")


def test_rendering_refuses_external_data() -> None:
    chart = alt.Chart(alt.Data(url="https://example.org/data.json")).mark_bar().encode(x="a:Q")
    with pytest.raises(ValueError, match="not allowed"):
        charts.to_svg(chart)


def test_top_articles_lists_general_last_and_can_be_limited(figures: dict[str, Any]) -> None:
    values = charts.spec(charts.top_articles(figures, "II"))["layer"][0]["encoding"]["y"]["sort"]
    assert values[:3] == ["Article 5", "Article 7", "Article 9"]
    assert values[-1] == "General"
    limited = charts.spec(charts.top_articles(figures, "II", limit=3))
    assert limited["layer"][0]["encoding"]["y"]["sort"] == ["Article 5", "Article 7", "Article 9"]


def test_category_colours_are_fixed(figures: dict[str, Any]) -> None:
    spec = charts.spec(charts.needs_by_category(figures))
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    assert scale["domain"][0] == "Capacity-building"
    assert scale["range"][0] == charts.CATEGORY_COLOURS["capacity_building"]


def test_chapter_title_falls_back_to_the_convention() -> None:
    assert charts.chapter_title({"by_chapter": []}, "III") == "Criminalization and law enforcement"
