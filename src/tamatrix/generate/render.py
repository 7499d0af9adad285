"""A small document model, a line-based markup ("tamx") for it, and renderers.

The same document can be written as plain text, PDF, Word or HTML, so that fixtures and
synthetic corpora exercise every reader with one source. The markup has one block per line::

    @symbol: CAC/COSP/IRG/II/4/1/Add.97      metadata: symbol, job, language (required),
    @job: V.21-02468                          title and note (optional); "@key: value"
    @language: fr
    @title: Résumé analytique : République de Lumeria
    @note: Fabricated test fixture.           kept in the file's metadata, not in its text
    // a comment line, ignored
    = A title line                            kind "title" (several lines allowed)
    # II. Executive summary                   heading, level 1; "##" to "####" for levels 2-4
    Any other line is a paragraph.
    * A bullet with the default marker "•"
    *[–] A bullet with the marker "–"         also *[-], *[(a)], *[1.], *[] (no marker)
      * A sub-bullet (indented line)          *[–] etc. choose its marker the same way
    ---page---                                a page break
    [^1]: Footnote text                       "[^1] Footnote text" works too
    \\* A paragraph starting with a markup character, escaped by a backslash

Blank lines are ignored. Inside the text of any block, ``[^1]`` marks a reference to footnote
``1`` and ``{{page}}`` a page break inside the block (a bullet split across two pages).

Every renderer keeps the text of the blocks exactly; they differ in what they add:

- ``to_text``: one line per block, a blank line between blocks except inside a list, the
  marker and a space before each bullet, sub-bullets indented; footnote references glued to
  the word before them (as ``pdftotext`` gives them) and footnotes at the end of the page that
  references them; pages separated by form feeds; optionally running headers and footers.
- ``to_pdf``: Times (or a TrueType serif for text outside Windows-1252), justified; bullet
  markers drawn as text so that they extract as themselves (``•`` as U+2022); footnotes at the
  foot of the page on which their reference is drawn; the symbol as running header and
  ``n/N`` with the job number as footer on every page, sides alternating like United Nations
  documents.
- ``to_docx``: Title and Heading 1-4 styles; ``•`` bullets as "List Bullet" and "List Bullet 2"
  paragraphs (the bullet is Word's list numbering, not a character of the text); other markers
  typed before a tab in an indented paragraph, as in many real Word files; the symbol in the
  page header, the job number and a page field in the footer; footnotes as small paragraphs
  before the next page break (python-docx cannot write real footnotes).
- ``to_html``: ``h1``-``h4``, ``p``, ``ul``/``ol`` with ``li`` and nested lists for
  sub-bullets, the ``lang`` attribute; footnotes in a closing ``section``; no page breaks.

The same document always gives the same bytes (no timestamps), so rendered files can serve as
golden files. reportlab is only a test dependency, so it is imported where it is used.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape, quoteattr

from tamatrix.exceptions import InputError

KINDS = frozenset({"title", "heading", "paragraph", "bullet", "subbullet", "pagebreak", "footnote"})
DEFAULT_MARKER = "•"
PAGE_MARK = "{{page}}"
PAGEBREAK_LINE = "---page---"
FORMATS = ("txt", "pdf", "docx", "html")

_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_META = re.compile(r"^@(\w+):\s*(.*)$")
_TITLE = re.compile(r"^=\s+(.+)$")
_HEADING = re.compile(r"^(#{1,4})\s+(.+)$")
_BULLET = re.compile(r"^(\s*)\*(?:\[([^\]]*)\])?\s+(.+)$")
_FOOTNOTE = re.compile(r"^\[\^([^\]\s]+)\]:?\s+(.+)$")
_META_KEYS = {"symbol", "job", "language", "title", "note"}
_LISTS = frozenset({"bullet", "subbullet"})


@dataclass(frozen=True)
class Block:
    """One block of a document; ``marker`` is the bullet marker, or a footnote's label."""

    kind: str
    text: str = ""
    level: int = 0
    marker: str = DEFAULT_MARKER

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown block kind {self.kind!r}")


