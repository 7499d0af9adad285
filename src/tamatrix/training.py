"""Reading the labelled needs, training the classifier and loading the shipped weights.

The pure work is in ``tamatrix.core.classify``; this module only moves JSON between files
and that code. ``python -m tamatrix.training`` retrains the shipped weights from the shipped
``data/training/needs.jsonl``.
"""

from __future__ import annotations

import functools
import json
import sys
from importlib import resources
from pathlib import Path

from tamatrix.core.classify import Classifier, train
from tamatrix.core.taxonomy import CATEGORY_CODES
from tamatrix.exceptions import InputError

_PACKAGE_DATA = resources.files("tamatrix") / "data"
TRAINING_FILE = "training/needs.jsonl"
WEIGHTS_FILE = "classifier.json"


REQUIRED = ("text", "primary_category")


def load_examples(path: str | Path) -> list[dict]:
    """Read labelled needs, one JSON object a line, skipping blank lines.

    A line that is not a JSON object with a text and a known category raises InputError
    naming the file and the line.
    """
    examples = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                example = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}, line {number}: not JSON ({exc.msg})") from None
            if not isinstance(example, dict) or any(not example.get(k) for k in REQUIRED):
                raise InputError(f"{path}, line {number}: needs 'text' and 'primary_category'")
            if example["primary_category"] not in CATEGORY_CODES:
                raise InputError(
                    f"{path}, line {number}: unknown category {example['primary_category']!r}"
                )
            examples.append(example)
    if not examples:
        raise InputError(f"{path} holds no labelled needs")
    return examples


def dumps_weights(weights: dict) -> str:
    """Serialize weights the same way every time: sorted keys, compact, one final newline."""
    return json.dumps(weights, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def train_file(path: str | Path, out_path: str | Path, seed: int = 0) -> dict:
    """Train on the needs in ``path`` and write the weights to ``out_path``."""
    weights = train(load_examples(path), seed=seed)
    Path(out_path).write_text(dumps_weights(weights), encoding="utf-8")
    return weights


@functools.cache
def _shipped_classifier() -> Classifier:
    with (_PACKAGE_DATA / WEIGHTS_FILE).open(encoding="utf-8") as handle:
        return Classifier(json.load(handle))


def load_classifier(path: str | Path | None = None) -> Classifier:
    """The classifier of a weights file; by default the shipped one, loaded once."""
    if path is None:
        return _shipped_classifier()
    return Classifier(json.loads(Path(path).read_text(encoding="utf-8")))


def shipped_paths() -> tuple[Path, Path]:
    """Where the shipped training set and weights are, in a source checkout or install."""
    base = Path(str(_PACKAGE_DATA))
    return base / TRAINING_FILE, base / WEIGHTS_FILE


if __name__ == "__main__":
    needs, weights_path = shipped_paths()
    train_file(needs, weights_path)
    print(f"wrote {weights_path}", file=sys.stderr)
