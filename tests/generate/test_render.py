"""The tamx markup and its renderers to text, PDF, Word and HTML."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tamatrix.exceptions import InputError
from tamatrix.generate.render import (
    Block,
    DocumentSpec,
    parse_markup,
    plain_text,
    to_docx,
    to_html,
    to_pdf,
    to_text,
    write_document,
)

HEADER = "@symbol: S/1\n@job: V.99-00002\n@language: en\n"


def _lines(page: str) -> list[str]:
    """Return the non-blank lines of a page of extracted text, stripped."""
    return [line.strip() for line in page.splitlines() if line.strip()]


# --------------------------------------------------------------------------- markup


def test_markup_metadata(small_spec: DocumentSpec) -> None:
    assert small_spec.symbol == "CAC/COSP/IRG/II/9/1/Add.199"
    assert small_spec.job_number == "V.99-00001"
    assert small_spec.language == "en"
    assert small_spec.title == "Executive summary: Republic of Testland"
    assert small_spec.generated_note == "Fabricated for the renderer tests."


def test_markup_block_kinds_levels_and_markers(small_spec: DocumentSpec) -> None:
    shape = [(b.kind, b.level, b.marker) for b in small_spec.blocks]
    assert shape[:5] == [
        ("title", 0, "•"),
        ("heading", 1, "•"),
        ("heading", 2, "•"),
        ("heading", 3, "•"),
        ("heading", 4, "•"),
    ]
    bullets = [(b.kind, b.marker) for b in small_spec.blocks if b.kind.endswith("bullet")]
    assert bullets == [
        ("bullet", "•"),
        ("bullet", "•"),
        ("subbullet", "–"),
        ("subbullet", "–"),
        ("subbullet", "•"),
        ("bullet", "(a)"),
        ("bullet", "•"),
        ("bullet", "1."),
        ("bullet", "2."),
    ]
    footnote = next(b for b in small_spec.blocks if b.kind == "footnote")
    assert (footnote.marker, footnote.text) == ("1", "A footnote at the foot of the first page.")
    assert sum(b.kind == "pagebreak" for b in small_spec.blocks) == 1


def test_markup_escaped_line_is_a_paragraph(small_spec: DocumentSpec) -> None:
    assert Block("paragraph", "# Not a heading but a paragraph.") in small_spec.blocks


def test_title_defaults_to_first_title_line() -> None:
    spec = parse_markup(HEADER + "= The title\nText.\n")
    assert spec.title == "The title"


def test_plain_text_drops_inline_marks() -> None:
    assert plain_text("A need[^2] split {{page}} here (art. 5);") == "A need split here (art. 5);"


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("@symbol: S/1\n@language: en\nText.\n", "@job"),
        (HEADER + "@colour: blue\n", "unknown metadata key @colour"),
        (HEADER + "A reference[^9] without its note.\n", "[^9]"),
    ],
)
def test_markup_errors(markup: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        parse_markup(markup)


def test_block_refuses_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown block kind"):
        Block("table")


# --------------------------------------------------------------------------- text


def test_text_pages_bullets_and_footnotes(small_spec: DocumentSpec) -> None:
    pages = to_text(small_spec).split("\f")
    assert len(pages) == 3
    first = pages[0].splitlines()
    assert "• Training for prevention officers on risk reviews (art. 6);" in first
    assert "    – the audit office;" in first
    assert "    • the statistics office;" in first
    assert "(a) Legal advice on the procurement law (art. 9);" in first
    assert "The following needs were identified, one of them with a footnote1." in first
    assert first[-1] == "1 A footnote at the foot of the first page."
    assert _lines(pages[1]) == ["ending on the next page (art. 10);"]
    assert _lines(pages[2])[1:] == [
        "1. A numbered need (art. 12);",
        "2. Another numbered need (art. 13).",
    ]


def test_text_keeps_list_items_together(small_spec: DocumentSpec) -> None:
    text = to_text(small_spec)
    assert "(art. 6);\n• Capacity-building" in text
    assert "\n\nNeeds of the prevention body\n\n" in text
    assert "{{page}}" not in text and "[^1]" not in text


def test_text_running_headers(small_spec: DocumentSpec) -> None:
    pages = to_text(small_spec, running_headers=True).split("\f")
    for number, page in enumerate(pages, start=1):
        lines = _lines(page)
        assert lines[0] == small_spec.symbol
        assert f"{number}/3" in lines[-1] and small_spec.job_number in lines[-1]


# --------------------------------------------------------------------------- PDF


def _pdf_pages(path: Path) -> list[str]:
    """Return the text of each page of a PDF."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def test_pdf_page_count_headers_and_footers(small_spec: DocumentSpec, tmp_path: Path) -> None:
    path = tmp_path / "small.pdf"
    assert to_pdf(small_spec, path) == 3
    pages = _pdf_pages(path)
    assert len(pages) == 3
    for number, page in enumerate(pages, start=1):
        lines = _lines(page)
        assert lines[0] == small_spec.symbol
        assert f"{number}/3" in lines[-1] and small_spec.job_number in lines[-1]


def test_pdf_bullets_extract_as_bullet_characters(small_spec: DocumentSpec, tmp_path: Path) -> None:
    path = tmp_path / "small.pdf"
    to_pdf(small_spec, path)
    lines = _lines(_pdf_pages(path)[0])
    assert "• Training for prevention officers on risk reviews (art. 6);" in lines
    assert "• Capacity-building for the following bodies (art. 9):" in lines
    assert "– the audit office;" in lines
    assert "• the statistics office;" in lines
    assert "(a) Legal advice on the procurement law (art. 9);" in lines
    assert all(not line.startswith("*") for line in lines)


