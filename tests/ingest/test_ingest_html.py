"""The HTML adapter on pages written as strings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tamatrix.exceptions import DocumentError
from tamatrix.ingest import read


def test_html_blocks_become_lines_and_list_items_bullets(
    write_file: Callable[[str, str], Path], html_page: tuple[str, list[str]]
) -> None:
    markup, lines = html_page
    source = read(write_file("summary.html", markup))
    assert source.format == "html"
    assert source.pages[0].splitlines() == lines
    assert source.metadata == {"title": "Executive summary: Testland", "language": "en"}


def test_html_declared_charset_is_used(write_file: Callable[[str, bytes], Path]) -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>Café – ok</p></body></html>'
    source = read(write_file("latin.htm", page.encode("cp1252")))
    assert source.pages == ("Café – ok",)


def test_xhtml_with_an_xml_declaration_is_read(write_file: Callable[[str, str], Path]) -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>Résumé</p></body></html>'
    assert read(write_file("page.html", page)).pages == ("Résumé",)


def test_html_without_text_is_empty(write_file: Callable[[str, str], Path]) -> None:
    path = write_file("blank.html", "<html><body><script>x()</script></body></html>")
    with pytest.raises(DocumentError, match="blank.html") as caught:
        read(path)
    assert caught.value.code == "empty-file"


def test_binary_file_named_html_is_refused(write_file: Callable[[str, bytes], Path]) -> None:
    with pytest.raises(DocumentError, match="image.html") as caught:
        read(write_file("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10))
    assert caught.value.code == "binary-file"
