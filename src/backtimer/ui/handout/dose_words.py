"""An item's dose in words for the printed handout: "10 × 10 s hold, 3 s rest, each side".

Read on paper, away from the screen, so every number says what it counts: holds and rests
in seconds or minutes, reps as "N ×", sides as "each side" or "alternating sides", sets with
the rest between them, and each stage of a staged item in order.
"""

from __future__ import annotations

from backtimer.session.model import Dose, ExerciseKind, Item, SidesMode
from backtimer.ui.common.words import duration_text, tr


def length_words(seconds: float) -> str:
    """``10 s``, ``0.5 s``, ``2 min``, ``1 min 30 s``, ``1 h 5 min``."""
    if seconds != int(seconds) and seconds < 60:
        return tr("{n} s").format(n=f"{seconds:g}")
    return duration_text(round(seconds))


def dose_words(dose: Dose, kind: ExerciseKind | None = None) -> str:
    """One dose (an item's, or a stage's) as a line of words."""
    parts = [_reps_words(dose, kind)]
    if dose.hold is not None and dose.rest > 0 and (dose.reps > 1 or dose.fill is not None):
        parts.append(tr("{rest} rest").format(rest=length_words(dose.rest)))
    if dose.fill is not None:
        parts.append(tr("for {fill}").format(fill=length_words(dose.fill)))
    if dose.sides is SidesMode.EACH:
        parts.append(tr("each side"))
    elif dose.sides is SidesMode.ALTERNATE:
        parts.append(tr("alternating sides"))
    if dose.sets > 1:
        parts.append(tr("{n} sets, {rest} rest between sets").format(
            n=dose.sets, rest=length_words(dose.effective_set_rest)))
    return ", ".join(parts)


def _reps_words(dose: Dose, kind: ExerciseKind | None) -> str:
    """"10 × 10 s hold", "30 s hold", "5 s holds" (with ``for``), "10 min" (a walk)."""
    if dose.hold is None:
        return tr("{n} reps at your own pace").format(n=dose.reps)
    length = length_words(dose.hold)
    moving = kind is ExerciseKind.CARDIO  # a walk is not "held"
    if dose.fill is not None:
        return length if moving else tr("{length} holds").format(length=length)
    hold = length if moving else tr("{length} hold").format(length=length)
    if dose.reps > 1:
        return tr("{n} × {hold}").format(n=dose.reps, hold=hold)
    return hold


def item_dose_words(item: Item, kind: ExerciseKind | None = None) -> list[str]:
    """The item's dose: one line, or for a staged item one line per stage and then the sets."""
    if not item.stages:
        return [dose_words(item.dose, kind)]
    lines = []
    for number, stage in enumerate(item.stages, start=1):
        words = dose_words(stage, kind)
        label = stage.label or tr("Stage {n}").format(n=number)
        lines.append(f"{label}: {words}")
    repeats = []
    if item.dose.reps > 1:  # the whole sequence of stages, again and again, within a set
        repeats.append(tr("all stages {n} times in a row").format(n=item.dose.reps))
    if item.dose.sets > 1:
        repeats.append(tr("{n} sets, {rest} rest between sets").format(
            n=item.dose.sets, rest=length_words(item.dose.effective_set_rest)))
    if repeats:
        line = ", ".join(repeats)
        lines.append(line[0].upper() + line[1:])
    return lines
