"""tamatrix user and serve, as an administrator runs them."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

from click.testing import CliRunner

from tamatrix.cli import cli


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def test_add_list_and_remove_a_user(sqlite_settings):
    added = run("user", "add", "ana", "--role", "analyst", "--password-stdin",
                stdin="a long enough passphrase\n")
    assert added.exit_code == 0 and "added ana (analyst)" in added.output
    rows = list(csv.DictReader(io.StringIO(run("user", "list", "--format", "csv").output)))
    assert [(r["name"], r["role"]) for r in rows] == [("ana", "analyst")]
    assert run("user", "remove", "ana").exit_code == 0
    assert list(csv.DictReader(io.StringIO(run("user", "list", "--format", "csv").output))) == []


def test_serve_refuses_to_listen_beyond_loopback_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TAMATRIX_SECRET_KEY"}
    env["TAMATRIX_DATABASE_URL"] = f"sqlite:///{tmp_path / 'ta.db'}"
    done = subprocess.run([sys.executable, "-m", "tamatrix", "serve", "--host", "0.0.0.0"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "TAMATRIX_SECRET_KEY" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
