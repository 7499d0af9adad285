"""Benchmark: load the facts and compute every figure of the analysis for N generated needs.

    python bench/analysis.py --needs 10000 --needs 1000000 [--database-url URL] [--runs 3]

For each N, writes N generated needs (with as many recommendations) straight into a fresh
database with Core bulk inserts (not timed): about 200 States, both cycles, 1-3 articles per
need, categories with about 44 per cent capacity-building. Then times, for two scopes (every
need; cycle 2 as of a cut-off date), ``storage.queries.load_facts`` and ``core.stats.analyse``
(what ``pipeline.analysis.analyse`` does), best of ``--runs``, and the JSON of the figures.
Runs on a SQLite file always and on PostgreSQL when ``--database-url postgresql://...`` names a
server (a scratch database ``tamatrix_bench`` is created there and dropped afterwards). Prints
a table and appends it with the machine to bench/results/analysis.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from tamatrix import reports
from tamatrix.core import stats
from tamatrix.generate.stress import write_stress
from tamatrix.storage import db, queries

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "analysis.md"
SCRATCH = "tamatrix_bench"
CUT_OFF = dt.date(2020, 9, 30)
BATCH = 50_000


@dataclass(frozen=True)
class Timing:
    backend: str
    needs: int
    scope: str
    needs_in_scope: int
    load: float
    analyse: float
    json_seconds: float
    json_megabytes: float
    report_seconds: float

    @property
    def total(self) -> float:
        return self.load + self.analyse


def _best(runs: int, work: Callable[[], Any]) -> tuple[float, Any]:
    """The shortest of ``runs`` timings of ``work``, with its last result."""
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


def measure(engine: Engine, backend: str, needs: int, runs: int) -> list[Timing]:
    """Time loading and analysing for every need, and for cycle 2 as of the cut-off date."""
    timings = []
    for scope, as_of, cycle in (("all needs", None, None), (f"cycle 2, {CUT_OFF}", CUT_OFF, 2)):

        def load(as_of: dt.date | None = as_of, cycle: int | None = cycle) -> queries.Facts:
            with Session(engine) as session, session.begin():
                return queries.load_facts(session, as_of, cycle)

        load_seconds, facts = _best(runs, load)

        def compute(
            facts: queries.Facts = facts, as_of: dt.date | None = as_of, cycle: int | None = cycle
        ) -> stats.Figures:
            return stats.analyse(
                facts.needs, facts.reviews, facts.recommendations, as_of=as_of, cycle=cycle
            )

        analyse_seconds, figures = _best(runs, compute)
        started = time.perf_counter()
        text = json.dumps(figures, sort_keys=True)
        json_seconds = time.perf_counter() - started
        report_seconds = _time_report(figures)
        timings.append(
            Timing(
                backend,
                needs,
                scope,
                figures["coverage"]["needs"],
                load_seconds,
                analyse_seconds,
                json_seconds,
                len(text) / 1e6,
                report_seconds,
            )
        )
        print(_row(timings[-1]), flush=True)
    return timings


def _time_report(figures: stats.Figures) -> float:
    """Seconds to draft the note from the figures and render it as HTML and Word."""
    started = time.perf_counter()
    note = reports.build_note(figures, {}, {})
    reports.to_html(note)
    with tempfile.TemporaryDirectory() as folder:
        reports.to_docx(note, Path(folder) / "note.docx")
    return time.perf_counter() - started


@contextmanager
def sqlite_database() -> Iterator[Engine]:
    with tempfile.TemporaryDirectory(prefix="tamatrix-bench-") as folder:
        engine = db.create_engine(f"sqlite:///{folder}/bench.db")
        db.upgrade(engine)
        try:
            yield engine
        finally:
            engine.dispose()


@contextmanager
def postgres_database(server_url: str) -> Iterator[Engine]:
    """A scratch database on the server, dropped afterwards."""
    url = make_url(server_url).set(drivername="postgresql+psycopg")
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{SCRATCH}"'))
    engine = db.create_engine(url.set(database=SCRATCH).render_as_string(hide_password=False))
    try:
        db.upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)'))
        admin.dispose()


def machine() -> str:
    """CPU model, cores, memory, Python and the date, for the results file."""
    model = "unknown CPU"
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    for line in lscpu.splitlines():
        if line.startswith("Model name:"):
            model = line.split(":", 1)[1].strip()
    memory = 0.0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = int(line.split()[1]) / 1024**2
    return (
        f"{model}, {os.cpu_count()} cores, {memory:.0f} GB RAM, "
        f"Python {platform.python_version()}, SQLAlchemy {sa.__version__}, "
        f"{platform.system()} {platform.release()}; {dt.date.today().isoformat()}"
    )


DATA = (
    "Each size: that many needs and as many recommendations over the 198 States of the "
    "reference data and both cycles (a third of the summaries without needs), 1-3 articles per "
    "need (a tenth with none), about 44 per cent capacity-building, a quarter with a secondary "
    "category. Load = `storage.queries.load_facts`, figures = `core.stats.analyse` (together "
    "what `pipeline.analysis.analyse` does); best of 3 runs, one run above 100,000 needs."
)

HEADER = (
    "| database | needs generated | scope | needs in scope | load (s) | figures (s) "
    "| load + figures (s) | JSON (s) | JSON (MB) | note, HTML + Word (s) |\n"
    "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"
)


def _row(t: Timing) -> str:
    return (
        f"| {t.backend} | {t.needs:,} | {t.scope} | {t.needs_in_scope:,} | {t.load:.2f} "
        f"| {t.analyse:.2f} | **{t.total:.2f}** | {t.json_seconds:.2f} | {t.json_megabytes:.1f} "
        f"| {t.report_seconds:.2f} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--needs", type=int, action="append", help="needs to generate (repeat)")
    parser.add_argument("--database-url", help="a PostgreSQL server to benchmark as well")
    parser.add_argument("--runs", type=int, default=3, help="timings per figure (best is kept)")
    args = parser.parse_args(argv)
    sizes = args.needs or [10_000]
    backends: list[tuple[str, Callable[[], Any]]] = [("SQLite", sqlite_database)]
    if args.database_url:
        server = args.database_url
        backends.append(("PostgreSQL", lambda: postgres_database(server)))
    print(HEADER, flush=True)
    timings: list[Timing] = []
    for name, open_database in backends:
        for size in sizes:
            with open_database() as engine:
                started = time.perf_counter()
                write_stress(engine, size)
                seconds = time.perf_counter() - started
                print(
                    f"<!-- {name}: wrote {size:,} needs in {seconds:.0f} s -->",
                    file=sys.stderr,
                    flush=True,
                )
                timings += measure(engine, name, size, args.runs if size <= 100_000 else 1)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    if not RESULTS.exists():
        RESULTS.write_text("# Benchmark: load the facts and compute every figure\n", "utf-8")
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(f"\n## {machine()}\n\n")
        command = [db.hide_password(a) if "://" in a else a for a in (argv or sys.argv[1:])]
        out.write("`python bench/analysis.py " + " ".join(command) + "`\n\n")
        out.write(DATA + "\n\n")
        out.write(HEADER + "\n" + "\n".join(_row(t) for t in timings) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
