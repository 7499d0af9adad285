"""The fixture corpus of tests/fixtures/documents: it renders, and its gold file is sound."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tamatrix.core.taxonomy import CATEGORY_CODES, FORMS, SUBCATEGORY_CODES

DOCUMENTS = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
GOLD: list[dict[str, Any]] = [
    json.loads(line)
    for line in (DOCUMENTS / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
BY_FILE = {entry["file"]: entry for entry in GOLD}
DEV_STATES = {"XAL", "XBM", "XCV", "XCS", "XEK", "XFW"}
CHAPTERS = {1: {"III", "IV"}, 2: {"II", "V"}}
FORM_CATEGORY = {form.label: (form.category, form.subcategory) for form in FORMS}
ITEM_LISTS = ("needs", "recommendations", "good_practices")


def _normalize(text: str) -> str:
    """Collapse every run of whitespace (line breaks, form feeds, tabs) into one space."""
    return re.sub(r"\s+", " ", text).strip()


def _probes(text: str) -> list[str]:
    """Return the first four words of each part of an item's text and its last three words.

    Parts are split at ": ", because a sub-bullet joins its lead-in and a first-cycle form
    joins its article label, and neither is contiguous in the document.
    """
    parts = text.split(": ")
    return [*(" ".join(part.split()[:4]) for part in parts), " ".join(parts[-1].split()[-3:])]


def test_every_gold_file_is_built(fixture_corpus: Path) -> None:
    for entry in GOLD:
        assert (fixture_corpus / entry["file"]).stat().st_size > 0, entry["file"]
    copied = (fixture_corpus / "gold.jsonl").read_text(encoding="utf-8")
    assert copied == (DOCUMENTS / "gold.jsonl").read_text(encoding="utf-8")


def test_every_source_has_one_gold_line() -> None:
    sources = sorted(entry["source"] for entry in GOLD)
    assert sources == sorted(path.name for path in DOCUMENTS.glob("*.tamx"))
    assert all(Path(e["file"]).stem == Path(e["source"]).stem for e in GOLD)


def test_build_refuses_a_source_without_gold(
    fixture_build: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "gold.jsonl").write_text("", encoding="utf-8")
    (documents / "stray.tamx").write_text("@symbol: S\n@job: J\n@language: en\n", "utf-8")
    monkeypatch.setattr(fixture_build, "DOCUMENTS", documents)
    monkeypatch.setattr(fixture_build, "GOLD", documents / "gold.jsonl")
    with pytest.raises(ValueError, match="stray.tamx"):
        fixture_build.build_corpus(tmp_path / "out")


@pytest.mark.parametrize("entry", GOLD, ids=lambda entry: entry["file"])
def test_gold_line_follows_the_codebook(entry: dict[str, Any]) -> None:
    assert re.fullmatch(r"X[A-Z]{2}", entry["state"]) and entry["state"] not in DEV_STATES
    assert entry["format"] == Path(entry["file"]).suffix.lstrip(".")
    assert entry["format"] in {"pdf", "docx", "html", "txt"}
    for kind in ITEM_LISTS:
        for item in entry[kind]:
            assert item["chapter"] in CHAPTERS[entry["cycle"]], item
            assert item["articles"] == sorted(set(item["articles"])), item
            assert all(isinstance(a, int) and 1 <= a <= 71 for a in item["articles"]), item
            assert not item["text"].endswith((";", ".", " ")), item
    for need in entry["needs"]:
        assert need["primary_category"] in CATEGORY_CODES, need
        assert set(need["secondary_categories"]) <= set(CATEGORY_CODES) - {
            need["primary_category"]
        }, need
        if need["primary_category"] == "capacity_building":
            assert need["subcategory"] in SUBCATEGORY_CODES, need
        else:
            assert need["subcategory"] is None, need
        if need["form"] is not None:
            assert entry["cycle"] == 1, need
            category, subcategory = FORM_CATEGORY[need["form"]]
            assert (need["primary_category"], need["subcategory"]) == (category, subcategory)


def test_states_are_distinct() -> None:
    states = [entry["state"] for entry in GOLD]
    assert len(states) == len(set(states)) == 8


@pytest.mark.parametrize("name", sorted(BY_FILE))
def test_rendered_text_contains_each_gold_item(name: str, fixture_texts: dict[str, str]) -> None:
    text = _normalize(fixture_texts[name])
    assert "CAC/COSP/IRG/" in text and "Fabricated test fixture" in text
    missing = [
        (kind, probe)
        for kind in ITEM_LISTS
        for item in BY_FILE[name][kind]
        for probe in _probes(item["text"])
        if probe not in text
    ]
    assert missing == []


def test_unsupported_language_document_has_no_items(fixture_texts: dict[str, str]) -> None:
    russian = [entry for entry in GOLD if entry["language"] == "ru"]
    assert len(russian) == 1
    assert all(russian[0][kind] == [] for kind in ITEM_LISTS)
    assert "Потребности в технической помощи" in fixture_texts[russian[0]["file"]]


def test_corpus_covers_every_category_subcategory_and_form() -> None:
    needs = [need for entry in GOLD for need in entry["needs"]]
    assert {n["primary_category"] for n in needs} == set(CATEGORY_CODES)
    assert {n["subcategory"] for n in needs} - {None} == set(SUBCATEGORY_CODES)
    assert {n["form"] for n in needs} - {None} == set(FORM_CATEGORY)
    assert {entry["language"] for entry in GOLD} == {"en", "fr", "es", "ru"}
    assert {entry["format"] for entry in GOLD} == {"pdf", "docx", "html", "txt"}


def test_readme_lists_every_file() -> None:
    readme = (DOCUMENTS / "README.md").read_text(encoding="utf-8")
    for entry in GOLD:
        assert f"`{entry['file']}`" in readme and entry["state"] in readme
