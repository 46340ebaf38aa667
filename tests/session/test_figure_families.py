"""Look-alike exercises keep the one difference that tells them apart (from their articles).

Blind reviewers matched the face-down lifts and the dead bug variants to the wrong names when
their figures drifted together; each test here pins the geometric difference its article gives,
so a later edit cannot merge a family again. Points are in head units, the floor at y = 0; a
face-down body has its head to the right, a face-up one to the left.
"""

from __future__ import annotations

import math

from backtimer.session.figure import Figure, Points, key_pose, place
from backtimer.store.library import Library

LIBRARY = Library(None).exercises
ON_FLOOR = 0.45  # a hand or foot this low rests on the mat (its stroke is 0.46 thick)


def figure(exercise_id: str) -> Figure:
    found = LIBRARY[exercise_id].figure
    assert found is not None, exercise_id
    return found


def points(exercise_id: str, index: int = -1) -> Points:
    shown = figure(exercise_id)
    return place(shown.poses[index], shown.view, shown.mirror)


def bend(chain: tuple[tuple[float, float], ...]) -> float:
    """The angle at the middle joint of a limb, degrees: 180 is straight."""
    (ax, ay), (bx, by), (cx, cy) = chain[:3]
    first = math.atan2(ay - by, ax - bx)
    second = math.atan2(cy - by, cx - bx)
    angle = abs(math.degrees(first - second)) % 360
    return 360 - angle if angle > 180 else angle


def chest_height(p: Points) -> float:
    return p.neck[1]


# -- face down: back extension, modified cobra, press-up -------------------------------------------


def test_back_extension_goes_up_on_the_elbows_then_presses_up_on_straight_arms() -> None:
    """004: "Prop yourself up on your elbows ... then ... pushing down on your hands, straightening
    your arms, keeping your hips flat": an elbow stage (forearms flat on the mat, pointing ahead)
    and a stage on straight arms; the elbows are the key pose, as straight arms alone read as
    the press-up exercise."""
    poses = figure("back-extension").poses
    assert len(poses) == 3
    elbows = points("back-extension")  # the key pose: the still picture is the elbow stage
    for name in ("arm", "far-arm"):
        _, elbow, hand = elbows.limbs[name]
        assert elbow[1] < ON_FLOOR and hand[1] < ON_FLOOR  # the forearm lies on the mat
        assert hand[0] > elbow[0] + 1.0  # pointing ahead, under the head
    pressed = points("back-extension", 1)
    assert bend(pressed.limbs["arm"]) > 165  # straight arms
    assert pressed.limbs["arm"][2][1] < ON_FLOOR  # hands on the floor
    assert pressed.hip[1] < ON_FLOOR  # hips flat
    assert chest_height(pressed) > chest_height(elbows) + 0.8


def test_modified_cobra_lifts_a_little_on_resting_forearms_with_the_legs_off_the_floor() -> None:
    """000: "lift your ribs ... like you're about to do a superman, but your legs don't go up too
    high": the forearms rest flat on the mat beside the chest (the app's choice; hands pressing
    under the chest drew an elbow that looked bent backwards), elbows back by the ribs, hands
    under the shoulders, not ahead under the head as in the back extension's elbow stage; the
    chest lower than that stage's, and the feet (not the hips) a little off the floor."""
    cobra = points("modified-cobra")
    _, elbow, hand = cobra.limbs["arm"]
    assert elbow[1] < ON_FLOOR and hand[1] < ON_FLOOR  # the forearm lies on the mat
    assert elbow[0] < cobra.neck[0] - 0.8  # the elbow back by the ribs, not under the shoulder
    assert abs(hand[0] - cobra.neck[0]) < 0.5  # the hand under the shoulder, not under the head
    elbows = points("back-extension")  # the back extension's elbow stage
    assert elbows.limbs["arm"][2][0] - elbows.neck[0] > hand[0] - cobra.neck[0] + 0.8
    assert chest_height(cobra) < chest_height(elbows) - 0.3
    feet = [cobra.limbs[name][2][1] for name in ("leg", "far-leg")]
    assert min(feet) > 0.5 and max(feet) < 0.9  # legs lifted, barely: not a superman
    assert cobra.hip[1] < ON_FLOOR
    for other, pose in (("back-extension", 1), ("press-up", -1)):  # their straight arms
        assert chest_height(cobra) < chest_height(points(other, pose)) - 1.0, other
    assert "leg" in figure("modified-cobra").work


