"""Benchmark: the dashboard API under concurrent clients, on loopback.

    python bench/web.py --database-url sqlite:////tmp/webbench-demo/tamatrix.db \
        [--clients 50] [--seconds 20] [--max-requests 5000] [--workers 1] [--output FILE]
        [--client threads|wrk]

Starts ``tamatrix serve`` (uvicorn) on a free loopback port over the given database, in its own
process so that the client threads do not share its interpreter. The API needs the analyst
role for live figures, so a temporary admin user and API token are created first through
``tamatrix.web.accounts`` and removed at the end. Then:

* cold: the first ``GET /api/figures`` (computes every figure and fills the server's cache)
  and the first ``GET /api/needs?per_page=50``, timed once each;
* load: ``--clients`` threads, each with its own keep-alive connection, alternate
  ``GET /api/figures`` and ``GET /api/needs?per_page=50`` until ``--seconds`` have passed or
  ``--max-requests`` were answered, whichever comes first.

With ``--client wrk`` the load comes from wrk (Debian's package ``wrk``, a C load generator:
one thread, ``--clients`` keep-alive connections, the same alternation through a Lua
script; with ``--uncached``, each request asks for figures at another cut-off date or another
page, so that the server's caches never answer), which leaves the server nearly all of the
machine's CPU; the Python threads of the default client take a large share of it on two
cores. wrk reports over both endpoints only.

Prints requests per second and the p50/p95/p99 latencies (per endpoint and overall), and with
``--output`` appends them with the machine and the date to a Markdown file (e.g.
bench/results/web.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import platform
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tamatrix import pipeline
from tamatrix.config import Settings
from tamatrix.storage import db
from tamatrix.web import accounts

ENDPOINTS = {"figures": "/api/figures", "needs": "/api/needs?per_page=50"}
TARGET_P95_MS = 100.0


@dataclass
class Tally:
    """Latencies (seconds) by endpoint, errors, and a shared budget of requests."""

    budget: int
    latencies: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in ENDPOINTS})
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> bool:
        with self.lock:
            if self.budget <= 0:
                return False
            self.budget -= 1
            return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def bench_token(database_url: str) -> Iterator[str]:
    """An API token of a temporary admin user, removed with the user afterwards."""
    settings = Settings(database_url=database_url)
    engine = pipeline.open_database(settings)
    session = db.session_factory(engine)()
    name = f"bench-{secrets.token_hex(4)}"
    try:
        principal = accounts.add_user(session, name, secrets.token_urlsafe(24), "admin")
        assert principal.user_id is not None
        token, _row = accounts.create_token(session, principal.user_id, "bench/web.py", 1)
        yield token
    finally:
        try:
            accounts.remove_user(session, name)
        finally:
            session.close()
            engine.dispose()


@contextmanager
def serve(database_url: str, port: int, workers: int) -> Iterator[subprocess.Popen[bytes]]:
    """``tamatrix serve`` on 127.0.0.1:port until the block ends."""
    env = {**os.environ, "TAMATRIX_DATABASE_URL": database_url}
    command = [sys.executable, "-m", "tamatrix", "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise SystemExit(f"the server stopped with code {process.returncode}")
            try:
                status, _body, _took = fetch(connect(port), "/health", None)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("the server did not answer /health within 120 s")
            time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def connect(port: int) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", port, timeout=120)


def fetch(
    connection: http.client.HTTPConnection, path: str, token: str | None
) -> tuple[int, bytes, float]:
    """Status, body and seconds of one GET on a keep-alive connection."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    started = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    return response.status, body, time.perf_counter() - started


