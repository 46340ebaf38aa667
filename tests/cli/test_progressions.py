"""The built-in progressions, through `backtimer plan --level`, against the articles' numbers."""

from __future__ import annotations

import json

import pytest

from backtimer.cli import main
from backtimer.session.timeline import StepKind, compile_session, level_count
from backtimer.store.library import Library


def plan(capsys: pytest.CaptureFixture[str], ref: str, level: int) -> dict:  # type: ignore[type-arg]
    code = main(["plan", ref, "--json", "--level", str(level)])
    out = capsys.readouterr().out
    assert code == 0
    return json.loads(out)  # type: ignore[no-any-return]


def holds(steps: list[dict], exercise: str, side: str | None = None) -> list[float]:  # type: ignore[type-arg]
    return [s["seconds"] for s in steps
            if s["kind"] == "hold" and s["exercise"] == exercise
            and (side is None or s["side"] == side)]


def test_side_plank_progression_level_one_is_ten_holds_of_ten_seconds_each_side(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 001: "Hold side plank for 10 seconds, resting for only 3 seconds. Complete 10 reps."
    steps = plan(capsys, "side-plank-progression", 1)["steps"]
    for side in ("left", "right"):
        assert holds(steps, "side-plank", side) == [10] * 10
        rests = [s["seconds"] for s in steps if s["kind"] == "rest" and s["side"] == side]
        assert rests == [3] * 9


def test_side_plank_progression_climbs_to_a_hundred_seconds_straight(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 001: "increase the duration until you can hold for 100 seconds straight ... 20s on, 3s
    # off. Then 30s on, 3s off." One workout per level, each about 100 s per side.
    library = Library(None)
    count = level_count(library.resolve("side-plank-progression"))
    assert count >= 5
    longest = []
    for level in range(1, count + 1):
        steps = plan(capsys, "side-plank-progression", level)["steps"]
        for side in ("left", "right"):
            per_side = holds(steps, "side-plank", side)
            assert 75 <= sum(per_side) <= 120, (level, per_side)
        longest.append(max(holds(steps, "side-plank")))
    assert longest == sorted(longest) and longest[:3] == [10, 20, 30]
    assert holds(plan(capsys, "side-plank-progression", count)["steps"], "side-plank") == [100] * 2


def test_side_plank_toward_one_minute(capsys: pytest.CaptureFixture[str]) -> None:
    # 004: "Hold for 10 before relaxing ... Gradually work up to ... one minute."
    count = level_count(Library(None).resolve("side-plank-minute"))
    assert holds(plan(capsys, "side-plank-minute", 1)["steps"], "side-plank") == [10, 10]
    assert holds(plan(capsys, "side-plank-minute", count)["steps"], "side-plank") == [60, 60]


def test_back_extension_works_up_to_a_ten_second_arch(capsys: pytest.CaptureFixture[str]) -> None:
    # 004: "Hold this position for 1 second initially ... gradually working up to maintaining
    # the arched position for 10 seconds."
    count = level_count(Library(None).resolve("back-extension"))
    first = plan(capsys, "back-extension", 1)["steps"]
    last = plan(capsys, "back-extension", count)["steps"]
    press = [s for s in first if s["label"] == "Press-up" and s["kind"] == "hold"]
    assert {s["seconds"] for s in press} == {1} and len(press) == 40
    press = [s for s in last if s["label"] == "Press-up" and s["kind"] == "hold"]
    assert {s["seconds"] for s in press} == {10} and len(press) == 40
    # The lie and the elbows stay once at every level.
    assert [s["seconds"] for s in last if s["label"].startswith("Lie face down")] == [300]


def test_core_series_works_up_to_three_sets(capsys: pytest.CaptureFixture[str]) -> None:
    # 004: "Work up to doing 3 sets" (cat curl, arm-leg raise), "working up to 3 sets"
    # (pelvic tilt, partial curl).
    for level in (1, 2, 3):
        steps = plan(capsys, "core-strengthening", level)["steps"]
        for exercise in ("cat-curl", "bird-dog", "pelvic-tilt", "partial-curl"):
            sets = {s["sets"] for s in steps if s["exercise"] == exercise and s["kind"] == "hold"}
            assert sets == {level}, (level, exercise)
    assert level_count(Library(None).resolve("core-strengthening")) == 3


def test_dead_bug_levels_follow_004(capsys: pytest.CaptureFixture[str]) -> None:
    first = plan(capsys, "dead-bug-levels", 1)["steps"]
    assert {s["exercise"] for s in first if s["kind"] == "hold"} == {"dead-bug"}
    second = plan(capsys, "dead-bug-levels", 2)["steps"]
    together = [s for s in second if s["kind"] == "hold"]
    assert {s["exercise"] for s in together} == {"dead-bug-opposite"}
    assert {s["seconds"] for s in together} == {5}
    third = plan(capsys, "dead-bug-levels", 3)["steps"]
    assert any("off the floor" in s["label"] for s in third if s["kind"] == "hold")


def test_supermans_go_from_two_to_three_sets_of_ten_to_fifteen(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 002: "Do 2 to 3 sets of 10 to 15 repetitions."
    count = level_count(Library(None).resolve("strength-basics"))
    for level in range(1, count + 1):
        steps = [s for s in plan(capsys, "strength-basics", level)["steps"]
                 if s["exercise"] == "superman" and s["kind"] == "hold"]
        assert {s["seconds"] for s in steps} == {5}
        assert 2 <= steps[0]["sets"] <= 3 and 10 <= steps[0]["reps"] <= 15
    first = [s for s in plan(capsys, "strength-basics", 1)["steps"]
             if s["exercise"] == "superman" and s["kind"] == "hold"]
    last = [s for s in plan(capsys, "strength-basics", count)["steps"]
            if s["exercise"] == "superman" and s["kind"] == "hold"]
    assert (first[0]["sets"], first[0]["reps"]) == (2, 10)
    assert (last[-1]["sets"], last[-1]["reps"]) == (3, 15)


def test_no_built_in_session_holds_a_side_plank_over_two_minutes_per_side() -> None:
    # Issue 12: the old ladder held 540 s per side in one session. Every level of every
    # built-in session is checked on its own (a progression's levels are separate workouts).
    library = Library(None)
    for session in library.sessions():
        for level in range(1, level_count(session) + 1):
            steps = compile_session(session, library.exercises, level=level).steps
            for side in ("left", "right"):
                held = sum(s.seconds or 0 for s in steps if s.kind is StepKind.HOLD
                           and s.exercise == "side-plank" and s.side is not None
                           and s.side.value == side)
                assert held <= 120, (session.id, level, side, held)


def test_side_plank_ladder_is_gone(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "side-plank-ladder"]) == 1
    capsys.readouterr()


def test_hamstring_stretch_is_004s_dose_alternating_legs_three_times_each(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 004: "Hold this position for 15 to 30 seconds. Alternate legs and repeat 3 times on each
    # side."
    assert level_count(Library(None).resolve("hamstring-stretch")) == 2
    for level, seconds in ((1, 15), (2, 30)):
        steps = plan(capsys, "hamstring-stretch", level)["steps"]
        sides = [s["side"] for s in steps if s["kind"] == "hold"]
        assert sides == ["left", "right"] * 3
        assert holds(steps, "hamstring-stretch") == [seconds] * 6
