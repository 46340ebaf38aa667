"""Every kind of broken file gives a clear FILE:LINE: message naming the field."""

from __future__ import annotations

import textwrap

import pytest

from backtimer.session.loader import load_exercises, load_session
from backtimer.session.model import SidesMode
from backtimer.session.problems import ProblemsError
from backtimer.store.library import Library
from tests.helpers import exercises, session


def problems_of(text: str | bytes) -> list[str]:
    data = text if isinstance(text, bytes) else textwrap.dedent(text).encode()
    with pytest.raises(ProblemsError) as caught:
        load_session("bad.yaml", data, exercises())
    return [str(p) for p in caught.value.problems]


def test_a_good_session_reads_with_defaults() -> None:
    result = session("""
        title: Core
        items:
          - exercise: side-plank
            hold: 10s
            rest: 3s
            reps: 10
          - exercise: squat
            reps: 10
    """)
    assert result.title == "Core"
    assert result.prepare is None and result.transition == 10  # prepare: the app's default
    plank, squat = result.items
    assert plank.dose.sides is SidesMode.EACH  # default for an exercise with sides
    assert plank.dose.hold == 10 and plank.dose.reps == 10 and plank.dose.switch == 5
    assert squat.dose.hold is None and squat.dose.sides is SidesMode.NONE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: X\nitems:\n  - exercise: side-plank\n    hold: 10s\n    hodl: 3s\n",
         "bad.yaml:5: items[1].hodl: unknown key (did you mean 'hold'?)"),
        ("title: X\nitems:\n  - exercise: plank-of-doom\n    hold: 10s\n",
         "bad.yaml:3: items[1].exercise: unknown exercise 'plank-of-doom'"),
        ("title: X\nitems:\n  - exercise: squat\n    hold: -5s\n",
         "bad.yaml:4: items[1].hold: must not be negative"),
        ("title: X\nitems:\n  - exercise: squat\n    hold: 0\n",
         "bad.yaml:4: items[1].hold: must be longer than zero"),
        ("title: X\nitems:\n  - exercise: squat\n    hold: 2h\n",
         "bad.yaml:4: items[1].hold: is too long"),
        ("title: X\nitems:\n  - exercise: squat\n    reps: ten\n",
         "bad.yaml:4: items[1].reps: expected a whole number, not 'ten'"),
        ("title: X\nitems:\n  - exercise: squat\n    hold: 5s\n    reps: 3\n    for: 2m\n",
         "bad.yaml:6: items[1].for: give either 'reps' or 'for', not both"),
        ("title: X\nitems: []\n", "bad.yaml:2: items: the session has no items"),
        ("title: X\n", "bad.yaml:1: items: a session needs at least one item"),
        ("items:\n  - exercise: squat\n", "bad.yaml:1: title: this field is required"),
        ("title: X\ntitle: Y\nitems:\n  - exercise: squat\n",
         "bad.yaml:2: title: this key is given twice"),
        ("title: X\nitems:\n  - exercise: squat\n    sides: each\n",
         "bad.yaml:4: items[1].sides: sides: each needs an exercise done on both sides"),
        ("title: X\nitems:\n  - exercise: squat\n    hold: yes\n",
         "bad.yaml:4: items[1].hold: expected a duration"),
        ("title: [unclosed\n", "bad.yaml:1: not valid YAML"),  # where the [ is
        ("", "bad.yaml:1: the file is empty"),
        ("# only a comment\n", "bad.yaml:1: the file is empty"),
        (b"title: X\n\xff\xfe\n", "bad.yaml:2: not UTF-8 text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "bad.yaml:3: this is a binary file"),
        ("- just\n- a list\n", "bad.yaml:1: expected a session"),
        ("title: X\nitems:\n  - !!python/object/apply:os.system ['true']\n",
         "bad.yaml:3: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"),
        ("title: X\nprepare: 2 hours\nitems:\n  - exercise: squat\n",
         "bad.yaml:2: prepare: expected a duration like 45s, 2m or 1m30s"),
    ],
)
def test_each_problem_names_file_line_and_field(text: str | bytes, expected: str) -> None:
    found = problems_of(text)
    assert any(line.startswith(expected) for line in found), found


def test_every_problem_in_a_file_is_reported_not_just_the_first() -> None:
    found = problems_of("""\
        title: X
        colour: red
        items:
          - exercise: nope
          - exercise: squat
            reps: 0
        """)
    assert len(found) == 3, found
    assert [line.split(":")[1] for line in found] == ["2", "4", "6"]


