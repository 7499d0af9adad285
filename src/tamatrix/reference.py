"""Loads the reference data shipped in ``tamatrix/data`` (States and their regional groups)."""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

from tamatrix.core.states import State, StateIndex

FICTIONAL_FILES = ("fictional-states.csv", "demo-states.csv")


def _read(name: str) -> list[State]:
    text = resources.files("tamatrix.data").joinpath(name).read_text(encoding="utf-8")
    return [
        State(
            iso3=row["iso3"],
            name=row["name"],
            regional_group=row["regional_group"],
            status=row["status"],
            aliases=tuple(a for a in row["aliases"].split(";") if a),
            group_note=row["group_note"],
        )
        for row in csv.DictReader(io.StringIO(text))
    ]


@cache
def states(include_fictional: bool = True) -> StateIndex:
    """Every State of the reference data; fictional States (codes X..) are the test corpora's."""
    found = _read("states.csv")
    if include_fictional:
        for name in FICTIONAL_FILES:
            if resources.files("tamatrix.data").joinpath(name).is_file():
                found += _read(name)
    return StateIndex(found)
