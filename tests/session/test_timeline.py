"""The timeline follows DESIGN.md's rules of how a session becomes time."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backtimer.session.model import Side
from backtimer.session.timeline import StepKind, Timeline, compile_session
from tests.helpers import examples, exercises, session, timeline


def kinds(tl: Timeline) -> list[str]:
    return [s.kind.value for s in tl.steps]


def test_design_example_side_plank_lasts_269_seconds() -> None:
    tl = timeline("""
        title: Core
        prepare: 10s
        items:
          - {exercise: side-plank, hold: 10s, rest: 3s, reps: 10}
    """)
    assert tl.total_seconds == 10 + (10 * 10 + 9 * 3) + 5 + (10 * 10 + 9 * 3) == 269
    holds = [s for s in tl.steps if s.kind is StepKind.HOLD]
    assert [s.side for s in holds] == [Side.LEFT] * 10 + [Side.RIGHT] * 10
    assert [s.rep for s in holds[:10]] == list(range(1, 11))
    assert kinds(tl)[:4] == ["prepare", "hold", "rest", "hold"]
    switch_at = kinds(tl).index("switch")
    assert tl.steps[switch_at - 1].kind is StepKind.HOLD  # no rest after the last rep
    assert tl.steps[switch_at].side is Side.RIGHT


def test_alternate_for_two_minutes_fills_the_time_side_by_side() -> None:
    tl = timeline("""
        title: Bird dog
        prepare: 0
        items:
          - {exercise: bird-dog, hold: 5s, sides: alternate, for: 2m}
    """)
    assert len(tl.steps) == 24 and tl.total_seconds == 120
    assert [s.side for s in tl.steps[:4]] == [Side.LEFT, Side.RIGHT, Side.LEFT, Side.RIGHT]
    assert {s.reps for s in tl.steps} == {24}


def test_for_counts_rests_between_holds_and_keeps_at_least_one() -> None:
    tl = timeline("""
        title: X
        prepare: 0
        items:
          - {exercise: squat, hold: 10s, rest: 5s, for: 1m}
          - {exercise: squat, hold: 30s, for: 10s}
    """)
    first = [s for s in tl.steps if s.item == 0 and s.kind is StepKind.HOLD]
    assert len(first) == 4  # 4 x 10 + 3 x 5 = 55 s fits in 60 s; a fifth would need 70 s
    second = [s for s in tl.steps if s.item == 1 and s.kind is StepKind.HOLD]
    assert len(second) == 1


def test_alternate_reps_count_holds_in_total() -> None:
    tl = timeline("""
        title: X
        items:
          - {exercise: bird-dog, hold: 5s, reps: 10, sides: alternate}
    """)
    holds = [s for s in tl.steps if s.kind is StepKind.HOLD]
    assert [s.side for s in holds].count(Side.LEFT) == 5
    assert [s.side for s in holds].count(Side.RIGHT) == 5


def test_back_extension_protocol_runs_every_stage_in_each_set() -> None:
    tl = timeline("""
        title: Extension
        prepare: 10s
        items:
          - exercise: back-extension
            stages:
              - {label: Lie face down, hold: 5m}
              - {label: Up on your elbows, hold: 2m}
              - {label: Press-up, hold: 1s, rest: 2s, reps: 10}
            sets: 4
            set_rest: 1m
    """)
    per_set = 300 + 120 + (10 * 1 + 9 * 2)
    assert tl.total_seconds == 10 + 4 * per_set + 3 * 60
    set_rests = [s for s in tl.steps if s.kind is StepKind.SET_REST]
    assert len(set_rests) == 3 and all(s.seconds == 60 for s in set_rests)
    face_down = [s for s in tl.steps if s.label == "Lie face down"]
    assert [s.set for s in face_down] == [1, 2, 3, 4]
    assert all(s.sets == 4 and s.stage == 1 and s.stages == 3 for s in face_down)


def test_self_paced_reps_wait_for_done_and_add_no_planned_time() -> None:
    tl = timeline("""
        title: X
        prepare: 0
        items:
          - {exercise: squat, reps: 10, sets: 2, set_rest: 30s}
    """)
    assert kinds(tl) == ["self_paced", "set_rest", "self_paced"]
    assert tl.steps[0].seconds is None and tl.steps[0].reps == 10
    assert tl.total_seconds == 30


def test_transition_comes_between_items_and_names_what_is_next() -> None:
    tl = timeline("""
        title: X
        prepare: 5s
        transition: 15s
        items:
          - {exercise: squat, hold: 10s}
          - {exercise: pelvic-tilt, hold: 10s}
    """)
    assert kinds(tl) == ["prepare", "hold", "transition", "hold"]
    assert tl.steps[2].exercise == "pelvic-tilt" and tl.steps[2].label == "Pelvic tilt"
    assert tl.total_seconds == 5 + 10 + 15 + 10


# -- property: the compiled total equals the DESIGN.md formula, computed independently ------

doses = st.fixed_dictionaries({
    "hold": st.integers(1, 120),
    "rest": st.integers(0, 30),
    "reps": st.integers(1, 12),
    "sets": st.integers(1, 4),
    "set_rest": st.integers(0, 90),
    "switch": st.integers(0, 10),
    "sides": st.sampled_from(["each", "alternate", "none"]),
    "exercise": st.sampled_from(["side-plank", "bird-dog"]),
})


def expected_item_seconds(d: dict[str, int | str]) -> int:
    hold, rest, reps = int(d["hold"]), int(d["rest"]), int(d["reps"])
    sets, set_rest, switch = int(d["sets"]), int(d["set_rest"]), int(d["switch"])
    one_run = reps * hold + (reps - 1) * rest
    per_set = 2 * one_run + switch if d["sides"] == "each" else one_run
    return sets * per_set + (sets - 1) * set_rest


@settings(max_examples=examples(100))
@given(st.lists(doses, min_size=1, max_size=5), st.integers(0, 30), st.integers(0, 30))
def test_total_matches_the_design_rules(
    items: list[dict[str, int | str]], prepare: int, transition: int
) -> None:
    lines = [f"title: Generated\nprepare: {prepare}\ntransition: {transition}\nitems:"]
    for d in items:
        lines.append("  - " + "\n    ".join(f"{k}: {v}" for k, v in d.items()))
    text = "\n".join(lines) + "\n"
    tl = timeline(text)
    expected = prepare + transition * (len(items) - 1) + sum(map(expected_item_seconds, items))
    assert tl.total_seconds == expected
    assert tl.total_seconds == sum(s.seconds or 0 for s in tl.steps)
    holds = [s for s in tl.steps if s.kind is StepKind.HOLD]
    assert len(holds) == sum(
        int(d["reps"]) * int(d["sets"]) * (2 if d["sides"] == "each" else 1) for d in items
    )



def test_a_session_without_prepare_takes_the_persons_default() -> None:
    text = """
        title: X
        items:
          - {exercise: squat, hold: 10s}
    """
    assert timeline(text).steps[0].seconds == 5  # the format's default
    own = compile_session(session(text), exercises(), default_prepare=20)
    assert own.steps[0].kind is StepKind.PREPARE and own.steps[0].seconds == 20
    explicit = session(text.replace("title: X", "title: X\n        prepare: 3s"))
    assert compile_session(explicit, exercises(), default_prepare=20).steps[0].seconds == 3
    no_prepare = compile_session(session(text), exercises(), default_prepare=0)
    assert no_prepare.steps[0].kind is StepKind.HOLD


def test_staged_item_reps_repeat_the_whole_sequence_within_each_set() -> None:
    tl = timeline("""
        title: Cat curl
        prepare: 0
        items:
          - exercise: back-extension
            stages:
              - {label: Sag, hold: 5s}
              - {label: Neutral, hold: 2s}
            reps: 3
            sets: 2
            set_rest: 30s
    """)
    holds = [s for s in tl.steps if s.kind is StepKind.HOLD]
    assert [s.label for s in holds[:4]] == ["Sag", "Neutral", "Sag", "Neutral"]
    assert [(s.rep, s.reps, s.set, s.sets) for s in holds[:6:2]] == [
        (1, 3, 1, 2), (2, 3, 1, 2), (3, 3, 1, 2)]
    assert len(holds) == 12
    assert tl.total_seconds == 2 * 3 * 7 + 30


def test_a_huge_staged_item_is_refused_without_laying_it_all_out() -> None:
    from backtimer.session.loader import MAX_REPS, MAX_SETS
    from backtimer.session.model import Dose, Item, Session
    from backtimer.session.timeline import TimelineTooLongError

    stage = Dose(hold=1.0, rest=1.0, reps=MAX_REPS)
    big = Session(id="big", title="Big", items=(
        Item("back-extension", Dose(hold=None, reps=MAX_REPS, sets=MAX_SETS), (stage,) * 50),))
    with pytest.raises(TimelineTooLongError):
        compile_session(big, exercises())
