"""The exercise keys that choose the session screen's words: ``opposite_limbs`` and ``verb``."""

from __future__ import annotations

import textwrap

from backtimer.session.loader import load_exercises
from backtimer.session.writer import exercises_to_yaml


def read(text: str) -> tuple[dict[str, object], list[str]]:
    found, problems = load_exercises("exercises.yaml", textwrap.dedent(text).encode())
    return dict(found), [str(p) for p in problems]


def test_opposite_limbs_and_verb_are_read_and_written_back() -> None:
    found, problems = load_exercises("exercises.yaml", textwrap.dedent("""\
        exercises:
          superman:
            name: Superman
            kind: strength
            sides: both
            opposite_limbs: true
          march:
            name: March on the spot
            kind: cardio
            verb: "  march  "
    """).encode())
    assert not problems
    assert found["superman"].opposite_limbs and found["superman"].verb is None
    assert found["march"].verb == "march" and not found["march"].opposite_limbs
    again, problems = load_exercises("again.yaml", exercises_to_yaml(found.values()).encode())
    assert not problems and again == found


def test_opposite_limbs_needs_two_sides() -> None:
    found, problems = read("""\
        exercises:
          plank:
            name: Plank
            kind: strength
            opposite_limbs: true
    """)
    assert "plank" not in found
    assert problems == ["exercises.yaml:5: plank.opposite_limbs: opposite_limbs needs "
                        "'sides: both' (its sides name an arm and the opposite leg)"]


def test_a_verb_is_a_word_or_two_not_a_sentence() -> None:
    found, problems = read("""\
        exercises:
          walk:
            name: Walk
            kind: cardio
            verb: walk briskly around the block
    """)
    assert "walk" not in found
    assert len(problems) == 1 and "walk.verb" in problems[0] and "such as 'walk'" in problems[0]
