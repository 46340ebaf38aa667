"""Shared test setup: Qt runs offscreen, and no test ever touches the real user's folders."""

from __future__ import annotations

import os

# Set before any Qt import (pytest-qt creates the QApplication lazily, after this module).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_TEXTTOSPEECH_ENGINE", "mock")

from pathlib import Path

import pytest

from backtimer.store.paths import Paths


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own BACKTIMER_HOME, so config and history start empty."""
    home = tmp_path / "home"
    monkeypatch.setenv("BACKTIMER_HOME", str(home))
    return home


@pytest.fixture
def paths(isolated_home: Path) -> Paths:
    return Paths.from_environment()
