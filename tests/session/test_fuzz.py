"""Hostile input: the session loader either gives a session or reports ``FILE:LINE: message``.

Whatever bytes a person (or a broken editor, or a malicious download) puts in a session file,
``load_session``, ``load_exercises`` and ``backtimer check`` must answer with a session or with
problems that point at a real line, never with a traceback, never by running code named in a
YAML tag, and never by eating the machine (billion laughs, deep nesting). The work and memory
bounds below are safety nets against blow-ups (millions of function calls, tens of megabytes),
not performance figures; work is counted in calls, not seconds, so a loaded machine can't fail it.

Each run tries new random inputs (the profiles in tests/conftest.py; a failure prints the input
and a blob that replays it): a few dozen per property in the everyday suite, ten times as many
with ``HYPOTHESIS_PROFILE=thorough``. The named attacks below run every time.
"""

from __future__ import annotations

import re
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backtimer.cli import check_one
from backtimer.resources import data_dir
from backtimer.session.loader import (
    DOSE_KEYS,
    EXERCISE_KEYS,
    ITEM_KEYS,
    SESSION_KEYS,
    STAGE_KEYS,
    load_exercises,
    load_session,
)
from backtimer.session.model import Session
from backtimer.session.problems import Problem, ProblemsError
from backtimer.store.library import Library
from tests.helpers import examples

NAME = "fuzz.yaml"
MAX_CALLS = 3_000_000  # per input; a normal load makes thousands, a blow-up billions
MAX_BYTES = 50 * 1024 * 1024  # per input, traced peak

# Examples per property (``examples``: the default profile's count, ten times it when thorough).
FUZZ = settings(
    max_examples=examples(40),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SESSION_FILES = sorted((data_dir() / "sessions").glob("*.yaml"))
REAL_SESSIONS = [p.read_bytes() for p in SESSION_FILES]
REAL_EXERCISES = (data_dir() / "exercises.yaml").read_bytes()
# Six of the library's exercises that between them use every key an exercise has: reading all
# 28 costs four times as much per input and reaches no other code.
SOME_EXERCISES = ("back-extension", "hamstring-stretch", "lower-trunk-rotation", "cat-curl",
                  "bird-dog", "walk")
LIBRARY = Library(None)
EXERCISES = LIBRARY.exercises

PROBLEM_LINE = re.compile(r"(?P<file>[^\n]+?):(?P<line>\d+): (?P<message>[^\n]+)")


# -- the property every input must satisfy ------------------------------------------------


def bounded(call: Callable[[], Any], *, count_calls: bool = False) -> Any:
    """Run ``call`` under a memory budget (and a work budget); return what it returned (or raised).

    Work is the number of function calls (Python and C) the call makes, counted by a profile
    hook that stops the call once the budget is spent, so a blow-up fails fast instead of
    hanging the suite. The hook triples the cost of a load, so it is on for the named attacks
    (the inputs built to blow up) and off for the hundreds of random ones.
    """
    calls = 0

    def count(_frame: Any, event: str, _arg: Any) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1
            if calls > MAX_CALLS:
                sys.setprofile(None)
                raise OverBudgetError

    tracemalloc.start()
    if count_calls:
        sys.setprofile(count)
    try:
        result: Any = call()
    except ProblemsError as error:
        result = error
    finally:
        sys.setprofile(None)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert calls <= MAX_CALLS, f"one input made more than {MAX_CALLS} calls"
    assert peak < MAX_BYTES, f"one input used {peak / 1e6:.0f} MB"
    return result


class OverBudgetError(Exception):
    """Raised inside the call under test when it spends more than ``MAX_CALLS``."""


def line_count(data: bytes) -> int:
    """Lines in ``data`` as an editor counts them (LF only): problems name the editor's line,
    also after a NEL, LS or PS, which YAML counts as line breaks too (found by this fuzz)."""
    return data.count(b"\n") + 1


def assert_problems_point_into(problems: list[Problem], data: bytes, name: str = NAME) -> None:
    assert problems, "a refusal must say why"
    last_line = line_count(data)
    for problem in problems:
        text = str(problem)
        match = PROBLEM_LINE.fullmatch(text)
        assert match, f"not FILE:LINE: message on one line: {text!r}"
        assert match["file"] == name
        assert 1 <= int(match["line"]) <= last_line + 1, (text, last_line)
        assert match["message"].strip()


def check_session_bytes(data: bytes, *, count_calls: bool = False) -> Session | None:
    """The property: a Session, or ProblemsError with well-formed problems; nothing else.

    ``load_session`` lays every session out before it returns it (and reports one too long to
    lay out), so a session that loads can always be laid out without building it again here.
    """
    result = bounded(lambda: load_session(NAME, data, EXERCISES), count_calls=count_calls)
    if isinstance(result, ProblemsError):
        assert_problems_point_into(result.problems, data)
        return None
    assert isinstance(result, Session)
    assert result.items, "a session with nothing in it was accepted"
    return result


def check_exercise_bytes(data: bytes, *, count_calls: bool = False) -> None:
    exercises, problems = bounded(lambda: load_exercises(NAME, data), count_calls=count_calls)
    assert isinstance(exercises, dict)
    if problems:
        assert_problems_point_into(problems, data)


def check_cli(tmp_path: Path, data: bytes, *, count_calls: bool = False) -> None:
    target = tmp_path / NAME
    target.write_bytes(data)
    problems = bounded(lambda: check_one(str(target), LIBRARY), count_calls=count_calls)
    assert isinstance(problems, list)
    if problems:
        assert_problems_point_into(problems, data, str(target))


# -- strategies ---------------------------------------------------------------------------

HUGE_INTS = st.sampled_from([2**63, -(2**63), 10**400, 10**4000])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    HUGE_INTS,
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["10s", "2m", "1m30s", "-5s", "0", "1e309", "3O s", "each", "both", "none"]),
)
KEYS = st.one_of(
    st.sampled_from(sorted({*SESSION_KEYS, *ITEM_KEYS, *STAGE_KEYS, *EXERCISE_KEYS, "exercises"})),
    st.text(max_size=12),
)


