"""Names of the coding scheme in the page's language: categories, sub-categories, regional
groups and chapters in the filters, the tables and the charts, with the charts' click-through
links keyed by the translated labels; the English pages and the note's charts unchanged."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from tamatrix.core import convention, taxonomy
from tamatrix.core.states import REGIONAL_GROUPS
from tamatrix.reports import charts
from tamatrix.web import i18n, vocabulary

CHART = re.compile(
    r'<div class="vega" data-links="([^"]*)"></div>\s*'
    r'<script type="application/json" class="vega-spec">(.*?)</script>',
    re.S,
)


@pytest.fixture
def language() -> Iterator[Any]:
    """Set the current language for the duration of a test."""
    tokens = []

    def use(code: str) -> None:
        tokens.append(i18n.set_language(code))

    yield use
    for token in reversed(tokens):
        i18n.reset_language(token)


def page_charts(page: str) -> list[tuple[dict[str, str], dict[str, Any]]]:
    """The charts of a page: each one's links (label to URL) and Vega-Lite specification."""
    return [
        (json.loads(html.unescape(links)), json.loads(spec.replace("<\\/", "</")))
        for links, spec in CHART.findall(page)
    ]


def data_labels(spec: Any) -> set[str]:
    """Every ``label`` of the inline data of a specification (what a click gives charts.js)."""
    found: set[str] = set()
    if isinstance(spec, dict):
        for row in spec.get("values", []) if isinstance(spec.get("values"), list) else []:
            if isinstance(row, dict) and "label" in row:
                found.add(row["label"])
        for value in spec.values():
            found |= data_labels(value)
    elif isinstance(spec, list):
        for value in spec:
            found |= data_labels(value)
    return found


def chart_titles(spec: dict[str, Any]) -> set[str]:
    return set(re.findall(r'"title": "([^"]*)"', json.dumps(spec, ensure_ascii=False)))


def described(found: list[tuple[dict[str, str], dict[str, Any]]], description: str) -> Any:
    """The chart of a page with that description."""
    return next((links, spec) for links, spec in found if spec["description"] == description)


def test_english_names_are_those_of_core(language):
    language("en")
    for c in taxonomy.CATEGORIES:
        assert vocabulary.category_name(c.code) == c.name
    for s in taxonomy.SUBCATEGORIES:
        assert vocabulary.subcategory_name(s.code) == s.name
    for g in REGIONAL_GROUPS:
        assert vocabulary.region_name(g.code) == g.name
    for chapter in convention.CHAPTERS:
        assert vocabulary.chapter_title(chapter.numeral) == chapter.title
    # The charts' words are the English defaults of the note, msgid for msgid.
    assert vocabulary.chart_words() == charts.ENGLISH
    assert vocabulary.chapter_label("II") == "Chapter II"
    assert vocabulary.article_label(5) == "Article 5"
    assert vocabulary.article_label(None) == "General"
    names = vocabulary.dimension_names()
    assert vocabulary.dimension_words() == {k: v.lower() for k, v in names.items()}
    assert vocabulary.region_name("nowhere") == "Unknown"


@pytest.mark.parametrize("code", ["fr", "es"])
def test_every_name_has_a_translation(language, code):
    language(code)
    english = [c.name for c in taxonomy.CATEGORIES]
    english += [s.name for s in taxonomy.SUBCATEGORIES]
    english += [g.name for g in REGIONAL_GROUPS]
    english += [c.title for c in convention.CHAPTERS]
    translated = [name for _code, name in vocabulary.categories()]
    translated += [name for _code, name in vocabulary.subcategories()]
    translated += [name for _code, name in vocabulary.regions()]
    translated += [vocabulary.chapter_title(c.numeral) for c in convention.CHAPTERS]
    assert all(t != e for t, e in zip(translated, english, strict=True))
    assert len(set(translated)) == len(translated)


def test_localized_figures_leave_the_figures_alone(language):
    figures = {
        "by_category": [{"category": "capacity_building", "name": "Capacity-building"}],
        "by_region": [{"region": "african", "name": "African States"}],
        "by_chapter": [{"chapter": "II", "title": "Preventive measures"}],
        "subcategories": [{"subcategory": "mystery", "name": "Kept as saved"}],
    }
    before = json.dumps(figures)
    language("fr")
    found = vocabulary.localized_figures(figures)
    assert json.dumps(figures) == before
    assert found["by_category"][0]["name"] == "Renforcement des capacités"
    assert found["by_region"][0]["name"] == "États d'Afrique"
    assert found["by_chapter"][0]["title"] == "Mesures préventives"
    assert found["subcategories"][0]["name"] == "Kept as saved"


