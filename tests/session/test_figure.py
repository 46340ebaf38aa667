"""Exercise figures: every built-in has one, they mirror, and they move in time with the step."""

from __future__ import annotations

import pytest

from backtimer.session.figure import (
    EASE_IN,
    Figure,
    blend,
    figure_bounds,
    figure_for_side,
    key_pose,
    mirrored,
    parse_pose,
    place,
    pose_at,
)
from backtimer.session.loader import load_exercises
from backtimer.session.writer import exercises_to_yaml
from backtimer.store.library import Library

LIBRARY = Library(None).exercises
CAT = parse_pose("back 40 -5, head 290, arm 270 270, leg 270 180 180")
COW = parse_pose("back -5 40, head 45, arm 270 270, leg 270 180 180")


def test_every_built_in_exercise_has_a_figure_that_stands_on_the_floor() -> None:
    assert len(LIBRARY) >= 28
    for exercise in LIBRARY.values():
        figure = exercise.figure
        assert figure is not None, exercise.id
        left, bottom, right, top = figure_bounds(figure)
        assert right - left > 2 and top - bottom > 1, exercise.id  # a body, not a dot
        if figure.view != "top":
            assert bottom == pytest.approx(0.0), exercise.id  # resting on the floor


def test_exercises_with_sides_work_the_named_side_in_their_mirror_image() -> None:
    plank = LIBRARY["side-plank"].figure
    assert plank is not None
    assert figure_for_side(plank, "left") is plank
    assert figure_for_side(plank, None) is plank
    right = figure_for_side(plank, "right")
    for pose, flipped in zip(plank.poses, right.poses, strict=True):
        a, b = place(pose), place(flipped)
        assert b.head[0] == pytest.approx(-a.head[0])  # the head is at the other end
        assert b.head[1] == pytest.approx(a.head[1])
        assert place(mirrored(flipped)).head[0] == pytest.approx(a.head[0])


def test_a_moving_figure_is_at_the_blended_keyframe_of_the_moment() -> None:
    figure = Figure(poses=(CAT, COW), cycle=8.0)
    assert pose_at(figure, 0.0, 30.0) == CAT
    assert pose_at(figure, 4.0, 30.0) == COW  # halfway round: the second pose
    assert pose_at(figure, 8.0, 30.0) == CAT  # and back
    halfway = pose_at(figure, 2.0, 30.0)  # between the two, eased: exactly half at the middle
    assert halfway.lower_back == pytest.approx(blend(CAT, COW, 0.5).lower_back)
    assert halfway.lower_back == pytest.approx(17.5)
    early = pose_at(figure, 0.5, 30.0)  # eased: slow out of a pose
    assert CAT.lower_back > early.lower_back > 40 - 45 * 0.25 / 2


def test_a_figure_follows_its_step_or_moves_into_its_held_pose() -> None:
    per_step = Figure(poses=(CAT, COW), cycle="step")
    assert pose_at(per_step, 5.0, 10.0) == COW  # half of a 10 s step
    held = Figure(poses=(CAT, COW))
    assert pose_at(held, 0.0, 10.0) == CAT
    assert pose_at(held, EASE_IN, 10.0) == COW
    assert pose_at(held, 9.0, 10.0) == COW == key_pose(held)


def test_angles_blend_the_short_way_round() -> None:
    a, b = parse_pose("back 350"), parse_pose("back 10")
    assert blend(a, b, 0.5).lower_back % 360 == pytest.approx(0.0)


def test_a_figure_is_written_and_read_back_the_same() -> None:
    exercises = [LIBRARY["cat-curl"], LIBRARY["hamstring-stretch"], LIBRARY["walk"]]
    found, problems = load_exercises("exercises.yaml", exercises_to_yaml(exercises).encode())
    assert problems == []
    assert [found[e.id] for e in exercises] == exercises


BROKEN = {
    "figure: yes": "expected a figure",
    "figure: {}": "expected a figure, found an empty",
    "figure: {poses: []}": "expected a list of poses",
    "figure: {poses: [12]}": "expected a pose as a line",
    "figure: {poses: [back]}": "back takes 1 to 2 angles, not 0",
    "figure: {poses: ['back 1 2 3']}": "back takes 1 to 2 angles, not 3",
    "figure: {poses: ['back x']}": "expected angles in degrees",
    "figure: {poses: ['back nan']}": "angles go from -720 to 720",
    "figure: {poses: ['back 1,, leg 1 2']}": "empty part",
    "figure: {poses: ['elbow 1 2']}": "unknown part 'elbow'",
    "figure: {poses: ['back 1, back 2']}": "gives 'back' twice",
    "figure: {poses: ['back 1'], cycle: 0.1s}": "must be from 0.5 s",
    "figure: {poses: ['back 1'], cycle: soon}": "or 'step'",
    "figure: {poses: ['back 1'], view: side-ways}": "expected one of side, front, top",
    "figure: {poses: ['back 1'], props: [chair]}": "expected names from stool",
    "figure: {poses: ['back 1'], work: leg}": "",  # one name alone is fine
    "figure: {poses: ['back 1'], pose: []}": "unknown key (did you mean 'poses'?)",
}


@pytest.mark.parametrize(("figure", "message"), list(BROKEN.items()))
def test_a_broken_figure_is_a_located_problem_never_a_crash(figure: str, message: str) -> None:
    text = f"exercises:\n  mine:\n    name: Mine\n    kind: stretch\n    {figure}\n"
    found, problems = load_exercises("exercises.yaml", text.encode())
    if not message:
        assert problems == [] and found["mine"].figure is not None
        return
    assert "mine" not in found
    assert [p.line for p in problems] == [5]
    assert message in problems[0].message
    assert problems[0].field is not None and problems[0].field.startswith("mine.figure")


def test_a_broken_pose_names_its_own_line_and_index() -> None:
    text = ("exercises:\n  mine:\n    name: Mine\n    kind: stretch\n    figure:\n"
            "      poses:\n        - back 90\n        - leg 1 2 3 4\n")
    _found, problems = load_exercises("exercises.yaml", text.encode())
    assert [(p.line, p.field) for p in problems] == [(8, "mine.figure.poses[2]")]
    assert str(problems[0]) == (
        "exercises.yaml:8: mine.figure.poses[2]: leg takes 2 to 3 angles, not 4"
    )


def test_every_figure_key_and_part_is_documented() -> None:
    from pathlib import Path

    from backtimer.session.figure import LIMBS, PROPS, VIEWS, WORK_PARTS
    from backtimer.session.figure_reader import FIGURE_KEYS

    doc = (Path(__file__).resolve().parents[2] / "docs" / "format.md").read_text("utf-8")
    for name in (*FIGURE_KEYS, *LIMBS, *PROPS, *VIEWS, *WORK_PARTS, "head"):
        assert f"`{name}" in doc, name
