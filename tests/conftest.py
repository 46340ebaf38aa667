"""Shared test setup: Qt runs offscreen, and no test ever touches the real user's folders."""

from __future__ import annotations

import os

# Set before any Qt import (pytest-qt creates the QApplication lazily, after this module).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_TEXTTOSPEECH_ENGINE", "mock")

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from backtimer.store.paths import Paths

# Property tests: a quick default for every run, and a thorough profile for deeper searches
# (``HYPOTHESIS_PROFILE=thorough .venv/bin/python -m pytest``, see the README). Neither has a
# deadline: a loaded machine makes one example slow without anything being wrong. Runs are not
# derandomized, so each run tries new inputs and CI covers more of the space over time than
# one fixed set would; a failure prints its example and a blob that replays it
# (``@reproduce_failure``), and the local example database replays it on the next run. The
# expensive tests ask for a share of the profile's examples with ``tests.helpers.examples``.
settings.register_profile("default", max_examples=100, deadline=None, derandomize=False,
                          print_blob=True)
settings.register_profile("thorough", max_examples=1000, deadline=None, derandomize=False,
                          print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True, scope="session")
def shipped_library_read_once() -> Iterator[None]:
    """The built-in exercises and sessions are read once per test process (tests/shipped_cache.py),
    not again for each of the hundreds of windows the tests build."""
    from backtimer.store import library
    from tests import shipped_cache

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(library, "load_exercises", shipped_cache.load_exercises)
        patch.setattr(library, "load_session", shipped_cache.load_session)
        yield


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own BACKTIMER_HOME, so config and history start empty, and its own
    XDG config and data folders, so the autostart entry and install-desktop's files land in
    the test's folder. (The single-instance lock and socket are keyed to BACKTIMER_HOME, so
    tests never meet each other's running BackTimer either.)"""
    home = tmp_path / "home"
    monkeypatch.setenv("BACKTIMER_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return home


@pytest.fixture
def paths(isolated_home: Path) -> Paths:
    return Paths.from_environment()
