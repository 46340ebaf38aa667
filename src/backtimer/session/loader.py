"""Turns YAML files into validated exercises and sessions, or ``FILE:LINE`` problems.

The exercise library is read leniently (a broken exercise is reported and left out, the rest
stay usable); a session is all or nothing (half a session would mislead the person doing it).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from backtimer.session import fields as f
from backtimer.session.fields import MISSING, FieldReader
from backtimer.session.figure import MAX_POSES
from backtimer.session.figure_reader import read_figure
from backtimer.session.hints import explain_odd_spaces
from backtimer.session.model import (
    DEFAULT_SWITCH,
    DEFAULT_TRANSITION,
    Dose,
    Exercise,
    ExerciseKind,
    Item,
    Session,
    SessionLevel,
    SidesMode,
    Version,
)
from backtimer.session.problems import Problem, ProblemsError
from backtimer.session.suggest import closest
from backtimer.session.timeline import TimelineTooLongError, compile_session, level_count
from backtimer.session.yamltext import Located, read_yaml_file

HOUR = 3600.0
MAX_HOLD = HOUR
MAX_FILL = 3 * HOUR
MAX_REPS = 500
MAX_SETS = 50
MAX_STAGES = 50
MAX_ITEMS = 200
MAX_LEVELS = 20

EXERCISE_KEYS = (
    "name", "kind", "sides", "how", "cue", "easier", "harder", "caution", "sciatica_ok", "source",
    "opposite_limbs", "verb",
    "figure",
)
MAX_VERB = 14  # the step's word sits big inside the ring
DOSE_KEYS = ("hold", "rest", "reps", "for", "sets", "set_rest", "sides", "switch")
ITEM_KEYS = ("exercise", "version", "stages", "levels", *DOSE_KEYS)
STAGE_KEYS = ("label", "pose", *DOSE_KEYS)
ITEM_LEVEL_KEYS = ("label", "exercise", "version", "stages", *DOSE_KEYS)
SESSION_LEVEL_KEYS = ("label", "items")
SESSION_KEYS = (
    "title", "based_on", "summary", "prepare", "transition", "exercises", "items", "levels",
)

_HOLD = f.duration(low=0.5, high=MAX_HOLD, zero_ok=False)
_PAUSE = f.duration(low=0.5, high=HOUR, zero_ok=True)
_FILL = f.duration(low=1, high=MAX_FILL, zero_ok=False)


def load_exercises(
    path: str, data: bytes, *, shipped: bool = False
) -> tuple[dict[str, Exercise], list[Problem]]:
    """Read the exercise library: the exercises that are valid, and problems with the rest.

    ``shipped``: the file comes with BackTimer (``read_yaml_file`` may parse it with libyaml).
    """
    problems: list[Problem] = []
    try:
        root = _read(path, data, shipped=shipped)
    except ProblemsError as error:
        return {}, error.problems
    top = FieldReader(path, root, problems, what="the exercise library")
    top.reject_unknown(["exercises"])
    entries = top.located("exercises")
    if entries is None:
        if top.ok:
            top.report("the file needs an 'exercises:' key", key="exercises")
        return {}, problems
    if not isinstance(entries.value, dict):
        top.report("expected exercises as 'id: details' lines", key="exercises")
        return {}, problems
    return _exercise_entries(path, entries, problems), explain_odd_spaces(problems, data)


def _exercise_entries(
    path: str, entries: Located, problems: list[Problem], prefix: str = ""
) -> dict[str, Exercise]:
    """The valid exercises of an ``exercises:`` mapping; problems with the others."""
    exercises: dict[str, Exercise] = {}
    for exercise_id, located in entries.value.items():
        before = len(problems)
        exercise = _exercise(path, exercise_id, located, problems, prefix)
        if exercise is not None and len(problems) == before:
            exercises[exercise_id] = exercise
    return exercises


def _exercise(
    path: str, exercise_id: str, located: Located, problems: list[Problem], prefix: str = ""
) -> Exercise | None:
    reader = FieldReader(path, located, problems, what="an exercise",
                         prefix=f"{prefix}{exercise_id}.")
    try:
        f.identifier(exercise_id)
    except ValueError as error:
        reader.report(str(error))
    if not reader.entries:
        return None
    reader.reject_unknown(EXERCISE_KEYS)
    name = reader.get("name", f.text)
    kind = reader.get("kind", f.choice(k.value for k in ExerciseKind))
    sides = reader.get("sides", f.choice(["none", "both"]), default="none")
    how = reader.get("how", f.text_lines, default=())
    optional = {key: reader.get(key, f.text, default=None) for key in
                ("cue", "easier", "harder", "caution", "source")}
    sciatica_ok = reader.get("sciatica_ok", f.boolean, default=False)
    opposite_limbs = reader.get("opposite_limbs", f.boolean, default=False)
    if opposite_limbs and sides != "both":
        reader.report("opposite_limbs needs 'sides: both' (its sides name an arm and the "
                      "opposite leg)", key="opposite_limbs")
    verb = reader.get("verb", _verb, default=None)
    figure = read_figure(reader, problems)
    if not reader.ok:
        return None
    return Exercise(
        id=exercise_id,
        name=name,
        kind=ExerciseKind(kind),
        has_sides=sides == "both",
        how=how,
        sciatica_ok=sciatica_ok,
        opposite_limbs=opposite_limbs,
        verb=verb,
        figure=figure,
        **optional,
    )


def _verb(value: Any) -> str:
    """The step's word: one or two short words, shown in capitals inside the ring."""
    word = " ".join(f.text(value).split())
    if len(word) > MAX_VERB or len(word.split()) > 2:
        raise ValueError(f"expected one or two words of at most {MAX_VERB} letters, "
                         f"such as 'walk' (got {word!r})")
    return word