def test_the_french_dashboard_names_categories_in_filters_tables_and_charts(signed_in, ingested):
    client, _csrf = signed_in("analyst")
    page = client.get("/?lang=fr").text
    assert '<option value="capacity_building" >Renforcement des capacités</option>' in page
    assert '<option value="training" >Formation et développement des compétences</option>' in page
    assert '<option value="african" >États d&#39;Afrique</option>' in page
    assert '<th scope="row">Renforcement des capacités</th>' in page
    assert '<th scope="row">II. Mesures préventives</th>' in page
    for english in ("Capacity-building", "Legislative assistance", "Asia-Pacific States"):
        assert english not in page, english
    found = page_charts(page)
    assert len(found) >= 4
    links, spec = described(found, "Nombre et pourcentage des besoins par catégorie d'assistance.")
    assert "Renforcement des capacités" in data_labels(spec)
    assert "Nombre de besoins" in chart_titles(spec)
    assert "category=capacity_building" in links["Renforcement des capacités"]
    links, spec = described(found, "Nombre de besoins d'assistance technique par chapitre.")
    assert "Chapitre II : Mesures préventives" in data_labels(spec)
    assert "chapter=II" in links["Chapitre II : Mesures préventives"]
    links, spec = described(
        found, "Part des résumés analytiques et des besoins par groupe régional."
    )
    assert "États d'Asie et du Pacifique" in data_labels(spec)
    assert "region=asia_pacific" in links["États d'Asie et du Pacifique"]
    # A click looks the datum's label up in the links: every link is keyed by a label of its
    # chart, and every bar of a category, region or chapter has its link.
    for links, spec in found:
        assert set(links) <= data_labels(spec), spec["description"]
        assert links, spec["description"]


def test_the_english_dashboard_is_unchanged(signed_in, ingested):
    client, _csrf = signed_in("analyst")
    page = client.get("/?lang=en").text
    assert '<option value="capacity_building" >Capacity-building</option>' in page
    assert '<th scope="row">Capacity-building</th>' in page
    assert '<th scope="row">II. Preventive measures</th>' in page
    found = page_charts(page)
    links, spec = described(found, "Number of technical assistance needs by chapter.")
    assert "Chapter II: Preventive measures" in links
    assert "Number of needs" in chart_titles(spec)
    links, spec = described(found, "Number and percentage of needs by category of assistance.")
    assert "category=capacity_building" in links["Capacity-building"]
    for links, spec in found:
        assert set(links) <= data_labels(spec)


def test_a_published_analysis_in_spanish(signed_in, ingested):
    viewer, _csrf = signed_in("viewer")
    page = viewer.get("/?lang=es").text
    assert '<th scope="row">Creación de capacidad</th>' in page
    assert '<th scope="row">Estados de Asia y el Pacífico</th>' in page
    found = page_charts(page)
    _links, spec = described(
        found, "Proporción de resúmenes ejecutivos y de necesidades por grupo regional."
    )
    assert "Estados de América Latina y el Caribe" in data_labels(spec)
    assert {"Proporción de necesidades", "Porcentaje"} <= chart_titles(spec) | set(
        re.findall(r'"group": "([^"]*)"', json.dumps(spec, ensure_ascii=False))
    )


def test_the_french_matrix_names_its_rows_and_columns(signed_in, ingested):
    client, _csrf = signed_in("analyst")
    page = client.get("/matrix?lang=fr").text
    assert '<th scope="col" class="num">Renforcement des capacités</th>' in page
    assert "par article et par catégorie" in page
    assert "États d&#39;Afrique" in page  # the regional group of the scope
    [(links, spec)] = page_charts(page)
    labels = data_labels(spec)
    assert any(label.endswith(" × Renforcement des capacités") for label in labels)
    assert links and set(links) == labels
    assert "Besoins par article et par catégorie" in spec["description"]
    # "État" keeps its capital inside a sentence; English keeps its lower case.
    by_state = client.get("/matrix?rows=state&columns=region&lang=fr").text
    assert "par État et par groupe régional" in by_state
    assert "Besoins et services par État" in by_state
    [(links, spec)] = page_charts(by_state)
    assert any(label.endswith("× États d'Asie et du Pacifique") for label in data_labels(spec))
    assert set(links) == data_labels(spec)
    spanish = client.get("/matrix?rows=state&columns=region&lang=es").text
    assert "por Estado y grupo regional" in spanish
    english = client.get("/matrix?rows=state&columns=region&lang=en").text
    assert "by state and regional group" in english
    assert "Asia-Pacific States" in english


def test_the_review_queue_and_a_need_name_their_category(signed_in, ingested):
    client, _csrf = signed_in("analyst")
    french = client.get("/review?lang=fr").text
    assert "<td>Renforcement des capacités</td>" in french
    assert "<td>capacity_building</td>" not in french
    english = client.get("/review?lang=en").text
    assert "<td>Capacity-building</td>" in english
    items = client.get("/api/needs", params={"per_page": 500}).json()["items"]
    need = next(n for n in items if n["subcategory"] == "training")
    page = client.get(f"/needs/{need['id']}?lang=fr").text
    coded = page.split('id="coded-category">')[1].split("</dd>")[0]
    assert coded == "Renforcement des capacités / Formation et développement des compétences"
    page = client.get(f"/needs/{need['id']}?lang=en").text
    coded = page.split('id="coded-category">')[1].split("</dd>")[0]
    assert coded == "Capacity-building / Training and skills development"