@dataclass(frozen=True)
class DocumentSpec:
    """A whole document: its blocks and the metadata that headers, footers and files carry."""

    blocks: tuple[Block, ...]
    symbol: str
    job_number: str
    language: str
    title: str
    generated_note: str = ""


# --------------------------------------------------------------------------- markup


def parse_markup(text: str) -> DocumentSpec:
    """Read a document written in the tamx markup described in this module's docstring."""
    meta: dict[str, str] = {}
    blocks: list[Block] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        if match := _META.match(line):
            key, value = match.group(1).lower(), match.group(2).strip()
            if key not in _META_KEYS:
                raise InputError(f"line {number}: unknown metadata key @{key}")
            meta[key] = value
            continue
        blocks.append(_parse_block(line))
    missing = [key for key in ("symbol", "job", "language") if not meta.get(key)]
    if missing:
        raise InputError(f"missing metadata: {', '.join('@' + key for key in missing)}")
    _check_footnotes(blocks)
    first_title = next((block.text for block in blocks if block.kind == "title"), "")
    return DocumentSpec(
        blocks=tuple(blocks),
        symbol=meta["symbol"],
        job_number=meta["job"],
        language=meta["language"],
        title=meta.get("title", first_title),
        generated_note=meta.get("note", ""),
    )


def _parse_block(line: str) -> Block:
    """Turn one non-blank markup line into a block."""
    if line.strip() == PAGEBREAK_LINE:
        return Block("pagebreak")
    if match := _BULLET.match(line):
        indent, marker, text = match.groups()
        marker = DEFAULT_MARKER if marker is None else marker.strip()
        if indent:
            return Block("subbullet", text.strip(), level=1, marker=marker)
        return Block("bullet", text.strip(), marker=marker)
    line = line.strip()
    if match := _HEADING.match(line):
        return Block("heading", match.group(2).strip(), level=len(match.group(1)))
    if match := _TITLE.match(line):
        return Block("title", match.group(1).strip())
    if match := _FOOTNOTE.match(line):
        return Block("footnote", match.group(2).strip(), marker=match.group(1))
    if line.startswith("\\"):
        line = line[1:]
    return Block("paragraph", line)


def _check_footnotes(blocks: list[Block]) -> None:
    """Refuse a reference to a footnote that the document does not define."""
    defined = {block.marker for block in blocks if block.kind == "footnote"}
    for label in referenced_footnotes(tuple(blocks)):
        if label not in defined:
            raise InputError(f"footnote [^{label}] is referenced but not defined")


def referenced_footnotes(blocks: tuple[Block, ...]) -> list[str]:
    """Return the labels of the footnotes referenced in the blocks' text, in order."""
    labels: list[str] = []
    for block in blocks:
        if block.kind == "footnote":
            continue
        for label in _FOOTNOTE_REF.findall(block.text):
            if label not in labels:
                labels.append(label)
    return labels


def plain_text(text: str) -> str:
    """Return a block's text without footnote references and page marks."""
    text = _FOOTNOTE_REF.sub("", text)
    return re.sub(r"\s+", " ", text.replace(PAGE_MARK, " ")).strip()


def _pieces(text: str) -> Iterator[tuple[str, str]]:
    """Split inline text into ("text", words), ("ref", label) and ("page", "") pieces."""
    for number, part in enumerate(text.split(PAGE_MARK)):
        if number:
            yield "page", ""
        position = 0
        for match in _FOOTNOTE_REF.finditer(part):
            if match.start() > position:
                yield "text", part[position : match.start()]
            yield "ref", match.group(1)
            position = match.end()
        if position < len(part):
            yield "text", part[position:]


def _footnotes_by_label(spec: DocumentSpec) -> dict[str, Block]:
    """Map each referenced footnote's label to its block."""
    labels = set(referenced_footnotes(spec.blocks))
    return {b.marker: b for b in spec.blocks if b.kind == "footnote" and b.marker in labels}


