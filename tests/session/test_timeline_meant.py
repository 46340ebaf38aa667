"""Timelines a therapist would mean: even sides with ``alternate``, a switch between sets."""

from __future__ import annotations

from backtimer.session.model import Side
from backtimer.session.timeline import StepKind
from tests.helpers import timeline


def test_for_with_alternate_sides_gives_as_many_left_as_right_holds() -> None:
    # 10 s holds with 3 s rests fit 9 times in 2 minutes: that was 5 left and 4 right.
    tl = timeline("""
        title: Bird dog
        prepare: 0
        items:
          - {exercise: bird-dog, hold: 10s, rest: 3s, sides: alternate, for: 2m}
    """)
    holds = [s for s in tl.steps if s.kind is StepKind.HOLD]
    sides = [s.side for s in holds]
    assert sides.count(Side.LEFT) == sides.count(Side.RIGHT) == 4
    assert {s.reps for s in holds} == {8}
    assert tl.total_seconds == 8 * 10 + 7 * 3 <= 120


def test_for_with_alternate_sides_holds_each_side_at_least_once() -> None:
    tl = timeline("""
        title: Bird dog
        prepare: 0
        items:
          - {exercise: bird-dog, hold: 30s, sides: alternate, for: 40s}
    """)
    assert [s.side for s in tl.steps if s.kind is StepKind.HOLD] == [Side.LEFT, Side.RIGHT]


def test_sets_on_each_side_switch_back_to_the_left_between_sets() -> None:
    tl = timeline("""
        title: Planks
        prepare: 0
        items:
          - {exercise: side-plank, hold: 10s, rest: 3s, reps: 2, sets: 2}
    """)
    kinds = [(s.kind.value, s.side.value if s.side else None) for s in tl.steps]
    assert kinds == [
        ("hold", "left"), ("rest", "left"), ("hold", "left"),
        ("switch", "right"),
        ("hold", "right"), ("rest", "right"), ("hold", "right"),
        ("set_rest", None), ("switch", "left"),  # right side of set 1 -> left of set 2
        ("hold", "left"), ("rest", "left"), ("hold", "left"),
        ("switch", "right"),
        ("hold", "right"), ("rest", "right"), ("hold", "right"),
    ]


def test_a_set_rest_of_its_own_leaves_time_to_turn_over() -> None:
    tl = timeline("""
        title: Planks
        prepare: 0
        items:
          - {exercise: side-plank, hold: 10s, reps: 1, sets: 2, set_rest: 30s}
    """)
    assert [s.kind.value for s in tl.steps] == [
        "hold", "switch", "hold", "set_rest", "hold", "switch", "hold",
    ]
