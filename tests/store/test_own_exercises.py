"""A therapist's own exercises: the user's exercises.yaml, a session file's own exercises:,
both kept by import and export, and listed by ``backtimer exercises``."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from backtimer.cli import main
from backtimer.session.loader import load_session
from backtimer.store.library import ExerciseOrigin, Library
from backtimer.store.paths import Paths
from backtimer.store.user_sessions import UserSessions

USER_EXERCISES = """\
exercises:
  wall-sit:
    name: Wall sit
    kind: strength
    how:
      - Back against the wall, slide down until your knees are bent.
  side-plank:
    name: My side plank
    kind: strength
"""

CARRIED = """\
title: For Mr. B
exercises:
  towel-stretch:
    name: Towel stretch
    kind: stretch
    sides: both
    cue: Pull gently
items:
  - exercise: towel-stretch
    hold: 20s
  - exercise: side-plank
    hold: 10s
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), "utf-8")
    return path


def test_the_users_exercises_join_the_library_and_a_built_in_id_is_reported(
    paths: Paths,
) -> None:
    write(paths.user_exercises_file, USER_EXERCISES)
    library = Library(paths)
    assert library.exercises["wall-sit"].name == "Wall sit"
    assert library.exercise_origins["wall-sit"][0] is ExerciseOrigin.USER
    assert library.exercises["side-plank"].name == "Side plank"  # the built-in, not silently
    [problem] = library.exercise_problems
    assert problem.line == 7 and "side-plank" in problem.message
    assert "another id" in problem.message


def test_a_session_file_carries_its_own_exercises(paths: Paths) -> None:
    library = Library(paths)
    session = load_session("b.yaml", CARRIED.encode(), library.exercises)
    assert [e.id for e in session.exercises] == ["towel-stretch"]
    steps = library.timeline(session).steps
    holds = [s for s in steps if s.kind.value == "hold" and s.exercise == "towel-stretch"]
    assert [s.side.value for s in holds if s.side] == ["left", "right"]
    assert holds[0].label == "Towel stretch"


def test_a_session_exercise_that_differs_from_the_librarys_is_refused(paths: Paths) -> None:
    text = CARRIED.replace("towel-stretch", "side-plank", 1)
    from backtimer.session.problems import ProblemsError

    with pytest.raises(ProblemsError) as caught:
        load_session("b.yaml", text.encode(), Library(paths).exercises)
    problem = caught.value.problems[0]
    assert problem.line == 3 and "another id" in problem.message


def test_import_my_sessions_and_export_keep_the_exercises(paths: Paths, tmp_path: Path) -> None:
    write(paths.user_exercises_file, USER_EXERCISES)
    store = UserSessions(Library(paths))
    source = write(tmp_path / "mr-b.yaml", CARRIED.replace(
        "  - exercise: side-plank\n", "  - exercise: wall-sit\n    hold: 30s\n"
        "  - exercise: side-plank\n"))
    entry = store.import_file(source)
    assert entry.session is not None
    assert "towel-stretch" in Path(entry.path).read_text("utf-8")
    assert store.library.exercises["towel-stretch"].cue == "Pull gently"  # the window finds it
    saved = store.rename(entry.id, "For Mr. B, week 2")  # "my sessions" writes it anew
    assert saved.session is not None and saved.session.exercises == entry.session.exercises

    target = tmp_path / "out" / "handout.yaml"
    store.export(saved.session, target)
    # On a machine with only the built-in exercises, the exported file still loads.
    bare = Library(None)
    exported = load_session(str(target), target.read_bytes(), bare.exercises)
    assert {e.id for e in exported.exercises} == {"towel-stretch", "wall-sit"}


def test_the_exercises_command_lists_where_each_comes_from(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    write(paths.user_exercises_file, USER_EXERCISES)
    write(paths.user_sessions_dir / "mr-b.yaml", CARRIED)
    assert main(["exercises", "--json"]) == 0
    captured = capsys.readouterr()
    rows = {row["id"]: row for row in json.loads(captured.out)}
    assert rows["side-plank"] | {"file": ""} == {
        "id": "side-plank", "name": "Side plank", "kind": "strength", "sides": "both",
        "from": "builtin", "file": "",
    }
    assert rows["wall-sit"]["from"] == "user"
    assert rows["towel-stretch"]["from"] == "session"
    assert "side-plank" in captured.err  # the clash in the user's file is said
    assert main(["exercises"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("wall-sit") and line.endswith("yours") for line in lines)


def test_an_unknown_exercise_suggests_one_and_the_command(paths: Paths) -> None:
    from backtimer.session.problems import ProblemsError

    with pytest.raises(ProblemsError) as caught:
        load_session("b.yaml", b"title: T\nitems:\n  - exercise: brid-dog\n",
                     Library(paths).exercises)
    message = caught.value.problems[0].message
    assert "did you mean 'bird-dog'?" in message and "backtimer exercises" in message


def test_check_reports_a_built_in_id_in_the_users_library(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    from backtimer.resources import data_dir

    mine = write(paths.user_exercises_file, USER_EXERCISES)
    assert main(["check", str(mine)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"{mine}:7: side-plank: a built-in exercise already has the id "
                      "'side-plank'; give yours another id")
    assert main(["check", str(data_dir() / "exercises.yaml")]) == 0
