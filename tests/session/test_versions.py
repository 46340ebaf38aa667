"""An item's ``version:`` picks its exercise's easier or harder variant (issue 12)."""

from __future__ import annotations

import textwrap
from dataclasses import replace

import pytest

from backtimer.session.loader import load_session
from backtimer.session.model import Exercise, Session, Version
from backtimer.session.problems import ProblemsError
from backtimer.session.timeline import StepKind, compile_session
from backtimer.session.writer import session_to_yaml
from tests.helpers import exercises


def library() -> dict[str, Exercise]:
    """The test library, with an easier side plank and a harder (only) squat."""
    found = exercises()
    found["side-plank"] = replace(found["side-plank"], easier="On your knees.")
    found["squat"] = replace(found["squat"], harder="Hold a weight.")
    return found


def load(text: str) -> Session:
    return load_session("mine.yaml", textwrap.dedent(text).encode(), library())


def problems(text: str) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        load(text)
    return [str(problem) for problem in caught.value.problems]


def test_an_item_reads_its_version_and_leaves_it_standard_when_not_given() -> None:
    session = load("""\
        title: Mine
        items:
          - exercise: side-plank
            version: easier
            hold: 10s
          - exercise: squat
            version: harder
            reps: 5
          - exercise: squat
        """)
    assert [item.version for item in session.items] == [
        Version.EASIER, Version.HARDER, Version.STANDARD,
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: X\nitems:\n  - exercise: squat\n    version: easier\n",
         "mine.yaml:4: items[1].version: this exercise has no easier version"),
        ("title: X\nitems:\n  - exercise: side-plank\n    version: simpler\n",
         "mine.yaml:4: items[1].version: expected one of standard, easier, harder"),
        ("title: X\nitems:\n  - exercise: side-plank\n    version: easier\n    levels:\n"
         "      - hold: 5s\n",
         "mine.yaml:4: items[1].version: with 'levels:', put this inside each level"),
    ],
)
def test_a_version_the_exercise_lacks_or_an_unknown_one_is_a_problem_with_its_line(
    text: str, expected: str
) -> None:
    found = problems(text)
    assert any(line.startswith(expected) for line in found), found


def test_a_level_may_choose_its_own_version() -> None:
    session = load("""\
        title: Mine
        items:
          - exercise: side-plank
            levels:
              - version: easier
                hold: 10s
              - hold: 20s
        """)
    item = session.items[0]
    assert [level.version for level in item.levels] == [Version.EASIER, Version.STANDARD]


def test_every_step_of_the_item_carries_its_version_and_the_writer_keeps_it() -> None:
    text = """\
        title: Mine
        prepare: 5s
        transition: 5s
        items:
          - exercise: squat
            reps: 2
            hold: 3s
          - exercise: side-plank
            version: easier
            hold: 3s
        """
    session = load(text)
    timeline = compile_session(session, library())
    versions = {(step.item, step.version) for step in timeline.steps}
    assert versions == {(0, Version.STANDARD), (1, Version.EASIER)}
    transition = next(s for s in timeline.steps if s.kind is StepKind.TRANSITION)
    assert transition.version is Version.EASIER  # "get ready" for the easier version
    written = session_to_yaml(session, library())
    assert "version: easier" in written and written.count("version:") == 1
    assert load_session("mine.yaml", written.encode(), library()) == session
