"""Word (.docx) files: body paragraphs and tables in order, split at explicit page breaks."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from tamatrix.core.records import SourceText
from tamatrix.exceptions import DocumentError
from tamatrix.ingest.text import blank_page_problems, trim_pages

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT, _CUSTOM_XML = (
    f"{_W}{name}" for name in ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml")
)
_PPR, _PSTYLE, _NUMPR, _NUMID, _SECTPR, _TYPE, _BREAK_BEFORE = (
    f"{_W}{name}"
    for name in ("pPr", "pStyle", "numPr", "numId", "sectPr", "type", "pageBreakBefore")
)
_T, _TAB, _PTAB, _BR, _CR, _NO_BREAK_HYPHEN = (
    f"{_W}{name}" for name in ("t", "tab", "ptab", "br", "cr", "noBreakHyphen")
)
_VAL = f"{_W}val"
_ILVL = f"{_W}ilvl"
_FALSE = ("0", "false", "off")
# Runs in text boxes (drawn twice, as DrawingML and as its VML fallback) and deleted runs are
# not part of the body text.
_RUNS = etree.XPath(
    ".//w:r[not(ancestor::w:txbxContent or ancestor::w:del or ancestor::w:moveFrom)]",
    namespaces={"w": _W[1:-1]},
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BULLET = "• "
_NOT_LISTS = ("heading", "title", "subtitle", "toc")


@dataclass(frozen=True)
class _Style:
    """What a paragraph style contributes: list numbering and a page break before."""

    name: str
    is_list: bool | None
    break_before: bool | None
    based_on: str | None


class _Writer:
    """Collects lines page by page."""

    def __init__(self) -> None:
        self.pages: list[list[str]] = [[]]
        self.paragraphs_on_page = 0

    def line(self, text: str, prefix: str = "") -> None:
        """Add one line (an empty one still counts as a paragraph on the page)."""
        self.paragraphs_on_page += 1
        if text := text.strip():
            self.pages[-1].append(prefix + text)

    def page_break(self) -> None:
        """Start a new page."""
        self.pages.append([])
        self.paragraphs_on_page = 0


class _Reader:
    """Walks the body XML of one document with its paragraph styles and section breaks."""

    def __init__(self, document: Document) -> None:
        self.styles = _styles(document)
        self.default_style = _default_style(document)
        self.section_breaks = _section_breaks(document.element.body)
        self.out = _Writer()

    def blocks(self, parent: etree._Element) -> None:
        """Read the paragraphs and tables inside ``parent`` in document order."""
        for child in parent.iterchildren():
            if child.tag == _P:
                self.paragraph(child)
            elif child.tag == _TBL:
                for row in child.iterchildren(_TR):
                    for cell in row.iterchildren(_TC):
                        self.blocks(cell)
            elif child.tag == _SDT:
                for content in child.iterchildren(_SDT_CONTENT):
                    self.blocks(content)
            elif child.tag == _CUSTOM_XML:
                self.blocks(child)

    def paragraph(self, p: etree._Element) -> None:
        """Read one paragraph, with a bullet if it is a list item, breaking pages where it says."""
        ppr = p.find(_PPR)
        style_id = self.default_style
        if ppr is not None and (pstyle := ppr.find(_PSTYLE)) is not None:
            style_id = pstyle.get(_VAL, "")
        if self.out.paragraphs_on_page and self._breaks_before(ppr, style_id):
            self.out.page_break()
        prefix = ""
        if self._is_list(ppr, style_id):
            # Nested list items keep their depth as indentation and a dash, so that the
            # extractor can tell a sub-bullet from a bullet as it does in printed text.
            prefix = _BULLET if self._list_level(ppr, style_id) == 0 else "    – "
        parts: list[str] = []
        for run in _RUNS(p):
            for element in run.iterchildren():
                tag = element.tag
                if tag == _T:
                    parts.append(element.text or "")
                elif tag in (_TAB, _PTAB):
                    parts.append("\t")
                elif tag == _CR:
                    parts.append("\n")
                elif tag == _NO_BREAK_HYPHEN:
                    parts.append("-")
                elif tag == _BR and element.get(f"{_W}type") == "page":
                    self.out.line("".join(parts), prefix)
                    self.out.page_break()
                    parts, prefix = [], ""
                elif tag == _BR:
                    parts.append("\n")
        self.out.line("".join(parts), prefix)
        sectpr = ppr.find(_SECTPR) if ppr is not None else None
        if sectpr is not None and self.section_breaks.get(sectpr, False):
            self.out.page_break()

    def _style_flag(self, style_id: str, attribute: str) -> bool:
        """Return a style's ``is_list`` or ``break_before``, following the styles it is based on."""
        seen: set[str] = set()
        while style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            value = getattr(style, attribute)
            if value is not None:
                return bool(value)
            style_id = style.based_on or ""
        return False

    def _is_list(self, ppr: etree._Element | None, style_id: str) -> bool:
        """Return whether the paragraph is a list item (numbering, or a "List ..." style).

        Headings are never list items: their numbering is the outline's ("2.4.").
        """
        style = self.styles.get(style_id)
        name = style.name.lower() if style else ""
        if name.startswith(_NOT_LISTS):
            return False
        numpr = ppr.find(_NUMPR) if ppr is not None else None
        if numpr is not None:
            numid = numpr.find(_NUMID)
            return numid is None or numid.get(_VAL) != "0"
        if name.startswith("list") and not name.startswith("list continue"):
            return True
        return self._style_flag(style_id, "is_list")

    def _list_level(self, ppr: etree._Element | None, style_id: str) -> int:
        """Return the nesting depth of a list item: 0 for the outer list."""
        numpr = ppr.find(_NUMPR) if ppr is not None else None
        ilvl = numpr.find(_ILVL) if numpr is not None else None
        if ilvl is not None and (ilvl.get(_VAL) or "0").isdigit():
            return int(ilvl.get(_VAL) or "0")
        style = self.styles.get(style_id)
        last = style.name.rsplit(" ", 1)[-1] if style else ""
        return int(last) - 1 if last.isdigit() and int(last) > 1 else 0

    def _breaks_before(self, ppr: etree._Element | None, style_id: str) -> bool:
        """Return whether the paragraph starts a new page (``pageBreakBefore``)."""
        element = ppr.find(_BREAK_BEFORE) if ppr is not None else None
        if element is not None:
            return element.get(_VAL, "1") not in _FALSE
        return self._style_flag(style_id, "break_before")


