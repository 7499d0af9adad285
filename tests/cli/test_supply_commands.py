"""The supply-side commands, run through a group that registers ``supply_commands``."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner

from tamatrix.cli_supply import supply_commands

IATI = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "iati"


@click.group()
def group() -> None:
    """Test group."""


for command in supply_commands:
    group.add_command(command)


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(group, list(args), catch_exceptions=False)


def test_every_supply_command_has_an_example():
    for command in supply_commands:
        assert command.help and "Example:" in command.help
        if isinstance(command, click.Group):
            for sub in command.commands.values():
                assert sub.help and "Example:" in sub.help


def test_template_import_match_matrix_and_export(sqlite_settings, tmp_path):
    template = tmp_path / "activities.csv"
    assert run("template", "activities", "--out", str(template)).exit_code == 0
    with template.open("a", encoding="utf-8") as handle:
        handle.write("Agency A,bilateral,,,A-1,Training,,KEN,9,capacity_building,ongoing\n")
    result = run("import", "activities", str(template))
    assert result.exit_code == 0, result.output
    assert "1 created, 0 updated" in result.output
    result = run("matrix", "--by", "state", "--format", "json")
    data = json.loads(result.output)
    assert data["by"] == "state" and data["needs"] == 0
    result = run("match")
    assert result.exit_code == 0
    hxl = run("export", "needs", "--format", "hxl").output.splitlines()
    assert hxl[1].startswith("#meta+id,#country+code")


def test_bad_rows_exit_with_1_and_name_row_and_column(sqlite_settings, tmp_path):
    path = tmp_path / "offers.csv"
    path.write_text("provider,title,articles\nUNODC,Offer,400\n", encoding="utf-8")
    result = run("import", "offers", str(path))
    assert result.exit_code == 1
    assert "articles" in result.output and "nothing was imported" in result.output


def test_import_iati_reports_what_it_skipped(sqlite_settings):
    files = [IATI / "broken.xml", IATI / "iati-basic.xml"]
    if not all(f.exists() for f in files):
        return
    result = run("import", "iati", *map(str, files))
    assert result.exit_code == 0
    assert "malformed-xml" in result.output and "impossible-date" in result.output
    assert "3 created" in result.output


def test_focal_points_of_states_and_providers(sqlite_settings, tmp_path):
    import subprocess
    import sys

    activities = tmp_path / "activities.csv"
    run("template", "activities", "--out", str(activities))
    with activities.open("a", encoding="utf-8") as handle:
        handle.write("Agency A,bilateral,,,A-1,Training,,KEN,9,capacity_building,ongoing\n")
    run("import", "activities", str(activities))
    providers = json.loads(run("providers", "--format", "json").output)
    assert [(p["name"], p["activities"]) for p in providers] == [("Agency A", 1)]
    added = run("focal-point", "add", "A. Mensah", "--state", "ken", "--email", "a@example.org")
    assert added.exit_code == 0 and "A. Mensah" in added.output
    run("focal-point", "add", "B. Okafor", "--provider", "Agency A", "--role", "programme")
    listed = json.loads(run("focal-point", "list", "--format", "json").output)
    assert [(f["state"], f["provider"], f["person"]) for f in listed] == [
        ("KEN", None, "A. Mensah"),
        (None, "Agency A", "B. Okafor"),
    ]
    assert [
        f["person"]
        for f in json.loads(run("focal-point", "list", "--state", "KEN", "--format", "json").output)
    ] == ["A. Mensah"]
    removed = run("focal-point", "remove", str(listed[0]["id"]))
    assert removed.exit_code == 0
    assert len(json.loads(run("focal-point", "list", "--format", "json").output)) == 1

    def fails(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "tamatrix", "focal-point", *args], capture_output=True, text=True
        )
        assert done.returncode == 1, done
        return done.stderr

    assert "'QQQ' is not a known State" in fails("add", "X", "--state", "QQQ")
    assert "not an e-mail address" in fails("add", "X", "--state", "KEN", "--email", "nope")
    assert "either a State or a provider" in fails("add", "X")
    assert "no provider 'Nobody'" in fails("add", "X", "--provider", "Nobody")
    assert "no focal point 999" in fails("remove", "999")