def test_pdf_footnote_at_foot_of_page_and_split_bullet(
    small_spec: DocumentSpec, tmp_path: Path
) -> None:
    path = tmp_path / "small.pdf"
    to_pdf(small_spec, path)
    first, second, third = (_lines(page) for page in _pdf_pages(path))
    assert first[-4:-1] == [
        "• A need split across pages",
        "1",
        "A footnote at the foot of the first page.",
    ]
    assert second[1] == "ending on the next page (art. 10);"
    assert "1. A numbered need (art. 12);" in third


def test_pdf_without_running_headers(small_spec: DocumentSpec, tmp_path: Path) -> None:
    path = tmp_path / "plain.pdf"
    to_pdf(small_spec, path, running_headers=False)
    second = _lines(_pdf_pages(path)[1])
    assert second == ["ending on the next page (art. 10);"]


def test_pdf_text_outside_windows_1252(tmp_path: Path) -> None:
    spec = parse_markup(
        HEADER + "@language: ru\n# Глава II: меры\n* Подготовка кадров (статья 6);\n"
    )
    try:
        to_pdf(spec, tmp_path / "ru.pdf")
    except InputError:
        pytest.skip("no TrueType serif font with Cyrillic on this machine")
    lines = _lines(_pdf_pages(tmp_path / "ru.pdf")[0])
    assert "• Подготовка кадров (статья 6);" in lines


# --------------------------------------------------------------------------- Word


def test_docx_styles_markers_header_and_footer(small_spec: DocumentSpec, tmp_path: Path) -> None:
    import docx

    path = tmp_path / "small.docx"
    to_docx(small_spec, path)
    document = docx.Document(str(path))
    styled = [
        (p.style.name if p.style else "", p.text) for p in document.paragraphs if p.text.strip()
    ]
    assert ("Title", "Executive summary: Republic of Testland") in styled
    assert ("Heading 1", "II. Executive summary") in styled
    assert ("Heading 4", "Needs of the prevention body") in styled
    assert ("List Bullet", "Training for prevention officers on risk reviews (art. 6);") in styled
    assert ("List Bullet 2", "the statistics office;") in styled
    assert ("Normal", "–\tthe audit office;") in styled
    assert ("Normal", "(a)\tLegal advice on the procurement law (art. 9);") in styled
    assert ("Normal", "1 A footnote at the foot of the first page.") in styled
    assert all("•" not in text for _, text in styled)
    section = document.sections[0]
    assert section.header.paragraphs[0].text == small_spec.symbol
    assert small_spec.job_number in section.footer.paragraphs[0].text
    assert document.core_properties.language == "en"


def test_docx_page_breaks(small_spec: DocumentSpec, tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    path = tmp_path / "small.docx"
    to_docx(small_spec, path)
    body = docx.Document(str(path)).element.body
    breaks = [br for br in body.iter(qn("w:br")) if br.get(qn("w:type")) == "page"]
    assert len(breaks) == 2


# --------------------------------------------------------------------------- HTML


def test_html_structure(small_spec: DocumentSpec) -> None:
    from lxml import html

    page = to_html(small_spec)
    assert page.startswith("<!DOCTYPE html>")
    root = html.fromstring(page)
    assert root.get("lang") == "en"
    assert [h.text_content() for h in root.xpath("//h4")] == ["Needs of the prevention body"]
    assert root.xpath("//h1")[0].text_content() == "II. Executive summary"
    outer = root.xpath("//main/ul/li")
    assert outer[0].text_content() == "Training for prevention officers on risk reviews (art. 6);"
    nested = [li.text_content() for li in root.xpath("//main/ul/li/ul/li")]
    assert nested == ["the audit office;", "the procurement agency;", "the statistics office;"]
    assert root.xpath("//ol[@type='a']/li")[0].text_content().startswith("Legal advice")
    assert [li.get("value") for li in root.xpath("//ol[not(@type)]/li")] == ["1", "2"]
    note = root.xpath("//section[@class='footnotes']/p")[0]
    assert (
        note.get("id") == "fn-1"
        and note.text_content() == "1 A footnote at the foot of the first page."
    )
    assert root.xpath("//a[@href='#fn-1']")[0].text == "1"
    assert "{{page}}" not in page and "[^1]" not in page


def test_html_escapes_text() -> None:
    from lxml import html

    page = to_html(parse_markup(HEADER + "Costs < 5 & benefits > 2 <b>not bold</b>\n"))
    assert html.fromstring(page).xpath("//p")[0].text_content() == (
        "Costs < 5 & benefits > 2 <b>not bold</b>"
    )


# --------------------------------------------------------------------------- files


@pytest.mark.parametrize("suffix", [".txt", ".pdf", ".docx", ".html"])
def test_write_document_by_suffix(
    small_spec: DocumentSpec, tmp_path: Path, suffix: str, read_text: Callable[[Path], str]
) -> None:
    path = write_document(small_spec, tmp_path / f"small{suffix}")
    text = " ".join(read_text(path).split())
    assert "Legal advice on the procurement law (art. 9);" in text


@pytest.mark.parametrize("suffix", [".txt", ".pdf", ".docx", ".html"])
def test_rendering_is_deterministic(small_spec: DocumentSpec, tmp_path: Path, suffix: str) -> None:
    first = write_document(small_spec, tmp_path / f"first{suffix}").read_bytes()
    second = write_document(small_spec, tmp_path / f"second{suffix}").read_bytes()
    assert first == second


def test_write_document_refuses_unknown_suffix(small_spec: DocumentSpec, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="small.rtf"):
        write_document(small_spec, tmp_path / "small.rtf")
