"""An exercise's figure: a few poses of a jointed stick figure, and where it is at a moment.

A figure is data beside its exercise (``figure:`` in the exercise library), so every exercise,
a person's own too, can show what the body should look like. Each pose is one short line of
absolute segment angles (``"back 180 175, head 180, arm 90 90, leg 45 -60"``): one YAML
scalar per pose keeps the library as quick to read as before, and angles (rather than points)
keep every limb its true length whatever is written. The drawing itself is the UI's job; here
are only the numbers: joint positions in "head" units (a head is 1 tall), standing on y = 0.

Angles are in degrees, counter-clockwise, 0 pointing the way the figure faces (to the right of
the picture) and 90 straight up. ``arm``/``leg`` are the limbs nearer the viewer (drawn in
front); ``far-arm``/``far-leg`` the others (drawn behind, softer); in the front and top views
they hang from either end of the shoulders and hips. A figure is drawn for the left side; the
right side is its mirror image (see ``figure_for_side``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Final

from backtimer.session.durations import DurationError, parse_duration

# Segment lengths in head heights (a head is 1 across): an adult's proportions, ~7.7 heads.
LOWER_BACK: Final = 1.3
UPPER_BACK: Final = 1.45
NECK: Final = 0.72  # from the top of the trunk to the centre of the head
HEAD_RADIUS: Final = 0.5
UPPER_ARM: Final = 1.35
FOREARM: Final = 1.4  # hand included
THIGH: Final = 1.95
SHIN: Final = 1.85
FOOT: Final = 0.65
SHOULDER_WIDTH: Final = 0.85  # half, in the front and top views
HIP_WIDTH: Final = 0.45  # half
TRUNK_WIDTH: Final = 0.66  # the trunk's stroke
LIMB_WIDTH: Final = 0.46  # arms' and legs' strokes
NOSE: Final = 0.28  # how far the nose stands out of the head: which way the face looks

VIEWS: Final = ("side", "front", "top")
PROPS: Final = ("stool", "weights", "stick", "turn", "arrow")
LIMBS: Final = ("arm", "far-arm", "leg", "far-leg")
WORK_PARTS: Final = (*LIMBS, "back", "belly")
BELLY_RISE: Final = 0.9  # head units: how far a full breath (``belly 1``) swells the belly
MAX_POSES: Final = 12
MAX_TWIST: Final = 90.0
MIN_CYCLE: Final = 0.5
MAX_CYCLE: Final = 600.0
EASE_IN: Final = 1.5  # seconds: a figure without ``cycle`` moves into its last pose, then holds
SELF_PACED_CYCLE: Final = 4.0  # ``cycle: step`` on a step without a duration


@dataclass(frozen=True)
class Limb:
    """One arm or leg: the upper part's and the lower part's angle, and the foot's (legs)."""

    upper: float
    lower: float
    end: float | None = None  # the foot; None: square to the shin, toes forward


@dataclass(frozen=True)
class Pose:
    """One pose: the angles of every segment (degrees, see the module's docstring)."""

    lower_back: float = 90.0
    upper_back: float = 90.0
    head: float = 90.0
    arm: Limb = Limb(270.0, 270.0)
    far_arm: Limb = Limb(270.0, 270.0)
    leg: Limb = Limb(270.0, 270.0)
    far_leg: Limb = Limb(270.0, 270.0)
    # Front view: the upper body turned about the spine (degrees, -90 to 90) while the hips stay
    # square; positive brings the ``arm`` side forward, negative the ``far-arm`` side.
    twist: float = 0.0
    # How far the belly swells out of the trunk's front, 0 (flat) to 1 (a full breath in).
    belly: float = 0.0


@dataclass(frozen=True)
class Figure:
    """An exercise's figure.

    ``cycle``: None for a figure that moves once into its last pose and holds it (a single pose
    is simply still); a number of seconds for one pass through every pose and back to the first,
    repeated while the step counts; ``"step"`` for one such pass per step.
    """

    poses: tuple[Pose, ...]
    view: str = "side"
    cycle: float | str | None = None
    mat: bool = True
    props: tuple[str, ...] = ()
    work: tuple[str, ...] = ()  # the parts drawn in the accent colour: what the side works
    mirror: bool = False  # the right side's figure (``figure_for_side``): limbs hang the other way

    @property
    def moves(self) -> bool:
        return len(self.poses) > 1