def load_session(
    path: str, data: bytes, exercises: Mapping[str, Exercise], *, session_id: str | None = None,
    shipped: bool = False,
) -> Session:
    """Read one session file; raise ProblemsError listing every problem in it.

    A session that loads can also be run: one whose timeline would be too long to lay out is
    reported here too, so no caller has to compile it just to find out.
    ``shipped``: the file comes with BackTimer (``read_yaml_file`` may parse it with libyaml).
    """
    root = _read(path, data, shipped=shipped)
    problems: list[Problem] = []
    session = _session(path, root, exercises, problems, session_id or session_id_for(path))
    if problems or session is None:
        raise ProblemsError(explain_odd_spaces(problems, data))
    for level in range(1, level_count(session) + 1):
        try:
            compile_session(session, exercises, level=level)
        except TimelineTooLongError as error:
            where = f" (level {level})" if level_count(session) > 1 else ""
            raise ProblemsError([Problem(path, 1, f"{error}{where}")]) from None
    return session


def _read(path: str, data: bytes, *, shipped: bool) -> Located:
    """``read_yaml_file``, with the causes YAML would not name said plainly (see hints.py)."""
    try:
        return read_yaml_file(path, data, shipped=shipped)
    except ProblemsError as error:
        raise ProblemsError(explain_odd_spaces(error.problems, data)) from None


def session_id_for(path: str) -> str:
    """The id a session file gets: its file name without ``.yaml``, made lowercase-with-dashes."""
    stem = Path(path).stem.lower()
    cleaned = "".join(ch if ch.isalnum() else "-" for ch in stem)
    return "-".join(part for part in cleaned.split("-") if part) or "session"


def _session(
    path: str,
    root: Located,
    exercises: Mapping[str, Exercise],
    problems: list[Problem],
    session_id: str,
) -> Session | None:
    reader = FieldReader(path, root, problems, what="a session")
    if not reader.entries:
        return None
    reader.reject_unknown(SESSION_KEYS)
    title = reader.get("title", f.text)
    based_on = reader.get("based_on", f.identifier, default=None)
    summary = reader.get("summary", f.text, default=None)
    prepare = reader.get("prepare", _PAUSE, default=None)
    transition = reader.get("transition", _PAUSE, default=DEFAULT_TRANSITION)
    own = _own_exercises(reader, exercises, problems)
    exercises = {**exercises, **own}
    levels: list[SessionLevel] = []
    if reader.has("levels"):
        if reader.has("items"):
            reader.report("give either 'items' or 'levels' (each with its own items), not both",
                          key="levels")
        levels = _session_levels(reader, exercises, problems)
        items = list(levels[0].items) if levels else []
    else:
        items = _items(reader, exercises, problems, allow_levels=True)
        counts = sorted({len(item.levels) for item in items if item.levels})
        if len(counts) > 1:
            reader.report(
                "every item with levels needs the same number of levels (found "
                + " and ".join(str(c) for c in counts) + ")", key="items",
            )
    if problems:
        return None
    return Session(
        id=session_id,
        title=title,
        summary=summary,
        prepare=prepare,
        transition=transition,
        items=tuple(items),
        levels=tuple(levels),
        based_on=based_on,
        exercises=tuple(own.values()),
    )


