"""PDF files: the text layer of every page, through pypdfium2."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from tamatrix.core.records import Problem, SourceText
from tamatrix.exceptions import DocumentError
from tamatrix.ingest.text import blank_page_problems, clean

_METADATA_KEYS = {
    "Title": "title",
    "Author": "author",
    "Subject": "subject",
    "Keywords": "keywords",
    "Creator": "creator",
    "Producer": "producer",
    "CreationDate": "created",
    "ModDate": "modified",
}
_PDF_DATE = re.compile(
    r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?"
)


def read_pdf(path: Path) -> SourceText:
    """Read the text of every page of a PDF file; pages that fail become problems."""
    pdf = _open(path)
    try:
        pages, problems = _page_texts(pdf, path)
        metadata = _metadata(pdf)
    finally:
        pdf.close()
    if not any(page.strip() for page in pages):
        raise DocumentError(
            "no-text-layer",
            f"{path}: none of its {len(pages)} pages has a text layer "
            "(a scanned document needs OCR first)",
        )
    unreadable = {problem.page for problem in problems}
    problems += [p for p in blank_page_problems(pages, path) if p.page not in unreadable]
    problems.sort(key=lambda problem: problem.page or 0)
    return SourceText(pages=tuple(pages), format="pdf", problems=tuple(problems), metadata=metadata)


def _open(path: Path) -> pdfium.PdfDocument:
    """Open ``path`` with pdfium, turning its load errors into document errors."""
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise DocumentError(
                "encrypted-pdf", f"{path}: the PDF is protected by a password"
            ) from error
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise DocumentError(
                "encrypted-pdf", f"{path}: the PDF uses an unsupported encryption scheme"
            ) from error
        if code == pdfium_c.FPDF_ERR_SUCCESS:
            raise DocumentError("corrupt-pdf", f"{path}: the PDF has no pages") from error
        raise DocumentError(
            "corrupt-pdf", f"{path}: the PDF is damaged and cannot be opened ({error})"
        ) from error


def _page_texts(pdf: pdfium.PdfDocument, path: Path) -> tuple[list[str], list[Problem]]:
    """Return the text of each page, with an ``unreadable-page`` problem for each failure."""
    pages: list[str] = []
    problems: list[Problem] = []
    for index in range(len(pdf)):
        try:
            pages.append(_clean(_page_text(pdf, index)))
        except pdfium.PdfiumError as error:
            pages.append("")
            problems.append(
                Problem(
                    code="unreadable-page",
                    message=f"{path}: page {index + 1} cannot be read ({error})",
                    page=index + 1,
                    file=path.name,
                )
            )
    return pages, problems


def _clean(text: str) -> str:
    """Return page text with plain line ends and the hyphens that pdfium hid put back.

    pdfium joins a word hyphenated across lines and marks the join with U+0002 ("capacity" U+0002
    "building"), dropping both the hyphen and the line end; restore them as the page shows them.
    """
    text = clean(text)
    if "\x02" in text:
        text = text.replace("\x02", "-\n")
    return text


def _page_text(pdf: pdfium.PdfDocument, index: int) -> str:
    """Return the text of page ``index``, closing what pdfium opened for it."""
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            return str(textpage.get_text_bounded())
        finally:
            textpage.close()
    finally:
        page.close()


def _metadata(pdf: pdfium.PdfDocument) -> dict[str, str]:
    """Return the document information dictionary with plain keys and ISO 8601 dates."""
    metadata = {"pages": str(len(pdf))}
    for key, value in pdf.get_metadata_dict(skip_empty=True).items():
        name = _METADATA_KEYS.get(key)
        if name and value.strip():
            metadata[name] = _iso_date(value) if name in ("created", "modified") else value.strip()
    return metadata


def _iso_date(value: str) -> str:
    """Return a PDF date (``D:20240315120000+01'00'``) in ISO 8601, or unchanged if not one."""
    match = _PDF_DATE.match(value.strip())
    if not match:
        return value.strip()
    year, month, day, hour, minute, second, utc, sign, tz_hour, tz_minute = match.groups()
    text = f"{year}-{month or '01'}-{day or '01'}"
    if hour:
        text += f"T{hour}:{minute or '00'}:{second or '00'}"
        if utc:
            text += "Z"
        elif sign:
            text += f"{sign}{tz_hour}:{tz_minute or '00'}"
    return text