@dataclass(frozen=True)
class Points:
    """A pose's joints placed in head units, feet on the floor (y = 0), y pointing up."""

    hip: tuple[float, float]
    waist: tuple[float, float]
    neck: tuple[float, float]
    head: tuple[float, float]
    limbs: dict[str, tuple[tuple[float, float], ...]]  # root, middle joint, end (, toe)
    nose: tuple[float, float] | None = None  # the nose's tip (side view only)
    # The belly's outline (side view, a swollen or worked belly): its ends on the trunk's front
    # and the swell's peak between them.
    belly: tuple[tuple[float, float], tuple[float, float], tuple[float, float]] | None = None


# -- reading -----------------------------------------------------------------------------------


class FigureError(ValueError):
    """A figure's text cannot be used; the message says which part and why."""


def parse_pose(text: Any) -> Pose:
    """One pose from its line, e.g. ``"back 180 175, head 180, arm 90 90, leg 45 -60 0"``.

    Parts left out keep the standing pose's angles; every problem raises ``FigureError``.
    """
    if not isinstance(text, str) or not text.strip():
        raise FigureError("expected a pose as a line of parts, e.g. 'back 90, leg 270 270'")
    values: dict[str, Any] = {}
    seen: set[str] = set()
    for part in text.split(","):
        words = part.split()
        if not words:
            raise FigureError("has an empty part (two commas in a row?)")
        name, numbers = words[0].lower(), words[1:]
        if name in seen:
            raise FigureError(f"gives {name!r} twice")
        seen.add(name)
        try:
            angles = [float(word) for word in numbers]
        except ValueError:
            angles = [_angle(name, word) for word in numbers]  # names the word at fault
        if not all(-720.0 <= angle <= 720.0 for angle in angles):  # NaN fails this too
            angles = [_angle(name, word) for word in numbers]
        if name == "back":
            _count(name, angles, 1, 2)
            values["lower_back"] = angles[0]
            values["upper_back"] = angles[-1]
        elif name == "head":
            _count(name, angles, 1, 1)
            values["head"] = angles[0]
        elif name == "twist":
            _count(name, angles, 1, 1)
            if not -MAX_TWIST <= angles[0] <= MAX_TWIST:
                raise FigureError(f"twist goes from -{MAX_TWIST:g} to {MAX_TWIST:g} degrees, "
                                  f"not {angles[0]:g}")
            values["twist"] = angles[0]
        elif name == "belly":
            _count(name, angles, 1, 1)
            if not 0.0 <= angles[0] <= 1.0:
                raise FigureError(f"belly goes from 0 (flat) to 1 (a full breath in), "
                                  f"not {angles[0]:g}")
            values["belly"] = angles[0]
        elif name in LIMBS:
            _count(name, angles, 2, 3 if name.endswith("leg") else 2)
            values[name.replace("-", "_")] = Limb(*angles)
        else:
            raise FigureError(f"unknown part {name!r}; parts: back, head, {', '.join(LIMBS)}, "
                              "twist, belly")
    return Pose(**values)


def _angle(name: str, word: str) -> float:
    try:
        value = float(word)
    except ValueError:
        raise FigureError(f"{name}: expected angles in degrees, not {word!r}") from None
    if not math.isfinite(value) or abs(value) > 720:
        raise FigureError(f"{name}: angles go from -720 to 720 degrees, not {word}")
    return value


def _count(name: str, angles: list[float], low: int, high: int) -> None:
    if not low <= len(angles) <= high:
        wanted = str(low) if low == high else f"{low} to {high}"
        noun = "angle" if high == 1 else "angles"
        raise FigureError(f"{name} takes {wanted} {noun}, not {len(angles)}")


