"""Writing a session back to the session format, so the user's changes can be saved.

The output is the same format as ``data/sessions/``: it loads back with ``load_session`` to an
equal ``Session``. Item and stage keys that hold their default are left out, so a saved file
reads like a hand-written one. ``transition`` is always written; ``prepare`` is written when the
session sets it, and left out when it follows the person's default get-ready time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import yaml

from backtimer.session.durations import format_duration
from backtimer.session.figure import Figure, pose_text
from backtimer.session.model import (
    DEFAULT_SWITCH,
    Dose,
    Exercise,
    Item,
    Session,
    SessionLevel,
    SidesMode,
    Version,
)

_WIDTH = 1_000_000  # never fold long lines: a summary stays on one line, like the built-ins


def session_to_yaml(session: Session, exercises: Mapping[str, Exercise]) -> str:
    """Return the text of a session file for ``session``.

    ``exercises`` tells which exercises have sides, because ``sides`` defaults to ``each`` for
    those and to ``none`` for the others; the default is what gets left out.
    """
    exercises = {**exercises, **{exercise.id: exercise for exercise in session.exercises}}
    lines = [f"title: {_scalar(session.title)}"]
    if session.based_on is not None:
        lines.append(f"based_on: {session.based_on}")
    if session.summary is not None:
        lines.append(f"summary: {_scalar(session.summary)}")
    if session.prepare is not None:
        lines.append(f"prepare: {format_duration(session.prepare)}")
    lines.append(f"transition: {format_duration(session.transition)}")
    if session.exercises:
        lines.extend(exercises_to_yaml(session.exercises).rstrip("\n").splitlines())
    if session.levels:
        lines.append("levels:")
        for level in session.levels:
            lines.extend(_session_level_lines(level, exercises))
        return "\n".join(lines) + "\n"
    lines.append("items:")
    for item in session.items:
        lines.extend(_item_lines(item, exercises))
    return "\n".join(lines) + "\n"


def exercises_to_yaml(exercises: Iterable[Exercise]) -> str:
    """An ``exercises:`` section (the library's format) with ``exercises``, defaults left out."""
    mapping: dict[str, dict[str, Any]] = {}
    for exercise in exercises:
        fields: dict[str, Any] = {"name": exercise.name, "kind": exercise.kind.value}
        if exercise.has_sides:
            fields["sides"] = "both"
        if exercise.how:
            fields["how"] = list(exercise.how)
        for key in ("cue", "easier", "harder", "caution"):
            if getattr(exercise, key) is not None:
                fields[key] = getattr(exercise, key)
        if exercise.sciatica_ok:
            fields["sciatica_ok"] = True
        if exercise.opposite_limbs:
            fields["opposite_limbs"] = True
        if exercise.verb is not None:
            fields["verb"] = exercise.verb
        if exercise.source is not None:
            fields["source"] = exercise.source
        if exercise.figure is not None:
            fields["figure"] = figure_fields(exercise.figure)
        mapping[exercise.id] = fields
    return yaml.safe_dump(
        {"exercises": mapping}, sort_keys=False, allow_unicode=True, width=_WIDTH,
        default_flow_style=False,
    )


def figure_fields(figure: Figure) -> dict[str, Any]:
    """A figure as the library writes it (defaults left out), reading back the same."""
    fields: dict[str, Any] = {}
    if figure.view != "side":
        fields["view"] = figure.view
    if figure.cycle is not None:
        fields["cycle"] = figure.cycle
    if not figure.mat:
        fields["mat"] = False
    if figure.props:
        fields["props"] = list(figure.props)
    if figure.work:
        fields["work"] = list(figure.work)
    fields["poses"] = [pose_text(pose) for pose in figure.poses]
    return fields


def _session_level_lines(level: SessionLevel, exercises: Mapping[str, Exercise]) -> list[str]:
    lines = [f"  - label: {_scalar(level.label)}"] if level.label is not None else []
    lines.append(f"{'    ' if lines else '  - '}items:")
    for item in level.items:
        lines.extend(_item_lines(item, exercises, indent="    "))
    return lines


def _item_lines(
    item: Item, exercises: Mapping[str, Exercise], *, indent: str = "",
    lead: list[tuple[str, Any]] | None = None,
) -> list[str]:
    """One item (or, with ``lead``, one level of an item) as lines under ``indent``."""
    lead = [("exercise", item.exercise)] if lead is None else lead
    if item.levels:
        lines = _block(lead, indent)
        lines.append(f"{indent}    levels:")
        for level in item.levels:
            # Every level names its exercise: it may differ from the others, and it keeps a
            # level with nothing but defaults from being an empty mapping.
            level_lead = [("label", level.label)] if level.label is not None else []
            level_lead.append(("exercise", level.exercise))
            lines.extend(_item_lines(level, exercises, indent=indent + "    ", lead=level_lead))
        return lines
    if item.version is not Version.STANDARD:
        lead = [*lead, ("version", item.version.value)]
    exercise = exercises.get(item.exercise)
    # The loader assumes sides for an unknown exercise (and reports it); mirror that.
    has_sides = exercise.has_sides if exercise is not None else True
    if not item.stages:
        return _block([*lead, *dose_entries(item.dose, has_sides)], indent)
    lines = _block(lead, indent)
    lines.append(f"{indent}    stages:")
    for stage in item.stages:
        mapping: dict[str, Any] = {}
        if stage.label is not None:
            mapping["label"] = stage.label
        if stage.pose is not None:
            mapping["pose"] = stage.pose
        mapping.update(dose_entries(stage, has_sides))
        lines.append(f"{indent}      - {_flow(mapping)}")
    # Like the built-in files: the stages first, then how often the whole sequence repeats.
    after: list[tuple[str, Any]] = []
    if item.dose.reps != 1:
        after.append(("reps", item.dose.reps))
    if item.dose.sets != 1:
        after.append(("sets", item.dose.sets))
    if item.dose.set_rest is not None:
        after.append(("set_rest", format_duration(item.dose.set_rest)))
    lines.extend(f"{indent}    {key}: {_scalar(value)}" for key, value in after)
    return lines


def _block(entries: list[tuple[str, Any]], indent: str = "") -> list[str]:
    """An item's keys as indented lines, the first one opening the list entry."""
    return [
        f"{indent}{'  - ' if index == 0 else '    '}{key}: {_scalar(value)}"
        for index, (key, value) in enumerate(entries)
    ]


def dose_entries(dose: Dose, has_sides: bool) -> list[tuple[str, Any]]:
    """The keys of one dose that differ from the format's defaults, in the format's order."""
    entries: list[tuple[str, Any]] = []
    if dose.hold is not None:
        entries.append(("hold", format_duration(dose.hold)))
    if dose.rest != 0:
        entries.append(("rest", format_duration(dose.rest)))
    if dose.fill is not None:
        entries.append(("for", format_duration(dose.fill)))
    elif dose.reps != 1:
        entries.append(("reps", dose.reps))
    if dose.sets != 1:
        entries.append(("sets", dose.sets))
    if dose.set_rest is not None:
        entries.append(("set_rest", format_duration(dose.set_rest)))
    default_sides = SidesMode.EACH if has_sides else SidesMode.NONE
    if dose.sides is not default_sides:
        entries.append(("sides", dose.sides.value))
    if dose.switch != DEFAULT_SWITCH:
        entries.append(("switch", format_duration(dose.switch)))
    return entries


def _scalar(value: Any) -> str:
    """One value as YAML, quoted only when it has to be (``yes``, ``#``, ``: `` and the like)."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=_WIDTH)
    return text.removesuffix("\n...\n").rstrip("\n")


def _flow(mapping: dict[str, Any]) -> str:
    """A stage as one ``{key: value, ...}`` line, as the built-in sessions write them."""
    text = yaml.safe_dump(
        mapping, default_flow_style=True, sort_keys=False, allow_unicode=True, width=_WIDTH
    )
    return text.rstrip("\n")
