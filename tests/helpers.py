"""Small builders shared by tests: an exercise library and sessions written inline."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from backtimer.session.loader import load_exercises, load_session
from backtimer.session.model import Exercise, Session
from backtimer.session.timeline import Timeline, compile_session

EXERCISES_YAML = """\
exercises:
  side-plank:
    name: Side plank
    kind: strength
    sides: both
    how:
      - Lie on your side.
      - Lift your hips.
    cue: Lift your hips
    caution: Stop if the pain spreads into your leg.
  bird-dog:
    name: Bird dog
    kind: strength
    sides: both
    opposite_limbs: true
  walk:
    name: Walk
    kind: cardio
    verb: walk
  hamstring:
    name: Hamstring stretch
    kind: stretch
    sides: both
  back-extension:
    name: Back extension
    kind: mobility
  squat:
    name: Squat
    kind: strength
  pelvic-tilt:
    name: Pelvic tilt
    kind: mobility
    sciatica_ok: true
"""


def exercises() -> dict[str, Exercise]:
    library, problems = load_exercises("exercises.yaml", EXERCISES_YAML.encode())
    assert not problems, problems
    return library


def session(text: str, name: str = "test.yaml") -> Session:
    return load_session(name, textwrap.dedent(text).encode(), exercises())


def timeline(text: str) -> Timeline:
    return compile_session(session(text), exercises())


def make_unlistable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Listing ``folder`` fails with EACCES, as ``chmod 000`` does for anyone but root.

    The tests run as root, which lists any folder, so the refusal is simulated at both ways
    of listing a folder (``os.scandir`` and ``os.listdir``).
    """
    for name in ("scandir", "listdir"):
        real = getattr(os, name)

        def refuse(path: Any = ".", *, _real: Any = real) -> Any:
            if Path(os.fsdecode(path)) == folder:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return _real(path)

        monkeypatch.setattr(os, name, refuse)


def foreign_database(path: Path) -> bytes:
    """Another program's SQLite file (a bookmarks database) at ``path``; returns its bytes.

    It even has a ``user_version`` of 1, as BackTimer's first log had, so only the
    ``application_id`` and the tables tell it apart.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE moz_bookmarks (id INTEGER PRIMARY KEY, title TEXT, url TEXT)")
    db.executemany("INSERT INTO moz_bookmarks (title, url) VALUES (?, ?)",
                   [(f"Page {n}", f"https://example.org/{n}") for n in range(50)])
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    return path.read_bytes()


def digest(path: Path) -> str:
    """The file's SHA-256, to show that it was left byte for byte."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def examples(quick: int) -> int:
    """Examples for an expensive property test: ``quick`` under the default Hypothesis profile
    (100 examples), scaled with the loaded profile (ten times as many under ``thorough``), so
    the everyday suite stays fast and a deeper search is one environment variable away."""
    return max(1, quick * settings().max_examples // 100)
