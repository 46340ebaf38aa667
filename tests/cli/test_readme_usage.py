"""Issue 14 item 22: the README's usage examples run as written after its set-up command.

The venv is not on PATH, so every example calls ``.venv/bin/backtimer``; each one that prints
(not the two that open the window) runs here through the same ``main`` with the same
arguments, from the repository's folder, and must succeed.
"""

from __future__ import annotations

import glob
import shlex
from pathlib import Path

import pytest

from backtimer.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]


def usage_lines() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    block = text.split("## Using it", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line.split("  #", 1)[0].strip() for line in block.splitlines() if line.strip()]


def test_every_example_calls_the_venv_s_backtimer() -> None:
    lines = usage_lines()
    assert len(lines) >= 6
    for line in lines:
        assert line.startswith(".venv/bin/backtimer"), line


@pytest.mark.parametrize("line", usage_lines())
def test_each_example_parses(line: str) -> None:
    build_parser().parse_args(shlex.split(line)[1:])


@pytest.mark.parametrize("line", [line for line in usage_lines()
                                  if shlex.split(line)[1:2] not in ([], ["start"])])
def test_each_printing_example_runs(line: str, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    words = shlex.split(line)[1:]
    # Patterns name the repository's files; what an example writes (a handout) lands in a
    # folder of the test's own, and the desktop files in the test's own XDG folders.
    argv = [match for word in words
            for match in (sorted(glob.glob(str(ROOT / word))) if "*" in word else [word])]
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 0, capsys.readouterr()
    assert capsys.readouterr().out.strip()


def test_the_setup_command_makes_that_venv() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    setup = text.split("## Set up", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    assert "python3 -m venv .venv" in setup and ".venv/bin/pip install ." in setup
