"""Benchmark: rank candidates for generated needs against generated activities and offers, and
score the ranking on the labelled set in tests/fixtures/matching/labelled.jsonl.

    python bench/matching.py [--needs 20000] [--activities 50000] [--offers 5000] [--top 10]

Times ``core.matching.rank`` (the pure step of ``pipeline.supply.match_needs``; loading and
saving are not timed) on generated data: needs and services over the 198 States, 1-3 articles
and 1-2 categories each, texts drawn from a few hundred words. Then puts the labelled offers
among a generated background (the same generator, 5,000 activities and 1,000 offers) and
reports precision at 1 and recall at 5 of the expected candidate. Appends the figures and the
machine to bench/results/matching.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import subprocess
import time
from pathlib import Path

import numpy as np

from tamatrix import reference
from tamatrix.core import matching
from tamatrix.core.convention import ARTICLES
from tamatrix.core.taxonomy import CATEGORY_CODES

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "matching.md"
LABELLED = HERE.parent / "tests" / "fixtures" / "matching" / "labelled.jsonl"
WORDS = (
    "training procurement audit judges prosecutors investigators police customs tax asset "
    "recovery confiscation freezing money laundering beneficial ownership register banks "
    "supervision whistle blower protection witness ethics conflict interest declaration "
    "civil service recruitment political party finance access information media youth "
    "awareness campaign survey statistics risk assessment strategy action plan commission "
    "independence mandate extradition mutual legal assistance central authority case "
    "management software network cooperation bribery embezzlement illicit enrichment "
    "integrity compliance private sector business law drafting review amendment regulation"
).split()


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))


def generate(
    needs: int, activities: int, offers: int, seed: int = 0, first_id: int = 1
) -> tuple[list[matching.NeedItem], list[matching.ServiceItem]]:
    """Needs and services drawn at random over the States, articles and categories."""
    rng = random.Random(seed)
    index = reference.states(include_fictional=False)
    states = [(s.iso3, s.regional_group) for s in index.states]
    numbers = [a.number for a in ARTICLES if a.number >= 5]
    need_items = []
    for k in range(needs):
        state, region = rng.choice(states)
        need_items.append(
            matching.NeedItem(
                first_id + k,
                state,
                region,
                tuple(sorted(rng.sample(numbers, rng.choice((1, 1, 2, 3))))),
                rng.choice(CATEGORY_CODES),
                _text(rng),
            )
        )
    services: list[matching.ServiceItem] = []
    for k in range(activities + offers):
        is_offer = k >= activities
        state, region = rng.choice(states)
        start = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(2500))
        services.append(
            matching.ServiceItem(
                kind="offer" if is_offer else "activity",
                id=first_id + k,
                provider_id=rng.randrange(400),
                provider="generated",
                articles=tuple(sorted(rng.sample(numbers, rng.choice((1, 2, 3))))),
                categories=tuple(sorted(rng.sample(CATEGORY_CODES, rng.choice((1, 2))))),
                text=_text(rng),
                recipients=() if is_offer else (state,),
                regions=(region,),
                languages=("en",) if is_offer else (),
                status=rng.choice(("planned", "ongoing", "ongoing", "completed")),
                start=start,
                end=start + dt.timedelta(days=rng.randrange(200, 1500)),
            )
        )
    return need_items, services


def labelled() -> tuple[list[matching.NeedItem], list[matching.ServiceItem], dict[int, set[str]]]:
    """The labelled needs, their services and the expected candidates ("offer:3")."""
    needs, services, expected = [], [], {}
    for line in LABELLED.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["type"] == "need":
            needs.append(
                matching.NeedItem(
                    item["id"],
                    item["state"],
                    item["region"],
                    tuple(item["articles"]),
                    item["category"],
                    item["text"],
                )
            )
            expected[item["id"]] = set(item["expected"])
        else:
            services.append(
                matching.ServiceItem(
                    kind=item["kind"],
                    id=item["id"],
                    provider_id=item["provider_id"],
                    provider=item["provider"],
                    articles=tuple(item["articles"]),
                    categories=tuple(item["categories"]),
                    text=item["text"],
                    languages=tuple(item.get("languages", ())),
                    recipients=tuple(item.get("recipients", ())),
                )
            )
    return needs, services, expected


def evaluate(background_activities: int, background_offers: int) -> tuple[float, float, int]:
    """Precision at 1 and recall at 5 of the labelled needs among a generated background."""
    needs, services, expected = labelled()
    _, noise = generate(0, background_activities, background_offers, seed=1, first_id=10_000)
    ranked = matching.rank(needs, services + noise, top=5)
    hits1 = hits5 = 0
    for need in needs:
        keys = [f"{c.kind}:{c.service_id}" for c in ranked[need.id]]
        hits1 += bool(keys[:1] and keys[0] in expected[need.id])
        hits5 += bool(set(keys[:5]) & expected[need.id])
    return hits1 / len(needs), hits5 / len(needs), len(needs)


def machine() -> str:
    """CPU model, cores, memory and Python, as the other benchmarks report them."""
    model = "unknown CPU"
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        for line in lscpu.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    memory = 0.0
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) / 1024 / 1024
    import os

    return (
        f"{model}, {os.cpu_count()} cores, {memory:.0f} GB RAM, Python "
        f"{platform.python_version()}, numpy {np.__version__}, {platform.system()} "
        f"{platform.release()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--needs", type=int, default=20_000)
    parser.add_argument("--activities", type=int, default=50_000)
    parser.add_argument("--offers", type=int, default=5_000)
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    needs, services = generate(args.needs, args.activities, args.offers)
    started = time.perf_counter()
    ranked = matching.rank(needs, services, top=args.top)
    seconds = time.perf_counter() - started
    with_candidates = sum(1 for c in ranked.values() if c)
    precision, recall, labelled_needs = evaluate(5_000, 1_000)
    lines = [
        f"## {machine()}; {dt.date.today().isoformat()}",
        "",
        f"`python bench/matching.py --needs {args.needs} --activities {args.activities} "
        f"--offers {args.offers} --top {args.top}`",
        "",
        "| needs | activities | offers | top | rank (s) | needs with candidates |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {args.needs:,} | {args.activities:,} | {args.offers:,} | {args.top} | "
        f"**{seconds:.1f}** | {with_candidates:,} |",
        "",
        f"Labelled set ({labelled_needs} needs, tests/fixtures/matching/labelled.jsonl) among "
        f"5,000 generated activities and 1,000 generated offers: precision at 1 "
        f"**{precision:.2f}**, recall at 5 **{recall:.2f}**.",
        "",
    ]
    print("\n".join(lines))
    if not RESULTS.exists():
        RESULTS.write_text(
            "# Benchmark: matching needs with activities and offers\n\n"
            "Target: 20,000 needs against 50,000 activities and 5,000 offers in under 30 s.\n\n",
            encoding="utf-8",
        )
    with RESULTS.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
