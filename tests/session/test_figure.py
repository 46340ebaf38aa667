"""Exercise figures: every built-in has one, they mirror, and they move in time with the step."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
from tests.helpers import examples

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
        a, b = place(pose, plank.view), place(flipped, plank.view, mirror=True)
        assert b.head[0] == pytest.approx(-a.head[0])  # the head is at the other end
        assert b.head[1] == pytest.approx(a.head[1])
        again = place(mirrored(flipped, plank.view), plank.view)
        assert again.head[0] == pytest.approx(a.head[0])
        for name, chain in a.limbs.items():  # every joint mirrored: no limb hangs from the
            for p, q in zip(chain, b.limbs[name], strict=True):  # wrong shoulder
                assert q == pytest.approx((-p[0], p[1]))


@pytest.mark.parametrize("side", ["left", "right"])
def test_a_side_plank_rests_on_the_forearm_of_the_side_the_step_names(side: str) -> None:
    """Seen from the front: on the left side the head is to the right of the picture (the body
    tipped over onto its left), the supporting arm hangs from the lower shoulder straight under
    it to the elbow on the floor; on the right side all of it mirrors."""
    plank = figure_for_side(LIBRARY["side-plank"].figure, side)  # type: ignore[arg-type]
    assert plank.view == "front" and "arm" in plank.work  # the arm on the floor is the marked one
    towards = 1.0 if side == "left" else -1.0
    for pose in plank.poses:
        points = place(pose, plank.view, plank.mirror)
        shoulder, elbow, hand = points.limbs["arm"]
        top_shoulder = points.limbs["far-arm"][0]
        assert (points.head[0] - points.hip[0]) * towards > 2  # the head's end of the body
        assert shoulder[1] < top_shoulder[1]  # the supporting arm is the lower one
        assert abs(elbow[0] - shoulder[0]) < 0.1  # the elbow right under the shoulder
        assert elbow[1] == pytest.approx(hand[1], abs=0.05)  # the forearm flat on the floor
        assert elbow[1] < 0.5 and (hand[0] - points.hip[0]) * towards > 0
    held = place(key_pose(plank), plank.view, plank.mirror)
    feet = min(held.limbs["leg"][2][1], held.limbs["far-leg"][2][1])
    assert held.hip[1] - feet > 0.8  # the hips are lifted off the floor in the held pose


def test_a_front_view_twist_turns_the_shoulders_not_the_hips() -> None:
    square = place(parse_pose("arm 0 0, far-arm 180 180"), "front")
    turned = place(parse_pose("arm 0 0, far-arm 180 180, twist 60"), "front")
    width = lambda p, a, b: abs(p.limbs[a][0][0] - p.limbs[b][0][0])  # noqa: E731
    assert width(turned, "arm", "far-arm") == pytest.approx(width(square, "arm", "far-arm") / 2)
    assert width(turned, "leg", "far-leg") == pytest.approx(width(square, "leg", "far-leg"))
    reach = turned.limbs["arm"][2][0] - turned.limbs["arm"][0][0]
    assert reach == pytest.approx((square.limbs["arm"][2][0] - square.limbs["arm"][0][0]) / 2)
    helicopter = LIBRARY["helicopter"].figure
    assert helicopter is not None and "turn" in helicopter.props
    assert {p.twist > 0 for p in helicopter.poses} == {True, False}  # turns one way, then back


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
    exercises = [LIBRARY["cat-curl"], LIBRARY["hamstring-stretch"], LIBRARY["walk"],
                 LIBRARY["helicopter"]]
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
    "figure: {poses: ['twist 100'], view: front}": "twist goes from -90 to 90",
    "figure: {poses: ['twist 1 2'], view: front}": "twist takes 1 angle, not 2",
    "figure: {poses: ['belly 2']}": "belly goes from 0 (flat) to 1",
    "figure: {poses: ['back 90, twist 30']}": "in the front view only",
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
    for name in (*FIGURE_KEYS, *LIMBS, *PROPS, *VIEWS, *WORK_PARTS, "head", "twist"):
        assert f"`{name}" in doc, name


PART_NAMES = ["back", "head", "arm", "far-arm", "leg", "far-leg", "twist", "belly", "elbow"]


@settings(max_examples=examples(120))  # the profile: no deadline, new inputs each run
@given(
    view=st.sampled_from(["side", "front", "top"]),
    parts=st.lists(st.tuples(st.sampled_from(PART_NAMES),
                             st.lists(st.one_of(st.floats(allow_nan=True), st.integers(-999, 999),
                                                st.text(max_size=3)), max_size=4)),
                   min_size=1, max_size=8),
)
def test_any_pose_line_is_a_figure_or_a_located_problem(
    view: str, parts: list[tuple[str, list[object]]]
) -> None:
    line = ", ".join(" ".join([name, *(str(v) for v in values)]) for name, values in parts)
    text = (f"exercises:\n  mine:\n    name: Mine\n    kind: stretch\n    figure:\n"
            f"      view: {view}\n      poses:\n        - {json.dumps(line)}\n")
    found, problems = load_exercises("exercises.yaml", text.encode())
    if problems:
        assert "mine" not in found and all(p.line in (5, 8) for p in problems)
        return
    figure = found["mine"].figure
    assert figure is not None
    for side in ("left", "right"):
        sided = figure_for_side(figure, side)
        assert all(math.isfinite(v) for v in figure_bounds(sided))


def test_a_face_down_figure_shows_its_face_below_the_head_and_a_face_up_one_above() -> None:
    """Face down (superman, cobra, press-up) and face up (dead bug, bridge) look alike without a
    face: the nose, derived from the pose, points where the face looks, on either side."""
    for exercise_id, down in (("superman", True), ("modified-cobra", True), ("press-up", True),
                              ("dead-bug", False), ("glute-bridge", False)):
        figure = LIBRARY[exercise_id].figure
        assert figure is not None
        for side in ("left", "right"):
            sided = figure_for_side(figure, side)
            for pose in sided.poses:
                points = place(pose, sided.view, sided.mirror)
                assert points.nose is not None, exercise_id
                below = points.nose[1] < points.head[1] - 0.25
                above = points.nose[1] > points.head[1] + 0.25
                assert (below if down else above), (exercise_id, side, pose)


def test_a_standing_figure_looks_the_way_it_faces_and_front_or_top_views_show_no_nose() -> None:
    standing = parse_pose("back 90")
    ahead = place(standing)
    assert ahead.nose is not None and ahead.nose[0] > ahead.head[0] + 0.5
    behind = place(mirrored(standing), mirror=True)
    assert behind.nose is not None and behind.nose[0] < behind.head[0] - 0.5
    assert place(standing, "front").nose is None
    assert place(standing, "top").nose is None


def test_a_breath_in_swells_the_belly_out_of_the_trunks_front() -> None:
    """Diaphragm breathing: the belly rises under the hands (face up: upwards), and falls back."""
    figure = LIBRARY["diaphragm-breathing"].figure
    assert figure is not None and "belly" in figure.work
    for side in ("left", "right"):
        sided = figure_for_side(figure, side)
        rises = [place(p, sided.view, sided.mirror).belly for p in sided.poses]
        assert rises[0] is not None and rises[1] is not None
        assert rises[1][1][1] > rises[0][1][1] + 0.5  # braced flatter, then a breath in