def _items(
    reader: FieldReader, exercises: Mapping[str, Exercise], problems: list[Problem], *,
    allow_levels: bool,
) -> list[Item]:
    """The ``items:`` list under ``reader`` (a session, or one level of a session)."""
    items: list[Item] = []
    located_items = reader.located("items")
    if located_items is None or located_items.value is None:
        reader.report("a session needs at least one item under 'items:'", key="items")
    elif not isinstance(located_items.value, list):
        reader.report("expected a list of items, each starting with '- exercise:'", key="items")
    elif not located_items.value:
        reader.report("the session has no items; add at least one exercise", key="items")
    elif len(located_items.value) > MAX_ITEMS:
        reader.report(f"too many items (at most {MAX_ITEMS})", key="items")
    else:
        for index, located in enumerate(located_items.value, start=1):
            item = _item(reader.path, located, f"{reader.prefix}items[{index}].", exercises,
                         problems, allow_levels=allow_levels)
            if item is not None:
                items.append(item)
    return items


def _level_list(reader: FieldReader, first: str) -> list[Located] | None:
    """The ``levels:`` list under ``reader``, or None (reported) when it is not a usable list."""
    located = reader.located("levels")
    assert located is not None
    if not isinstance(located.value, list) or not located.value:
        reader.report(f"expected a list of levels, each starting with '- {first}'",
                      key="levels")
        return None
    if len(located.value) > MAX_LEVELS:
        reader.report(f"too many levels (at most {MAX_LEVELS})", key="levels")
        return None
    return list(located.value)


def _level_readers(
    reader: FieldReader, problems: list[Problem], first: str, keys: tuple[str, ...]
) -> Iterator[tuple[FieldReader, str | None]]:
    """A reader and the label of each level under ``reader``'s ``levels:`` (a session's or an
    item's); an empty level is reported and skipped, unknown keys are reported."""
    for index, located in enumerate(_level_list(reader, first) or (), start=1):
        level_reader = FieldReader(reader.path, located, problems, what="a level",
                                   prefix=f"{reader.prefix}levels[{index}].")
        if not level_reader.entries:
            reader.ok = False
            continue
        level_reader.reject_unknown(keys)
        yield level_reader, level_reader.get("label", f.text, default=None)


def _session_levels(
    reader: FieldReader, exercises: Mapping[str, Exercise], problems: list[Problem]
) -> list[SessionLevel]:
    levels: list[SessionLevel] = []
    for level_reader, label in _level_readers(reader, problems, "label:", SESSION_LEVEL_KEYS):
        items = _items(level_reader, exercises, problems, allow_levels=False)
        if level_reader.ok and items:
            levels.append(SessionLevel(label=label, items=tuple(items)))
    return levels


def _own_exercises(
    reader: FieldReader, library: Mapping[str, Exercise], problems: list[Problem]
) -> dict[str, Exercise]:
    """A session file's own ``exercises:``, so a file handed over carries what it uses.

    Same fields as the library. One with the id of an exercise the reader's library already
    has must be the very same exercise: two different ones under one id would make the window
    show one and the file mean the other, so that is reported, never silently preferred.
    """
    located = reader.located("exercises")
    if located is None:
        return {}
    if not isinstance(located.value, dict) or not located.value:
        reader.report("expected exercises as 'id: details' lines", key="exercises")
        return {}
    own = _exercise_entries(reader.path, located, problems, prefix="exercises.")
    for exercise_id, exercise in list(own.items()):
        known = library.get(exercise_id)
        if known is not None and known != exercise:
            reader.report(
                f"the library already has an exercise {exercise_id!r} ({known.name}) with "
                "other details; give this one another id",
                key="exercises", line=located.value[exercise_id].line,
            )
            del own[exercise_id]
    return own