def _children(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(KEYS, inner, max_size=6),
    )


DOCUMENTS = st.recursive(SCALARS, _children, max_leaves=40)


@st.composite
def session_like(draw: st.DrawFn) -> dict[str, Any]:
    """Documents shaped like a session, so the fuzz reaches field validation, not just YAML."""
    exercise_ids = sorted(EXERCISES)
    value = st.one_of(SCALARS, st.sampled_from(exercise_ids), DOCUMENTS)

    def dose(keys: tuple[str, ...]) -> dict[str, Any]:
        chosen = draw(st.lists(st.sampled_from(keys), unique=True, max_size=len(keys)))
        return {key: draw(value) for key in chosen}

    items = []
    for _ in range(draw(st.integers(0, 4))):
        item = dose(DOSE_KEYS)
        if draw(st.booleans()):
            item["exercise"] = draw(st.sampled_from(exercise_ids))
        if draw(st.integers(0, 3)) == 0:
            item["stages"] = [dose(STAGE_KEYS) for _ in range(draw(st.integers(0, 3)))]
        items.append(item)
    document = dose(SESSION_KEYS[:-1])
    document["items"] = items
    return document


def dump(document: Any) -> bytes:
    return yaml.safe_dump(document, allow_unicode=True).encode("utf-8")


# Mutations of real files: each takes the bytes and a Hypothesis draw, and returns new bytes.


def _flip(data: bytes, draw: st.DrawFn) -> bytes:
    at = draw(st.integers(0, max(0, len(data) - 1)))
    bit = 1 << draw(st.integers(0, 7))
    return data[:at] + bytes([data[at] ^ bit]) + data[at + 1:] if data else data


def _insert(data: bytes, draw: st.DrawFn) -> bytes:
    at = draw(st.integers(0, len(data)))
    noise = draw(
        st.one_of(
            st.binary(min_size=1, max_size=16),
            st.sampled_from(
                [b"\x00", b"\xff\xfe", b"\xc3(", b"&a ", b"*a", b"!!python/name:os.system ",
                 b"<<: ", b"{", b"[", b"- ", b": ", b"\n  ", b"\t", b"\r\n", b"\xef\xbb\xbf",
                 b"%YAML 1.1\n", b"---\n", b"...\n", b"? ", b"|\n", b"'", b'"\\'],
            ),
        )
    )
    return data[:at] + noise + data[at:]


