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


def module_imports() -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports: at the top, inside
    functions and under ``TYPE_CHECKING`` alike (a cycle through any of them is still a cycle
    a reader has to untangle)."""
    modules: dict[str, Path] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("backtimer", *path.relative_to(PACKAGE).with_suffix("").parts)
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    kept = package[: len(package) - node.level + 1]
                    base = ".".join(kept + ([base] if base else []))
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            for target in targets:
                if target in modules and target != name and not name.startswith(target + "."):
                    graph[name].add(target)
    return graph


def test_no_module_imports_itself_through_a_cycle() -> None:
    graph = module_imports()
    in_cycles = []
    for start in graph:
        seen: set[str] = set()
        todo = list(graph[start])
        while todo:
            current = todo.pop()
            if current == start:
                in_cycles.append(start)
                break
            if current not in seen:
                seen.add(current)
                todo.extend(graph[current])
    assert in_cycles == []


def test_ui_is_grouped_by_screen() -> None:
    screens = {"shell", "run", "start", "finish", "library", "history", "settings", "common"}
    ui = PACKAGE / "ui"
    packages = {p.parent.name for p in ui.glob("*/__init__.py")}
    assert screens <= packages
    loose = sorted(p.name for p in ui.glob("*.py") if p.name != "__init__.py")
    assert len(loose) <= 3, loose
