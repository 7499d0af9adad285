"""Plain text and Markdown files, and the text clean-up that every adapter shares."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from tamatrix.core.records import Problem, SourceText
from tamatrix.exceptions import DocumentError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 and C1 control characters other than tab, newlines, vertical tab and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Bytes that do not occur in text (0x1A, the old DOS end-of-file mark, is tolerated).
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1A), *range(0x1B, 0x20)])
# More than this share of control characters means the bytes are not text.
_MAX_CONTROL_SHARE = 0.02

_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_MD_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+", re.MULTILINE)
_MD_RULE = re.compile(r"^[ \t]*(?:(?:[-*_][ \t]*){3,}|=+[ \t]*|```.*)$\n?", re.MULTILINE)
_MD_QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")


def clean(text: str) -> str:
    """Return ``text`` with Windows and old Mac line ends made ``\\n`` and no form feeds left."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text or "\v" in text:
        text = text.replace("\f", "\n").replace("\v", "\n")
    return text


def strip_controls(text: str) -> str:
    """Return ``text`` without control characters other than tab, newlines and form feed."""
    return _CONTROL.sub("", text)


def blank_page_problems(pages: list[str], path: Path) -> list[Problem]:
    """Return a ``no-text-on-page`` problem for every page that holds only whitespace."""
    return [
        Problem(
            code="no-text-on-page",
            message=f"{path}: page {number} has no text",
            page=number,
            file=path.name,
        )
        for number, page in enumerate(pages, start=1)
        if not page.strip()
    ]


def trim_pages(pages: list[str], path: Path) -> list[str]:
    """Return ``pages`` without trailing blank pages; raise ``empty-file`` if none has text."""
    while pages and not pages[-1].strip():
        pages.pop()
    if not pages:
        raise DocumentError("empty-file", f"{path}: the file contains no text")
    return pages


def looks_binary(data: bytes) -> bool:
    """Return whether ``data`` (without a byte order mark) is binary rather than text."""
    if b"\x00" in data:
        return True
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return controls > _MAX_CONTROL_SHARE * len(data)


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Return the text of ``data`` and the encoding used: a BOM's, else UTF-8, else cp1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.removesuffix("-sig")
            except UnicodeDecodeError as error:
                raise DocumentError(
                    "binary-file", f"{path}: starts with a {encoding} byte order mark but {error}"
                ) from error
    if looks_binary(data):
        raise DocumentError(
            "binary-file", f"{path}: the file holds binary data (NUL or control bytes), not text"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise DocumentError(
            "binary-file", f"{path}: the file is neither UTF-8 nor Windows-1252 text ({error})"
        ) from error
    return text, "cp1252"


def _markdown_lines(text: str) -> str:
    """Return Markdown ``text`` with heading marks, rules and emphasis removed, bullets as •."""
    text = _MD_RULE.sub("", text)
    text = _MD_HEADING.sub(lambda match: match.group(1) or "", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_BULLET.sub("• ", text)
    text = _MD_LINK.sub(r"\1", text)
    return _MD_STRONG.sub(r"\1", text)


def read_text(path: Path, markdown: bool = False) -> SourceText:
    """Read a plain text or Markdown file: one page per form feed."""
    text, encoding = decode(path.read_bytes(), path)
    text = strip_controls(text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n"))
    if markdown:
        text = _markdown_lines(text)
    pages = trim_pages(text.split("\f"), path)
    return SourceText(
        pages=tuple(pages),
        format="md" if markdown else "txt",
        problems=tuple(blank_page_problems(pages, path)),
        metadata={"encoding": encoding},
    )