# --------------------------------------------------------------------------- text


def to_text(spec: DocumentSpec, *, running_headers: bool = False) -> str:
    """Render plain text, one line per block, pages separated by form feeds."""
    notes = _footnotes_by_label(spec)
    pages: list[list[str]] = [[]]
    page_notes: list[list[str]] = [[]]
    previous = ""
    for block in spec.blocks:
        if block.kind == "pagebreak":
            pages.append([])
            page_notes.append([])
            previous = ""
            continue
        if block.kind == "footnote" and block.marker in notes:
            continue
        if pages[-1] and not (block.kind in _LISTS and previous in _LISTS):
            pages[-1].append("")
        prefix, indent = _text_prefix(block)
        for number, part in enumerate(block.text.split(PAGE_MARK)):
            if number:
                pages.append([])
                page_notes.append([])
            page_notes[-1].extend(x for x in _FOOTNOTE_REF.findall(part) if x in notes)
            words = _FOOTNOTE_REF.sub(r"\1", part).strip()
            pages[-1].append((prefix if number == 0 else indent) + words)
        previous = block.kind
    rendered = []
    for number, (lines, labels) in enumerate(zip(pages, page_notes, strict=True), start=1):
        if labels:
            lines += ["", *(f"{label} {notes[label].text}" for label in dict.fromkeys(labels))]
        if running_headers:
            lines = [spec.symbol, "", *lines, "", _footer_line(spec, number, len(pages))]
        rendered.append("\n".join(lines) + "\n")
    return "\f".join(rendered)


def _text_prefix(block: Block) -> tuple[str, str]:
    """Return the prefix of a block's first line and the indent of its continuation."""
    if block.kind == "footnote":
        return f"{block.marker} ", " " * (len(block.marker) + 1)
    if block.kind not in _LISTS:
        return "", ""
    base = "    " if block.kind == "subbullet" else ""
    if not block.marker:
        return base, base
    return f"{base}{block.marker} ", base + " " * (len(block.marker) + 1)


def _footer_line(spec: DocumentSpec, page: int, total: int) -> str:
    """Return the footer of a page: page number and job number, sides alternating."""
    if page % 2:
        return f"{spec.job_number}    {page}/{total}"
    return f"{page}/{total}    {spec.job_number}"


# --------------------------------------------------------------------------- PDF

_CM = 28.3464566929  # points per centimetre, as reportlab.lib.units.cm

_TTF_CANDIDATES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        "LiberationSerif-Bold.ttf",
    ),
    ("/Library/Fonts/Times New Roman.ttf", "Times New Roman Bold.ttf"),
    ("C:/Windows/Fonts/times.ttf", "timesbd.ttf"),
)


@dataclass(frozen=True)
class _PdfFonts:
    """The font names used for a PDF."""

    regular: str = "Times-Roman"
    bold: str = "Times-Bold"
    bold_italic: str = "Times-BoldItalic"


