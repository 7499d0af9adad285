"""Benchmark: ingest generated ten-page PDFs and compare with pypdfium2's text extraction alone.

    python bench/ingest.py [--documents 500] [--database-url URL] [--keep DIR]

Writes the documents (not timed), then times, in the same run and on the same files, document
by document in turn:
1. pypdfium2 alone: open each PDF and extract the text of every page;
2. the whole pipeline: ``tamatrix.pipeline.ingest_file`` (read, extract, classify, store, commit)
   into a fresh database.
Prints documents per second and the ratio 2 / 1, and appends the result with the machine to
bench/results/ingest.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import subprocess
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from tamatrix import pipeline, reference
from tamatrix.config import Settings
from tamatrix.generate import render
from tamatrix.storage import db

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE.parent / "tests" / "fixtures" / "documents" / "ostrava-nova-2020-cycle2.tamx"
FILLER = (
    "The reviewers examined the legal framework, the institutional arrangements and the "
    "practice of the authorities in this area, and discussed them with officials, judges, "
    "representatives of civil society and of the private sector during the country visit. "
)


def ten_page_spec(state_name: str, number: int) -> render.DocumentSpec:
    """The fixture document for another State, padded with observations to ten pages."""
    spec = render.parse_markup(TEMPLATE.read_text(encoding="utf-8"))
    blocks: list[render.Block] = []
    for block in spec.blocks:
        text = block.text.replace("Ostrava Nova", state_name)
        blocks.append(dataclasses.replace(block, text=text))
        if block.kind == "heading" and "Observations" in block.text:
            blocks.extend(render.Block("paragraph", FILLER * 4) for _ in range(11))
    return dataclasses.replace(
        spec,
        blocks=tuple(blocks),
        symbol=f"CAC/COSP/IRG/II/9/1/Add.{900 + number}",
        title=spec.title.replace("Ostrava Nova", state_name),
    )


def write_documents(folder: Path, count: int) -> list[Path]:
    states = [
        s
        for s in reference.states(include_fictional=False).states
        if s.status == "member_state" and "Niger" not in s.name
    ]
    paths = []
    for number in range(count):
        state = states[number % len(states)]
        path = folder / f"summary-{number:04d}.pdf"
        render.to_pdf(ten_page_spec(state.name, number), path)
        paths.append(path)
    return paths


def pdfium_text(path: Path) -> None:
    """What pypdfium2 alone does: open the PDF and extract the text of every page."""
    document = pdfium.PdfDocument(path)
    for page in document:
        page.get_textpage().get_text_bounded()
    document.close()


def time_both(paths: list[Path], url: str) -> tuple[float, float, int]:
    """Seconds of pypdfium2 alone and of the whole pipeline, measured document by document
    in turn so that whatever else the machine does weighs on both alike."""
    settings = Settings(database_url=url)
    engine = pipeline.open_database(settings)
    session = db.session_factory(engine)()
    pipeline.read_and_extract(paths[0])  # load the classifier and the States once, untimed
    pdfium_seconds = pipeline_seconds = 0.0
    needs = 0
    for path in paths:
        started = time.perf_counter()
        pdfium_text(path)
        pdfium_seconds += time.perf_counter() - started
        started = time.perf_counter()
        needs += pipeline.ingest_file(session, path, settings=settings).needs
        pipeline_seconds += time.perf_counter() - started
    session.close()
    engine.dispose()
    return pdfium_seconds, pipeline_seconds, needs


def time_parallel(paths: list[Path], url: str, workers: int) -> float:
    """Seconds of the pipeline as `tamatrix ingest` runs it: reading and extraction in
    ``workers`` processes, storing in this one."""
    settings = Settings(database_url=url)
    engine = pipeline.open_database(settings)
    session = db.session_factory(engine)()
    started = time.perf_counter()
    pipeline.ingest_files(session, paths, settings=settings, workers=workers)
    elapsed = time.perf_counter() - started
    session.close()
    engine.dispose()
    return elapsed


def machine() -> str:
    model = ""
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        model = next(
            (
                line.split(":", 1)[1].strip()
                for line in lscpu.splitlines()
                if line.startswith("Model name")
            ),
            "",
        )
    except OSError:
        pass

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{model or platform.processor()}, {os.cpu_count()} cores, {memory:.0f} GiB, "
        f"Python {platform.python_version()}, {platform.system()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument("--keep", type=Path, help="write the PDFs here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        paths = sorted(folder.glob("summary-*.pdf"))[: args.documents]
        if len(paths) < args.documents:
            paths = write_documents(folder, args.documents)
        pages = sum(len(pdfium.PdfDocument(p)) for p in paths[:5]) / min(5, len(paths))
        url = args.database_url or f"sqlite:///{Path(scratch) / 'bench.db'}"
        pdfium_seconds, pipeline_seconds, needs = time_both(paths, url)
        workers = os.cpu_count() or 1
        parallel_seconds = time_parallel(
            paths, f"sqlite:///{Path(scratch) / 'bench-parallel.db'}", workers
        )
    ratio = pipeline_seconds / pdfium_seconds
    parallel_ratio = parallel_seconds / pdfium_seconds
    database = db.hide_password(url).split(":")[0]
    row = (
        f"| {time.strftime('%Y-%m-%d')} | {len(paths)} | {pages:.0f} | {needs} | {database} | "
        f"{pdfium_seconds:.2f} s | {pipeline_seconds:.2f} s ({ratio:.2f}) | "
        f"{parallel_seconds:.2f} s with {workers} ({parallel_ratio:.2f}) | "
        f"{len(paths) / parallel_seconds:.1f} | {machine()} |"
    )
    print(
        f"pypdfium2 alone: {pdfium_seconds:.2f} s; pipeline in one process: "
        f"{pipeline_seconds:.2f} s (ratio {ratio:.2f}); as `tamatrix ingest` runs it with "
        f"{workers} workers: {parallel_seconds:.2f} s (ratio {parallel_ratio:.2f}); "
        f"{len(paths) / parallel_seconds:.1f} documents/s"
    )
    results = HERE / "results" / "ingest.md"
    if not results.exists():
        results.write_text(
            "# Ingest benchmark (bench/ingest.py)\n\n"
            "Ratios are to pypdfium2 alone (one process) on the same files.\n\n"
            "| date | documents | pages each | needs | database | pypdfium2 alone | "
            "pipeline, one process (ratio) | pipeline as `tamatrix ingest` runs it (ratio) | "
            "documents/s | machine |\n"
            "|---|---|---|---|---|---|---|---|---|---|\n"
        )
    with results.open("a") as handle:
        handle.write(row + "\n")


if __name__ == "__main__":
    main()
