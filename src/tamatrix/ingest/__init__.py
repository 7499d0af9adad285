"""Ingest adapters: a file on disk becomes a ``SourceText``, its text page by page."""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from tamatrix.core.records import SourceText
from tamatrix.exceptions import DocumentError, UnsupportedFormatError
from tamatrix.ingest.docx import read_docx
from tamatrix.ingest.html import read_html
from tamatrix.ingest.pdf import read_pdf
from tamatrix.ingest.text import read_text

__all__ = ["SUPPORTED_SUFFIXES", "iter_files", "read"]

SUPPORTED_SUFFIXES: tuple[str, ...] = (".pdf", ".docx", ".html", ".htm", ".txt", ".text", ".md")

_READERS: dict[str, Callable[[Path], SourceText]] = {
    "pdf": read_pdf,
    "docx": read_docx,
    "html": read_html,
    "txt": read_text,
    "md": partial(read_text, markdown=True),
}
# PDF readers accept a header within the first kilobyte.
_HEAD_BYTES = 1024
_HTML_STARTS = (b"<!doctype html", b"<html")


def too_large(path: Path, max_bytes: int, size: int | None = None) -> DocumentError:
    """The error for a file over the size limit."""
    size = path.stat().st_size if size is None else size
    return DocumentError(
        "file-too-large",
        f"{path}: the file has {size:,} bytes, more than the limit of {max_bytes:,}",
    )


def read(path: Path | str, max_bytes: int = 100 * 1024 * 1024) -> SourceText:
    """Read a document's text page by page, choosing the reader by its content and suffix."""
    path = Path(path)
    size = _size(path)
    if size > max_bytes:
        raise too_large(path, max_bytes, size)
    if size == 0:
        raise DocumentError("empty-file", f"{path}: the file is empty (0 bytes)")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFormatError(
            f"{path}: cannot read {f'{suffix} files' if suffix else 'files without a suffix'} "
            f"(supported: {', '.join(SUPPORTED_SUFFIXES)})"
        )
    with path.open("rb") as file:
        head = file.read(_HEAD_BYTES)
    return _READERS[_kind(path, suffix, head)](path)


def iter_files(paths: Iterable[Path | str]) -> list[Path]:
    """Return the files named in ``paths``, folders replaced by the supported files inside them.

    Folders are searched recursively in sorted order, skipping hidden files and folders and
    Word's lock files (``~$...``); files named explicitly are kept as they are, so that reading
    them reports what is wrong. Each file appears once.
    """
    found: dict[Path, None] = {}
    for path in map(Path, paths):
        if not path.is_dir():
            found[path] = None
            continue
        for child in sorted(path.rglob("*")):
            parts = child.relative_to(path).parts
            if any(part.startswith((".", "~$")) for part in parts):
                continue
            if child.suffix.lower() in SUPPORTED_SUFFIXES and child.is_file():
                found[child] = None
    return list(found)


def _size(path: Path) -> int:
    """Return the size of the regular file ``path``, or raise a document error saying why not."""
    try:
        status = path.stat()
    except (FileNotFoundError, NotADirectoryError) as error:
        raise DocumentError("file-not-found", f"{path}: no such file") from error
    except PermissionError as error:
        raise DocumentError("unreadable-file", f"{path}: permission denied") from error
    if not stat.S_ISREG(status.st_mode):
        raise DocumentError("not-a-file", f"{path}: is a folder or a device, not a file")
    return status.st_size


def _kind(path: Path, suffix: str, head: bytes) -> str:
    """Return which reader fits: the content decides for PDF, the suffix for the rest."""
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if suffix == ".pdf":
        if b"%PDF-" in head:
            return "pdf"  # pdfium accepts a header after some junk, as Acrobat does
        raise DocumentError(
            "corrupt-pdf",
            f"{path}: not a PDF file: it does not start with %PDF "
            f"(it looks like {_looks_like(head)})",
        )
    if suffix == ".docx":
        return "docx"
    if suffix in (".html", ".htm"):
        return "html"
    if suffix == ".md":
        return "md"
    if head.lstrip().lower().startswith(_HTML_STARTS):
        return "html"
    return "txt"


def _looks_like(head: bytes) -> str:
    """Return a short description of what a file's first bytes suggest it is."""
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP package such as a Word .docx file"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "an old Microsoft Office file"
    if head.lstrip().startswith(b"<"):
        return "HTML or XML"
    if b"\x00" not in head:
        return "text"
    return "binary data"
