"""The words the window shows for engine and store values, and the one ``tr`` for all of ui/.

Lengths of time have one function per form: ``format_clock`` (session/durations.py) for
``M:SS``, ``countdown_text`` for the big countdown, ``short_seconds`` for lists, ``duration_text``
for spin boxes and ``whole_minutes`` for the history table.

``tr`` is used by the window's first frame, so the session model is imported by the functions
that need it, not when this module is.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from pathlib import Path

    from backtimer.session.model import Exercise, ExerciseKind, Side, Version
    from backtimer.session.problems import Problem
    from backtimer.session.timeline import Step, StepKind
    from backtimer.store.history import HistoryUnavailable
    from backtimer.store.user_sessions import UserFileError


def tr(text: str) -> str:
    """The one translation helper for the whole window (context ``BackTimer``).

    Placeholders are ``str.format`` fields with names, filled after translating:
    ``tr("Deleted {count} sessions.").format(count=n)``, so a translator can move them.
    """
    return QCoreApplication.translate("BackTimer", text)


def kind_word(kind: StepKind) -> str:
    """The step kind as shown big on the session screen."""
    from backtimer.session.timeline import StepKind

    return {
        StepKind.PREPARE: tr("GET READY"),
        StepKind.HOLD: tr("HOLD"),
        StepKind.REST: tr("REST"),
        StepKind.SWITCH: tr("SWITCH SIDES"),
        StepKind.SET_REST: tr("SET REST"),
        StepKind.TRANSITION: tr("NEXT UP"),
        StepKind.SELF_PACED: tr("YOUR PACE"),
    }[kind]


def side_word(side: Side | None, exercise: Exercise | None = None, *,
              joiner: str = "  ·  ") -> str:
    """The side said so it cannot be misread: ``LEFT SIDE`` (never a bare ``LEFT``, which
    beside a count reads as "seconds left"), or for an exercise whose sides name an arm and the
    opposite leg, ``LEFT ARM · RIGHT LEG``.
    """
    from backtimer.session.model import Side

    if side is None:
        return ""
    if exercise is not None and exercise.opposite_limbs:
        if side is Side.LEFT:
            return joiner.join((tr("LEFT ARM"), tr("RIGHT LEG")))
        return joiner.join((tr("RIGHT ARM"), tr("LEFT LEG")))
    return tr("LEFT SIDE") if side is Side.LEFT else tr("RIGHT SIDE")


def verb_word(exercise: Exercise | None) -> str:
    """The word for doing this exercise, big in the ring: the exercise's own ``verb``, else one
    that fits its kind (nobody "holds" a walk)."""
    from backtimer.session.model import ExerciseKind

    if exercise is None:
        return tr("HOLD")
    if exercise.verb:
        return exercise.verb.upper()
    return {
        ExerciseKind.STRETCH: tr("STRETCH"),
        ExerciseKind.STRENGTH: tr("HOLD"),
        ExerciseKind.MOBILITY: tr("MOVE"),
        ExerciseKind.BREATHING: tr("BREATHE"),
        ExerciseKind.CARDIO: tr("MOVE"),
    }[exercise.kind]


def step_word(step: Step, exercise: Exercise | None) -> str:
    """The big word above the count: the exercise's verb during a hold, else the step's kind."""
    from backtimer.session.timeline import StepKind

    if step.kind is StepKind.HOLD:
        return verb_word(exercise)
    return kind_word(step.kind)


def countdown_text(remaining: float) -> str:
    """Seconds alone under a minute (bigger and easier to read), M:SS from a minute.

    Called at every frame while counting (three a second), so the text is made once per whole
    second (``shown_seconds``, as ``format_clock`` reads) and remembered.
    """
    from backtimer.session.durations import shown_seconds

    return _countdown_of(shown_seconds(remaining))


@functools.lru_cache(maxsize=128)
def _countdown_of(whole: int) -> str:
    from backtimer.session.durations import format_clock

    text = format_clock(whole)
    if text.startswith("0:"):
        return str(int(text[2:]))
    return text


def short_seconds(seconds: float) -> str:
    """A length for lists: ``45 s``, ``2 min``, ``1:30 min``."""
    whole = round(seconds)
    if whole < 60:
        return tr("{n} s").format(n=whole)
    minutes, secs = divmod(whole, 60)
    if secs == 0:
        return tr("{n} min").format(n=minutes)
    return tr("{m}:{s:02d} min").format(m=minutes, s=secs)


def duration_text(seconds: int) -> str:
    """A length being set (spin boxes): ``45 s``, ``1 min 30 s``, ``10 min``, ``1 h 5 min``."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(tr("{n} h").format(n=hours))
    if minutes:
        parts.append(tr("{n} min").format(n=minutes))
    if secs or not parts:
        parts.append(tr("{n} s").format(n=secs))
    return " ".join(parts)


