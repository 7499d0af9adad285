"""Choosing an adapter, refusing unusable files, and finding files in folders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tamatrix.exceptions import DocumentError, InputError, UnsupportedFormatError
from tamatrix.ingest import SUPPORTED_SUFFIXES, iter_files, read


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="missing.pdf.*no such file") as caught:
        read(tmp_path / "missing.pdf")
    assert caught.value.code == "file-not-found"


def test_file_larger_than_the_limit(write_file: Callable[[str, str], Path]) -> None:
    path = write_file("big.txt", "x" * 101)
    with pytest.raises(DocumentError, match="big.txt.*101 bytes.*100") as caught:
        read(path, max_bytes=100)
    assert caught.value.code == "file-too-large"


@pytest.mark.parametrize("name", ["empty.pdf", "empty.docx", "empty.html", "empty.txt"])
def test_empty_file(write_file: Callable[[str, bytes], Path], name: str) -> None:
    with pytest.raises(DocumentError, match=name) as caught:
        read(write_file(name, b""))
    assert caught.value.code == "empty-file"


def test_unknown_suffix_is_unsupported(write_file: Callable[[str, str], Path]) -> None:
    with pytest.raises(UnsupportedFormatError, match=r"sheet.xlsx.*\.xlsx.*\.pdf.*\.docx"):
        read(write_file("sheet.xlsx", "a,b\n"))


def test_unsupported_format_is_an_input_error() -> None:
    assert issubclass(UnsupportedFormatError, InputError)
    assert issubclass(DocumentError, InputError)


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    with pytest.raises(DocumentError, match="folder.pdf") as caught:
        read(folder)
    assert caught.value.code == "not-a-file"


def test_read_accepts_a_string_path(write_file: Callable[[str, str], Path]) -> None:
    assert read(str(write_file("a.text", "Need"))).pages == ("Need",)


def test_iter_files_expands_folders(write_file: Callable[[str, str], Path], tmp_path: Path) -> None:
    for name in (
        "b/summary.PDF",
        "b/a/notes.md",
        "a.txt",
        "page.htm",
        ".hidden.txt",
        ".git/config.txt",
        "~$lock.docx",
        "sheet.xlsx",
        "readme",
    ):
        write_file(name, "x")
    explicit = write_file("elsewhere/odd.xyz", "x")
    assert iter_files([tmp_path / "b", tmp_path, explicit]) == [
        tmp_path / "b/a/notes.md",
        tmp_path / "b/summary.PDF",
        tmp_path / "a.txt",
        tmp_path / "page.htm",
        explicit,
    ]


def test_supported_suffixes() -> None:
    assert set(SUPPORTED_SUFFIXES) == {".pdf", ".docx", ".html", ".htm", ".txt", ".text", ".md"}
