"""The reference-data and database commands, run as a user runs them."""

import csv
import io
import json
import os
import stat
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tamatrix.cli import cli
from tamatrix.storage import db


def run(*args: str, env: dict[str, str] | None = None):
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return result


def test_help_lists_every_command_with_one_line():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("articles", "states", "taxonomy", "info", "db"):
        assert command in result.output


@pytest.mark.parametrize(
    "command", [["articles"], ["states"], ["taxonomy"], ["info"], ["db", "upgrade"]]
)
def test_every_command_has_help_with_an_example(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_articles_as_json_for_chapter_two_in_cycle_two():
    result = run("articles", "--chapter", "II", "--cycle", "2", "--format", "json")
    rows = json.loads(result.output)
    assert [r["article"] for r in rows] == list(range(5, 15))
    assert rows[0]["title"] == "Preventive anti-corruption policies and practices"
    assert all(r["cycle"] == 2 for r in rows)


def test_articles_lists_71_in_csv():
    result = run("articles", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 71
    assert rows[42] == {
        "article": "43",
        "chapter": "IV",
        "title": "International cooperation",
        "cycle": "",
    }


def test_articles_refuses_an_unknown_chapter():
    result = run("articles", "--chapter", "IX")
    assert result.exit_code == 2
    assert "IX" in result.output


def test_states_of_the_african_group_as_csv():
    result = run("states", "--group", "african", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 54
    assert {"iso3": "KEN", "name": "Kenya"}.items() <= rows[
        [r["iso3"] for r in rows].index("KEN")
    ].items()


def test_states_unknown_group_is_a_usage_error():
    result = run("states", "--group", "antarctic")
    assert result.exit_code == 2
    assert "antarctic" in result.output


def test_taxonomy_as_json_matches_the_codebook():
    data = json.loads(run("taxonomy", "--format", "json").output)
    assert len(data["categories"]) == 7
    assert len(data["subcategories"]) == 7
    assert {f["form"]: f["category"] for f in data["forms"]}["legal advice"] == (
        "legislative_assistance"
    )


def test_info_creates_the_database_and_shows_revision_and_counts(tmp_path):
    url = f"sqlite:///{tmp_path / 'x' / 'ta.db'}"
    result = run("info", env={"TAMATRIX_DATABASE_URL": url})
    assert result.exit_code == 0
    assert f"schema revision: {db.head_revision()} (latest: {db.head_revision()})" in result.output
    assert "articles" in result.output and "71" in result.output
    assert (tmp_path / "x" / "ta.db").exists()


def test_info_hides_the_password_of_the_database_url():
    env = {**os.environ, "TAMATRIX_DATABASE_URL": "postgresql://ana:s3cret@127.0.0.1:1/ta"}
    done = subprocess.run(
        [sys.executable, "-m", "tamatrix", "info"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "s3cret" not in done.stderr + done.stdout


@pytest.mark.parametrize("url", ["not a url", "nosuchdb://x/y"])
def test_a_bad_database_url_gives_one_line_and_exit_code_1(url):
    env = {**os.environ, "TAMATRIX_DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "tamatrix", "info"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stderr.startswith("Error: ")
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_folder_gives_one_line_and_exit_code_1_as_a_user(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    env = {**os.environ, "TAMATRIX_DATABASE_URL": f"sqlite:///{locked / 'sub' / 'ta.db'}"}
    done = subprocess.run(
        [sys.executable, "-m", "tamatrix", "info"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1


def test_an_unwritable_path_gives_one_line_and_exit_code_1(tmp_path):
    # A regular file where a folder should be cannot be written, even by root.
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    env = {**os.environ, "TAMATRIX_DATABASE_URL": f"sqlite:///{blocker / 'ta.db'}"}
    done = subprocess.run(
        [sys.executable, "-m", "tamatrix", "info"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stderr.startswith("Error: ")
    assert len(done.stderr.strip().splitlines()) == 1


def test_db_upgrade_and_downgrade_commands(tmp_path):
    env = {"TAMATRIX_DATABASE_URL": f"sqlite:///{tmp_path / 'ta.db'}"}
    assert f"at revision {db.head_revision()}" in run("db", "upgrade", env=env).output
    assert "at revision None" in run("db", "downgrade", "base", env=env).output