def _delete(data: bytes, draw: st.DrawFn) -> bytes:
    start = draw(st.integers(0, len(data)))
    end = draw(st.integers(start, min(len(data), start + 40)))
    return data[:start] + data[end:]


def _truncate(data: bytes, draw: st.DrawFn) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


def _retype(data: bytes, draw: st.DrawFn) -> bytes:
    """Replace the value after one ``key:`` with a wrong type, a huge number or a tag."""
    spots = [m.end() for m in re.finditer(rb"\b[a-z_]+: ", data)]
    if not spots:
        return data
    at = draw(st.sampled_from(spots))
    end = data.find(b"\n", at)
    end = len(data) if end < 0 else end
    value = draw(
        st.sampled_from(
            [b"[]", b"{}", b"~", b"yes", b"-1", b"0", b"1e400", b"9" * 400, b"9" * 5000,
             b"0x7fffffffffffffffffff", b".nan", b"-.inf", b"2001-12-14", b"[[[[[[1]]]]]]",
             b"{a: {b: {c: d}}}", b"!!binary aGVsbG8=", b"!!set {a, b}", b"!!omap [a: 1]",
             b"!!python/object/apply:os.getcwd []", b"&x 1", b"*undefined", b"'unclosed",
             b"10" + b"s" * 50, b"1h" * 20, b"\"\\xff\"", b"|\n  two\n  lines"]
        )
    )
    return data[:at] + value + data[end:]


def _nest(data: bytes, draw: st.DrawFn) -> bytes:
    # Up to and past the depth limit (40). Brackets stop at 200 deep: PyYAML's scanner does work
    # in proportion to the open brackets at every token (a 1,000-deep list takes 3 s to refuse
    # under the memory tracer), and the thousands-deep attacks below (flow list, flow map, block
    # list) run every time in all three readers.
    kind = draw(st.sampled_from(["flow-list", "flow-map", "block"]))
    depth = draw(st.sampled_from([10, 41, 200] + ([2000] if kind == "block" else [])))
    if kind == "flow-list":
        deep = b"[" * depth + b"]" * depth
    elif kind == "flow-map":
        deep = b"{a: " * depth + b"1" + b"}" * depth
    else:
        deep = b"".join(b"  " * i + b"- \n" for i in range(min(depth, 2000)))
    return data + b"\nsummary: " + deep + b"\n"


MUTATIONS = [_flip, _insert, _delete, _truncate, _retype, _nest]


@st.composite
def mutated_session(draw: st.DrawFn) -> bytes:
    data = draw(st.sampled_from(REAL_SESSIONS))
    for _ in range(draw(st.integers(1, 4))):
        data = draw(st.sampled_from(MUTATIONS))(data, draw)
    return data


def some_of_the_library(data: bytes, ids: tuple[str, ...]) -> bytes:
    """The library file's header and the exercises ``ids``, each as written in the file."""
    starts = [(m.start(), m[1].decode()) for m in re.finditer(rb"^  ([a-z-]+):\n", data, re.M)]
    ends = [start for start, _ in starts[1:]] + [len(data)]
    kept = [data[start:end] for (start, name), end in zip(starts, ends, strict=True)
            if name in ids]
    assert len(kept) == len(ids), "an exercise named here left the library"
    return data[:starts[0][0]] + b"".join(kept)


EXERCISES_TO_MUTATE = some_of_the_library(REAL_EXERCISES, SOME_EXERCISES)


@st.composite
def mutated_exercises(draw: st.DrawFn) -> bytes:
    data = EXERCISES_TO_MUTATE
    for _ in range(draw(st.integers(1, 3))):
        data = draw(st.sampled_from(MUTATIONS))(data, draw)
    return data


# -- the fuzz -----------------------------------------------------------------------------


@settings(FUZZ, max_examples=examples(50))
@given(DOCUMENTS)
def test_random_yaml_documents_give_a_session_or_located_problems(document: Any) -> None:
    check_session_bytes(dump(document))


@settings(FUZZ, max_examples=examples(50))
@given(session_like())
def test_session_shaped_documents_give_a_session_or_located_problems(
    document: dict[str, Any],
) -> None:
    check_session_bytes(dump(document))


