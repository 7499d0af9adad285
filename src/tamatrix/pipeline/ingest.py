"""Ingesting documents: read, extract, store, all or nothing per document."""

from __future__ import annotations

import hashlib
from collections import Counter, deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from tamatrix import ingest, reference, training
from tamatrix.config import Settings
from tamatrix.core.evaluate import overlap
from tamatrix.core.extract import Overrides, extract
from tamatrix.core.records import Extraction, Problem, SourceText
from tamatrix.exceptions import DocumentError
from tamatrix.pipeline.corrections import apply_fields
from tamatrix.storage import repository, tables


def _hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class IngestResult:
    """What happened to one file."""

    file: str
    status: str  # "ingested", "replaced", "unchanged" or "failed"
    document_id: int | None = None
    state: str | None = None
    cycle: int | None = None
    needs_by_chapter: dict[str, int] = field(default_factory=dict)
    recommendations: int = 0
    good_practices: int = 0
    problems: list[Problem] = field(default_factory=list)
    carried_over: int = 0
    not_carried_over: list[str] = field(default_factory=list)
    replaced: str | None = None

    @property
    def needs(self) -> int:
        return sum(self.needs_by_chapter.values())


def read_and_extract(
    path: Path, overrides: Overrides | None = None, settings: Settings | None = None
) -> tuple[SourceText, Extraction]:
    """Read a file and extract its records, without touching the database."""
    settings = settings or Settings()
    source = ingest.read(path, max_bytes=settings.max_document_bytes)
    extraction = extract(
        source,
        reference.states(),
        training.load_classifier(settings.classifier),
        overrides,
        file_name=path.name,
    )
    return source, extraction


def _fail(
    session: Session, path: Path, code: str, message: str, page: int | None = None
) -> IngestResult:
    problem = Problem(code, message, page, path.name)
    with session.begin():
        repository.add_problem(session, problem, None)
    return IngestResult(path.name, "failed", problems=[problem])


def ingest_file(
    session: Session,
    path: Path,
    overrides: Overrides | None = None,
    settings: Settings | None = None,
    user: str = "tamatrix",
) -> IngestResult:
    """Ingest one file, all or nothing: a failure leaves the database as it was.

    The same content twice changes nothing. A new version of a review's executive summary
    replaces the machine-coded records of the previous one and carries the analysts'
    corrections over to the matching new records.
    """
    settings = settings or Settings()
    overrides = overrides or Overrides()
    checked = _check(session, path, settings)
    if isinstance(checked, IngestResult):
        return checked
    return _finish(session, path, checked, prepare(path, overrides, settings), user)


Prepared = tuple[SourceText, Extraction] | tuple[str, str]


def prepare(path: Path, overrides: Overrides, settings: Settings) -> Prepared:
    """Read and extract one file (no database): the records, or (problem code, message).

    Runs in worker processes when several files are ingested at once.
    """
    try:
        return read_and_extract(path, overrides, settings)
    except DocumentError as exc:
        return exc.code, str(exc)