def test_a_press_up_keeps_the_legs_relaxed_on_the_floor_and_has_no_elbow_stage() -> None:
    press = points("press-up")
    assert bend(press.limbs["arm"]) > 165
    assert max(press.limbs[name][2][1] for name in ("leg", "far-leg")) < ON_FLOOR
    assert len(figure("press-up").poses) == 2


# -- face up: the dead bug variants ----------------------------------------------------------------


def arm_up(p: Points, name: str) -> bool:
    """The arm points at the ceiling: the hand well above the shoulder."""
    return p.limbs[name][2][1] > p.limbs[name][0][1] + 2.0


def arm_on_floor_by_side(p: Points, name: str) -> bool:
    """The arm lies along the body towards the feet (the head is on the left)."""
    _, elbow, hand = p.limbs[name]
    return hand[1] < ON_FLOOR + 0.3 and elbow[1] < 1.0 and hand[0] > p.neck[0] + 1.5


def arm_overhead(p: Points, name: str) -> bool:
    """The arm reaches past the head."""
    return p.limbs[name][2][0] < p.head[0] - 0.5


def foot_on_floor(p: Points, name: str) -> bool:
    return p.limbs[name][2][1] < ON_FLOOR + 0.2


def moved(exercise_id: str) -> set[str]:
    """The limbs whose hand or foot moves (more than a head) anywhere in the figure's poses."""
    shown = figure(exercise_id)
    placed = [place(pose, shown.view, shown.mirror) for pose in shown.poses]
    return {name for name in placed[0].limbs
            if max(math.dist(p.limbs[name][2], placed[0].limbs[name][2]) for p in placed) > 1.0}


def test_dead_bug_lifts_one_limb_at_a_time_from_lying_with_the_arms_by_the_sides() -> None:
    """004 level 1: "knees bent, arms at your sides, feet flat ... lift one leg until the knee is
    over your hip ... before lowering it ... Then lift your arm over your head": a knee up with
    both arms by the sides, then an arm overhead with both feet flat; never both together (the
    opposite arm and leg level) and no arm pointing up (the march)."""
    start, knee_up, arm_over = (points("dead-bug", i) for i in range(3))
    assert moved("dead-bug") == {"leg", "arm"}
    for p in (start, knee_up):
        assert arm_on_floor_by_side(p, "arm") and arm_on_floor_by_side(p, "far-arm")
    assert foot_on_floor(start, "leg") and not foot_on_floor(knee_up, "leg")
    assert foot_on_floor(knee_up, "far-leg")
    knee = knee_up.limbs["leg"][1]
    assert abs(knee[0] - knee_up.hip[0]) < 0.5  # the knee over the hip
    assert arm_overhead(arm_over, "arm") and arm_on_floor_by_side(arm_over, "far-arm")
    assert foot_on_floor(arm_over, "leg") and foot_on_floor(arm_over, "far-leg")


def test_dead_bug_march_keeps_both_arms_up_and_taps_each_foot_in_turn() -> None:
    """001: "Raise your arms and legs up to the ceiling, knees bent to 90 degrees ... touch one
    toe to the ground ... repeat on the opposite leg": the arms never move, both legs tap."""
    shown = figure("dead-bug-march")
    assert moved("dead-bug-march") == {"leg", "far-leg"}
    placed = [place(pose, shown.view, shown.mirror) for pose in shown.poses]
    for p in placed:
        assert arm_up(p, "arm") and arm_up(p, "far-arm")
    assert not foot_on_floor(placed[0], "leg") and not foot_on_floor(placed[0], "far-leg")
    for name in ("leg", "far-leg"):
        assert any(foot_on_floor(p, name) for p in placed), name
    assert not any(foot_on_floor(p, "leg") and foot_on_floor(p, "far-leg") for p in placed)


def test_dead_bug_opposite_raises_a_knee_and_the_other_arm_overhead_from_the_floor() -> None:
    """004 level 2: from "arms at your sides, feet flat", "raising one leg and the opposite arm
    together"; the other arm and foot stay on the floor."""
    start, held = points("dead-bug-opposite", 0), points("dead-bug-opposite")
    assert moved("dead-bug-opposite") == {"leg", "far-arm"}
    assert arm_on_floor_by_side(start, "arm") and arm_on_floor_by_side(start, "far-arm")
    assert foot_on_floor(start, "leg") and foot_on_floor(start, "far-leg")
    assert arm_overhead(held, "far-arm") and arm_on_floor_by_side(held, "arm")
    assert not foot_on_floor(held, "leg") and foot_on_floor(held, "far-leg")
    assert bend(held.limbs["leg"]) < 120  # the knee stays bent: a knee up, not a leg reach