@dataclass
class _PdfPages:
    """Page decoration and footnote bookkeeping while a PDF is being built."""

    spec: DocumentSpec
    fonts: _PdfFonts
    running_headers: bool
    total: int
    notes: dict[str, Block]
    note_style: Any
    labels: list[str] = field(default_factory=list)
    pages: int = 0

    def on_page(self, canvas: Any, doc: Any) -> None:
        """Start a page: register the footnote callback and draw the running header."""
        self.pages = canvas.getPageNumber()
        self.labels = []
        canvas.setNamedCB("footnote", self.note_reference)
        if not self.running_headers:
            return
        canvas.saveState()
        canvas.setFont(self.fonts.bold, 10)
        y = doc.pagesize[1] - 1.5 * _CM
        if self.pages % 2:
            canvas.drawRightString(doc.pagesize[0] - doc.rightMargin, y, self.spec.symbol)
        else:
            canvas.drawString(doc.leftMargin, y, self.spec.symbol)
        canvas.restoreState()

    def note_reference(self, canvas: Any, kind: str, label: str | None) -> None:
        """Remember that the reference to a footnote was drawn on this page."""
        if label and label in self.notes and label not in self.labels:
            self.labels.append(label)

    def on_page_end(self, canvas: Any, doc: Any) -> None:
        """End a page: draw its footnotes at its foot, then the footer."""
        self._draw_footnotes(canvas, doc)
        if not self.running_headers:
            return
        canvas.saveState()
        canvas.setFont(self.fonts.regular, 9)
        y = 1.2 * _CM
        number = f"{self.pages}/{self.total or self.pages}"
        left, right = (
            (self.spec.job_number, number) if self.pages % 2 else (number, self.spec.job_number)
        )
        canvas.drawString(doc.leftMargin, y, left)
        canvas.drawRightString(doc.pagesize[0] - doc.rightMargin, y, right)
        canvas.restoreState()

    def _draw_footnotes(self, canvas: Any, doc: Any) -> None:
        """Draw the footnotes referenced on this page below the body frame."""
        from reportlab.platypus import Paragraph

        if not self.labels:
            return
        y = doc.bottomMargin - 0.3 * _CM
        canvas.saveState()
        canvas.setLineWidth(0.5)
        canvas.line(doc.leftMargin, y, doc.leftMargin + 4 * _CM, y)
        canvas.restoreState()
        for label in self.labels:
            markup = f"<super>{escape(label)}</super> {escape(self.notes[label].text)}"
            paragraph = Paragraph(markup, self.note_style)
            _, height = paragraph.wrap(doc.width, doc.bottomMargin)
            y -= height + 2
            paragraph.drawOn(canvas, doc.leftMargin, y)


def to_pdf(spec: DocumentSpec, path: Path | str, *, running_headers: bool = True) -> int:
    """Render a PDF with reportlab and return its number of pages."""
    fonts = _pdf_fonts(spec)
    total = _build_pdf(spec, io.BytesIO(), fonts, running_headers, total=0)
    with open(path, "wb") as handle:
        return _build_pdf(spec, handle, fonts, running_headers, total=total)


