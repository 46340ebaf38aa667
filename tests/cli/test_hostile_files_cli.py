"""The command line with hostile files: a FIFO, /dev/zero, an unlistable sessions folder.

``backtimer sessions``, ``check`` and ``plan`` used to block for ever on a FIFO in the user's
sessions folder (or named on the command line); now each finishes and says what is wrong
(issue 9, items 10 and 11). Run as real processes, with a time-out that only guards the
suite against the old hang: it is not a timing check.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import backtimer
from backtimer.cli import main
from backtimer.store.paths import Paths
from tests.helpers import make_unlistable

GUARD = 120  # seconds; the old behaviour never ended at all
GOOD = "title: Mine\nitems:\n  - {exercise: plank, hold: 20s}\n"


def backtimer_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(Path(backtimer.__file__).parents[1]))
    return subprocess.run([sys.executable, "-m", "backtimer", *args], capture_output=True,
                          text=True, timeout=GUARD, env=env, stdin=subprocess.DEVNULL)


@pytest.fixture
def folder(paths: Paths) -> Path:
    paths.user_sessions_dir.mkdir(parents=True)
    (paths.user_sessions_dir / "mine.yaml").write_text(GOOD)
    return paths.user_sessions_dir


def test_sessions_with_a_fifo_and_dev_zero_in_the_folder_finishes_and_lists_them_broken(
    folder: Path
) -> None:
    os.mkfifo(folder / "pipe.yaml")
    os.symlink("/dev/zero", folder / "zero.yaml")
    result = backtimer_cli("sessions")
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert "Mine" in lines["mine"]
    assert "pipe" in lines["pipe"] and "cannot be used" in lines["pipe"]
    assert "device" in lines["zero"]


@pytest.mark.parametrize("command", ["check", "plan"])
def test_check_and_plan_of_a_fifo_finish_with_a_problem(tmp_path: Path, command: str) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    result = backtimer_cli(command, str(pipe))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{pipe}:1: this is a pipe (FIFO), not a regular file" in result.stdout + result.stderr


def test_check_of_dev_zero_is_refused_without_reading_it() -> None:
    result = backtimer_cli("check", "/dev/zero")
    assert result.returncode == 1
    assert "/dev/zero:1: this is a device, not a regular file" in result.stdout
    assert "MemoryError" not in result.stderr


def test_sessions_says_when_the_users_folder_cannot_be_read(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Tests run as root, which reads any folder; a refused listing is simulated instead.
    make_unlistable(monkeypatch, folder)
    assert main(["sessions"]) == 0
    captured = capsys.readouterr()
    assert "daily-walk" in captured.out  # the built-in sessions are still listed
    assert "mine" not in captured.out
    assert str(folder) in captured.err
    assert "Permission denied" in captured.err
    assert "your own sessions are not listed" in captured.err
