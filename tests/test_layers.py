"""The engine and the session model never import Qt (DESIGN.md: layers)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import backtimer

PACKAGE = Path(backtimer.__file__).parent
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "qtpy")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_session_and_engine_sources_do_not_import_qt() -> None:
    offenders = []
    for layer in ("session", "engine"):
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in imported_modules(path):
                if name.split(".")[0] in QT_MODULES:
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_importing_the_engine_and_cli_loads_no_qt() -> None:
    code = (
        "import sys, backtimer.engine.runner, backtimer.session.loader, backtimer.cli;"
        f"print([m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
