"""ingest, extract, eval, needs and correct, run as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from click.testing import CliRunner

from tamatrix.cli import cli, main


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_extract_json_has_the_gold_shape_with_provenance(dev_corpus, sqlite_settings):
    result = run("extract", str(dev_corpus / "aldoria-2019-cycle2.txt"), "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["state"], data["cycle"], data["language"]) == ("XAL", 2, "en")
    assert data["symbol"] == "CAC/COSP/IRG/II/2/1/Add.91"
    assert data["date"] == "2019-03-12"
    assert len(data["needs"]) == 16
    need = data["needs"][0]
    assert set(need) >= {
        "chapter",
        "articles",
        "primary_category",
        "secondary_categories",
        "subcategory",
        "form",
        "text",
        "page",
        "span",
        "confidence",
        "explanation",
    }
    text = (dev_corpus / "aldoria-2019-cycle2.txt").read_text(encoding="utf-8")
    start, end = need["span"]
    assert text[start:end].startswith("Assistance in conducting a national corruption risk")
    assert len(data["recommendations"]) == 14 and len(data["good_practices"]) == 5


def test_extract_does_not_touch_the_database(dev_corpus, sqlite_settings, tmp_path):
    run("extract", str(dev_corpus / "aldoria-2019-cycle2.txt"))
    assert not (tmp_path / "cli.db").exists()


def test_ingest_a_folder_then_list_and_correct_needs(dev_corpus, sqlite_settings, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("aldoria-2019-cycle2.txt", "eskland-2013-cycle1.txt"):
        shutil.copy(dev_corpus / name, folder / name)
    (folder / "notes.xyz").write_text("ignored: not a document type")
    result = run("ingest", str(folder))
    assert result.exit_code == 0, result.output
    assert "2 ingested" in result.output
    again = run("ingest", str(folder))
    assert "2 unchanged" in again.output

    listed = run("needs", "--state", "XEK", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(listed.output)))
    assert len(rows) == 8
    assert {r["chapter"] for r in rows} == {"III", "IV"}

    need_id = rows[0]["id"]
    corrected = run("correct", need_id, "--category", "policymaking", "--articles", "16,18")
    assert corrected.exit_code == 0
    assert "primary_category" in corrected.output and "tester" in corrected.output
    after = json.loads(run("needs", "--state", "XEK", "--format", "json").output)
    changed = next(r for r in after if str(r["id"]) == need_id)
    assert changed["primary_category"] == "policymaking"
    assert changed["articles"] == [16, 18]
    assert changed["status"] == "corrected"


def test_ingest_exit_code_is_1_only_when_nothing_could_be_ingested(
    dev_corpus, sqlite_settings, tmp_path
):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 50)
    alone = run("ingest", str(junk))
    assert alone.exit_code == 1
    assert "binary-file" in alone.output and "junk.txt" in alone.output
    mixed = run("ingest", str(junk), str(dev_corpus / "belmora-2020-cycle2.txt"))
    assert mixed.exit_code == 0
    assert "1 failed" in mixed.output and "1 ingested" in mixed.output


def test_ingest_a_missing_path_says_so(sqlite_settings, tmp_path):
    result = run("ingest", str(tmp_path / "nope.pdf"))
    assert result.exit_code == 1
    assert "file-not-found" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["correct", "99999", "--chapter", "II"], "no need #99999"),
        (["correct", "1", "--articles", "7,99"], "'99' is not an article"),
        (["correct", "1", "--chapter", "IX"], "'IX' is not a chapter"),
        (
            ["correct", "1", "--category", "policymaking", "--subcategory", "training"],
            "only capacity-building needs have a sub-category",
        ),
    ],
)
def test_correct_refuses_what_cannot_be_right(dev_corpus, sqlite_settings, capsys, args, message):
    run("ingest", str(dev_corpus / "aldoria-2019-cycle2.txt"))
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_eval_on_the_dev_corpus_reports_scores(dev_corpus, sqlite_settings):
    result = run("eval", str(dev_corpus), "--json")
    data = json.loads(result.output)
    assert data["overall"]["needs"]["gold"] == 72
    assert data["overall"]["needs"]["f1"] >= 0.97
    assert set(data["documents"]) == {
        "aldoria-2019-cycle2.txt",
        "belmora-2020-cycle2.txt",
        "corvania-2021-cycle2.docx",
        "costa-serena-2022-cycle2.pdf",
        "eskland-2013-cycle1.txt",
        "fenwara-2014-cycle1.txt",
    }
    table = run("eval", str(dev_corpus))
    assert "Per document" in table.output and "f1" in table.output


def test_train_writes_weights_that_ingest_can_use(tmp_path, sqlite_settings, dev_corpus):
    from tamatrix import training

    shipped, _weights = training.shipped_paths()
    lines = shipped.read_text(encoding="utf-8").splitlines()
    subset = tmp_path / "few.jsonl"
    subset.write_text("\n".join(lines[::6]) + "\n", encoding="utf-8")
    out = tmp_path / "weights.json"
    result = run("train", "--data", str(subset), "--out", str(out))
    assert result.exit_code == 0
    assert f"wrote {out}" in result.output
    first = out.read_bytes()
    run("train", "--data", str(subset), "--out", str(out))
    assert out.read_bytes() == first
    coded = CliRunner().invoke(
        cli,
        ["extract", str(dev_corpus / "aldoria-2019-cycle2.txt"), "--json"],
        env={"TAMATRIX_CLASSIFIER": str(out)},
    )
    assert len(json.loads(coded.output)["needs"]) == 16


def test_train_refuses_a_malformed_line(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Training", "primary_category": "capacity_building"}\n{oops\n')
    with pytest.raises(SystemExit) as exit_info:
        main(["train", "--data", str(bad), "--out", str(tmp_path / "w.json")])
    assert exit_info.value.code == 1
    assert "line 2: not JSON" in capsys.readouterr().err


def test_ingest_a_folder_with_thousands_of_files(dev_corpus, sqlite_settings, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(3000):
        (folder / f"scan-{number:04d}.tif").write_bytes(b"II*\x00")
    shutil.copy(dev_corpus / "fenwara-2014-cycle1.txt", folder / "fenwara.txt")
    result = run("ingest", str(folder))
    assert result.exit_code == 0
    assert "1 ingested" in result.output