def _item(
    path: str,
    located: Located,
    prefix: str,
    exercises: Mapping[str, Exercise],
    problems: list[Problem],
    *,
    allow_levels: bool = True,
) -> Item | None:
    reader = FieldReader(path, located, problems, what="an item", prefix=prefix)
    if not reader.entries:
        return None
    reader.reject_unknown(ITEM_KEYS)
    exercise_id = reader.get("exercise", f.text)
    has_sides = _has_sides(reader, exercise_id, exercises)
    if reader.has("levels"):
        if not allow_levels:
            reader.report("an item inside a session's level cannot have levels of its own",
                          key="levels")
            return None
        return _levelled_item(reader, exercise_id, has_sides, exercises, problems)
    return _item_body(reader, exercise_id, has_sides, exercises, problems)


def _has_sides(reader: FieldReader, exercise_id: Any, exercises: Mapping[str, Exercise]) -> bool:
    """Whether the named exercise has sides; an unknown one is reported (and assumed to)."""
    exercise = None
    if exercise_id is not MISSING:
        exercise = exercises.get(exercise_id)
        if exercise is None:
            hint = closest(exercise_id, exercises)
            mean = f" (did you mean {hint!r}?)" if hint else ""
            reader.report(
                f"unknown exercise {exercise_id!r}{mean}; 'backtimer exercises' lists them all, "
                "and a session may define its own under 'exercises:'",
                key="exercise",
            )
    return exercise.has_sides if exercise is not None else True


def _item_body(
    reader: FieldReader, exercise_id: str, has_sides: bool, exercises: Mapping[str, Exercise],
    problems: list[Problem], *, label: str | None = None,
) -> Item | None:
    """An item's dose or stages (an item's own, or one level's), and its version."""
    version = _version(reader, exercise_id, exercises)
    if reader.has("stages"):
        staged = _staged_item(reader, exercise_id, has_sides, problems,
                              exercises.get(exercise_id))
        return None if staged is None else Item(staged.exercise, staged.dose, staged.stages,
                                                label=label, version=version)
    dose = _dose(reader, has_sides)
    if not reader.ok or dose is None:
        return None
    return Item(exercise=exercise_id, dose=dose, label=label, version=version)


def _version(
    reader: FieldReader, exercise_id: Any, exercises: Mapping[str, Exercise]
) -> Version:
    """The item's ``version:``; easier or harder needs the exercise to describe that version."""
    value = reader.get("version", f.choice(v.value for v in Version),
                       default=Version.STANDARD.value)
    if value is MISSING:
        return Version.STANDARD
    version = Version(value)
    exercise = exercises.get(exercise_id) if exercise_id is not MISSING else None
    if (version is not Version.STANDARD and exercise is not None
            and getattr(exercise, version.value) is None):
        reader.report(f"this exercise has no {version.value} version", key="version")
    return version


def _levelled_item(
    reader: FieldReader, exercise_id: str, has_sides: bool, exercises: Mapping[str, Exercise],
    problems: list[Problem],
) -> Item | None:
    """An item whose dose is a progression: each level a full dose, one level per session."""
    for key in ("version", "stages", *DOSE_KEYS):
        if reader.has(key):
            reader.report("with 'levels:', put this inside each level", key=key)
    levels: list[Item] = []
    lead = "hold:' (or '- label:"
    for level_reader, label in _level_readers(reader, problems, lead, ITEM_LEVEL_KEYS):
        level_exercise, level_sides = exercise_id, has_sides
        if level_reader.has("exercise"):  # a different exercise, e.g. the modified side plank
            level_exercise = level_reader.get("exercise", f.text)
            level_sides = _has_sides(level_reader, level_exercise, exercises)
        level = _item_body(level_reader, level_exercise, level_sides, exercises, problems,
                           label=label)
        if level is None or not level_reader.ok:
            reader.ok = False
        else:
            levels.append(level)
    if not reader.ok or not levels:
        return None
    first = levels[0]
    return Item(first.exercise, first.dose, first.stages, levels=tuple(levels),
                version=first.version)


