"""The words the window shows for engine values. User-facing text lives here, ready for tr().

``tr`` is used by the window's first frame, so the session model is imported by the functions
that need it, not when this module is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from backtimer.session.model import Side
    from backtimer.session.timeline import Step, StepKind


def tr(text: str) -> str:
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


def side_word(side: Side | None) -> str:
    from backtimer.session.model import Side

    if side is None:
        return ""
    return tr("LEFT") if side is Side.LEFT else tr("RIGHT")


def countdown_text(remaining: float) -> str:
    """Seconds alone under a minute (bigger and easier to read), M:SS from a minute."""
    from backtimer.session.durations import format_clock

    text = format_clock(remaining)
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


def next_line(step: Step | None) -> str:
    """What comes after the current step, in a few words."""
    from backtimer.session.timeline import StepKind

    if step is None:
        return tr("Then: finished")
    length = short_seconds(step.seconds) if step.seconds is not None else ""
    side = side_word(step.side).lower()
    if step.kind is StepKind.HOLD:
        parts = [tr("hold {t}").format(t=length)]
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
        return tr("Then: switch to the {side} side").format(side=side)
    return tr("Then: {what} {t}").format(what=kind_word(step.kind).lower(), t=length)
