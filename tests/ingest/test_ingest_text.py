"""The plain text and Markdown adapter."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from tamatrix.exceptions import DocumentError
from tamatrix.ingest import read


def test_text_pages_split_at_form_feeds(write_file: Callable[[str, str], Path]) -> None:
    source = read(write_file("dump.txt", "Page one\r\nline two\fPage two\n\f"))
    assert source.format == "txt"
    assert source.pages == ("Page one\nline two", "Page two\n")
    assert source.problems == ()
    assert source.metadata == {"encoding": "utf-8"}


def test_text_blank_page_inside_is_a_problem(write_file: Callable[[str, str], Path]) -> None:
    source = read(write_file("dump.txt", "One\f  \n\fThree"))
    assert len(source.pages) == 3
    [problem] = source.problems
    assert (problem.code, problem.page) == ("no-text-on-page", 2)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + "Café – need".encode(), "utf-8"),
        (codecs.BOM_UTF16_LE + "Café – need".encode("utf-16-le"), "utf-16"),
        ("Café – need".encode("cp1252"), "cp1252"),
    ],
)
def test_text_encodings(
    write_file: Callable[[str, bytes], Path], data: bytes, encoding: str
) -> None:
    source = read(write_file("need.txt", data))
    assert source.pages == ("Café – need",)
    assert source.metadata["encoding"] == encoding


@pytest.mark.parametrize(
    "data",
    [b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" * 20, bytes(range(1, 32)) * 20 + b"some text"],
    ids=["nul-bytes", "control-bytes"],
)
def test_binary_file_named_txt_is_refused(
    write_file: Callable[[str, bytes], Path], data: bytes
) -> None:
    with pytest.raises(DocumentError, match="junk.txt.*binary") as caught:
        read(write_file("junk.txt", data))
    assert caught.value.code == "binary-file"


def test_whitespace_only_text_is_empty(write_file: Callable[[str, str], Path]) -> None:
    with pytest.raises(DocumentError, match="spaces.txt") as caught:
        read(write_file("spaces.txt", " \n\t\f\n"))
    assert caught.value.code == "empty-file"


def test_markdown_headings_and_bullets(write_file: Callable[[str, str], Path]) -> None:
    markdown = (
        "# Executive summary: Testland\n"
        "\n"
        "## 2.4. Technical assistance needs ##\n"
        "It is recommended that **Testland**:\n"
        "- Capacity-building (art. 5);\n"
        "* Legal advice, see [the law](https://example.org) (art. 10).\n"
        "  + Nested item\n"
        "---\n"
        "Issue #12 stays as written.\n"
    )
    source = read(write_file("summary.md", markdown))
    assert source.format == "md"
    assert source.pages[0].splitlines() == [
        "Executive summary: Testland",
        "",
        "2.4. Technical assistance needs",
        "It is recommended that Testland:",
        "• Capacity-building (art. 5);",
        "• Legal advice, see the law (art. 10).",
        "• Nested item",
        "Issue #12 stays as written.",
    ]


def test_html_saved_as_txt_is_read_as_html(write_file: Callable[[str, str], Path]) -> None:
    source = read(write_file("page.txt", "<!DOCTYPE html><html><body><li>Need</li></body></html>"))
    assert (source.format, source.pages) == ("html", ("• Need",))