def whole_minutes(seconds: float) -> str:
    """Time spent, in a table beside a date: ``45 s`` under a minute, else ``14 min``
    (a clock-like 14:00 next to a date reads as a time of day).

    Seconds round up, as ``format_clock`` does for the command line's ``0:34``: 33.4 s is
    ``34 s`` in both, never 33 here and 34 there.
    """
    from backtimer.session.durations import shown_seconds

    whole = shown_seconds(seconds)
    if whole < 60:
        return tr("{n} s").format(n=whole)
    return tr("{n} min").format(n=round(seconds / 60))


def exercises_text(count: int) -> str:
    """``1 exercise``, ``3 exercises``."""
    if count == 1:
        return tr("1 exercise")
    return tr("{n} exercises").format(n=count)


def counts_line(step: Step) -> str:
    """``rep 3 of 10 · set 1 of 2`` (only the parts that mean something for this step)."""
    from backtimer.session.timeline import StepKind

    parts: list[str] = []
    if step.stage is not None and step.stages > 1:
        parts.append(tr("part {i} of {n}").format(i=step.stage, n=step.stages))
    if step.kind is StepKind.HOLD and step.reps > 1:
        parts.append(tr("rep {i} of {n}").format(i=step.rep, n=step.reps))
    elif step.kind is StepKind.REST and step.reps > 1:
        parts.append(tr("{i} of {n} reps done").format(i=step.rep, n=step.reps))
    if step.kind is StepKind.SET_REST:
        parts.append(tr("set {i} of {n} done").format(i=step.set, n=step.sets))
    elif step.sets > 1 and step.kind not in (StepKind.PREPARE, StepKind.TRANSITION):
        parts.append(tr("set {i} of {n}").format(i=step.set, n=step.sets))
    return "  ·  ".join(parts)


def next_line(step: Step | None, exercise: Exercise | None = None) -> str:
    """What comes after the current step, in a few words (``exercise``: the step's own)."""
    from backtimer.session.timeline import StepKind

    if step is None:
        return tr("Then: finished")
    length = short_seconds(step.seconds) if step.seconds is not None else ""
    side = side_word(step.side, exercise, joiner=", ").lower()
    if step.kind is StepKind.HOLD:
        parts = [tr("{verb} {t}").format(verb=verb_word(exercise).lower(), t=length)]
        if side:
            parts.append(side)
        if step.reps > 1:
            parts.append(tr("rep {i} of {n}").format(i=step.rep, n=step.reps))
        return tr("Then: {what}").format(what=" · ".join(parts))
    if step.kind is StepKind.SELF_PACED:
        return tr("Then: {n} reps at your pace").format(n=step.reps)
    if step.kind is StepKind.TRANSITION:
        return tr("Then: {name}").format(name=step.label)
    if step.kind is StepKind.SWITCH:
        return tr("Then: switch to the {side}").format(side=side)
    return tr("Then: {what} {t}").format(what=kind_word(step.kind).lower(), t=length)


def version_line(step: Step, exercise: Exercise | None) -> str | None:
    """The chosen easier or harder version's words for the session screen; None for standard.

    The loader makes sure a chosen version's text exists; an exercise without it shows nothing.
    """
    from backtimer.session.model import Version

    if step.version is Version.EASIER and exercise is not None and exercise.easier:
        return tr("Easier version: {how}").format(how=exercise.easier)
    if step.version is Version.HARDER and exercise is not None and exercise.harder:
        return tr("Harder version: {how}").format(how=exercise.harder)
    return None