@FUZZ
@given(mutated_session())
def test_mutated_real_sessions_give_a_session_or_located_problems(data: bytes) -> None:
    check_session_bytes(data)


@settings(FUZZ, max_examples=examples(30))
@given(mutated_exercises())
def test_mutated_exercise_library_keeps_the_good_and_locates_the_bad(data: bytes) -> None:
    check_exercise_bytes(data)


@settings(FUZZ, max_examples=examples(20))
@given(st.one_of(mutated_session(), st.binary(max_size=200)))
def test_backtimer_check_reports_located_problems(tmp_path_factory: Any, data: bytes) -> None:
    check_cli(tmp_path_factory.mktemp("check"), data)


@settings(FUZZ, max_examples=examples(100))  # cheap: most bytes fail at the first line
@given(st.binary(max_size=300))
def test_arbitrary_bytes_give_located_problems(data: bytes) -> None:
    check_session_bytes(data)


# -- named attacks, each written out so a regression names its cause ----------------------


def billion_laughs(levels: int = 12, fan: int = 10) -> bytes:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * fan)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append(f"title: *a{levels - 1}")
    lines.append("items:\n  - exercise: squat\n    reps: 3")
    return ("\n".join(lines) + "\n").encode()


ATTACKS: dict[str, bytes] = {
    "billion laughs": billion_laughs(),
    "laughs in items": b"x: &x [&y {exercise: squat, reps: 3}, *y, *y, *y, *y, *y, *y, *y]\n"
    + b"z: &z [*x, *x, *x, *x, *x, *x, *x, *x]\nw: &w [*z, *z, *z, *z, *z, *z, *z, *z]\n"
    + b"v: &v [*w, *w, *w, *w, *w, *w, *w, *w]\ntitle: t\nitems: *v\n",
    "recursive alias": b"title: t\nitems: &loop [*loop]\n",
    "deep flow list": b"title: t\nitems: " + b"[" * 50_000 + b"]" * 50_000 + b"\n",
    "deep flow map": b"title: t\nitems: " + b"{a: " * 3000 + b"1" + b"}" * 3000 + b"\n",
    "deep block list": b"title: t\nitems:\n"
    + b"".join(b"  " * i + b"- \n" for i in range(1, 3000)),
    "huge int hold": b"title: t\nitems:\n  - exercise: squat\n    hold: " + b"9" * 400 + b"\n",
    "very long int": b"title: t\nitems:\n  - exercise: squat\n    reps: " + b"9" * 5000 + b"\n",
    "huge float": b"title: t\nitems:\n  - exercise: squat\n    hold: 1e400\n",
    "huge reps": b"title: t\nitems:\n  - exercise: squat\n    reps: 100000000000\n",
    "latin-1 bytes": b"title: Dehnung f\xfcr den R\xfccken\nitems:\n  - exercise: squat\n",
    "utf-16": "title: t\nitems:\n  - exercise: squat\n".encode("utf-16"),
    "lone surrogate": b"title: \xed\xa0\x80\nitems:\n  - exercise: squat\n",
    "NUL byte": b"title: t\x00\nitems:\n  - exercise: squat\n",
    "escaped NUL": b'title: "t\\0"\nitems:\n  - exercise: squat\n',
    "two documents": b"title: t\nitems:\n  - exercise: squat\n---\ntitle: u\n",
    "only a comment": b"# nothing here\n",
    "empty": b"",
    "a bare list": b"- exercise: squat\n",
    "newline in key": b'title: t\n"ite\\nms": []\nitems:\n  - exercise: squat\n',
    "newline in exercise": b'title: t\nitems:\n  - exercise: "squat\\nplank"\n',
    "control characters": b"title: t\x07\x1b[31m\nitems:\n  - exercise: squat\n",
    "empty mapping": b"{}\n",
    "empty item": b"title: t\nitems: [{}]\n",
    "empty stage": b"title: t\nitems:\n  - exercise: squat\n    stages: [{}]\n",
    "control character first": b"\x01title: t\nitems:\n  - exercise: squat\n",
    "too large": b"title: t\nsummary: " + b"x" * 1_100_000 + b"\nitems: []\n",
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_named_attacks_give_a_session_or_located_problems(name: str, tmp_path: Path) -> None:
    data = ATTACKS[name]
    check_session_bytes(data, count_calls=True)
    check_exercise_bytes(data, count_calls=True)
    check_cli(tmp_path, data, count_calls=True)


def test_expanding_aliases_are_refused_not_expanded() -> None:
    assert check_session_bytes(ATTACKS["billion laughs"], count_calls=True) is None


def test_deep_nesting_is_refused_with_a_line() -> None:
    for name in ("deep flow list", "deep flow map", "deep block list"):
        assert check_session_bytes(ATTACKS[name]) is None, name


@pytest.mark.parametrize("name", ["empty mapping", "empty item", "empty stage"])
def test_an_empty_part_is_a_problem_not_a_session_with_nothing_in_it(name: str) -> None:
    """Found by this fuzz: ``{}`` passed ``backtimer check`` and ``[{}]`` gave zero items."""
    assert check_session_bytes(ATTACKS[name]) is None


def test_an_empty_exercise_is_reported_not_silently_dropped() -> None:
    _, problems = load_exercises(NAME, b"exercises:\n  plank: {}\n")
    assert [(p.line, p.field) for p in problems] == [(2, "plank")]


def code_tags(marker: Path) -> Iterator[tuple[str, bytes]]:
    """YAML tags that would construct Python objects, each aimed at creating ``marker``."""
    target = str(marker)
    yield "apply open", f"title: !!python/object/apply:builtins.open ['{target}', 'w']\n".encode()
    yield "apply os.system", f"title: !!python/object/apply:os.system ['touch {target}']\n".encode()
    yield "new", f"title: !!python/object/new:pathlib.Path.touch [{target!r}]\n".encode()
    yield "name", b"title: !!python/name:os.system ''\n"
    yield "module", b"title: !!python/module:os ''\n"
    yield "object", b"title: !!python/object:argparse.Namespace {a: 1}\n"
    yield "tuple", b"title: !!python/tuple [a, b]\n"
    yield "item", f"items:\n  - !!python/object/apply:os.system ['touch {target}']\n".encode()
    yield "key", f"? !!python/object/apply:os.system ['touch {target}']\n: 1\n".encode()
    yield (
        "as a value deep inside",
        f"title: t\nitems:\n  - exercise: squat\n    reps: !!python/object/apply:os.system\n"
        f"      args: ['touch {target}']\n".encode(),
    )
    yield "local tag", f"title: !open ['{target}', 'w']\n".encode()


def test_tags_that_construct_python_objects_are_refused(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for name, data in code_tags(marker):
        problems: list[Problem] = []
        try:
            load_session(NAME, data + b"title: t\nitems:\n  - exercise: squat\n", EXERCISES)
        except ProblemsError as error:
            problems = error.problems
        assert problems, f"{name}: a code tag was accepted"
        assert_problems_point_into(problems, data + b"title: t\n")
        check_exercise_bytes(data)
        check_cli(tmp_path, data)
        assert not marker.exists(), f"{name}: a YAML tag ran code"


def test_a_code_tag_is_named_in_the_problem(tmp_path: Path) -> None:
    data = b"title: t\nitems:\n  - exercise: squat\n    reps: !!python/object/apply:os.getpid []\n"
    with pytest.raises(ProblemsError) as caught:
        load_session(NAME, data, EXERCISES)
    [problem] = caught.value.problems
    assert problem.line == 4
    assert "python/object/apply:os.getpid" in problem.message


def test_the_real_sessions_still_load() -> None:
    """The mutations start from these; if they did not load, the fuzz would prove little."""
    for path, data in zip(SESSION_FILES, REAL_SESSIONS, strict=True):
        assert isinstance(check_session_bytes(data), Session), path


def test_the_exercises_the_fuzz_mutates_still_load_with_every_key() -> None:
    """The same for the exercises: they load, and between them they use every exercise key."""
    exercises, problems = load_exercises(NAME, EXERCISES_TO_MUTATE)
    assert not problems and sorted(exercises) == sorted(SOME_EXERCISES)
    used = {key.decode() for key in re.findall(rb"^    ([a-z_]+):", EXERCISES_TO_MUTATE, re.M)}
    assert used == set(EXERCISE_KEYS), set(EXERCISE_KEYS) ^ used