def parse_cycle(value: Any) -> float | str:
    """``cycle:``: a duration (one pass through the poses) or ``step``."""
    if value == "step":
        return "step"
    try:
        seconds = parse_duration(value)
    except DurationError as error:
        raise FigureError(f"{error}, or 'step'") from None
    if not MIN_CYCLE <= seconds <= MAX_CYCLE:
        raise FigureError(f"must be from {MIN_CYCLE:g} s to {MAX_CYCLE / 60:g} min, or 'step'")
    return seconds


def pose_text(pose: Pose) -> str:
    """A pose's line as ``parse_pose`` reads it back (for writing a person's exercise)."""
    parts = [f"back {_num(pose.lower_back)} {_num(pose.upper_back)}", f"head {_num(pose.head)}"]
    for name in LIMBS:
        limb: Limb = getattr(pose, name.replace("-", "_"))
        angles = [limb.upper, limb.lower] + ([] if limb.end is None else [limb.end])
        parts.append(" ".join([name, *(_num(a) for a in angles)]))
    if pose.twist:
        parts.append(f"twist {_num(pose.twist)}")
    if pose.belly:
        parts.append(f"belly {_num(pose.belly)}")
    return ", ".join(parts)


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


# -- time --------------------------------------------------------------------------------------


def key_pose(figure: Figure) -> Pose:
    """The pose that says the most: the last one (the held position, by convention)."""
    return figure.poses[-1]


def pose_at(figure: Figure, t: float, step_seconds: float | None) -> Pose:
    """The pose ``t`` seconds into a step of ``step_seconds`` (None: self-paced).

    Smooth (a cosine ease between neighbouring poses), starting at the first pose when the step
    starts, so the movement keeps time with the count.
    """
    poses = figure.poses
    if len(poses) == 1:
        return poses[0]
    if figure.cycle is None:
        progress = min(1.0, max(0.0, t / EASE_IN)) * (len(poses) - 1)
        index = min(int(progress), len(poses) - 2)
        return blend(poses[index], poses[index + 1], _ease(progress - index))
    if figure.cycle == "step":
        length = step_seconds if step_seconds else SELF_PACED_CYCLE
    else:
        assert isinstance(figure.cycle, float)
        length = figure.cycle
    phase = (max(0.0, t) % length) / length * len(poses)
    index = int(phase) % len(poses)
    return blend(poses[index], poses[(index + 1) % len(poses)], _ease(phase - int(phase)))


def _ease(x: float) -> float:
    return 0.5 - 0.5 * math.cos(math.pi * min(1.0, max(0.0, x)))


def blend(a: Pose, b: Pose, k: float) -> Pose:
    """The pose ``k`` of the way from ``a`` to ``b`` (each angle the short way round)."""
    if k <= 0.0:
        return a
    if k >= 1.0:
        return b

    def mix(x: float, y: float) -> float:
        turn = (y - x + 180.0) % 360.0 - 180.0
        return x + turn * k

    def limb(x: Limb, y: Limb) -> Limb:
        end = None if x.end is None and y.end is None else mix(_foot(x), _foot(y))
        return Limb(mix(x.upper, y.upper), mix(x.lower, y.lower), end)

    return Pose(
        lower_back=mix(a.lower_back, b.lower_back),
        upper_back=mix(a.upper_back, b.upper_back),
        head=mix(a.head, b.head),
        arm=limb(a.arm, b.arm),
        far_arm=limb(a.far_arm, b.far_arm),
        leg=limb(a.leg, b.leg),
        far_leg=limb(a.far_leg, b.far_leg),
        twist=a.twist + (b.twist - a.twist) * k,
        belly=a.belly + (b.belly - a.belly) * k,
    )


def figure_at_pose(figure: Figure, pose: int | None) -> Figure:
    """The figure a stage shows (``pose:``, 1 = the first pose): moving from the first pose into
    that one and holding it; the first alone is still. None: the whole figure."""
    if pose is None or not 1 <= pose <= len(figure.poses):
        return figure
    poses = figure.poses[:1] if pose == 1 else (figure.poses[0], figure.poses[pose - 1])
    return replace(figure, poses=poses, cycle=None)