def test_stages_read_with_item_sets() -> None:
    result = session("""
        title: Extension
        items:
          - exercise: back-extension
            stages:
              - {label: Lie face down, hold: 5m}
              - {label: Up on your elbows, hold: 2m}
              - {label: Press-up, hold: 1s, rest: 2s, reps: 10}
            sets: 4
            set_rest: 1m
    """)
    item = result.items[0]
    assert [s.label for s in item.stages] == ["Lie face down", "Up on your elbows", "Press-up"]
    assert item.dose.sets == 4 and item.dose.effective_set_rest == 60


def test_a_stage_names_the_figure_pose_it_shows() -> None:
    """The back extension is done in parts; each stage shows its own part of the figure."""
    built_in = Library(None).exercises
    result = load_session("test.yaml", textwrap.dedent("""
        title: Extension
        items:
          - exercise: back-extension
            stages:
              - {label: Lie face down, pose: 1, hold: 5m}
              - {label: Up on your elbows, pose: 2, hold: 2m}
              - {label: Press-up, hold: 1s, rest: 2s, reps: 10}
    """).encode(), built_in)
    assert [s.pose for s in result.items[0].stages] == [1, 2, None]
    with pytest.raises(ProblemsError) as caught:
        load_session("bad.yaml", textwrap.dedent("""\
            title: X
            items:
              - exercise: back-extension
                stages:
                  - {label: A, pose: 9, hold: 5m}
                  - {label: B, pose: 0, hold: 5m}
        """).encode(), built_in)
    found = [str(p) for p in caught.value.problems]
    assert any("items[1].stages[1].pose: the exercise's figure has 3 poses, so there is no "
               "pose 9" in f for f in found), found
    assert any("items[1].stages[2].pose" in f for f in found), found
    # The small test library's exercises have no figures.
    assert any("stages[1].pose: this exercise has no figure" in f for f in problems_of("""\
        title: X
        items:
          - exercise: back-extension
            stages:
              - {label: A, pose: 1, hold: 5m}
    """))


def test_stage_keys_are_checked_too() -> None:
    found = problems_of("""\
        title: X
        items:
          - exercise: back-extension
            hold: 5s
            stages:
              - {label: A, hold: 5m, reps: 2, for: 1m}
    """)
    assert any("items[1].hold: with 'stages:', put this inside each stage" in f for f in found)
    assert any("items[1].stages[1].for: give either" in f for f in found)


def test_a_broken_exercise_is_left_out_and_the_rest_load() -> None:
    text = (
        b"exercises:\n  good-one:\n    name: Good\n    kind: stretch\n"
        b"  bad-one:\n    name: Bad\n    kind: dancing\n"
        b"  Bad_Id:\n    name: X\n    kind: cardio\n"
    )
    library, problems = load_exercises("ex.yaml", text)
    assert list(library) == ["good-one"]
    shown = [str(p) for p in problems]
    assert any(s.startswith("ex.yaml:7: bad-one.kind: expected one of stretch") for s in shown)
    assert any(s.startswith("ex.yaml:8: Bad_Id: expected an id") for s in shown)


def test_aliases_that_expand_too_far_are_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    lines.append("title: *a8")
    found = problems_of("\n".join(lines) + "\n")
    assert any("too large or too deeply nested" in f for f in found)


def test_a_session_too_long_to_lay_out_is_a_problem_of_its_file() -> None:
    found = problems_of("""\
        title: Forever
        items:
          - {exercise: side-plank, hold: 1s, rest: 1s, reps: 500, sets: 50}
    """)
    assert found == ["bad.yaml:1: the session has more than 20000 steps"]


@pytest.mark.parametrize("shipped", [False, True])
def test_a_huge_list_is_refused_while_it_is_parsed_not_after(
    shipped: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A 1 MB file holding a 500,000-item list took 12 s and 376 MB: every node was composed
    # before the builder counted them. Now composing stops at the first node over the limit.
    from yaml.composer import Composer

    from backtimer.session import yamltext

    composed: list[int] = []
    real = Composer.compose_scalar_node

    def counting(self: Composer, anchor: str | None) -> object:
        composed.append(1)
        return real(self, anchor)

    monkeypatch.setattr(Composer, "compose_scalar_node", counting)
    data = ("title: t\nitems: [" + ",".join(["1"] * 499_000) + "]\n").encode()
    assert len(data) <= yamltext.MAX_BYTES
    with pytest.raises(ProblemsError, match="too large"):
        yamltext.read_yaml_file("huge.yaml", data, shipped=shipped)
    # At most one pass per parser (libyaml's, then the pure-Python one that words the problem).
    assert len(composed) <= 2 * (yamltext.MAX_NODES + 2)
