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
