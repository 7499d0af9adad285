"""tamatrix generate, as a user runs it."""

import json

from click.testing import CliRunner

from tamatrix.cli import cli


def test_generate_writes_text_documents_and_gold_that_eval_reads_back(tmp_path, sqlite_settings):
    out = tmp_path / "corpus"
    result = CliRunner().invoke(cli, ["generate", "--out", str(out), "--formats", "txt"])
    assert result.exit_code == 0, result.output
    assert "wrote 44 documents with 404 needs" in result.output
    gold = [json.loads(line) for line in (out / "gold.jsonl").read_text().splitlines()]
    assert len(gold) == 44 and all((out / g["file"]).exists() for g in gold)
    text = (out / gold[0]["file"]).read_text(encoding="utf-8")
    assert "generated" in text.lower()
    scores = json.loads(CliRunner().invoke(cli, ["eval", str(out), "--json"]).output)
    assert scores["overall"]["needs"]["f1"] >= 0.99


def test_generate_refuses_an_unknown_format(tmp_path):
    result = CliRunner().invoke(cli, ["generate", "--out", str(tmp_path), "--formats", "rtf"])
    assert result.exit_code != 0
    assert "rtf" in str(result.exception or result.output)


def test_the_stress_profile_writes_needs_straight_to_an_empty_database(sqlite_settings):
    result = CliRunner().invoke(cli, ["generate", "--profile", "stress", "--needs", "2000"])
    assert result.exit_code == 0, result.output
    figures = json.loads(
        CliRunner().invoke(cli, ["analyse", "--format", "json"]).output
    )
    assert figures["coverage"]["needs"] == 2000
    assert sum(r["needs"] for r in figures["by_chapter"]) == 2000
    again = CliRunner().invoke(cli, ["generate", "--profile", "stress", "--needs", "10"])
    assert again.exit_code != 0
    assert "empty database" in str(again.exception)
