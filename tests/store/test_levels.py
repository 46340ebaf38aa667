"""The level a person is on in each progression: kept in levels.yaml, never lost, never
written over when the file cannot be read (issue 12)."""

from __future__ import annotations

import pytest

from backtimer.store.levels import (
    LevelsUnreadableError,
    chosen_level,
    load_levels,
    save_level,
)
from backtimer.store.paths import Paths
from tests.helpers import digest, session

LEVELLED = session("""
    title: Plank levels
    items:
      - exercise: pelvic-tilt
        levels:
          - {hold: 10s}
          - {hold: 20s}
          - {hold: 30s}
""", "plank.yaml")
PLAIN = session("""
    title: Plain
    items:
      - {exercise: pelvic-tilt, hold: 10s}
""", "plain.yaml")


def test_a_chosen_level_is_kept_and_others_stay_as_they_were(paths: Paths) -> None:
    path = paths.levels_file
    assert chosen_level(path, LEVELLED) == 1  # nothing chosen yet
    save_level(path, "other", 5)
    save_level(path, LEVELLED.id, 3)
    assert load_levels(path) == {"other": 5, LEVELLED.id: 3}
    assert chosen_level(path, LEVELLED) == 3
    assert chosen_level(path, PLAIN) == 1


def test_a_level_the_session_no_longer_has_becomes_its_highest(paths: Paths) -> None:
    path = paths.levels_file
    save_level(path, LEVELLED.id, 9)
    assert chosen_level(path, LEVELLED) == 3


def test_a_bad_value_is_ignored(paths: Paths) -> None:
    path = paths.levels_file
    path.parent.mkdir(parents=True)
    path.write_text(f"{LEVELLED.id}: two\nother: 0\nkept: 2\n")
    assert load_levels(path) == {"kept": 2}
    assert chosen_level(path, LEVELLED) == 1


def test_an_unreadable_file_is_never_written_over(paths: Paths) -> None:
    path = paths.levels_file
    path.parent.mkdir(parents=True)
    path.write_text("plank: [3\n")
    before = digest(path)
    assert load_levels(path) == {}
    with pytest.raises(LevelsUnreadableError):
        save_level(path, LEVELLED.id, 2)
    assert digest(path) == before
