"""Compiling a session into a timeline: the exact list of steps a person will go through.

The rules are the contract in DESIGN.md ("How a session becomes time"). The timeline is
computed once and is immutable; the runner only walks it, so the plan printed by
``backtimer plan`` is exactly what the window will count.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from backtimer.session.model import (
    DEFAULT_PREPARE,
    Dose,
    Exercise,
    Item,
    Session,
    Side,
    SidesMode,
    Version,
)

MAX_STEPS = 20_000


class StepKind(StrEnum):
    PREPARE = "prepare"
    HOLD = "hold"
    REST = "rest"
    SWITCH = "switch"
    SET_REST = "set_rest"
    TRANSITION = "transition"
    SELF_PACED = "self_paced"


@dataclass(frozen=True)
class Step:
    """One stretch of time with a single instruction.

    ``seconds`` is None for a self-paced step, which lasts until the person presses Done; its
    ``reps`` is then the rep target. For a hold, ``rep`` of ``reps`` counts holds on this side
    (or holds in total with alternating sides). Prepare and transition steps name the exercise
    that comes next, so the screen can show what to get ready for. ``version`` is the item's
    (easier or harder), so the screen can show that version's words during the step.
    """

    kind: StepKind
    seconds: float | None
    exercise: str
    item: int
    label: str
    side: Side | None = None
    stage: int | None = None
    stages: int = 0
    rep: int = 1
    reps: int = 1
    set: int = 1
    sets: int = 1
    version: Version = Version.STANDARD
    pose: int | None = None  # the stage's figure pose (``Dose.pose``); None: the whole figure

    @property
    def timed(self) -> bool:
        return self.seconds is not None


@dataclass(frozen=True)
class Timeline:
    """The immutable sequence of steps of one session, with the session it came from.

    ``level`` is the level of the session's progression these steps are (1 without levels).
    """

    session: Session
    steps: tuple[Step, ...]
    level: int = 1

    @property
    def total_seconds(self) -> float:
        """Planned time; self-paced steps add nothing because their length is the person's."""
        return self._seconds_from[0]

    def __len__(self) -> int:
        return len(self.steps)

    def seconds_after(self, index: int) -> float:
        """Planned seconds of the steps after ``index``."""
        return self._seconds_from[min(len(self.steps), max(0, index + 1))]

    @functools.cached_property
    def _seconds_from(self) -> tuple[float, ...]:
        """Planned seconds from each step to the end, worked out once: asked at every step
        change (the header's time left, the history's progress), a sum over every step each
        time was O(steps) per change."""
        totals = [0.0] * (len(self.steps) + 1)
        for index in range(len(self.steps) - 1, -1, -1):
            totals[index] = totals[index + 1] + (self.steps[index].seconds or 0.0)
        return tuple(totals)


class TimelineTooLongError(ValueError):
    """The session would produce more steps than anyone could do in a day."""


class LevelError(ValueError):
    """A level was asked for that the session does not have."""


def level_count(session: Session) -> int:
    """How many levels the session's progression has: 1 for a session without levels.

    The loader makes every item with levels in one session have the same number of them.
    """
    if session.levels:
        return len(session.levels)
    return max((len(item.levels) for item in session.items), default=1) or 1


def level_label(session: Session, level: int) -> str | None:
    """The words for one level ("30 s on / 3 s off"): the session level's label, or its items'."""
    at = session_at_level(session, level)
    if session.levels:
        return session.levels[level - 1].label
    labels = [item.label for item in at.items if item.label]
    return "; ".join(labels) or None


def session_at_level(session: Session, level: int) -> Session:
    """The session as done at ``level`` (1-based): plain items, no levels left.

    Raises LevelError for a level the session does not have, with words a person can act on.
    """
    count = level_count(session)
    if not 1 <= level <= count:
        has = "has no levels" if count == 1 else f"has levels 1 to {count}"
        raise LevelError(f"there is no level {level}: {session.title!r} {has}")
    items = session.levels[level - 1].items if session.levels else session.items
    chosen = tuple(item.levels[level - 1] if item.levels else item for item in items)
    return replace(session, items=chosen, levels=())


def compile_session(
    session: Session,
    exercises: Mapping[str, Exercise],
    *,
    default_prepare: float = DEFAULT_PREPARE,
    level: int = 1,
) -> Timeline:
    """Lay out every step of ``session``; ``exercises`` supplies the names used as labels.

    ``default_prepare`` is the get-ready time for a session that does not set its own.
    ``level`` picks the level of a progression (1, the first, by default; LevelError if the
    session has no such level).
    """
    prepare = session.prepare if session.prepare is not None else default_prepare
    if session.exercises:  # the file's own exercises name its items
        exercises = {**exercises, **{exercise.id: exercise for exercise in session.exercises}}
    done = session_at_level(session, level)
    steps: list[Step] = []
    for index, item in enumerate(done.items):
        name = exercises[item.exercise].name if item.exercise in exercises else item.exercise
        start = len(steps)
        if index == 0 and prepare > 0:
            steps.append(Step(StepKind.PREPARE, prepare, item.exercise, index, name))
        elif index > 0 and session.transition > 0:
            steps.append(Step(StepKind.TRANSITION, session.transition, item.exercise, index, name))
        # Counted as they come: a staged item's reps x sets x stages x holds could be far
        # more steps than fit in memory, and the limit must stop it before that.
        for step in _item_steps(item, index, name):
            steps.append(step)
            if len(steps) > MAX_STEPS:
                raise TimelineTooLongError(f"the session has more than {MAX_STEPS} steps")
        if item.version is not Version.STANDARD:  # its prepare/transition step shows it too
            steps[start:] = [replace(step, version=item.version) for step in steps[start:]]
    return Timeline(session, tuple(steps), level)