def _pdf_fonts(spec: DocumentSpec) -> _PdfFonts:
    """Use Times when every character is in Windows-1252, else register a TrueType serif."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    texts = [spec.symbol, spec.job_number, *(b.text + b.marker for b in spec.blocks)]
    try:
        "".join(texts).encode("cp1252")
    except UnicodeEncodeError:
        pass
    else:
        return _PdfFonts()
    for regular, bold in _TTF_CANDIDATES:
        regular_path = Path(regular)
        bold_path = regular_path.with_name(bold)
        if regular_path.exists() and bold_path.exists():
            pdfmetrics.registerFont(TTFont("TamatrixSerif", str(regular_path)))
            pdfmetrics.registerFont(TTFont("TamatrixSerif-Bold", str(bold_path)))
            return _PdfFonts("TamatrixSerif", "TamatrixSerif-Bold", "TamatrixSerif-Bold")
    raise InputError("this document needs a TrueType serif font (e.g. DejaVu Serif); none found")


def _build_pdf(
    spec: DocumentSpec, target: BinaryIO, fonts: _PdfFonts, running_headers: bool, total: int
) -> int:
    """Build the PDF into a file object once and return its number of pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    styles = _pdf_styles(fonts)
    doc = BaseDocTemplate(
        target,
        pagesize=A4,
        leftMargin=2.5 * _CM,
        rightMargin=2.5 * _CM,
        topMargin=2.4 * _CM,
        bottomMargin=3.6 * _CM,
        title=spec.title,
        subject=spec.generated_note,
        author="ta-matrix",
        creator="ta-matrix",
        lang=spec.language,
        invariant=1,
    )
    pages = _PdfPages(
        spec, fonts, running_headers, total, _footnotes_by_label(spec), styles["footnote"]
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates(
        [PageTemplate("page", [frame], onPage=pages.on_page, onPageEnd=pages.on_page_end)]
    )
    doc.build(list(_pdf_flowables(spec, styles)))
    return pages.pages


def _pdf_styles(fonts: _PdfFonts) -> dict[str, Any]:
    """Return the paragraph styles of every block kind."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle(
        "body", fontName=fonts.regular, fontSize=10, leading=12.5, alignment=TA_JUSTIFY,
        spaceAfter=6, bulletFontName=fonts.regular, bulletFontSize=10,
    )  # fmt: skip
    heading = ParagraphStyle(
        "heading", parent=body, fontName=fonts.bold, alignment=0, spaceBefore=6, keepWithNext=1
    )
    return {
        "paragraph": body,
        "title": ParagraphStyle("title", parent=heading, fontSize=14, leading=17, spaceAfter=10),
        "heading1": ParagraphStyle("heading1", parent=heading, fontSize=12, leading=15),
        "heading2": ParagraphStyle("heading2", parent=heading, fontSize=11, leading=14),
        "heading3": ParagraphStyle("heading3", parent=heading, fontSize=10, leading=12.5),
        "heading4": ParagraphStyle("heading4", parent=heading, fontName=fonts.bold_italic),
        "bullet": ParagraphStyle(
            "bullet", parent=body, leftIndent=1.2 * _CM, bulletIndent=0.4 * _CM, spaceAfter=3
        ),
        "subbullet": ParagraphStyle(
            "subbullet", parent=body, leftIndent=2.0 * _CM, bulletIndent=1.2 * _CM, spaceAfter=3
        ),
        "footnote": ParagraphStyle(
            "footnote", parent=body, fontSize=8, leading=9.5, spaceAfter=0, alignment=0
        ),
    }


def _pdf_flowables(spec: DocumentSpec, styles: dict[str, Any]) -> Iterator[Any]:
    """Yield the platypus flowables of every block."""
    from reportlab.platypus import PageBreak, Paragraph

    notes = _footnotes_by_label(spec)
    for block in spec.blocks:
        if block.kind == "pagebreak":
            yield PageBreak()
            continue
        if block.kind == "footnote":
            if block.marker not in notes:
                markup = f"<super>{escape(block.marker)}</super> {escape(block.text)}"
                yield Paragraph(markup, styles["footnote"])
            continue
        key = f"heading{block.level}" if block.kind == "heading" else block.kind
        bullet = block.marker if block.kind in _LISTS and block.marker else None
        for number, part in enumerate(block.text.split(PAGE_MARK)):
            if number:
                yield PageBreak()
            markup = _pdf_inline(part.strip())
            yield Paragraph(markup, styles[key], bulletText=bullet if number == 0 else None)


def _pdf_inline(text: str) -> str:
    """Escape text for a reportlab paragraph and draw footnote references as superscripts."""
    out = []
    for kind, value in _pieces(text):
        if kind == "ref":
            label = escape(value)
            out.append(f'<super>{label}</super><onDraw name="footnote" label={quoteattr(value)}/>')
        else:
            out.append(escape(value))
    return "".join(out)


# --------------------------------------------------------------------------- Word


def to_docx(spec: DocumentSpec, path: Path | str) -> None:
    """Render a Word document with python-docx."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    _docx_metadata(document, spec)
    notes = _footnotes_by_label(spec)
    pending: list[str] = []
    for block in spec.blocks:
        if block.kind == "pagebreak":
            _docx_notes(document, notes, pending)
            document.add_page_break()
            continue
        if block.kind == "footnote":
            if block.marker not in notes:
                _docx_note(document, block)
            continue
        paragraph = _docx_paragraph(document, block)
        for kind, value in _pieces(block.text):
            if kind == "page":
                paragraph.add_run().add_break(WD_BREAK.PAGE)
            elif kind == "ref":
                paragraph.add_run(value).font.superscript = True
                pending.append(value)
            else:
                paragraph.add_run(value)
    _docx_notes(document, notes, pending)
    buffer = io.BytesIO()
    document.save(buffer)
    Path(path).write_bytes(_stable_zip(buffer.getvalue()))


def _stable_zip(data: bytes) -> bytes:
    """Rewrite a zip archive with fixed timestamps, so that the same input gives the same file."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            stable = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            stable.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stable, source.read(info))
    return out.getvalue()


def _docx_metadata(document: Any, spec: DocumentSpec) -> None:
    """Fill the core properties, the page header (symbol) and footer (job number, page)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = document.core_properties
    properties.title = spec.title
    properties.language = spec.language
    properties.identifier = spec.symbol
    properties.comments = spec.generated_note
    properties.author = "ta-matrix"
    section = document.sections[0]
    section.header.paragraphs[0].text = spec.symbol
    footer = section.footer.paragraphs[0]
    footer.text = f"{spec.job_number}\t"
    page_field = OxmlElement("w:fldSimple")
    page_field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    number = OxmlElement("w:t")
    number.text = "1"
    run.append(number)
    page_field.append(run)
    footer._p.append(page_field)


def _docx_paragraph(document: Any, block: Block) -> Any:
    """Add an empty paragraph styled for the block, with a typed marker where needed."""
    from docx.shared import Cm

    if block.kind == "title":
        return document.add_paragraph(style="Title")
    if block.kind == "heading":
        return document.add_paragraph(style=f"Heading {block.level}")
    if block.kind not in _LISTS:
        return document.add_paragraph()
    sub = block.kind == "subbullet"
    if block.marker == DEFAULT_MARKER:
        return document.add_paragraph(style="List Bullet 2" if sub else "List Bullet")
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = Cm(2.0 if sub else 1.25)
    if block.marker:
        paragraph.paragraph_format.first_line_indent = Cm(-0.75)
        paragraph.add_run(f"{block.marker}\t")
    return paragraph


def _docx_note(document: Any, block: Block) -> None:
    """Add a footnote as a small paragraph with its label in superscript."""
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    label = paragraph.add_run(block.marker)
    label.font.superscript = True
    label.font.size = Pt(8)
    paragraph.add_run(f" {block.text}").font.size = Pt(8)


def _docx_notes(document: Any, notes: dict[str, Block], pending: list[str]) -> None:
    """Add the footnotes referenced since the last page break, then forget them."""
    for label in dict.fromkeys(pending):
        _docx_note(document, notes[label])
    pending.clear()


# --------------------------------------------------------------------------- HTML


def to_html(spec: DocumentSpec) -> str:
    """Render a semantic HTML page."""
    from lxml import etree

    root = etree.Element("html", lang=spec.language)
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "meta", charset="utf-8")
    etree.SubElement(head, "title").text = spec.title
    etree.SubElement(head, "meta", name="dc.identifier", content=spec.symbol)
    etree.SubElement(head, "meta", name="job-number", content=spec.job_number)
    if spec.generated_note:
        etree.SubElement(head, "meta", name="description", content=spec.generated_note)
    body = etree.SubElement(root, "body")
    main = etree.SubElement(body, "main")
    notes = _footnotes_by_label(spec)
    lists = _HtmlLists(main)
    for block in spec.blocks:
        if block.kind in _LISTS:
            _html_inline(lists.item(block), block.text)
            continue
        lists.close()
        if block.kind == "pagebreak" or (block.kind == "footnote" and block.marker in notes):
            continue
        element = _html_element(main, block)
        _html_inline(element, block.text)
    if notes:
        section = etree.SubElement(body, "section", {"class": "footnotes"})
        for label, block in notes.items():
            note = etree.SubElement(section, "p", id=f"fn-{label}")
            etree.SubElement(note, "sup").text = label
            note[-1].tail = f" {block.text}"
    text = etree.tostring(root, method="html", encoding="unicode", pretty_print=True)
    return "<!DOCTYPE html>\n" + text


