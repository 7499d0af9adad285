"""The Word adapter on documents made with python-docx."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tamatrix.exceptions import DocumentError
from tamatrix.ingest import read


def test_docx_pages_follow_page_and_section_breaks(
    make_docx: Callable[..., Path], word_pages: tuple[str, ...]
) -> None:
    source = read(make_docx())
    assert source.format == "docx"
    assert source.pages == word_pages
    assert source.problems == ()


def test_docx_list_paragraphs_get_a_bullet(make_docx: Callable[..., Path]) -> None:
    lines = read(make_docx()).pages[0].splitlines()
    bullets = [line for line in lines if line.startswith("• ")]
    assert bullets == [
        "• Capacity-building for the anti-corruption commission (art. 5);",
        "• Legislative assistance in drafting a law on access to information (art. 10).",
    ]
    assert "This paragraph continues the list." in lines  # "List Continue" has no bullet


def test_docx_metadata_has_core_properties_and_headers(make_docx: Callable[..., Path]) -> None:
    metadata = read(make_docx()).metadata
    assert metadata["title"] == "Executive summary: Republic of Testland"
    assert metadata["created"] == "2021-06-09T09:00:00+00:00"
    assert metadata["header"] == "CAC/COSP/IRG/II/1/1/Add.99"
    assert metadata["footer"] == "V.21-01234"


def test_text_file_named_docx_is_refused(write_file: Callable[[str, str], Path]) -> None:
    path = write_file("notes.docx", "Executive summary: Testland\n")
    with pytest.raises(DocumentError, match="notes.docx.*not a ZIP") as caught:
        read(path)
    assert caught.value.code == "not-a-docx"


def test_zip_that_is_not_a_word_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a Word document")
    with pytest.raises(DocumentError, match="archive.docx") as caught:
        read(path)
    assert caught.value.code == "not-a-docx"


def test_old_word_file_named_docx_is_refused(write_file: Callable[[str, bytes], Path]) -> None:
    path = write_file("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(DocumentError, match=r"old.docx.*\.doc\b") as caught:
        read(path)
    assert caught.value.code == "not-a-docx"


def test_docx_without_text_is_empty(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    with pytest.raises(DocumentError, match="blank.docx") as caught:
        read(path)
    assert caught.value.code == "empty-file"


def test_password_protected_word_file_is_refused(
    write_file: Callable[[str, bytes], Path],
) -> None:
    # Office writes an encrypted .docx as an OLE2 file holding an "EncryptedPackage" stream.
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(DocumentError, match="locked.docx.*password") as caught:
        read(write_file("locked.docx", data))
    assert caught.value.code == "encrypted-docx"
