"""Levels (progressions): the format, its FILE:LINE problems, and a session laid out per level."""

from __future__ import annotations

import textwrap

import pytest

from backtimer.session.loader import MAX_LEVELS, load_session
from backtimer.session.problems import ProblemsError
from backtimer.session.timeline import (
    LevelError,
    StepKind,
    compile_session,
    level_count,
    level_label,
)
from backtimer.session.writer import session_to_yaml
from tests.helpers import exercises, session

PROGRESSION = """
    title: Side plank progression
    prepare: 0
    items:
      - exercise: side-plank
        levels:
          - {label: 10 x 10 s on / 3 s off, hold: 10s, rest: 3s, reps: 10}
          - {label: 20 s on / 3 s off, hold: 20s, rest: 3s, reps: 5}
          - label: On your knees
            exercise: squat
            reps: 10
      - exercise: bird-dog
        hold: 5s
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        load_session("p.yaml", textwrap.dedent(text).encode(), exercises())
    return [str(p) for p in caught.value.problems]


def test_each_level_is_its_own_full_dose_and_level_one_is_the_default() -> None:
    value = session(PROGRESSION)
    assert level_count(value) == 3
    first = compile_session(value, exercises())
    holds = [s for s in first.steps if s.kind is StepKind.HOLD and s.exercise == "side-plank"]
    assert [s.seconds for s in holds] == [10.0] * 20 and first.level == 1
    second = compile_session(value, exercises(), level=2)
    holds = [s for s in second.steps if s.kind is StepKind.HOLD and s.exercise == "side-plank"]
    assert [s.seconds for s in holds] == [20.0] * 10
    third = compile_session(value, exercises(), level=3)
    assert third.steps[0].kind is StepKind.SELF_PACED and third.steps[0].exercise == "squat"
    # The item without levels is the same at every level.
    assert all(any(s.exercise == "bird-dog" for s in t.steps) for t in (first, second, third))
    assert level_label(value, 2) == "20 s on / 3 s off"


def test_a_level_out_of_range_is_a_clear_error() -> None:
    value = session(PROGRESSION)
    for level in (0, 4, -1):
        with pytest.raises(LevelError, match="levels 1 to 3"):
            compile_session(value, exercises(), level=level)
    plain = session("title: Plain\nitems:\n  - {exercise: squat, reps: 3}\n")
    with pytest.raises(LevelError, match="has no levels"):
        compile_session(plain, exercises(), level=2)


def test_session_levels_each_have_their_own_items() -> None:
    value = session("""
        title: Core toward 3 sets
        levels:
          - label: One set
            items:
              - {exercise: pelvic-tilt, hold: 5s, reps: 10}
          - label: Two sets
            items:
              - {exercise: pelvic-tilt, hold: 5s, reps: 10, sets: 2, set_rest: 30s}
    """)
    assert level_count(value) == 2 and level_label(value, 2) == "Two sets"
    timeline = compile_session(value, exercises(), level=2)
    assert [s.sets for s in timeline.steps if s.kind is StepKind.HOLD] == [2] * 20
    assert value.items == value.levels[0].items  # level-unaware code sees level 1


def test_levels_round_trip_through_the_writer() -> None:
    for text in (PROGRESSION, """
        title: Two
        levels:
          - items: [{exercise: squat, reps: 3}]
          - label: "yes: quoted"
            items: [{exercise: bird-dog, hold: 5s, sides: alternate, reps: 4}]
    """):
        value = session(text)
        again = load_session("test.yaml", session_to_yaml(value, exercises()).encode(),
                             exercises())
        assert again == value


@pytest.mark.parametrize(("text", "expected"), [
    ("""
     title: T
     items:
       - exercise: squat
         reps: 3
         levels:
           - {reps: 5}
     """, "p.yaml:5: items[1].reps: with 'levels:', put this inside each level"),
    ("""
     title: T
     items:
       - exercise: squat
         levels:
           - {reps: 5, wobble: 2}
     """, "p.yaml:6: items[1].levels[1].wobble:"),
    ("""
     title: T
     items:
       - exercise: squat
         levels:
           - {exercise: nothing, reps: 5}
     """, "p.yaml:6: items[1].levels[1].exercise: unknown exercise 'nothing'"),
    ("""
     title: T
     items:
       - exercise: squat
         levels: []
     """, "p.yaml:5: items[1].levels: expected a list of levels"),
    ("""
     title: T
     items:
       - exercise: squat
         levels: [{reps: 1}, {reps: 2}]
       - exercise: squat
         levels: [{reps: 1}]
     """, "every item with levels needs the same number of levels (found 1 and 2)"),
    ("""
     title: T
     items:
       - {exercise: squat, reps: 1}
     levels:
       - items: [{exercise: squat, reps: 2}]
     """, "give either 'items' or 'levels'"),
    ("""
     title: T
     levels:
       - label: One
         items:
           - exercise: squat
             levels: [{reps: 2}]
     """, "levels[1].items[1].levels: an item inside a session's level cannot have levels"),
    ("""
     title: T
     levels:
       - label: One
         colour: red
         items: [{exercise: squat}]
     """, "p.yaml:5: levels[1].colour:"),
])
def test_level_problems_name_the_file_line_and_key(text: str, expected: str) -> None:
    found = problems_of(text)
    assert any(expected in p for p in found), found


def test_at_most_twenty_levels() -> None:
    many = "".join(f"      - {{reps: {n}}}\n" for n in range(1, MAX_LEVELS + 2))
    found = problems_of("title: T\nitems:\n  - exercise: squat\n    levels:\n" + many)
    assert any(f"too many levels (at most {MAX_LEVELS})" in p for p in found), found
    ok = "".join(f"      - {{reps: {n}}}\n" for n in range(1, MAX_LEVELS + 1))
    loaded = session("title: T\nitems:\n  - exercise: squat\n    levels:\n" + ok)
    assert level_count(loaded) == MAX_LEVELS