def _staged_item(
    reader: FieldReader, exercise_id: str, has_sides: bool, problems: list[Problem],
    exercise: Exercise | None,
) -> Item | None:
    for key in ("hold", "rest", "for", "sides", "switch"):
        if reader.has(key):
            reader.report("with 'stages:', put this inside each stage", key=key)
    # ``reps`` repeats the whole sequence of stages within each set (004's cat curl: the two
    # holds, "Repeat this 10 times. Work up to doing 3 sets.").
    reps = reader.get("reps", f.count(1, MAX_REPS), default=1)
    sets = reader.get("sets", f.count(1, MAX_SETS), default=1)
    set_rest = reader.get("set_rest", _PAUSE, default=None)
    located = reader.located("stages")
    assert located is not None
    stages: list[Dose] = []
    if not isinstance(located.value, list) or not located.value:
        reader.report("expected a list of stages, each starting with '- label:'", key="stages")
    elif len(located.value) > MAX_STAGES:
        reader.report(f"too many stages (at most {MAX_STAGES})", key="stages")
    else:
        for index, stage_located in enumerate(located.value, start=1):
            stage_reader = FieldReader(
                reader.path, stage_located, problems, what="a stage",
                prefix=f"{reader.prefix}stages[{index}].",
            )
            if not stage_reader.entries:
                reader.ok = False
                continue
            stage_reader.reject_unknown(STAGE_KEYS)
            label = stage_reader.get("label", f.text, default=None)
            pose = _stage_pose(stage_reader, exercise)
            dose = _dose(stage_reader, has_sides, label=label)
            if dose is None or not stage_reader.ok:
                reader.ok = False
            else:
                stages.append(replace(dose, pose=pose))
    if not reader.ok:
        return None
    item_dose = Dose(hold=None, rest=0.0, reps=reps, sets=sets, set_rest=set_rest)
    return Item(exercise=exercise_id, dose=item_dose, stages=tuple(stages))


def _stage_pose(reader: FieldReader, exercise: Exercise | None) -> int | None:
    """A stage's ``pose:``, one of its exercise's figure poses (an unknown exercise is reported
    on its own key, so its pose is not checked here)."""
    pose = reader.get("pose", f.count(1, MAX_POSES), default=None)
    if pose is None or pose is MISSING:
        return None
    if exercise is not None and exercise.figure is None:
        reader.report("this exercise has no figure to show a pose of", key="pose")
        return None
    if exercise is not None and exercise.figure is not None:
        poses = len(exercise.figure.poses)
        if pose > poses:
            reader.report(f"the exercise's figure has {poses} pose{'s' if poses != 1 else ''}, "
                          f"so there is no pose {pose}", key="pose")
            return None
    return int(pose)


def _dose(reader: FieldReader, has_sides: bool, *, label: str | None = None) -> Dose | None:
    hold = reader.get("hold", _HOLD, default=None)
    rest = reader.get("rest", _PAUSE, default=0.0)
    reps = reader.get("reps", f.count(1, MAX_REPS), default=None)
    fill = reader.get("for", _FILL, default=None)
    sets = reader.get("sets", f.count(1, MAX_SETS), default=1)
    set_rest = reader.get("set_rest", _PAUSE, default=None)
    switch = reader.get("switch", _PAUSE, default=DEFAULT_SWITCH)
    default_sides = SidesMode.EACH.value if has_sides else SidesMode.NONE.value
    sides = reader.get("sides", f.choice(m.value for m in SidesMode), default=default_sides)
    if reps is not None and fill is not None and reps is not MISSING and fill is not MISSING:
        reader.report("give either 'reps' or 'for', not both", key="for")
    if fill is not None and fill is not MISSING and hold is None:
        reader.report("'for' needs a 'hold' to repeat", key="for")
    if sides is not MISSING and sides != SidesMode.NONE.value and not has_sides:
        reader.report(
            f"sides: {sides} needs an exercise done on both sides; this one has none",
            key="sides",
        )
    if not reader.ok:
        return None
    values: dict[str, Any] = {
        "hold": hold,
        "rest": rest,
        "reps": reps if reps is not None else 1,
        "fill": fill,
        "sets": sets,
        "set_rest": set_rest,
        "sides": SidesMode(sides),
        "switch": switch,
        "label": label,
    }
    return Dose(**values)