# -- sides -------------------------------------------------------------------------------------


def mirrored(pose: Pose, view: str = "side") -> Pose:
    """The pose seen in a mirror: the same body working the other side.

    Side and front views mirror left to right; a top view (the body lying along the picture)
    mirrors across the body, so knees that drop to one side drop to the other. A twist stays:
    the same arm's side comes forward (``place`` hangs that arm from the other shoulder).
    """

    def flip(angle: float) -> float:
        return (-angle if view == "top" else 180.0 - angle) % 360.0

    def limb(x: Limb, leg: bool = False) -> Limb:
        # A leg's default foot is square to the shin, toes forward: in the mirror image the
        # toes point the other way, so the mirrored foot is written out.
        end = flip(_foot(x)) if leg else None if x.end is None else flip(x.end)
        return Limb(flip(x.upper), flip(x.lower), end)

    return Pose(
        lower_back=flip(pose.lower_back), upper_back=flip(pose.upper_back), head=flip(pose.head),
        arm=limb(pose.arm), far_arm=limb(pose.far_arm), leg=limb(pose.leg, True),
        far_leg=limb(pose.far_leg, True), twist=pose.twist, belly=pose.belly,
    )


def figure_for_side(figure: Figure, side: str | None) -> Figure:
    """The figure for a step's side: as written for the left (or no side), mirrored for right."""
    if side != "right":
        return figure
    return replace(figure, poses=tuple(mirrored(p, figure.view) for p in figure.poses),
                   mirror=True)


# -- where the joints are ----------------------------------------------------------------------


def _foot(limb: Limb) -> float:
    return limb.lower + 90.0 if limb.end is None else limb.end


def _step(start: tuple[float, float], angle: float, length: float) -> tuple[float, float]:
    rad = math.radians(angle)
    return start[0] + length * math.cos(rad), start[1] + length * math.sin(rad)


def face_direction(pose: Pose, view: str = "side", mirror: bool = False) -> float | None:
    """Which way the face looks (degrees), or None where it looks out of the picture.

    Derived from the pose alone: the face is on the front of the head, a quarter turn from the
    neck-to-head direction towards the way the body faces (right, or left when mirrored). So a
    body lying with its head along the floor looks down (face down) or up (face up) as its
    head points, and a standing one looks ahead. A front or top view shows no profile.
    """
    if view != "side":
        return None
    return pose.head + (90.0 if mirror else -90.0)


def place(pose: Pose, view: str = "side", mirror: bool = False) -> Points:
    """Every joint of ``pose``, its lowest part resting on the floor (y = 0).

    A top view has no floor: there the hip stays at (0, 0), so the body keeps its place.
    """
    hip = (0.0, 0.0)
    waist = _step(hip, pose.lower_back, LOWER_BACK)
    neck = _step(waist, pose.upper_back, UPPER_BACK)
    head = _step(neck, pose.head, NECK)
    spread = view != "side"
    # A turned upper body (front view) is seen narrower: every sideways reach from the spine
    # of the shoulders and arms shrinks by the cosine of the turn; the hips stay square.
    turn = math.cos(math.radians(pose.twist)) if view == "front" else 1.0
    limbs: dict[str, tuple[tuple[float, float], ...]] = {}
    for name in LIMBS:
        limb: Limb = getattr(pose, name.replace("-", "_"))
        is_leg = name.endswith("leg")
        base, along = (hip, pose.lower_back) if is_leg else (neck, pose.upper_back)
        if spread:  # the limbs hang from either end of the shoulders and the hips; a mirror
            # image swaps the ends, as the angles are mirrored too (front and top views alike)
            half = HIP_WIDTH if is_leg else SHOULDER_WIDTH * turn
            near = (name in ("arm", "leg")) != mirror
            base = _step(base, along + (-90.0 if near else 90.0), half)
        joint = _step(base, limb.upper, THIGH if is_leg else UPPER_ARM)
        end = _step(joint, limb.lower, SHIN if is_leg else FOREARM)
        if not is_leg and turn != 1.0:
            joint = (base[0] + (joint[0] - base[0]) * turn, joint[1])
            end = (base[0] + (end[0] - base[0]) * turn, end[1])
        chain: tuple[tuple[float, float], ...] = (base, joint, end)
        if is_leg and not spread:
            chain = (*chain, _step(end, _foot(limb), FOOT))
        limbs[name] = chain
    # The nose is left out of "lowest": a face-down head rests with its nose just touching the mat.
    face = face_direction(pose, view, mirror)
    nose = None if face is None else _step(head, face, HEAD_RADIUS + NOSE)
    belly = None if face is None else _belly(hip, neck, pose.belly, mirror)
    points = Points(hip, waist, neck, head, limbs, nose, belly)
    if view == "top":
        return points
    lowest = min(
        [head[1] - HEAD_RADIUS, hip[1] - TRUNK_WIDTH / 2, waist[1] - TRUNK_WIDTH / 2,
         neck[1] - TRUNK_WIDTH / 2]
        + [p[1] - LIMB_WIDTH / 2 for chain in limbs.values() for p in chain[1:]]
    )
    return shifted(points, 0.0, -lowest)


