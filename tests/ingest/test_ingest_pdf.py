"""The PDF adapter on PDFs made with reportlab."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tamatrix.exceptions import DocumentError
from tamatrix.ingest import read


def test_pdf_gives_the_text_of_each_page(
    make_pdf: Callable[..., Path], pdf_pages: tuple[tuple[str, ...], ...]
) -> None:
    source = read(make_pdf())
    assert source.format == "pdf"
    assert [tuple(page.splitlines()) for page in source.pages] == list(pdf_pages)
    assert source.problems == ()


def test_pdf_text_has_no_carriage_returns_or_form_feeds(make_pdf: Callable[..., Path]) -> None:
    source = read(make_pdf())
    assert "\r" not in source.text
    assert source.text.count("\f") == len(source.pages) - 1 == 2


def test_pdf_metadata(make_pdf: Callable[..., Path]) -> None:
    metadata = read(make_pdf()).metadata
    assert metadata["title"] == "Executive summary: Republic of Testland"
    assert metadata["author"] == "ta-matrix tests"
    assert metadata["producer"].startswith("ReportLab")
    assert metadata["created"] == "2000-01-01T00:00:00+00:00"  # reportlab's invariant date
    assert metadata["pages"] == "3"


def test_pdf_page_without_text_is_a_problem(make_pdf: Callable[..., Path]) -> None:
    source = read(make_pdf([["First page"], None, ["Third page"]]))
    assert source.pages == ("First page", "", "Third page")
    [problem] = source.problems
    assert (problem.code, problem.page, problem.file) == ("no-text-on-page", 2, "summary.pdf")
    assert "page 2" in problem.message


def test_pdf_page_that_cannot_be_loaded_is_a_problem(broken_page_pdf: Path) -> None:
    source = read(broken_page_pdf)
    assert source.pages == ("Page one", "")
    [problem] = source.problems
    assert (problem.code, problem.page) == ("unreadable-page", 2)
    assert broken_page_pdf.name in problem.message


def test_pdf_with_a_password_is_refused(make_pdf: Callable[..., Path]) -> None:
    path = make_pdf(name="locked.pdf", encrypt="secret")
    with pytest.raises(DocumentError, match="locked.pdf.*password") as caught:
        read(path)
    assert caught.value.code == "encrypted-pdf"


def test_pdf_with_only_an_owner_password_is_read(make_pdf: Callable[..., Path]) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    encryption = StandardEncryption("", ownerPassword="owner", canCopy=0)
    source = read(make_pdf(name="restricted.pdf", encrypt=encryption))
    assert source.pages[0].startswith("CAC/COSP/IRG/II/1/1/Add.99")


def test_scanned_pdf_has_no_text_layer(make_pdf: Callable[..., Path]) -> None:
    path = make_pdf([None, None], name="scan.pdf")
    with pytest.raises(DocumentError, match="scan.pdf.*text layer") as caught:
        read(path)
    assert caught.value.code == "no-text-layer"


def test_damaged_pdf_is_refused(write_file: Callable[[str, bytes], Path]) -> None:
    path = write_file("damaged.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8)
    with pytest.raises(DocumentError, match="damaged.pdf") as caught:
        read(path)
    assert caught.value.code == "corrupt-pdf"


def test_text_file_named_pdf_is_refused(write_file: Callable[[str, str], Path]) -> None:
    path = write_file("renamed.pdf", "Executive summary: Testland\n")
    with pytest.raises(DocumentError, match="renamed.pdf.*does not start with %PDF") as caught:
        read(path)
    assert caught.value.code == "corrupt-pdf"
    assert "text" in str(caught.value)


def test_pdf_with_another_suffix_is_read_as_pdf(make_pdf: Callable[..., Path]) -> None:
    path = make_pdf()
    renamed = path.rename(path.with_suffix(".txt"))
    assert read(renamed).format == "pdf"


def test_pdf_word_hyphenated_across_lines_keeps_hyphen_and_line_end(
    make_pdf: Callable[..., Path],
) -> None:
    source = read(make_pdf([["Assistance for capacity-", "building of the commission (art. 5);"]]))
    assert source.pages == ("Assistance for capacity-\nbuilding of the commission (art. 5);",)
