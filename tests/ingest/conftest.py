"""Fixtures that make real documents at test time: PDFs with reportlab, Word files with
python-docx, and HTML, text and Markdown files from strings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

# Three pages of known text; the second page has a running header, as UN documents do.
PDF_PAGES = (
    ("CAC/COSP/IRG/II/1/1/Add.99", "Executive summary: Republic of Testland"),
    ("2.4. Technical assistance needs", "• Capacity-building for the commission (art. 5);"),
    ("3. Chapter V: asset recovery", "• Legal advice on asset return (art. 57)."),
)

WORD_PAGES = (
    "Executive summary: Republic of Testland\n"
    "Testland ratified the Convention in 2005.\n"
    "• Capacity-building for the anti-corruption commission (art. 5);\n"
    "• Legislative assistance in drafting a law on access to information (art. 10).\n"
    "This paragraph continues the list.\n"
    "Text before the break.",
    "Text after the break.\nArticle 16\nLegal advice\nArticles 23 and 24\nModel legislation",
    "3. Chapter V: asset recovery",
    "Text of the third section.\nText of a continuous section, on the same page.",
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Executive summary:
    Testland</title>
  <style>p { color: red; }</style>
  <script>var hidden = "script text";</script>
</head>
<body>
  <h1>2.4. Technical   assistance needs</h1>
  <p>It is recommended that Testland:<br>adopt measures.</p>
  <ul>
    <li>Capacity-building for the commission (art. 5);</li>
    <li>Legal <b>advice</b> (art. 10).</li>
  </ul>
  <ol><li>Numbered item</li></ol>
  <div hidden>Hidden text</div>
  <div style="display: none">Also hidden</div>
  <table><tr><th>Article</th><th>Need</th></tr><tr><td>16</td><td>Model laws</td></tr></table>
  <p class="MsoListParagraph"><span style="mso-list:Ignore">·<span>&nbsp;&nbsp;</span></span>
  Saved from Word (art. 9);</p>
  <!-- a comment -->
  <p>Café, déjà vu – “quotes”</p>
</body>
</html>
"""
HTML_LINES = [
    "2.4. Technical assistance needs",
    "It is recommended that Testland:",
    "adopt measures.",
    "• Capacity-building for the commission (art. 5);",
    "• Legal advice (art. 10).",
    "• Numbered item",
    "Article\tNeed",
    "16\tModel laws",
    "• Saved from Word (art. 9);",
    "Café, déjà vu – “quotes”",
]


@pytest.fixture
def pdf_pages() -> tuple[tuple[str, ...], ...]:
    """The lines on each page of the PDF that ``make_pdf`` writes by default."""
    return PDF_PAGES


@pytest.fixture
def word_pages() -> tuple[str, ...]:
    """The text of each page of the Word document that ``make_docx`` writes."""
    return WORD_PAGES


@pytest.fixture
def html_page() -> tuple[str, list[str]]:
    """An HTML page and the lines that the HTML adapter should read from it."""
    return HTML_PAGE, HTML_LINES


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[..., Path]:
    """Return a function that writes a PDF: one list of lines per page, None for a scan."""

    def make(
        pages: Sequence[Sequence[str] | None] = PDF_PAGES,
        name: str = "summary.pdf",
        encrypt: str | None = None,
    ) -> Path:
        path = tmp_path / name
        pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt, invariant=True)
        pdf.setTitle("Executive summary: Republic of Testland")
        pdf.setAuthor("ta-matrix tests")
        for lines in pages:
            if lines is None:
                # What a scanner produces, as far as text goes: marks on the page, no text.
                pdf.rect(50, 50, 400, 600, fill=1)
            else:
                y = 780
                for line in lines:
                    pdf.drawString(72, y, line)
                    y -= 16
            pdf.showPage()
        pdf.save()
        return path

    return make


@pytest.fixture
def broken_page_pdf(make_pdf: Callable[..., Path]) -> Path:
    """A two-page PDF whose page tree points its second page at a font instead of a page."""
    path = make_pdf([["Page one"], ["Page two"]], name="broken-page.pdf")
    data = path.read_bytes()
    kids = b"/Kids [ 3 0 R 4 0 R ]"
    assert kids in data
    path.write_bytes(data.replace(kids, b"/Kids [ 3 0 R 2 0 R ]"))
    return path


def _number(paragraph: Paragraph) -> None:
    """Give a paragraph direct list numbering (numPr), as Word does for a clicked bullet."""
    numpr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "0"), ("w:numId", "1")):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        numpr.append(element)
    paragraph._p.get_or_add_pPr().append(numpr)


@pytest.fixture
def make_docx(tmp_path: Path) -> Callable[..., Path]:
    """Return a function that writes the Word document whose pages are WORD_PAGES."""

    def make(name: str = "summary.docx") -> Path:
        document = docx.Document()
        document.core_properties.title = "Executive summary: Republic of Testland"
        document.core_properties.created = dt.datetime(2021, 6, 9, 9, 0, tzinfo=dt.UTC)
        section = document.sections[0]
        section.header.paragraphs[0].text = "CAC/COSP/IRG/II/1/1/Add.99"
        section.footer.paragraphs[0].text = "V.21-01234"
        heading = document.add_heading("Executive summary: Republic of Testland", level=1)
        _number(heading)  # outline numbering, which must not turn the heading into a bullet
        document.add_paragraph("Testland ratified the Convention in 2005.")
        document.add_paragraph(
            "Capacity-building for the anti-corruption commission (art. 5);", style="List Bullet"
        )
        numbered = document.add_paragraph(
            "Legislative assistance in drafting a law on access to information (art. 10)."
        )
        _number(numbered)
        document.add_paragraph("This paragraph continues the list.", style="List Continue")
        document.add_paragraph("")
        broken = document.add_paragraph("Text before the break.")
        broken.add_run().add_break(WD_BREAK.PAGE)
        broken.add_run("Text after the break.")
        table = document.add_table(rows=2, cols=2)
        for row, (article, need) in zip(
            table.rows,
            (("Article 16", "Legal advice"), ("Articles 23 and 24", "Model legislation")),
            strict=True,
        ):
            row.cells[0].text = article
            row.cells[1].text = need
        chapter = document.add_paragraph("3. Chapter V: asset recovery")
        chapter.paragraph_format.page_break_before = True
        document.add_section(WD_SECTION.NEW_PAGE)
        document.add_paragraph("Text of the third section.")
        document.add_section(WD_SECTION.CONTINUOUS)
        document.add_paragraph("Text of a continuous section, on the same page.")
        path = tmp_path / name
        document.save(str(path))
        return path

    return make


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Return a function that writes text (UTF-8) or bytes to a file in a temporary folder."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
        return path

    return write
