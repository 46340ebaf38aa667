"""Typed, validated values of the session format: exercises, items, stages and sessions.

Everything here is frozen: a session is read once, validated, and then only compiled, so no
part of the program can change what another part is showing or timing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from backtimer.session.figure import Figure

# The format's defaults (DESIGN.md), for a file that leaves them out; one place for all.
DEFAULT_PREPARE: Final = 5.0  # the get-ready countdown when neither session nor setting says
DEFAULT_SWITCH: Final = 5.0  # the pause to change sides
DEFAULT_TRANSITION: Final = 10.0  # the "next up" pause between items


class ExerciseKind(StrEnum):
    STRETCH = "stretch"
    STRENGTH = "strength"
    MOBILITY = "mobility"
    BREATHING = "breathing"
    CARDIO = "cardio"


class SidesMode(StrEnum):
    """How an item handles an exercise done on a left and a right side."""

    EACH = "each"  # all reps on the left, a switch, then all reps on the right
    ALTERNATE = "alternate"  # left, right, left, ... one hold is one side
    NONE = "none"  # no sides


class Version(StrEnum):
    """Which way of doing an item's exercise: as described, or its easier or harder variant.

    The variant's words are the exercise's ``easier``/``harder`` text; the dose stays the item's.
    """

    STANDARD = "standard"  # the format leaves the key out
    EASIER = "easier"
    HARDER = "harder"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class Exercise:
    """One exercise of the library, as the person should do it."""

    id: str
    name: str
    kind: ExerciseKind
    has_sides: bool
    how: tuple[str, ...] = ()
    cue: str | None = None
    easier: str | None = None
    harder: str | None = None
    caution: str | None = None
    sciatica_ok: bool = False
    source: str | None = None
    # The exercise's sides name an arm and the opposite leg (bird dog, superman): the left side
    # is the left arm with the right leg, so the window and voice say both, never a bare side.
    opposite_limbs: bool = False
    # The word for doing it ("walk", "march"); None: the window's word for its kind.
    verb: str | None = None
    figure: Figure | None = None  # what the body looks like doing it (see figure.py)


@dataclass(frozen=True)
class Dose:
    """How much of an exercise to do: the part that items and stages share.

    ``hold`` is None for self-paced reps (the step waits for "Done"). ``fill`` is the ``for:``
    key: repeat holds, with their rests, until that much time is filled.
    """

    hold: float | None
    rest: float = 0.0
    reps: int = 1
    fill: float | None = None
    sets: int = 1
    set_rest: float | None = None
    sides: SidesMode = SidesMode.NONE
    switch: float = DEFAULT_SWITCH
    label: str | None = None
    # A stage's ``pose``: which of the exercise's figure poses (1 = the first) the stage shows,
    # so a protocol done in parts (lie down, then on the elbows, then press up) shows each part.
    pose: int | None = None

    @property
    def effective_set_rest(self) -> float:
        """Rest between sets; the format says it defaults to the rest between reps."""
        return self.rest if self.set_rest is None else self.set_rest


@dataclass(frozen=True)
class Item:
    """One exercise in a session, with its dose, or with stages done in order in each set.

    ``levels`` is a progression: each level is a full item (its own dose, stages, or even a
    different exercise such as the modified side plank), done one level per session. An item
    with levels carries level 1's exercise, dose and stages itself, so code that does not know
    about levels still sees a real dose. ``label`` names a level ("30 s on / 3 s off").
    ``version`` picks the exercise's easier or harder variant (its words are shown during the
    step); an item with levels carries level 1's, each level its own.
    """

    exercise: str
    dose: Dose
    stages: tuple[Dose, ...] = ()
    levels: tuple[Item, ...] = ()
    label: str | None = None
    version: Version = Version.STANDARD


@dataclass(frozen=True)
class SessionLevel:
    """One level of a session-wide progression: its own label and its own list of items."""

    label: str | None
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Session:
    """A whole session as written in one file.

    ``based_on`` names the built-in session this file is the user's customized version of: only
    a file that says so replaces a built-in (a file merely named like one keeps its own id).
    ``prepare`` stays None when the file does not set it, so the person's own default get-ready
    time (a setting) applies; the format's default of 5 s applies where no setting exists.
    """

    id: str
    title: str
    items: tuple[Item, ...]
    summary: str | None = None
    prepare: float | None = None  # None: the file left it to the app's default
    transition: float = DEFAULT_TRANSITION
    # A session-wide progression; when set, ``items`` are level 1's (see ``SessionLevel``).
    levels: tuple[SessionLevel, ...] = ()
    based_on: str | None = None  # the built-in session's id, in the user's version of it
    exercises: tuple[Exercise, ...] = ()  # the file's own ``exercises:``, used by its items
