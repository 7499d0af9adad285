"""Rendering a drafted note: self-contained HTML, Word (.docx), PDF through Chromium, and JSON.

The HTML holds everything inline (CSS and SVG charts) and refers to no URL, so it opens and
prints offline. Word gets the same structure with PNG charts, a data table under each chart and
real footnotes. PDF is Chromium's headless print of the HTML, the most faithful offline route;
without a Chromium-family browser on the PATH, ``to_pdf`` raises ``ConfigurationError``.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from tamatrix.exceptions import ConfigurationError
from tamatrix.reports import charts
from tamatrix.reports.note import Figure, Heading, Note, Paragraph, Section, Table
from tamatrix.reports.style import roman

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
CSS = """
@page { size: A4; margin: 2cm 2.2cm; }
body { font-family: "Times New Roman", "Liberation Serif", Times, serif; font-size: 11pt;
  line-height: 1.4; color: #000; max-width: 44em; margin: 2em auto; padding: 0 1em; }
.masthead { font-size: 9pt; border-bottom: 1px solid #000; padding-bottom: .4em; }
.masthead p { margin: 0; }
h1 { font-size: 16pt; margin: 1.2em 0 .2em; }
.subtitle { font-weight: bold; font-size: 12pt; margin: 0 0 1.5em; }
h2 { font-size: 13pt; margin: 1.6em 0 .6em; }
h3 { font-size: 11pt; margin: 1.2em 0 .4em; }
.summary { border: 1px solid #000; padding: 0 1em; margin-bottom: 2em; }
.summary h2 { font-style: italic; text-align: center; }
p.numbered { position: relative; padding-left: 3em; }
p.numbered .num { position: absolute; left: 0; }
sup a { text-decoration: none; }
figure { margin: 1.5em 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: .5em; }
figcaption .label { display: block; font-weight: normal; }
figure svg { max-width: 100%; height: auto; display: block; }
table { border-collapse: collapse; margin-top: .8em; font-size: 9pt; }
caption { text-align: left; font-style: italic; padding-bottom: .3em; }
th, td { border-bottom: 1px solid #999; padding: .15em .6em; text-align: left;
  vertical-align: top; }
td.num, th.num { text-align: right; }
.table-note { font-size: 9pt; font-style: italic; margin: .3em 0 0; }
.footnotes { border-top: 1px solid #000; margin-top: 2em; font-size: 9pt; }
"""
_NUMERIC = re.compile(r"^[+-]?[\d,]+(\.\d+)?$")
_SVG_ID = re.compile(r'\bid="([^"]+)"')


def _e(text: str) -> str:
    """Text escaped for HTML content and attributes."""
    return html.escape(text, quote=True)


def _svg(figure: Figure) -> str:
    """The figure's chart as inline SVG, ids made unique in the page and labelled for readers."""
    svg = charts.to_svg(figure.chart)
    svg = re.sub(r"^<\?xml[^>]*\?>\s*", "", svg)
    prefix = f"figure-{figure.number}-"
    for name in sorted(set(_SVG_ID.findall(svg)), key=len, reverse=True):
        svg = svg.replace(f'id="{name}"', f'id="{prefix}{name}"')
        svg = svg.replace(f"url(#{name})", f"url(#{prefix}{name})")
        svg = svg.replace(f'href="#{name}"', f'href="#{prefix}{name}"')
    label = _e(figure.description or figure.title)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def _numeric_columns(table: Table) -> list[bool]:
    """For each column, whether it holds only numbers (aligned right); never the first column."""
    return [
        i > 0 and all(_NUMERIC.match(row[i]) or not row[i] for row in table.rows)
        for i in range(len(table.columns))
    ]


def _table_caption(table: Table, figure: Figure) -> str:
    """ "Data for figure IV: ..."."""
    return f"Data for figure {roman(figure.number)}: {table.caption}"


def _html_table(table: Table, figure: Figure) -> str:
    """A figure's data table with a caption and scoped header cells."""

    numeric = _numeric_columns(table)

    def cell(i: int, value: str, tag: str, scope: str | None = None) -> str:
        css = ' class="num"' if numeric[i] else ""
        scope_attr = f' scope="{scope}"' if scope else ""
        return f"<{tag}{scope_attr}{css}>{_e(value)}</{tag}>"

    head = "".join(cell(i, c, "th", "col") for i, c in enumerate(table.columns))
    body = "".join(
        "<tr>"
        + cell(0, row[0], "th", "row")
        + "".join(cell(i, v, "td") for i, v in enumerate(row[1:], start=1))
        + "</tr>"
        for row in table.rows
    )
    notes = "".join(f'<p class="table-note">{_e(note)}</p>' for note in table.notes)
    caption = _table_caption(table, figure)
    return (
        f"<table><caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>{notes}"
    )


def _html_block(block: Paragraph | Heading | Figure) -> str:
    """One block of a section as HTML."""
    if isinstance(block, Heading):
        return f"<h3>{_e(block.text)}</h3>"
    if isinstance(block, Paragraph):
        refs = "".join(
            f'<sup><a href="#fn-{k}" id="fnref-{k}" aria-label="Footnote {k}">{k}</a></sup>'
            for k in block.footnotes
        )
        if block.number is None:
            return f"<p>{_e(block.text)}{refs}</p>"
        return (
            f'<p class="numbered" id="para-{block.number}"><span class="num">{block.number}.</span>'
            f"{_e(block.text)}{refs}</p>"
        )
    ident = f"figure-{block.number}"
    return (
        f'<figure id="{ident}" aria-labelledby="{ident}-caption">'
        f'<figcaption id="{ident}-caption"><span class="label">{_e(block.label)}</span>'
        f"{_e(block.title)}</figcaption>{_svg(block)}{_html_table(block.table, block)}</figure>"
    )


def _html_section(section: Section) -> str:
    """A numbered section as HTML."""
    blocks = "\n".join(_html_block(b) for b in section.blocks)
    ident = f"section-{section.number}"
    return (
        f'<section aria-labelledby="{ident}"><h2 id="{ident}">{_e(section.label)}</h2>\n'
        f"{blocks}\n</section>"
    )


def to_html(note: Note) -> str:
    """The note as one self-contained, accessible HTML page (inline CSS and SVG, no URL)."""
    masthead = "".join(f"<p>{_e(line)}</p>" for line in note.masthead)
    summary = "".join(f"<p>{_e(p)}</p>" for p in note.summary)
    sections = "\n".join(_html_section(s) for s in note.sections)
    footnotes = ""
    if note.footnotes:
        items = "".join(
            f'<li id="fn-{f.number}">{_e(f.text)} '
            f'<a href="#fnref-{f.number}" aria-label="Back to the text">&#8617;</a></li>'
            for f in note.footnotes
        )
        footnotes = (
            '<section class="footnotes" aria-labelledby="notes"><h2 id="notes">Notes</h2>'
            f"<ol>{items}</ol></section>"
        )
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(note.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(note.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<header class="masthead">{masthead}</header>\n<main>\n'
        f'<h1>{_e(note.title)}</h1>\n<p class="subtitle">{_e(note.subtitle)}</p>\n'
        f'<section class="summary" aria-labelledby="summary"><h2 id="summary">Summary</h2>'
        f"{summary}</section>\n{sections}\n{footnotes}\n</main>\n</body>\n</html>\n"
    )


# --- Word --------------------------------------------------------------------------------

_FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"/>'
    "</w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
)


def _footnotes_part(note: Note, document: Document) -> None:
    """Add the note's footnotes to the Word package as a real footnotes part."""
    items = "".join(
        f'<w:footnote w:id="{f.number}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
        '<w:r><w:rPr><w:sz w:val="18"/><w:vertAlign w:val="superscript"/></w:rPr>'
        '<w:footnoteRef/></w:r><w:r><w:rPr><w:sz w:val="18"/></w:rPr>'
        f'<w:t xml:space="preserve"> {html.escape(f.text, quote=False)}</w:t></w:r></w:p>'
        "</w:footnote>"
        for f in note.footnotes
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:footnotes {nsdecls('w')}>{_SEPARATORS}{items}</w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"), _FOOTNOTES_CT, xml.encode("utf-8"), document.part.package
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def _footnote_reference(paragraph: DocxParagraph, number: int) -> None:
    """Append a superscript reference to footnote ``number`` at the end of the paragraph."""
    run = parse_xml(
        f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteReference w:id="{number}"/></w:r>'
    )
    paragraph._p.append(run)


def _docx_styles(document: Document) -> None:
    """United Nations-like typography: Times New Roman, black headings."""
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    caption = document.styles["Caption"]
    caption.font.color.rgb = RGBColor(0, 0, 0)
    caption.font.size = Pt(9)
    for name, size in (("Title", 16), ("Heading 1", 13), ("Heading 2", 11), ("Heading 3", 11)):
        style = document.styles[name]
        style.font.name = "Times New Roman"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        # Theme fonts would override the explicit font name.
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)


def _docx_table(document: Document, table: Table, figure: Figure) -> None:
    """A figure's data table, with a caption above, a repeated header row and notes below."""
    document.add_paragraph(_table_caption(table, figure), style="Caption")
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = document.styles["Table Grid"]
    header = grid.rows[0]
    header._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    for cell, text in zip(header.cells, table.columns, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    numeric = _numeric_columns(table)
    for row, values in zip(grid.rows[1:], table.rows, strict=True):
        for i, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            cell.text = text
            if numeric[i]:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for note in table.notes:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(note)
        run.italic = True
        run.font.size = Pt(9)


def _docx_figure(document: Document, figure: Figure) -> None:
    """A figure: label and title, the chart as a PNG image with alt text, then its table."""
    label = document.add_paragraph(figure.label)
    label.paragraph_format.keep_with_next = True
    label.paragraph_format.space_before = Pt(12)
    title = document.add_paragraph()
    title.add_run(figure.title).bold = True
    title.paragraph_format.keep_with_next = True
    png = charts.to_png(figure.chart)
    shape = document.add_picture(io.BytesIO(png), width=Cm(15))
    shape._inline.docPr.set("descr", figure.description or figure.title)
    _docx_table(document, figure.table, figure)


def _docx_paragraph(document: Document, block: Paragraph) -> None:
    """A paragraph numbered with a hanging indent, as in United Nations documents."""
    paragraph = document.add_paragraph()
    if block.number is not None:
        paragraph.paragraph_format.left_indent = Cm(1)
        paragraph.paragraph_format.first_line_indent = Cm(-1)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(1))
        paragraph.add_run(f"{block.number}.\t")
    paragraph.add_run(block.text)
    for number in block.footnotes:
        _footnote_reference(paragraph, number)


def build_docx(note: Note) -> Document:
    """The note as a python-docx document (not yet saved)."""
    document = docx.Document()
    _docx_styles(document)
    document.core_properties.title = note.title
    document.core_properties.author = "ta-matrix"
    document.core_properties.comments = note.subtitle
    for line in note.masthead:
        paragraph = document.add_paragraph()
        paragraph.add_run(line).font.size = Pt(9)
        paragraph.paragraph_format.space_after = Pt(0)
    document.add_heading(note.title, level=0)
    document.add_paragraph().add_run(note.subtitle).bold = True
    document.add_heading("Summary", level=1)
    for text in note.summary:
        document.add_paragraph(text)
    for section in note.sections:
        document.add_heading(section.label, level=1)
        for block in section.blocks:
            if isinstance(block, Heading):
                document.add_heading(block.text, level=2)
            elif isinstance(block, Paragraph):
                _docx_paragraph(document, block)
            else:
                _docx_figure(document, block)
    if note.footnotes:
        _footnotes_part(note, document)
    return document


def _fixed_zip_times(data: bytes) -> bytes:
    """The zip archive with a fixed time on every member, so that equal notes give equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def to_docx(note: Note, path: Path | str) -> Path:
    """Write the note as a Word document with charts, tables and footnotes; return the path."""
    target = Path(path)
    buffer = io.BytesIO()
    build_docx(note).save(buffer)
    target.write_bytes(_fixed_zip_times(buffer.getvalue()))
    return target


# --- PDF and JSON -------------------------------------------------------------------------


def find_browser() -> str | None:
    """The path of a Chromium-family browser on the PATH, or None."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def to_pdf(note: Note, path: Path | str, browser: str | None = None) -> Path:
    """Write the note as PDF by printing its HTML with headless Chromium; return the path."""
    executable = browser or find_browser()
    if executable is None:
        raise ConfigurationError(
            "PDF output needs Chromium: install it (e.g. `apt-get install chromium`) or use "
            "HTML or Word output."
        )
    target = Path(path).resolve()
    with tempfile.TemporaryDirectory(prefix="tamatrix-pdf-") as work:
        page = Path(work) / "note.html"
        page.write_text(to_html(note), encoding="utf-8")
        command = [
            executable,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-extensions",
            "--no-first-run",
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",
            f"--user-data-dir={Path(work) / 'profile'}",
            f"--print-to-pdf={target}",
            page.as_uri(),
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=180)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ConfigurationError(f"Chromium could not print the PDF: {error}") from error
    if result.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        detail = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise ConfigurationError(f"Chromium could not print the PDF: {detail}")
    return target


def to_json(figures: Mapping[str, Any]) -> str:
    """The figures as JSON: sorted keys, two-space indent, UTF-8 text; identical for equal data."""
    return json.dumps(figures, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