def _html_element(parent: Any, block: Block) -> Any:
    """Add the element of a block that is not part of a list."""
    from lxml import etree

    if block.kind == "heading":
        return etree.SubElement(parent, f"h{block.level}")
    if block.kind == "title":
        return etree.SubElement(parent, "p", {"class": "title"})
    if block.kind == "footnote":
        element = etree.SubElement(parent, "p", {"class": "footnote"})
        etree.SubElement(element, "sup").text = block.marker
        element[-1].tail = " "
        return element
    return etree.SubElement(parent, "p")


@dataclass
class _HtmlLists:
    """The open lists while consecutive bullets and sub-bullets are added."""

    parent: Any
    outer: Any = None
    outer_marker: str | None = None
    inner: Any = None
    inner_marker: str | None = None

    def item(self, block: Block) -> Any:
        """Return a new ``li`` for a bullet or sub-bullet, opening lists as needed."""
        from lxml import etree

        if block.kind == "bullet" or self.outer is None:
            if self.outer is None or not _same_list(self.outer_marker, block.marker):
                self.outer = _html_list(self.parent, block.marker)
                self.outer_marker = block.marker
            self.inner = None
            item = etree.SubElement(self.outer, "li")
            _html_number(item, block.marker)
            return item
        holder = self.outer[-1] if len(self.outer) else self.outer
        if self.inner is None or not _same_list(self.inner_marker, block.marker):
            self.inner = _html_list(holder, block.marker)
            self.inner_marker = block.marker
        item = etree.SubElement(self.inner, "li")
        _html_number(item, block.marker)
        return item

    def close(self) -> None:
        """End the open lists."""
        self.outer = self.inner = None
        self.outer_marker = self.inner_marker = None


