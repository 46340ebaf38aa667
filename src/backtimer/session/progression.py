"""The rule that suggests a progression's next level, or the level below, from how it went.

Issue 12: after two sessions in a row at a level that felt "too easy" or "about right", with
pain after no higher than before, suggest the next level; pain up by 2 or more, or "too hard",
suggests the level below and shows the safety note's advice. Nothing here moves anyone: it
returns a suggestion, and the person's click decides. Pure and Qt-free, so it is tested alone
and the finish screen only shows what it returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

PAIN_RISE = 2  # pain after minus pain before, on the 0-10 scale, that counts as "pain up"
SESSIONS_TO_MOVE_UP = 2


class Feeling(StrEnum):
    """The one-click answer on the finish screen."""

    TOO_EASY = "too_easy"
    ABOUT_RIGHT = "about_right"
    TOO_HARD = "too_hard"


class Move(StrEnum):
    UP = "up"
    DOWN = "down"
    STAY = "stay"


class Reason(StrEnum):
    """Why: the screen turns these into words (words live in ui/)."""

    READY = "ready"  # two good sessions in a row at this level
    TOO_HARD = "too_hard"  # the last session felt too hard
    PAIN_UP = "pain_up"  # pain after was up by PAIN_RISE or more
    NOT_YET = "not_yet"  # not (yet) two good sessions in a row
    AT_TOP = "at_top"  # ready, but this is the last level
    AT_BOTTOM = "at_bottom"  # should ease off, but this is level 1


@dataclass(frozen=True)
class Outcome:
    """One finished session of a progression, as the history keeps it.

    Pain is the 0-10 scale; None when the person did not give it. A missing pain score is no
    evidence that pain went up, so it does not block moving up (the feeling still must be
    given); a missing feeling never counts as good.
    """

    level: int
    feeling: Feeling | None = None
    pain_before: int | None = None
    pain_after: int | None = None

    @property
    def pain_rise(self) -> int | None:
        if self.pain_before is None or self.pain_after is None:
            return None
        return self.pain_after - self.pain_before


@dataclass(frozen=True)
class Suggestion:
    """What to offer the person: a level (1-based) and why; never applied by itself.

    ``show_safety``: show the safety note's advice beside the suggestion (pain up or too hard).
    """

    level: int
    move: Move
    reason: Reason
    show_safety: bool = False


def suggest(level: int, levels: int, history: Sequence[Outcome]) -> Suggestion:
    """The suggestion after the latest session of a progression.

    ``level``: the level the person is on, of ``levels`` in all. ``history``: this
    progression's finished sessions, oldest first; only the latest ones matter.
    """
    if levels < 1 or not 1 <= level <= levels:
        raise ValueError(f"level {level} is not one of 1 to {levels}")
    if not history:
        return Suggestion(level, Move.STAY, Reason.NOT_YET)
    latest = history[-1]
    rise = latest.pain_rise
    ease_off = None
    if rise is not None and rise >= PAIN_RISE:
        ease_off = Reason.PAIN_UP
    elif latest.feeling is Feeling.TOO_HARD:
        ease_off = Reason.TOO_HARD
    if ease_off is not None:
        if level == 1:
            return Suggestion(1, Move.STAY, Reason.AT_BOTTOM, show_safety=True)
        return Suggestion(level - 1, Move.DOWN, ease_off, show_safety=True)
    recent = history[-SESSIONS_TO_MOVE_UP:]
    if len(recent) == SESSIONS_TO_MOVE_UP and all(_good_at(level, o) for o in recent):
        if level == levels:
            return Suggestion(level, Move.STAY, Reason.AT_TOP)
        return Suggestion(level + 1, Move.UP, Reason.READY)
    return Suggestion(level, Move.STAY, Reason.NOT_YET)


def _good_at(level: int, outcome: Outcome) -> bool:
    """A session that counts toward moving up: at this level, felt fine, pain not up."""
    rise = outcome.pain_rise
    return (
        outcome.level == level
        and outcome.feeling in (Feeling.TOO_EASY, Feeling.ABOUT_RIGHT)
        and (rise is None or rise <= 0)
    )
