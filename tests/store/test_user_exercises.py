"""Writing the person's exercises.yaml: atomically, keeping what they wrote, never over a file
that could not be read."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from backtimer.session.model import Exercise, ExerciseKind
from backtimer.store.library import Library
from backtimer.store.paths import Paths
from backtimer.store.user_exercises import (
    ExercisesFileError,
    IdClash,
    UserExercises,
    exercise_id_for,
)

WALL_SIT = Exercise(id="wall-sit", name="Wall sit", kind=ExerciseKind.STRENGTH,
                    has_sides=False, how=("Back against the wall.", "Slide down."),
                    cue="Breathe", caution="Stop if your knee hurts")

COMMENTED = """\
# my exercises, from Dr. K
exercises:
  towel-stretch:  # for Mr. B
    name: Towel stretch
    kind: stretch
"""


def test_ids_come_from_the_name() -> None:
    assert exercise_id_for("  Wall Sit (mine)! ") == "wall-sit-mine"
    assert exercise_id_for("Étirement du dos") == "etirement-du-dos"
    assert exercise_id_for("!!!") == ""


def test_a_new_exercise_is_added_and_keeps_the_persons_comments(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.user_exercises_file.write_text(COMMENTED, "utf-8")
    store = UserExercises(Library(paths))
    store.create(WALL_SIT)
    text = paths.user_exercises_file.read_text("utf-8")
    assert text.startswith(COMMENTED)  # their comments and layout are still there
    library = Library(paths)
    assert library.exercises["wall-sit"] == WALL_SIT
    assert library.exercises["towel-stretch"].name == "Towel stretch"
    assert not library.exercise_problems
    assert store.library.exercises["wall-sit"] == WALL_SIT  # reloaded at once


def test_an_edit_keeps_the_id_and_the_other_exercises(paths: Paths) -> None:
    store = UserExercises(Library(paths))
    store.create(WALL_SIT)
    store.create(replace(WALL_SIT, id="bridge", name="Bridge"))
    store.update(replace(WALL_SIT, name="Wall squat", has_sides=True, cue=None))
    library = Library(paths)
    assert library.exercises["wall-sit"].name == "Wall squat"
    assert library.exercises["wall-sit"].has_sides and library.exercises["wall-sit"].cue is None
    assert library.exercises["bridge"].name == "Bridge"


@pytest.mark.parametrize("taken", ["side-plank", "towel-stretch"])
def test_an_id_the_library_has_is_refused(paths: Paths, taken: str) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.user_exercises_file.write_text(COMMENTED, "utf-8")
    store = UserExercises(Library(paths))
    with pytest.raises(IdClash):
        store.create(replace(WALL_SIT, id=taken))
    assert paths.user_exercises_file.read_text("utf-8") == COMMENTED


@pytest.mark.parametrize("broken", [
    "exercises:\n  towel-stretch:\n    name: Towel stretch\n    kind: strech\n",  # a problem
    "exercises:\n  towel: {name: 'Towel\n",  # a syntax error
    "\xff\xfe e\x00x\x00",  # not UTF-8
])
def test_a_file_with_problems_is_never_written_over(paths: Paths, broken: str) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.user_exercises_file.write_bytes(broken.encode("latin-1"))
    store = UserExercises(Library(paths))
    with pytest.raises(ExercisesFileError):
        store.create(WALL_SIT)
    assert paths.user_exercises_file.read_bytes() == broken.encode("latin-1")


def test_a_file_that_cannot_be_read_is_refused(paths: Paths) -> None:
    paths.user_exercises_file.mkdir(parents=True)  # a folder where the file should be
    store = UserExercises(Library(paths))
    with pytest.raises(ExercisesFileError) as caught:
        store.create(WALL_SIT)
    assert str(paths.user_exercises_file) in str(caught.value)
    assert paths.user_exercises_file.is_dir() and not any(paths.user_exercises_file.iterdir())


def test_a_link_is_written_through(paths: Paths, tmp_path: Path) -> None:
    kept = tmp_path / "dotfiles" / "exercises.yaml"
    kept.parent.mkdir()
    kept.write_text(COMMENTED, "utf-8")
    paths.config_dir.mkdir(parents=True)
    paths.user_exercises_file.symlink_to(kept)
    UserExercises(Library(paths)).create(WALL_SIT)
    assert paths.user_exercises_file.is_symlink()
    assert "wall-sit:" in kept.read_text("utf-8")


def test_an_edit_keeps_the_comments_around_it(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.user_exercises_file.write_text(COMMENTED + "  # the next one is new\n", "utf-8")
    store = UserExercises(Library(paths))
    store.create(WALL_SIT)
    towel = store.library.exercises["towel-stretch"]
    store.update(replace(towel, how=("Loop a towel round your foot.",), has_sides=True))
    text = paths.user_exercises_file.read_text("utf-8")
    assert text.startswith("# my exercises, from Dr. K\nexercises:\n")
    assert "# the next one is new" in text
    library = Library(paths)
    assert library.exercises["towel-stretch"].how == ("Loop a towel round your foot.",)
    assert library.exercises["towel-stretch"].has_sides
    assert library.exercises["wall-sit"] == WALL_SIT