def _list_kind(marker: str) -> tuple[str, str | None]:
    """Return the list tag and its ``type`` (ordered lists) or CSS marker (unordered ones)."""
    if re.fullmatch(r"\(?\d+[.)]", marker):
        return "ol", None
    if re.fullmatch(r"\(?[a-z][.)]", marker):
        return "ol", "a"
    if marker == DEFAULT_MARKER:
        return "ul", None
    return "ul", marker


def _same_list(previous: str | None, marker: str) -> bool:
    """Tell whether a marker continues the list opened with the previous one."""
    return previous is not None and _list_kind(previous) == _list_kind(marker)


def _html_list(parent: Any, marker: str) -> Any:
    """Open an ``ul`` or ``ol`` for a marker."""
    from lxml import etree

    tag, kind = _list_kind(marker)
    if tag == "ol":
        return etree.SubElement(parent, "ol", type=kind) if kind else etree.SubElement(parent, "ol")
    if kind is None:
        return etree.SubElement(parent, "ul")
    style = "none" if not kind else f"'{kind} '"
    return etree.SubElement(parent, "ul", style=f"list-style-type: {style}")


def _html_number(item: Any, marker: str) -> None:
    """Keep the number of a numbered marker as the ``value`` of its ``li``."""
    if match := re.fullmatch(r"\(?(\d+)[.)]", marker):
        item.set("value", match.group(1))


def _html_inline(element: Any, text: str) -> None:
    """Append inline text to an element, footnote references as linked superscripts."""
    from lxml import etree

    for kind, value in _pieces(text):
        if kind == "ref":
            sup = etree.SubElement(element, "sup")
            etree.SubElement(sup, "a", href=f"#fn-{value}", id=f"fnref-{value}").text = value
        else:
            value = " " if kind == "page" else value
            if len(element):
                element[-1].tail = (element[-1].tail or "") + value
            else:
                element.text = (element.text or "") + value


# --------------------------------------------------------------------------- files


def write_document(spec: DocumentSpec, path: Path | str) -> Path:
    """Render a document to the format that the file name's suffix says."""
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "txt":
        path.write_text(to_text(spec), encoding="utf-8")
    elif suffix == "pdf":
        to_pdf(spec, path)
    elif suffix == "docx":
        to_docx(spec, path)
    elif suffix in ("html", "htm"):
        path.write_text(to_html(spec), encoding="utf-8")
    else:
        raise InputError(f"cannot render to {path.name}: use one of {', '.join(FORMATS)}")
    return path