def _item_steps(item: Item, index: int, name: str) -> Iterator[Step]:
    if not item.stages:
        yield from _DoseLayout(item.dose, item.exercise, index, name).steps()
        return
    sets = item.dose.sets
    for set_number in range(1, sets + 1):
        if set_number > 1 and item.dose.effective_set_rest > 0:
            yield Step(
                StepKind.SET_REST, item.dose.effective_set_rest, item.exercise, index, name,
                set=set_number - 1, sets=sets,
            )
        repeats = item.dose.reps
        for repeat in range(1, repeats + 1):
            for stage_number, dose in enumerate(item.stages, start=1):
                layout = _DoseLayout(
                    dose, item.exercise, index, dose.label or name,
                    stage=stage_number, stages=len(item.stages),
                )
                for step in layout.steps():
                    # A stage's own sets are rare; the item's sets are what the person counts,
                    # and the item's reps (repeats of the whole sequence) when the stage has none.
                    if dose.sets == 1:
                        step = replace(step, set=set_number, sets=sets)
                    if repeats > 1 and step.reps == 1:
                        step = replace(step, rep=repeat, reps=repeats)
                    yield step


@dataclass(frozen=True)
class _DoseLayout:
    """Lays out one dose (an item's, or one stage's) as steps."""

    dose: Dose
    exercise: str
    item: int
    label: str
    stage: int | None = None
    stages: int = 0

    def step(self, kind: StepKind, seconds: float | None, set_number: int, *,
             side: Side | None = None, rep: int = 1, reps: int = 1) -> Step:
        return Step(
            kind, seconds, self.exercise, self.item, self.label, side=side, stage=self.stage,
            stages=self.stages, rep=rep, reps=reps, set=set_number, sets=self.dose.sets,
            pose=self.dose.pose,
        )

    def steps(self) -> Iterator[Step]:
        dose = self.dose
        for set_number in range(1, dose.sets + 1):
            if set_number > 1 and dose.effective_set_rest > 0:
                yield self.step(StepKind.SET_REST, dose.effective_set_rest, set_number - 1)
            # The last set ended on the right and this one starts on the left: without a set
            # rest of its own, the rep rest alone leaves no time to turn over.
            if (set_number > 1 and dose.sides is SidesMode.EACH and dose.set_rest is None
                    and dose.switch > 0):
                yield self.step(StepKind.SWITCH, dose.switch, set_number, side=Side.LEFT)
            if dose.sides is SidesMode.EACH:
                for side in (Side.LEFT, Side.RIGHT):
                    if side is Side.RIGHT and dose.switch > 0:
                        yield self.step(StepKind.SWITCH, dose.switch, set_number, side=side)
                    yield from self.run(set_number, _same_side(side))
            elif dose.sides is SidesMode.ALTERNATE:
                yield from self.run(set_number, _alternating_side)
            else:
                yield from self.run(set_number, _same_side(None))

    def run(self, set_number: int, side_of: Callable[[int], Side | None]) -> Iterator[Step]:
        """One side's holds with rests between them, or one self-paced step."""
        dose = self.dose
        if dose.hold is None:
            # Alternating self-paced reps are one step: the person counts both sides.
            side = None if dose.sides is SidesMode.ALTERNATE else side_of(1)
            yield self.step(StepKind.SELF_PACED, None, set_number, side=side,
                            rep=dose.reps, reps=dose.reps)
            return
        count = hold_count(dose)
        for rep in range(1, count + 1):
            if rep > 1 and dose.rest > 0:
                yield self.step(StepKind.REST, dose.rest, set_number, side=side_of(rep),
                                rep=rep - 1, reps=count)
            yield self.step(StepKind.HOLD, dose.hold, set_number, side=side_of(rep),
                            rep=rep, reps=count)


def _same_side(side: Side | None) -> Callable[[int], Side | None]:
    return lambda _rep: side


def _alternating_side(rep: int) -> Side:
    return Side.LEFT if rep % 2 == 1 else Side.RIGHT


def hold_count(dose: Dose) -> int:
    """Holds in one run: ``reps``, or as many holds with rests between as fit in ``for``.

    With alternating sides ``for`` fills the time in total with as many left as right holds
    (an odd count would leave one side a hold short), so at least one on each side.
    """
    if dose.fill is None or dose.hold is None:
        return dose.reps
    fitted = max(1, math.floor((dose.fill + dose.rest) / (dose.hold + dose.rest) + 1e-9))
    if dose.sides is SidesMode.ALTERNATE:
        return max(2, fitted - fitted % 2)
    return fitted
