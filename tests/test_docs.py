"""Documentation stays true: every command is in the README, every setting is documented."""

from pathlib import Path

import click
import pytest

from tamatrix.cli import cli
from tamatrix.config import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    found = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += _commands(command, f"{prefix}{name} ")
        else:
            found.append(f"{prefix}{name}")
    return found


@pytest.mark.parametrize("command", _commands(cli))
def test_every_command_has_help_and_appears_in_the_readme(command):
    group_name = command.split()[0]
    assert f"tamatrix {group_name}" in README
    target = cli
    for part in command.split():
        target = target.commands[part]  # type: ignore[attr-defined]
    assert target.help and "Example:" in target.help


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_documented_in_the_readme(name):
    assert f"TAMATRIX_{name.upper()}" in README
    assert Settings.model_fields[name].description