def _belly(hip: tuple[float, float], neck: tuple[float, float], swell: float, mirror: bool
           ) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
    """The belly on the trunk's front, from just above the hip to below the ribs."""
    along = math.degrees(math.atan2(neck[1] - hip[1], neck[0] - hip[0]))
    front = along + (90.0 if mirror else -90.0)
    edge = TRUNK_WIDTH / 2

    def on_trunk(k: float, out: float) -> tuple[float, float]:
        base = (hip[0] + (neck[0] - hip[0]) * k, hip[1] + (neck[1] - hip[1]) * k)
        return _step(base, front, out)

    return (on_trunk(0.08, edge * 0.6), on_trunk(0.36, edge * 0.95 + swell * BELLY_RISE),
            on_trunk(0.64, edge * 0.6))


def shifted(points: Points, dx: float, dy: float) -> Points:
    def move(p: tuple[float, float]) -> tuple[float, float]:
        return p[0] + dx, p[1] + dy

    return Points(
        move(points.hip), move(points.waist), move(points.neck), move(points.head),
        {name: tuple(move(p) for p in chain) for name, chain in points.limbs.items()},
        None if points.nose is None else move(points.nose),
        None if points.belly is None else (move(points.belly[0]), move(points.belly[1]),
                                           move(points.belly[2])),
    )


def point_bounds(points: Points) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of the drawn figure, strokes included."""
    xs = [points.head[0] - HEAD_RADIUS, points.head[0] + HEAD_RADIUS]
    ys = [points.head[1] - HEAD_RADIUS, points.head[1] + HEAD_RADIUS]
    if points.nose is not None:  # a face-down nose may touch the mat; it never sets the floor
        xs.append(points.nose[0])
        ys.append(max(points.nose[1], min(ys)))
    if points.belly is not None:
        xs.append(points.belly[1][0])
        ys.append(points.belly[1][1])
    for p in (points.hip, points.waist, points.neck):
        xs += [p[0] - TRUNK_WIDTH / 2, p[0] + TRUNK_WIDTH / 2]
        ys += [p[1] - TRUNK_WIDTH / 2, p[1] + TRUNK_WIDTH / 2]
    for chain in points.limbs.values():
        for p in chain:
            xs += [p[0] - LIMB_WIDTH / 2, p[0] + LIMB_WIDTH / 2]
            ys += [p[1] - LIMB_WIDTH / 2, p[1] + LIMB_WIDTH / 2]
    return min(xs), min(ys), max(xs), max(ys)


@lru_cache(maxsize=512)
def figure_bounds(figure: Figure) -> tuple[float, float, float, float]:
    """The box every pose of ``figure`` fits in, so the drawing keeps one scale and place while
    it moves; the mirrored figure's box is this one mirrored, so both sides share a scale."""
    boxes = [point_bounds(place(p, figure.view, figure.mirror)) for p in figure.poses]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))
