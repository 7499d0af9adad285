"""Rendering the note: self-contained HTML, Word with images, tables and footnotes, PDF, JSON."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import pytest

from tamatrix.exceptions import ConfigurationError, InputError
from tamatrix.reports import render, to_json, to_pdf, write
from tamatrix.reports.note import Note

NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


class _Tags(HTMLParser):
    """Collects start tags with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def test_html_has_one_svg_per_figure(html_page: str, note: Note) -> None:
    names = Counter(tag for tag, _ in _tags(html_page))
    assert names["svg"] == names["figure"] == names["figcaption"] == len(note.figures) == 10
    assert names["table"] == names["caption"] == len(note.figures)


def test_html_refers_to_no_url_but_the_svg_namespaces(html_page: str) -> None:
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", html_page))
    assert urls <= NAMESPACES
    attributes = [
        value
        for _, attrs in _tags(html_page)
        for key, value in attrs.items()
        if key in ("src", "href")
    ]
    assert all(value and value.startswith("#") for value in attributes)


def test_html_is_accessible(html_page: str) -> None:
    tags = _tags(html_page)
    assert tags[0] == ("html", {"lang": "en"})
    assert [t for t, _ in tags].count("h1") == 1
    assert all(attrs.get("scope") in ("col", "row") for tag, attrs in tags if tag == "th")
    svgs = [attrs for tag, attrs in tags if tag == "svg"]
    assert all(attrs.get("role") == "img" and attrs.get("aria-label") for attrs in svgs)
    figures = [attrs for tag, attrs in tags if tag == "figure"]
    assert all(attrs.get("aria-labelledby") for attrs in figures)


def test_html_ids_are_unique(html_page: str) -> None:
    ids = [attrs["id"] for _, attrs in _tags(html_page) if attrs.get("id")]
    assert len(ids) == len(set(ids))
    for target in re.findall(r"url\(#([^)]+)\)", html_page):
        assert target in ids


def test_html_holds_the_prose_numbering_and_footnotes(html_page: str) -> None:
    assert '<h2 id="section-2">II. Overview of the needs identified</h2>' in html_page
    assert '<span class="num">1.</span>' in html_page
    assert 'href="#fn-3"' in html_page and 'id="fn-3"' in html_page
    assert "with 177 of the 404 needs (44 per cent)" in html_page


def test_html_is_deterministic(note: Note, html_page: str) -> None:
    assert render.to_html(note) == html_page


def test_docx_has_headings_numbered_paragraphs_images_and_tables(
    docx_file: Path, note: Note
) -> None:
    document = docx.Document(str(docx_file))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Summary", "I. Introduction"]
    assert "VII. Issues for further consideration" in headings
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == [note.title]
    assert any(p.text.startswith("1.\tUnder its terms of reference") for p in document.paragraphs)
    assert len(document.inline_shapes) == len(note.figures)
    assert len(document.tables) == len(note.figures)
    first = document.tables[0]
    assert [c.text for c in first.rows[0].cells] == list(note.figures[0].table.columns)
    assert [c.text for c in first.rows[1].cells][:3] == ["II", "Preventive measures", "260"]


def test_docx_is_byte_identical_for_the_same_note(
    docx_file: Path, note: Note, tmp_path: Path
) -> None:
    again = write(note, "docx", tmp_path / "again.docx")
    assert again.read_bytes() == docx_file.read_bytes()


def test_docx_footnotes_are_real_footnotes(docx_file: Path, note: Note) -> None:
    with zipfile.ZipFile(docx_file) as archive:
        footnotes = archive.read("word/footnotes.xml").decode("utf-8")
        body = archive.read("word/document.xml").decode("utf-8")
        types = archive.read("[Content_Types].xml").decode("utf-8")
    assert "wordprocessingml.footnotes+xml" in types
    for footnote in note.footnotes:
        assert f'w:id="{footnote.number}"' in footnotes
        assert f'<w:footnoteReference w:id="{footnote.number}"/>' in body
    assert "counted once for each of them" in footnotes


def test_to_json_is_byte_identical(figures: dict[str, Any], tmp_path: Path, note: Note) -> None:
    reordered = dict(reversed(list(figures.items())))
    assert to_json(figures) == to_json(reordered)
    first = write(note, "json", tmp_path / "a.json").read_bytes()
    second = write(note, "json", tmp_path / "b.json").read_bytes()
    assert first == second == to_json(figures).encode("utf-8")
    assert first.endswith(b"}\n")


def test_to_json_keeps_non_ascii_text() -> None:
    assert to_json({"name": "Côte d’Ivoire"}) == '{\n  "name": "Côte d’Ivoire"\n}\n'


def test_write_html_file(note: Note, tmp_path: Path, html_page: str) -> None:
    path = write(note, "html", tmp_path / "note.html")
    assert path.read_bytes() == html_page.encode("utf-8")


def test_write_refuses_an_unknown_format(note: Note, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown report format 'odt'"):
        write(note, "odt", tmp_path / "note.odt")


def test_pdf_without_a_browser_says_what_to_install(
    note: Note, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ConfigurationError, match="install"):
        to_pdf(note, tmp_path / "note.pdf")


@pytest.mark.slow
@pytest.mark.skipif(render.find_browser() is None, reason="Chromium is not installed")
def test_pdf_is_printed_by_chromium(note: Note, tmp_path: Path) -> None:
    path = write(note, "pdf", tmp_path / "note.pdf")
    assert path.read_bytes().startswith(b"%PDF-")
