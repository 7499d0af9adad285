"""tamatrix demo: the README's first command, and the published figures it must reproduce."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tamatrix.cli import cli

MATRIX_LINE = re.compile(
    r"^matrix as of 2020-09-30: (\d+) needs, (\d+) covered \(([\d.]+) %\), (\d+) unmet, "
    r"(\d+) overlaps$",
    re.M,
)


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("demo") / "tamatrix-demo"
    result = CliRunner().invoke(cli, ["demo", "--dir", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "44 executive summaries, 30 States with needs, 404 needs" in result.output
    return folder, result.output


@pytest.fixture(scope="module")
def demo_folder(demo_run: tuple[Path, str]) -> Path:
    return demo_run[0]


def _figures(folder: Path, *args: str) -> dict:
    env = {"TAMATRIX_DATABASE_URL": f"sqlite:///{folder / 'tamatrix.db'}"}
    result = CliRunner().invoke(
        cli, ["analyse", "--cycle", "2", *args, "--format", "json"], env=env, catch_exceptions=False
    )
    return json.loads(result.output)


def test_the_demo_reproduces_the_published_figures_of_september_2020(demo_folder):
    figures = _figures(demo_folder, "--as-of", "2020-09-30")
    coverage = figures["coverage"]
    assert (coverage["summaries"], coverage["states_with_needs"], coverage["needs"]) == (
        44,
        30,
        404,
    )
    chapters = {r["chapter"]: r for r in figures["by_chapter"]}
    assert (chapters["II"]["needs"], chapters["V"]["needs"]) == (260, 144)
    assert (chapters["II"]["states_with_needs"], chapters["V"]["states_with_needs"]) == (23, 30)
    categories = {r["category"]: r for r in figures["by_category"]}
    assert categories["capacity_building"]["needs"] == 177
    assert round(categories["capacity_building"]["share"]) == 44
    legislative = {
        (r["chapter"], r["category"]): r["needs"] for r in figures["chapter_by_category"]
    }
    assert legislative[("II", "legislative_assistance")] == 35
    assert legislative[("V", "legislative_assistance")] == 32
    articles = {r["article"]: r["needs"] for r in figures["by_article"] if r["article"]}
    assert {a: articles[a] for a in (5, 7, 9, 6, 13, 51, 54, 52)} == {
        5: 42,
        7: 30,
        9: 29,
        6: 28,
        13: 28,
        51: 32,
        54: 27,
        52: 18,
    }
    regions = {r["region"]: r for r in figures["by_region"]}
    assert regions["african"]["summaries"] == 18 and regions["african"]["needs"] == 280
    assert regions["asia_pacific"]["summaries"] == 11
    assert regions["eastern_european"]["summary_share"] < 7
    eastern = {c["chapter"]: c for c in regions["eastern_european"]["by_chapter"]}
    assert round(eastern["V"]["share_of_region"]) == 68


def test_the_demo_reproduces_the_earlier_cut_off_of_august_2019(demo_folder):
    coverage = _figures(demo_folder, "--as-of", "2019-08-31")["coverage"]
    assert (coverage["summaries"], coverage["states_with_needs"], coverage["needs"]) == (
        27,
        17,
        282,
    )


def test_the_demo_writes_the_note_compared_with_2019(demo_folder):
    html = (demo_folder / "reports" / "note-2020-09.html").read_text(encoding="utf-8")
    assert "177 of the 404 needs (44 per cent)" in html
    assert "31 August 2019" in html
    assert (demo_folder / "reports" / "note-2020-09.docx").stat().st_size > 10_000


def test_extraction_of_the_demo_corpus_scores_f1_of_at_least_0_99(demo_folder):
    result = CliRunner().invoke(cli, ["eval", str(demo_folder / "documents"), "--json"])
    overall = json.loads(result.output)["overall"]
    assert overall["needs"]["f1"] >= 0.99
    assert overall["need_accuracy"]["articles"] >= 0.99


def test_the_demo_imports_supply_and_shows_the_matrix(demo_run):
    _, output = demo_run
    assert (
        "supply: 12 providers, 40 offers, 120 activities (offers.xlsx: 40 created, 0 updated, "
        "activities.csv: 120 created, 0 updated)" in output
    )
    decided = re.search(r"analyst matching: (\d+) top suggestions accepted, (\d+) rejected", output)
    assert decided and int(decided[1]) > 0 and int(decided[2]) > 0
    found = MATRIX_LINE.search(output)
    assert found, output
    needs, covered, coverage, unmet, overlaps = found.groups()
    assert int(needs) == 404 and int(covered) + int(unmet) == 404
    assert 30 <= float(coverage) <= 60  # partial: some needs are met, many are not
    assert int(overlaps) >= 1


def test_the_note_has_a_section_on_the_matrix(demo_run):
    folder, output = demo_run
    found = MATRIX_LINE.search(output)
    assert found
    needs, covered, unmet = (int(found[i]) for i in (1, 2, 4))
    html = (folder / "reports" / "note-2020-09.html").read_text(encoding="utf-8")
    assert "Needs and the assistance available</h2>" in html
    assert f"On that basis, {covered} of the {needs} needs" in html
    assert f"The remaining {unmet} needs" in html
    assert "Needs covered and unmet, by article" in html


def test_running_the_demo_twice_gives_the_same_result(demo_run):
    demo_folder, first = demo_run
    before = (demo_folder / "reports" / "note-2020-09.html").read_bytes()
    again = CliRunner().invoke(cli, ["demo", "--dir", str(demo_folder)], catch_exceptions=False)
    assert "44 unchanged" in again.output
    assert "0 machine codings corrected" in again.output
    # The supply files re-import cleanly: every row updated, nothing created or skipped.
    assert "offers.xlsx: 0 created, 40 updated, activities.csv: 0 created, 120 updated" in (
        again.output
    )
    assert "analyst matching: 0 top suggestions accepted, 0 rejected" in again.output
    assert MATRIX_LINE.search(again.output)[0] == MATRIX_LINE.search(first)[0]
    assert (demo_folder / "reports" / "note-2020-09.html").read_bytes() == before
