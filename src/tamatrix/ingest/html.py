"""HTML files: one line per block element, list items marked with •, as one page."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import lxml.html
from lxml import etree

from tamatrix.core.records import SourceText
from tamatrix.exceptions import DocumentError
from tamatrix.ingest.text import clean, decode, looks_binary, strip_controls

_BLOCKS = frozenset(
    """address article aside blockquote body caption center dd details dialog div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html legend li main nav
    ol p pre section summary table tbody tfoot thead tr ul""".split()
)
_CELLS = frozenset(("td", "th"))
_SKIPPED = frozenset(
    ("script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object")
)
_SPACE = re.compile(r"\s+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_BULLET = "• "


class _Lines:
    """Collects the text of block elements as lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []

    def text(self, text: str | None, preformatted: bool) -> None:
        """Add a text node, collapsing white space outside ``pre``."""
        if not text:
            return
        if not preformatted:
            text = _SPACE.sub(" ", text)
            # White space collapses across elements too: "a <b> b</b>" reads "a b".
            if text.startswith(" ") and (not self.parts or self.parts[-1].endswith((" ", "\t"))):
                text = text[1:]
        self.parts.append(text)

    def end(self) -> None:
        """End the current line."""
        line = "".join(self.parts).strip(" ")
        self.parts = []
        if line.strip() and line.strip() != _BULLET.strip():
            self.lines.extend(part.strip() for part in line.split("\n") if part.strip())


def read_html(path: Path) -> SourceText:
    """Read an HTML file as one page of lines, dropping scripts, styles and hidden elements."""
    markup = _XML_DECLARATION.sub("", _decode(path.read_bytes(), path), count=1)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError) as error:
        raise DocumentError("empty-file", f"{path}: no HTML content ({error})") from error
    text = clean("\n".join(_lines(root)))
    if not text.strip():
        raise DocumentError("empty-file", f"{path}: the HTML page contains no text")
    metadata = {}
    title = root.findtext(".//title")
    if title and title.strip():
        metadata["title"] = _SPACE.sub(" ", title).strip()
    if language := root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"):
        metadata["language"] = language
    return SourceText(pages=(text,), format="html", metadata=metadata)


def _decode(data: bytes, path: Path) -> str:
    """Return the text of an HTML file: by its BOM, its ``<meta charset>``, UTF-8 or cp1252."""
    match = _CHARSET.search(data[:4096])
    has_bom = data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if match and not has_bom and not looks_binary(data):
        try:
            return strip_controls(data.decode(match.group(1).decode("ascii")))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall back to what the bytes are
    return strip_controls(decode(data, path)[0])


def _lines(root: lxml.html.HtmlElement) -> list[str]:
    """Return the text of ``root`` with one line per block element."""
    out = _Lines()
    preformatted = 0
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _SKIPPED or _hidden(element):
                walker.skip_subtree()
                continue
            if tag in _BLOCKS or tag == "br":
                out.end()
            if tag == "pre":
                preformatted += 1
            if tag == "li" or _is_word_list_paragraph(element):
                out.parts.append(_BULLET)
            elif tag in _CELLS and out.parts:
                out.parts.append("\t")
            out.text(element.text, preformatted > 0)
        else:
            if tag == "pre":
                preformatted -= 1
            if tag in _BLOCKS:
                out.end()
            out.text(element.tail, preformatted > 0)
    out.end()
    return out.lines


def _hidden(element: lxml.html.HtmlElement) -> bool:
    """Return whether an element is hidden, or is a bullet glyph that Word wrote out."""
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style", "").replace(" ", "").lower()
    return "display:none" in style or "mso-list:ignore" in style


def _is_word_list_paragraph(element: lxml.html.HtmlElement) -> bool:
    """Return whether ``element`` is a list paragraph of a page saved from Word."""
    return element.tag == "p" and element.get("class", "").lower().startswith("msolistparagraph")
