"""The writer's output is a session file that loads back to the very same session."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from backtimer.session.loader import MAX_REPS, MAX_SETS, load_session
from backtimer.session.model import Dose, Item, Session, SessionLevel, SidesMode, Version
from backtimer.session.timeline import hold_count, level_count, session_at_level
from backtimer.session.writer import session_to_yaml
from backtimer.store.library import Library
from tests.helpers import examples, exercises, session

# Two exercises gain an easier or harder text, so items may choose those versions.
EXERCISES = exercises()
EXERCISES["squat"] = replace(EXERCISES["squat"], easier="Sit onto a chair.",
                             harder="Hold a weight.")
EXERCISES["bird-dog"] = replace(EXERCISES["bird-dog"], harder="Hold each reach longer.")
WITH_SIDES = sorted(e.id for e in EXERCISES.values() if e.has_sides)
WITHOUT_SIDES = sorted(e.id for e in EXERCISES.values() if not e.has_sides)


def reload(value: Session) -> Session:
    return load_session(f"{value.id}.yaml", session_to_yaml(value, EXERCISES).encode(), EXERCISES)


def test_every_built_in_session_round_trips() -> None:
    library = Library(None)
    for built_in in library.sessions():
        text = session_to_yaml(built_in, library.exercises)
        again = load_session(f"{built_in.id}.yaml", text.encode(), library.exercises)
        assert again == built_in, built_in.id


def test_defaults_are_left_out_and_sides_follow_the_exercise() -> None:
    text = session_to_yaml(
        session("""
            title: Plain
            items:
              - exercise: side-plank
                hold: 10s
              - exercise: squat
                reps: 10
        """),
        EXERCISES,
    )
    assert text == textwrap.dedent("""\
        title: Plain
        transition: 10s
        items:
          - exercise: side-plank
            hold: 10s
          - exercise: squat
            reps: 10
    """)


def test_durations_are_written_in_the_session_format() -> None:
    value = session("""
        title: Long
        prepare: 90
        items:
          - exercise: bird-dog
            hold: 75
            rest: 1.5
            sides: alternate
            for: 3600
    """)
    text = session_to_yaml(value, EXERCISES)
    assert "prepare: 1m30s" in text
    assert "hold: 1m15s" in text and "rest: 1.5s" in text and "for: 1h" in text
    assert reload(value) == value


def test_text_that_looks_like_other_yaml_is_quoted() -> None:
    value = Session(
        id="tricky",
        title="yes",
        summary="Hold: 10s # not a comment, {braces} and 'quotes'",
        items=(Item("back-extension", Dose(hold=None), stages=(
            Dose(hold=5, label="Up: on your elbows, then {down}"),
        )),),
    )
    assert reload(value) == value


def test_staged_items_write_stages_then_sets() -> None:
    value = session("""
        title: Staged
        items:
          - exercise: back-extension
            stages:
              - {label: Lie face down, hold: 5m}
              - {hold: 1s, rest: 2s, reps: 10}
            sets: 4
            set_rest: 1m
    """)
    text = session_to_yaml(value, EXERCISES)
    assert "      - {label: Lie face down, hold: 5m}\n      - {hold: 1s, rest: 2s, reps: 10}\n" \
        "    sets: 4\n    set_rest: 1m\n" in text
    assert reload(value) == value


# Durations people write: whole seconds, or half seconds for the shortest holds.
def durations(low: float, high: float) -> st.SearchStrategy[float]:
    return st.integers(int(low * 2), int(high * 2)).map(lambda halves: halves / 2)


PAUSE = st.one_of(st.just(0.0), durations(0.5, 3600))
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30
).filter(lambda t: t.strip() == t and t != "")


def now_and_then(usual: st.SearchStrategy[Any], rare: st.SearchStrategy[Any],
                 one_in: int = 8) -> st.SearchStrategy[Any]:
    """``usual`` mostly, ``rare`` about once in ``one_in`` draws (``one_of`` would be half)."""
    return st.integers(1, one_in).flatmap(lambda n: rare if n == 1 else usual)


# Counts are mostly small, with the format's limits drawn now and then: the writer's job is the
# same for 3 reps as for 300, and a session's size is bounded by STEP_BUDGET below instead of
# building 20,000-step timelines to find out. (Drawn half the time, the limits made four in five
# sessions too long for the budget: generated, then thrown away.)
REPS = now_and_then(st.integers(1, 12), st.sampled_from([MAX_REPS - 1, MAX_REPS]))
SETS = now_and_then(st.integers(1, 4), st.sampled_from([MAX_SETS - 1, MAX_SETS]))
FILL = now_and_then(durations(1, 600), st.sampled_from([3 * 3600 - 0.5, 3 * 3600.0]))
STEP_BUDGET = 2_000


@st.composite
def doses(draw: st.DrawFn, has_sides: bool, *, stage: bool = False) -> Dose:
    hold = draw(st.one_of(st.none(), durations(0.5, 3600)))
    fill = draw(FILL) if hold is not None and draw(st.booleans()) else None
    reps = 1 if fill is not None else draw(REPS)
    sides = draw(st.sampled_from(list(SidesMode))) if has_sides else SidesMode.NONE
    return Dose(
        hold=hold,
        rest=draw(PAUSE),
        reps=reps,
        fill=fill,
        sets=draw(SETS),
        set_rest=draw(st.one_of(st.none(), PAUSE)),
        sides=sides,
        switch=draw(PAUSE),
        label=draw(st.one_of(st.none(), TEXT)) if stage else None,
    )


@st.composite
def items(draw: st.DrawFn, *, label: bool = False) -> Item:
    exercise = draw(st.sampled_from(WITH_SIDES + WITHOUT_SIDES))
    has_sides = EXERCISES[exercise].has_sides
    name = draw(st.one_of(st.none(), TEXT)) if label else None
    # Only the versions the exercise describes: the loader refuses the others.
    version = draw(st.sampled_from([v for v in Version if v is Version.STANDARD
                                    or getattr(EXERCISES[exercise], v.value)]))
    if draw(st.booleans()):
        return Item(exercise, draw(doses(has_sides)), label=name, version=version)
    stages = tuple(draw(st.lists(doses(has_sides, stage=True), min_size=1, max_size=3)))
    item_dose = Dose(
        # Repeats of the whole stage sequence multiply every stage's steps: kept small (the
        # loader's limit on them is the same count reader as every other reps).
        hold=None, reps=draw(st.integers(1, 3)), sets=draw(SETS),
        set_rest=draw(st.one_of(st.none(), PAUSE)),
    )
    return Item(exercise, item_dose, stages, label=name, version=version)


def levelled(levels: list[Item]) -> Item:
    """An item with levels carries level 1's exercise, dose and stages, as the loader makes it."""
    first = levels[0]
    return Item(first.exercise, first.dose, first.stages, levels=tuple(levels),
                version=first.version)


