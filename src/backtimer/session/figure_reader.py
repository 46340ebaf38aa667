"""Reading an exercise's ``figure:`` into a ``Figure``, or located problems.

Kept beside the loader, not in it: a figure has its own small grammar (one line per pose), and
every mistake in it must become a ``FILE:LINE`` problem naming the pose, never an exception.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backtimer.session import fields as f
from backtimer.session.fields import MISSING, FieldReader
from backtimer.session.figure import (
    MAX_POSES,
    PROPS,
    VIEWS,
    WORK_PARTS,
    Figure,
    FigureError,
    Pose,
    parse_cycle,
    parse_pose,
)
from backtimer.session.problems import Problem

FIGURE_KEYS = ("view", "poses", "cycle", "mat", "props", "work")


def read_figure(reader: FieldReader, problems: list[Problem]) -> Figure | None:
    """The ``figure:`` under an exercise's ``reader`` (None when absent or broken: reported)."""
    located = reader.located("figure")
    if located is None:
        return None
    figure = FieldReader(reader.path, located, problems, what="a figure",
                         prefix=reader.field_name("figure."))
    if not figure.entries:
        return None
    figure.reject_unknown(FIGURE_KEYS)
    view = figure.get("view", f.choice(VIEWS), default="side")
    cycle = figure.get("cycle", parse_cycle, default=None)
    mat = figure.get("mat", f.boolean, default=True)
    props = figure.get("props", _names(PROPS), default=())
    work = figure.get("work", _names(WORK_PARTS), default=())
    poses = _poses(figure, problems)
    if poses and view != "front" and any(pose.twist for pose in poses):
        figure.report("'twist' turns the upper body in the front view only; add 'view: front' "
                      "or leave the twist out", key="poses")
    if not figure.ok or not poses:
        reader.ok = False
        return None
    return Figure(poses=poses, view=view, cycle=cycle, mat=mat, props=props, work=work)


def _poses(figure: FieldReader, problems: list[Problem]) -> tuple[Pose, ...]:
    located = figure.located("poses")
    if located is None:
        figure.report("a figure needs 'poses:', a list of one line per pose", key="poses")
        return ()
    if not isinstance(located.value, list) or not located.value:
        figure.report("expected a list of poses, one '- back ..., leg ...' line each",
                      key="poses")
        return ()
    if len(located.value) > MAX_POSES:
        figure.report(f"too many poses (at most {MAX_POSES})", key="poses")
        return ()
    poses: list[Pose] = []
    for index, entry in enumerate(located.value, start=1):
        try:
            poses.append(parse_pose(entry.value))
        except FigureError as error:
            figure.ok = False
            problems.append(Problem(figure.path, entry.line, str(error),
                                    field=figure.field_name(f"poses[{index}]")))
    return tuple(poses)


def _names(allowed: tuple[str, ...]) -> Callable[[Any], tuple[str, ...]]:
    """A list of names from ``allowed`` (one name alone is fine too)."""

    def convert(value: Any) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            raise TypeError(f"expected a list of names from: {', '.join(allowed)}")
        names: list[str] = [str(getattr(item, "value", item)) for item in items]
        for name in names:
            if name not in allowed:
                raise ValueError(f"expected names from {', '.join(allowed)}, not {name!r}")
        return tuple(dict.fromkeys(names))

    return convert


__all__ = ["FIGURE_KEYS", "MISSING", "read_figure"]
