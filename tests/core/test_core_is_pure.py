"""core/ does no I/O: it imports only the standard library, numpy and itself."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "src" / "tamatrix" / "core"
ALLOWED_THIRD_PARTY = {"numpy"}
FORBIDDEN_STDLIB = {
    "os",
    "pathlib",
    "io",
    "socket",
    "urllib",
    "http",
    "sqlite3",
    "subprocess",
    "shutil",
    "tempfile",
    "requests",
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(
                node.module.split(".")[0] if not node.module.startswith("tamatrix") else node.module
            )
    return names


def test_core_imports_only_the_standard_library_numpy_and_itself():
    import sys

    for path in sorted(CORE.glob("*.py")):
        for name in imported_modules(path):
            if name.startswith("tamatrix"):
                assert name.startswith("tamatrix.core"), f"{path.name} imports {name}"
                continue
            assert name not in FORBIDDEN_STDLIB, f"{path.name} imports {name}"
            assert name in sys.stdlib_module_names or name in ALLOWED_THIRD_PARTY, (
                f"{path.name} imports {name}"
            )