@st.composite
def item_lists(draw: st.DrawFn, *, level_count: int = 0) -> tuple[Item, ...]:
    """Items; with ``level_count``, some of them carry that many levels (the same for all)."""
    chosen = []
    for plain in draw(st.lists(items(), min_size=1, max_size=4)):
        if level_count and draw(st.booleans()):
            steps = draw(st.lists(items(label=True), min_size=level_count,
                                  max_size=level_count))
            chosen.append(levelled(steps))
        else:
            chosen.append(plain)
    return tuple(chosen)


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    # Levels multiply what is drawn (and the chance of passing the step budget): two are
    # enough to show the order and the shape survive; plain sessions stay half the cases.
    shape = draw(st.sampled_from(["plain", "plain", "item levels", "session levels"]))
    levels: tuple[SessionLevel, ...] = ()
    if shape == "session levels":
        levels = tuple(
            SessionLevel(draw(st.one_of(st.none(), TEXT)), draw(item_lists()))
            for _ in range(draw(st.integers(1, 2)))
        )
        chosen = levels[0].items
    else:
        chosen = draw(item_lists(level_count=draw(st.integers(1, 2)) if shape != "plain" else 0))
    return Session(
        id="generated",
        title=draw(TEXT),
        summary=draw(st.one_of(st.none(), TEXT)),
        prepare=draw(st.one_of(st.none(), PAUSE)),
        transition=draw(PAUSE),
        items=chosen,
        levels=levels,
    )


@settings(max_examples=examples(50))
@given(sessions())
def test_any_session_round_trips(value: Session) -> None:
    # The loader refuses sessions too long to lay out (20,000 steps); counting steps keeps the
    # test on sessions of a size it can load quickly, without laying anything out twice.
    assume(step_bound(value) <= STEP_BUDGET)
    assert reload(value) == value


def step_bound(value: Session) -> int:
    """An upper bound on the session's steps at its biggest level (no timeline built)."""
    if level_count(value) > 1:
        return max(step_bound(session_at_level(value, n))
                   for n in range(1, level_count(value) + 1))
    value = session_at_level(value, 1)
    total = 1 + len(value.items)
    for item in value.items:
        # A hold and a rest per hold, on each side, a switch, and a stage's own sets.
        runs = item.stages or (item.dose,)
        per_set = sum((2 * 2 * hold_count(dose) + 2) * (dose.sets if item.stages else 1)
                      for dose in runs)
        total += item.dose.sets * (per_set * (item.dose.reps if item.stages else 1) + 1)
    return total