def version_words() -> dict[Version, str]:
    """The versions as offered in quick adjust's combo box."""
    from backtimer.session.model import Version

    return {
        Version.STANDARD: tr("Standard"),
        Version.EASIER: tr("Easier"),
        Version.HARDER: tr("Harder"),
    }


def history_unavailable_text(error: HistoryUnavailable) -> str:
    """Why the history file cannot be used, what became of it, and what the person can do."""
    from backtimer.store.history import Unavailable

    file = str(error.path)
    if error.reason is Unavailable.NEWER:
        return tr("The history file {file} was written by a newer version of BackTimer. It has "
                  "been left as it is; update BackTimer to use it.").format(file=file)
    if error.reason is Unavailable.LOCKED:
        return tr("The history file {file} is in use by another program and could not be "
                  "written in time. Your session is kept and can be saved again.").format(
            file=file)
    if error.reason is Unavailable.FOREIGN:
        return tr("The file {file} is a database, but not a BackTimer history (another "
                  "program's?). It has been left as it is; move it aside to start a new "
                  "history.").format(file=file)
    if error.reason is Unavailable.CORRUPT:
        return tr("The history file {file} is damaged. It has been left as it is, so nothing "
                  "in it is lost; move it aside to start a new history.").format(file=file)
    reason = error.detail
    if error.code:  # a full disk or a read-only folder: said in words a person can act on
        reason = write_failure_reason(error.path, OSError(error.code, error.detail))
    return tr("The history file {file} cannot be used: {reason}.").format(
        file=file, reason=reason)


def write_failure_reason(path: Path, error: OSError) -> str:
    """Why writing ``path`` failed, in words a person can act on."""
    from backtimer.store.user_sessions import FailureKind, failure_kind

    kind = failure_kind(error)
    if kind is FailureKind.DISK_FULL:
        return tr("the disk is full")
    if kind is FailureKind.READ_ONLY:
        return tr("the folder {folder} cannot be written to").format(folder=path.parent)
    return error.strerror or str(error)


def user_file_error_text(error: UserFileError) -> str:
    """A session file that could not be saved, deleted, restored or exported, and why."""
    from backtimer.store.user_sessions import FileAction

    reason = write_failure_reason(error.path, error.error)
    sentence = {
        FileAction.SAVE: tr("Could not save {name}: {reason}. Nothing was changed on disk."),
        FileAction.DELETE: tr("Could not delete {name}: {reason}. Nothing was changed on disk."),
        FileAction.RESTORE: tr("Could not restore {name}: {reason}. Nothing was changed on "
                               "disk."),
        FileAction.EXPORT: tr("Could not export {name}: {reason}. Nothing was changed on "
                              "disk."),
    }[error.action]
    return sentence.format(name=error.path.name, reason=reason)


def failure_text(error: Exception) -> str:
    """What the window says about a failed action: the store's reasons worded here, any other
    error (a file's problems, a refused value) as it describes itself."""
    from backtimer.store.history import HistoryUnavailable
    from backtimer.store.user_sessions import UserFileError

    if isinstance(error, UserFileError):
        return user_file_error_text(error)
    if isinstance(error, HistoryUnavailable):
        return history_unavailable_text(error)
    return str(error)


def problem_reason(problem: Problem) -> str:
    """A problem's field and message, without its file and line (the sentence names those)."""
    message = problem.message.rstrip(".")
    return f"{problem.field}: {message}" if problem.field else message


def kind_words() -> dict[ExerciseKind, str]:
    """An exercise's kind as the window names it (the editor's filter and the exercise form)."""
    from backtimer.session.model import ExerciseKind

    return {
        ExerciseKind.STRETCH: tr("Stretch"),
        ExerciseKind.STRENGTH: tr("Strength"),
        ExerciseKind.MOBILITY: tr("Mobility"),
        ExerciseKind.BREATHING: tr("Breathing"),
        ExerciseKind.CARDIO: tr("Cardio"),
    }
