"""Documents through the web: uploads ingested by the pipeline, re-ingested, deleted.

Uploaded files are kept under ``data_dir/uploads/<sha256>/`` so that they can be re-ingested
(for instance with new classifier weights); the database keeps only their text.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tamatrix.config import Settings
from tamatrix.exceptions import NotFoundError
from tamatrix.pipeline import IngestResult, ingest_file
from tamatrix.storage import repository, tables
from tamatrix.web.errors import Conflict, TooLarge

_UNSAFE = re.compile(r"[^\w.\- ]+")
_CHUNK = 1 << 20


def safe_name(file_name: str | None) -> str:
    """The base name of an uploaded file with anything odd replaced, never empty."""
    name = _UNSAFE.sub("_", Path((file_name or "").replace("\\", "/")).name).strip(" .")
    return name[:200] or "upload"


def too_large_message(settings: Settings) -> str:
    """What a user is told when a document is over the limit."""
    megabytes = settings.max_document_bytes / (1024 * 1024)
    return f"this document is larger than the limit of {megabytes:.1f} MB; it was not read"


def _uploads(settings: Settings) -> Path:
    return settings.data_dir / "uploads"


def save_upload(
    stream: BinaryIO, file_name: str | None, folder: Path, settings: Settings
) -> tuple[Path, str]:
    """Copy an upload into ``folder`` under a safe name; TooLarge past the document limit.
    Returns the file and the SHA-256 of its content."""
    path = folder / safe_name(file_name)
    digest = hashlib.sha256()
    size = 0
    with path.open("wb") as handle:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > settings.max_document_bytes:
                raise TooLarge(too_large_message(settings), field="file")
            digest.update(chunk)
            handle.write(chunk)
    return path, digest.hexdigest()


def ingest_upload(
    session: Session, settings: Settings, stream: BinaryIO, file_name: str | None, user: str
) -> IngestResult:
    """Save an upload in a temporary folder, refuse it when too large, ingest it, keep it."""
    with tempfile.TemporaryDirectory(prefix="tamatrix-upload-") as folder:
        path, digest = save_upload(stream, file_name, Path(folder), settings)
        name = path.name
        result = ingest_file(session, path, settings=settings, user=user)
        if result.document_id is not None:
            kept = _uploads(settings) / digest
            kept.mkdir(parents=True, exist_ok=True)
            if not (kept / name).exists():
                shutil.copyfile(path, kept / name)
    return result


def kept_file(settings: Settings, content_hash: str) -> Path | None:
    """The uploaded file with this content, if it was kept."""
    folder = _uploads(settings) / content_hash
    found = sorted(folder.iterdir()) if folder.is_dir() else []
    return found[0] if found else None


def reingest(session: Session, settings: Settings, document_id: int, user: str) -> IngestResult:
    """Read a kept upload again with today's rules; corrections carry over as for a new version."""
    with session.begin():
        document = session.get(tables.Document, document_id)
        if document is None:
            raise NotFoundError(f"there is no document #{document_id}")
        content_hash = document.content_hash
    source = kept_file(settings, content_hash)
    if source is None:
        raise Conflict(
            f"document #{document_id} was not uploaded through the web application, so its "
            "file is not kept; ingest the file again with `tamatrix ingest`"
        )
    # The pipeline skips content it already holds: mark the stored copy as older first, and put
    # the hash back if the new reading fails.
    stale = f"reingest-{document_id}-{content_hash[:40]}"
    with session.begin():
        session.execute(
            sa.update(tables.Document)
            .where(tables.Document.id == document_id)
            .values(content_hash=stale)
        )
    result = ingest_file(session, source, settings=settings, user=user)
    if result.status == "failed":
        with session.begin():
            session.execute(
                sa.update(tables.Document)
                .where(tables.Document.content_hash == stale)
                .values(content_hash=content_hash)
            )
    return result


def delete_document(session: Session, document_id: int) -> str:
    """Delete a document and its records; the corrections stay in the audit log."""
    with session.begin():
        document = session.get(tables.Document, document_id)
        if document is None:
            raise NotFoundError(f"there is no document #{document_id}")
        name = document.file_name
        repository.delete_document(session, document)
    return name