def ingest_files(
    session: Session,
    paths: Sequence[Path],
    overrides: Overrides | None = None,
    settings: Settings | None = None,
    user: str = "tamatrix",
    workers: int = 1,
    progress: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Ingest many files: reading and extraction in ``workers`` processes, each document
    stored all or nothing by this process, in the order given."""
    settings = settings or Settings()
    overrides = overrides or Overrides()
    if workers <= 1 or len(paths) < 2 * workers:
        results = []
        for path in paths:
            results.append(ingest_file(session, path, overrides, settings, user))
            if progress:
                progress(results[-1])
        return results
    results = []
    window = 4 * workers  # files read ahead of the database, to bound memory
    with ProcessPoolExecutor(workers) as pool:
        pending: deque[tuple[Path, str | IngestResult, Future[Prepared] | None]] = deque()
        queue = iter(paths)
        while True:
            while len(pending) < window:
                upcoming = next(queue, None)
                if upcoming is None:
                    break
                checked = _check(session, upcoming, settings)
                job = (
                    None
                    if isinstance(checked, IngestResult)
                    else pool.submit(prepare, upcoming, overrides, settings)
                )
                pending.append((upcoming, checked, job))
            if not pending:
                break
            path, checked, job = pending.popleft()
            if isinstance(checked, IngestResult):
                result = checked
            else:
                assert job is not None
                result = _finish(session, path, checked, job.result(), user)
            results.append(result)
            if progress:
                progress(result)
    return results


def _check(session: Session, path: Path, settings: Settings) -> str | IngestResult:
    """The content hash of a file to ingest, or the result when there is nothing to read:
    unchanged content, a file too large, missing or unreadable."""
    try:
        if path.is_file() and path.stat().st_size > settings.max_document_bytes:
            # Refuse before reading: hashing a huge upload is already too much work.
            source_error = ingest.too_large(path, settings.max_document_bytes)
            return _fail(session, path, source_error.code, str(source_error))
        content_hash = _hash(path)
    except OSError as exc:
        code = "file-not-found" if isinstance(exc, FileNotFoundError) else "file-not-readable"
        return _fail(session, path, code, f"{path}: {exc.strerror}")
    with session.begin():
        existing = repository.document_by_hash(session, content_hash)
        if existing is not None:
            return IngestResult(path.name, "unchanged", existing.id, existing.state, existing.cycle)
    return content_hash


def _finish(
    session: Session, path: Path, content_hash: str, prepared: Prepared, user: str
) -> IngestResult:
    """Store what was read from a file, or record why it could not be."""
    if isinstance(prepared[0], str):
        code, message = prepared
        return _fail(session, path, str(code), str(message))
    source, extraction = prepared
    assert isinstance(source, SourceText) and isinstance(extraction, Extraction)
    blocking = [p for p in extraction.problems if p.code in BLOCKING_PROBLEMS]
    if extraction.state is None or extraction.cycle is None or blocking:
        problem = (
            blocking
            or [
                p
                for p in extraction.problems
                if p.code in ("unknown-state", "several-states", "unknown-cycle")
            ]
            or [Problem("unknown-state", "no State or cycle", 1, path.name)]
        )[0]
        return _fail(session, path, problem.code, f"{path.name}: {problem.message}", problem.page)
    with session.begin():
        existing = repository.document_by_hash(session, content_hash)
        if existing is not None:  # the same content twice in one run
            return IngestResult(path.name, "unchanged", existing.id, existing.state, existing.cycle)
        if not repository.state_exists(session, extraction.state):
            return _store_failure(
                session,
                path,
                "unknown-state",
                f"{path.name}: {extraction.state} is not a known State code",
            )
        return _store(session, path, content_hash, source, extraction, user)


BLOCKING_PROBLEMS = ("unsupported-language", "not-an-executive-summary")


def _store_failure(session: Session, path: Path, code: str, message: str) -> IngestResult:
    problem = Problem(code, message, None, path.name)
    repository.add_problem(session, problem, None)
    return IngestResult(path.name, "failed", problems=[problem])


def _store(
    session: Session,
    path: Path,
    content_hash: str,
    source: SourceText,
    extraction: Extraction,
    user: str,
) -> IngestResult:
    assert extraction.state is not None and extraction.cycle is not None
    review = repository.review(session, extraction.state, extraction.cycle)
    if review is None:
        review = repository.add_review(session, extraction.state, extraction.cycle)
    previous = repository.documents_of_review(session, review.id)
    corrected = [
        _corrected_need(session, n)
        for d in previous
        for n in repository.needs_of_document(session, d.id)
        if n.status != "machine"
    ]
    for old in previous:
        repository.delete_document(session, old)
    review.summary_date = extraction.date
    review.chapters = ",".join(extraction.chapters)
    document = repository.add_document(
        session,
        content_hash=content_hash,
        file_name=path.name,
        format=source.format,
        size_bytes=path.stat().st_size,
        language=extraction.language,
        symbol=extraction.symbol,
        issued=extraction.date,
        state=extraction.state,
        cycle=extraction.cycle,
        review_id=review.id,
        pages=len(source.pages),
        text=source.text,
    )
    need_ids = repository.add_records(
        session,
        document.id,
        review.id,
        extraction.needs,
        extraction.recommendations,
        extraction.good_practices,
    )
    session.flush()
    result = IngestResult(
        path.name,
        "replaced" if previous else "ingested",
        document.id,
        extraction.state,
        extraction.cycle,
        dict(Counter(n.chapter for n in extraction.needs)),
        len(extraction.recommendations),
        len(extraction.good_practices),
        list(extraction.problems),
        replaced=", ".join(d.file_name for d in previous) or None,
    )
    if corrected:
        _carry_over(session, corrected, repository.needs_by_id(session, need_ids), result, user)
    for problem in result.problems:
        repository.add_problem(session, problem, document.id)
    return result


@dataclass(frozen=True)
class _CorrectedNeed:
    id: int
    chapter: str
    text: str
    status: str
    fields: dict[str, str | None]  # field -> the analyst's latest value
    corrections: list[tuple[str, str | None, str | None, str, str]]


def _corrected_need(session: Session, need: tables.Need) -> _CorrectedNeed:
    rows = repository.corrections_of(session, "need", need.id)
    latest = {row.field: row.new_value for row in rows}
    return _CorrectedNeed(
        need.id,
        need.chapter,
        need.text,
        need.status,
        latest,
        [(r.field, r.old_value, r.new_value, r.user_name, r.note) for r in rows],
    )


def _carry_over(
    session: Session,
    corrected: list[_CorrectedNeed],
    new_needs: list[tables.Need],
    result: IngestResult,
    user: str,
) -> None:
    """Give each corrected old need's values to the new need whose text matches it best."""
    if not corrected:
        return
    session.flush()
    taken: set[int] = set()
    for old in corrected:
        best, best_score = None, 0.0
        for candidate in new_needs:
            if candidate.id in taken:
                continue
            score = min(overlap(old.text, candidate.text), overlap(candidate.text, old.text))
            if score > best_score:
                best, best_score = candidate, score
        if best is None or best_score < CARRY_OVER_MIN_OVERLAP:
            result.not_carried_over.append(old.text)
            result.problems.append(
                Problem(
                    "correction-not-carried-over",
                    f"need #{old.id} was corrected by an analyst but the new version has no "
                    f"matching need; its corrections stay in the audit log: {old.text[:100]}",
                    None,
                    result.file,
                )
            )
            continue
        taken.add(best.id)
        apply_fields(best, old.fields)
        best.status = old.status
        for field_name, before, after, who, note in old.corrections:
            repository.add_correction(
                session,
                "need",
                best.id,
                field_name,
                before,
                after,
                who,
                (note + "; " if note else "") + f"carried over from need #{old.id}",
            )
        result.carried_over += 1


CARRY_OVER_MIN_OVERLAP = 0.6
