"""The one ``tr`` for the cues' spoken words and problems (context ``Cues``).

The cues sit below the window in the layers and cannot import ``ui.common.words``; this is the
same helper with the same placeholder style (``str.format`` with named fields, filled after
translating).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from backtimer.session.model import Exercise, ExerciseKind, Side


def tr(text: str) -> str:
    return QCoreApplication.translate("Cues", text)


def spoken_side(side: Side | None, exercise: Exercise | None) -> str:
    """The side as the voice says it, as unmistakable as the screen: "left side", or for an
    exercise whose sides name an arm and the opposite leg, "left arm and right leg"."""
    if side is None:
        return ""
    if exercise is not None and exercise.opposite_limbs:
        if side is Side.LEFT:
            return tr("left arm and right leg")
        return tr("right arm and left leg")
    return tr("left side") if side is Side.LEFT else tr("right side")


def spoken_verb(exercise: Exercise | None) -> str:
    """The word that starts a hold, as the screen shows it: the exercise's ``verb``, else one
    for its kind ("Walk." for a walk, never "Hold.")."""
    if exercise is not None and exercise.verb:
        return exercise.verb.capitalize()
    kind = exercise.kind if exercise is not None else ExerciseKind.STRENGTH
    return {
        ExerciseKind.STRETCH: tr("Stretch"),
        ExerciseKind.STRENGTH: tr("Hold"),
        ExerciseKind.MOBILITY: tr("Move"),
        ExerciseKind.BREATHING: tr("Breathe"),
        ExerciseKind.CARDIO: tr("Move"),
    }[kind]