def read_docx(path: Path) -> SourceText:
    """Read a Word document: bullets marked with •, pages split at explicit page breaks."""
    document = _open(path)
    reader = _Reader(document)
    reader.blocks(document.element.body)
    pages = trim_pages(["\n".join(lines) for lines in reader.out.pages], path)
    return SourceText(
        pages=tuple(pages),
        format="docx",
        problems=tuple(blank_page_problems(pages, path)),
        metadata=_metadata(document),
    )


def _open(path: Path) -> Document:
    """Open ``path`` with python-docx, saying what the file is when it is not a .docx."""
    with path.open("rb") as file:
        head = file.read(8)
    if head.startswith(_OLE2):
        if "EncryptedPackage".encode("utf-16-le") in path.read_bytes():
            raise DocumentError(
                "encrypted-docx", f"{path}: the Word document is password-protected"
            )
        raise DocumentError(
            "not-a-docx", f"{path}: this is an old binary Word (.doc) file; save it as .docx"
        )
    if not head.startswith(b"PK"):
        raise DocumentError(
            "not-a-docx", f"{path}: not a Word .docx file (it is not a ZIP package)"
        )
    try:
        return docx.Document(str(path))
    except (
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        PackageNotFoundError,
        etree.XMLSyntaxError,
    ) as error:
        raise DocumentError(
            "not-a-docx", f"{path}: not a readable Word .docx file ({error})"
        ) from error


def _styles(document: Document) -> dict[str, _Style]:
    """Return the paragraph styles by id."""
    styles = {}
    for element in document.styles.element.iterchildren(f"{_W}style"):
        if element.get(f"{_W}type") != "paragraph":
            continue
        name = element.find(f"{_W}name")
        based_on = element.find(f"{_W}basedOn")
        ppr = element.find(_PPR)
        is_list = break_before = None
        if ppr is not None:
            numid = ppr.find(f"{_NUMPR}/{_NUMID}")
            if numid is not None:
                is_list = numid.get(_VAL) != "0"
            flag = ppr.find(_BREAK_BEFORE)
            if flag is not None:
                break_before = flag.get(_VAL, "1") not in _FALSE
        styles[element.get(f"{_W}styleId", "")] = _Style(
            name=name.get(_VAL, "") if name is not None else "",
            is_list=is_list,
            break_before=break_before,
            based_on=based_on.get(_VAL) if based_on is not None else None,
        )
    return styles


def _default_style(document: Document) -> str:
    """Return the id of the paragraph style used where a paragraph names none."""
    for style in document.styles.element.iterchildren(f"{_W}style"):
        is_default = style.get(f"{_W}default") in ("1", "true")
        if is_default and style.get(f"{_W}type") == "paragraph":
            return style.get(f"{_W}styleId", "")
    return ""


def _section_breaks(body: etree._Element) -> dict[etree._Element, bool]:
    """Map each paragraph-level ``sectPr`` to whether the next section starts on a new page."""
    sections = [
        element
        for element in body.iter(_SECTPR)
        if element.getparent() is body or element.getparent().tag == _PPR
    ]
    breaks = {}
    for current, following in zip(sections, sections[1:], strict=False):
        kind = following.find(_TYPE)
        start = kind.get(_VAL, "nextPage") if kind is not None else "nextPage"
        breaks[current] = start not in ("continuous", "nextColumn")
    return breaks


def _metadata(document: Document) -> dict[str, str]:
    """Return the core properties that are set, and the text of headers and footers."""
    properties = document.core_properties
    values: dict[str, str | dt.datetime | None] = {
        "title": properties.title,
        "author": properties.author,
        "subject": properties.subject,
        "keywords": properties.keywords,
        "language": properties.language,
        "created": properties.created,
        "modified": properties.modified,
    }
    metadata = {
        key: value.isoformat() if isinstance(value, dt.datetime) else value.strip()
        for key, value in values.items()
        if value and (isinstance(value, dt.datetime) or value.strip())
    }
    for kind in ("header", "footer"):
        lines: dict[str, None] = {}
        for section in document.sections:
            parts = (
                (section.header, section.first_page_header, section.even_page_header)
                if kind == "header"
                else (section.footer, section.first_page_footer, section.even_page_footer)
            )
            for part in parts:
                if not part.is_linked_to_previous:
                    lines.update(dict.fromkeys(p.text.strip() for p in part.paragraphs))
        lines.pop("", None)
        if lines:
            metadata[kind] = "\n".join(lines)
    return metadata