def test_dead_bug_reach_starts_with_arms_and_knees_up_and_stretches_the_leg_out_low() -> None:
    """002: "arms stretched toward the sky and legs bent in a 90-degree position ... lower one arm
    so that it's by your ear and extend the opposite leg slowly toward the ground"."""
    start, held = points("dead-bug-reach", 0), points("dead-bug-reach")
    assert moved("dead-bug-reach") == {"leg", "far-arm"}
    assert arm_up(start, "arm") and arm_up(start, "far-arm")
    assert not foot_on_floor(start, "leg") and not foot_on_floor(start, "far-leg")
    assert arm_up(held, "arm") and arm_overhead(held, "far-arm")
    leg = held.limbs["leg"]
    assert bend(leg) > 160  # straight
    assert leg[2][0] > held.hip[0] + 3.0 and leg[2][1] < 1.2  # long and low, not on the floor
    # The reach is what tells it from the plain dead bug: the arm straight and low too.
    arm = held.limbs["far-arm"]
    assert bend(arm) > 165 and arm[2][1] < 1.2
    assert not foot_on_floor(held, "leg")
    assert not foot_on_floor(held, "far-leg")


def test_the_dead_bug_variants_start_from_their_own_articles_position() -> None:
    """The 004 levels start lying with arms on the floor; the 001 and 002 ones with the arms up."""
    for exercise_id, arms_up in (("dead-bug", False), ("dead-bug-opposite", False),
                                 ("dead-bug-march", True), ("dead-bug-reach", True)):
        start = points(exercise_id, 0)
        assert arm_up(start, "arm") is arms_up, exercise_id
        assert key_pose(figure(exercise_id)) is figure(exercise_id).poses[-1]


def test_the_knee_hover_rests_on_hands_and_tucked_toes_with_the_knees_clearly_up() -> None:
    """002: "Tuck your toes under and press into them ... Lift your knees an inch or two": the
    toes stay on the floor (they floated once), the knees clearly leave it (the app's own,
    exaggerated height, marked in the exercises file)."""
    hover = points("knee-hover")
    for name in ("leg", "far-leg"):
        assert hover.limbs[name][-1][1] < ON_FLOOR  # the toes on the floor
        assert hover.limbs[name][1][1] > 0.8  # the knee well off it
    assert hover.limbs["arm"][2][1] < ON_FLOOR


def test_the_pelvic_tilt_arches_the_low_back_off_an_empty_mat() -> None:
    """004: "tilt your pelvis the other direction by arching your lower back": the waist rises
    off the mat with nothing under it (arms along the sides filled the gap, and the arch read as
    a belly swelling, like the diaphragm breathing), then lies flat."""
    arched, flat = points("pelvic-tilt", 0), points("pelvic-tilt")
    assert arched.waist[1] > arched.hip[1] + 0.5 and arched.waist[1] > arched.neck[1] + 0.5
    assert abs(flat.waist[1] - flat.hip[1]) < 0.1
    for name in ("arm", "far-arm"):
        assert all(x <= arched.neck[0] + 0.01 for x, _ in arched.limbs[name]), name


def test_the_figure_four_crosses_the_near_worked_ankle_over_the_held_far_knee() -> None:
    """004: "Cross one ankle over the opposite knee ... hold the back of the thigh of the bottom
    leg and draw it gently toward your chest": the crossed, stretched leg is the near one (drawn
    in front, in the accent colour), its ankle resting on the bottom leg's knee; the bottom leg
    is behind it, its knee over the hip, the hands on the back of its thigh. (Both legs near
    tangled into a knot at real size; the crossed leg drawn faded behind hid the crossing.)"""
    shown = figure("gluteal-stretch")
    assert shown.work == ("leg",)  # the stretched leg is the crossed one, the near one
    held = points("gluteal-stretch")
    _, knee, _ = held.limbs["far-leg"][:3]
    assert abs(knee[0] - held.hip[0]) < 0.6 and knee[1] > 1.8  # drawn in, the knee up
    ankle = held.limbs["leg"][2]
    assert math.dist(ankle, knee) < 0.8 and ankle[1] > knee[1]  # resting on top of the knee
    foot = held.limbs["leg"][3]
    assert foot[0] < knee[0]  # the foot past the knee: crossed over it
    hand = held.limbs["arm"][2]
    assert hand[0] < knee[0] and math.dist(hand, knee) < 1.0  # on the back of the thigh