def client(port: int, token: str, tally: Tally, stop_at: float, offset: int) -> None:
    """One client: alternate the endpoints until the time or the request budget runs out."""
    names = list(ENDPOINTS)
    connection = connect(port)
    turn = offset
    try:
        while time.perf_counter() < stop_at and tally.take():
            name = names[turn % len(names)]
            turn += 1
            try:
                status, body, took = fetch(connection, ENDPOINTS[name], token)
            except (OSError, http.client.HTTPException) as exc:
                with tally.lock:
                    tally.errors.append(f"{name}: {exc!r}")
                connection.close()
                connection = connect(port)
                continue
            with tally.lock:
                if status == 200:
                    tally.latencies[name].append(took)
                else:
                    tally.errors.append(f"{name}: HTTP {status} {body[:200]!r}")
    finally:
        connection.close()


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the values fall (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


def machine() -> str:
    """CPU model, cores, memory, Python and system, for the results."""
    model = platform.processor() or platform.machine()
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        for line in lscpu.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
    except OSError:
        pass
    return (
        f"{model}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def count_needs(database_url: str) -> int:
    import sqlalchemy as sa

    engine = db.create_engine(database_url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(sa.text("SELECT count(*) FROM needs")).scalar() or 0)
    finally:
        engine.dispose()


WRK_SCRIPT = """
local paths = {%(paths)s}
local uncached = %(uncached)s
local turn = 0
wrk.headers["Authorization"] = "Bearer %(token)s"
request = function()
  turn = turn + 1
  local i = (turn %% #paths) + 1
  local path = paths[i]
  if uncached then
    -- every request asks for something the caches do not hold: figures at another cut-off
    -- date (one of 3,650 days), or another page of one need (one of 400)
    local n = math.floor(turn / #paths)
    if i == 1 then
      path = "/api/figures?as_of=" .. os.date("!%%Y-%%m-%%d", 1262304000 + (n %% 3650) * 86400)
    else
      path = "/api/needs?per_page=1&page=" .. ((n %% 400) + 1)
    end
  end
  return wrk.format("GET", path)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%.0f %%.0f %%.0f\\n", summary.requests,
    summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


@dataclass
class WrkResult:
    requests: int
    seconds: float
    errors: int
    bad_status: int
    p50_ms: float
    p95_ms: float
    p99_ms: float


def run_wrk(
    port: int, token: str, clients: int, seconds: float, uncached: bool = False
) -> WrkResult:
    """Load the server with wrk (one thread, ``clients`` connections) for ``seconds``."""
    paths = ", ".join(f'"{path}"' for path in ENDPOINTS.values())
    values = {"paths": paths, "token": token, "uncached": "true" if uncached else "false"}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % values)
    try:
        command = ["wrk", "-t1", f"-c{clients}", f"-d{seconds:.0f}s", "--timeout", "60s"]
        command += ["-s", script.name, f"http://127.0.0.1:{port}"]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    line = next(x for x in output.splitlines() if x.startswith("RESULT "))
    requests, micros, errors, bad, p50, p95, p99 = (float(v) for v in line.split()[1:])
    return WrkResult(
        int(requests), micros / 1e6, int(errors), int(bad), p50 / 1000, p95 / 1000, p99 / 1000
    )


def run(args: argparse.Namespace) -> str:
    needs = count_needs(args.database_url)
    port = free_port()
    with bench_token(args.database_url) as token, serve(args.database_url, port, args.workers):
        cold: dict[str, tuple[float, int]] = {}
        warm = connect(port)
        for name, path in ENDPOINTS.items():
            status, body, took = fetch(warm, path, token)
            if status != 200:
                raise SystemExit(f"{path}: HTTP {status}: {body[:300]!r}")
            cold[name] = (took, len(body))
        for path in ENDPOINTS.values():  # warm: both answered once more from a warm server
            fetch(warm, path, token)
        warm.close()
        if args.client == "wrk":
            result = run_wrk(port, token, args.clients, args.seconds, args.uncached)
            return wrk_report(args, needs, cold, result)
        tally = Tally(budget=args.max_requests)
        started = time.perf_counter()
        stop_at = started + args.seconds
        threads = [
            threading.Thread(target=client, args=(port, token, tally, stop_at, i), daemon=True)
            for i in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started

    every = [t for values in tally.latencies.values() for t in values]
    rows = []
    for name, values in [*tally.latencies.items(), ("both", every)]:
        path = ENDPOINTS.get(name, "alternating")
        rows.append(
            f"| {path} | {len(values):,} | {len(values) / elapsed:,.0f} | "
            f"{statistics.median(values) * 1000 if values else float('nan'):.1f} | "
            f"{percentile(values, 0.95) * 1000:.1f} | {percentile(values, 0.99) * 1000:.1f} |"
        )
    p95 = percentile(every, 0.95) * 1000
    verdict = "met" if p95 < TARGET_P95_MS else "not met"
    lines = [
        f"## {needs:,} needs; {args.clients} clients; {dt.date.today().isoformat()}",
        "",
        f"Machine: {machine()}. Database: `{args.database_url}`. "
        f"Server: `tamatrix serve --workers {args.workers}` (uvicorn) in its own process; "
        f"client: {args.clients} threads with keep-alive `http.client` connections and an "
        "admin API token, on the same machine.",
        "",
        cold_line(cold),
        "",
        f"Load: {len(every):,} requests answered in {elapsed:.1f} s "
        f"(limit {args.seconds} s or {args.max_requests:,} requests), "
        f"**{len(every) / elapsed:,.0f} requests/s**, {len(tally.errors)} errors; "
        f"p95 over both endpoints **{p95:.0f} ms** (target < {TARGET_P95_MS:.0f} ms: {verdict}).",
        "",
        "| endpoint | requests | requests/s | p50 (ms) | p95 (ms) | p99 (ms) |",
        "|---|---:|---:|---:|---:|---:|",
        *rows,
        "",
    ]
    if tally.errors:
        lines += ["First errors: " + "; ".join(tally.errors[:3]), ""]
    return "\n".join(lines)


def cold_line(cold: dict[str, tuple[float, int]]) -> str:
    return (
        "Cold (first request after start, one client): "
        + "; ".join(
            f"`{ENDPOINTS[n]}` {took * 1000:,.0f} ms ({size / 1024:,.0f} KB)"
            for n, (took, size) in cold.items()
        )
        + "."
    )


def wrk_report(
    args: argparse.Namespace, needs: int, cold: dict[str, tuple[float, int]], result: WrkResult
) -> str:
    verdict = "met" if result.p95_ms < TARGET_P95_MS else "not met"
    rate = result.requests / result.seconds
    return "\n".join(
        [
            f"## {needs:,} needs; {args.clients} connections (wrk); {dt.date.today().isoformat()}",
            "",
            f"Machine: {machine()}. Database: `{args.database_url}`. "
            f"Server: `tamatrix serve --workers {args.workers}` (uvicorn) in its own process; "
            f"client: wrk, one thread, {args.clients} keep-alive connections alternating "
            + (
                "`/api/figures?as_of=<one of 3,650 days>` and `/api/needs?per_page=1&page=<one "
                "of 400>`, so that no answer comes from a cache,"
                if args.uncached
                else f"`{'` and `'.join(ENDPOINTS.values())}`"
            )
            + " with an admin API token, on the same machine.",
            "",
            cold_line(cold),
            "",
            f"Load: {result.requests:,} requests in {result.seconds:.1f} s, "
            f"**{rate:,.0f} requests/s**, {result.errors} socket errors, "
            f"{result.bad_status} non-2xx answers; p50 {result.p50_ms:.1f} ms, "
            f"**p95 {result.p95_ms:.1f} ms**, p99 {result.p99_ms:.1f} ms "
            f"(target p95 < {TARGET_P95_MS:.0f} ms: {verdict}).",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True, help="The database to serve.")
    parser.add_argument("--clients", type=int, default=50, help="Concurrent clients.")
    parser.add_argument("--seconds", type=float, default=20.0, help="Longest load phase.")
    parser.add_argument("--max-requests", type=int, default=5000, help="Most requests.")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes.")
    parser.add_argument("--output", type=Path, help="Markdown file to append the results to.")
    parser.add_argument(
        "--uncached",
        action="store_true",
        help="With --client wrk: ask for a different cut-off date or page every time.",
    )
    parser.add_argument(
        "--client",
        choices=("threads", "wrk"),
        default="threads",
        help="Python client threads, or wrk (Debian's package) as the load generator.",
    )
    args = parser.parse_args(argv)
    report = run(args)
    print(report)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        if not args.output.exists():
            args.output.write_text(
                "# Benchmark: the dashboard API under load (bench/web.py)\n\n"
                f"Target: p95 under {TARGET_P95_MS:.0f} ms at demo scale with 50 concurrent "
                "clients.\n\n",
                encoding="utf-8",
            )
        with args.output.open("a", encoding="utf-8") as handle:
            handle.write(report + "\n")


if __name__ == "__main__":
    main()
