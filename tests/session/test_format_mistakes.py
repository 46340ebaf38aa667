"""Mistakes in a session file are reported or read as meant, never silently as something else."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from backtimer.cli import check_files
from backtimer.session.loader import load_exercises, load_session
from backtimer.session.problems import ProblemsError
from backtimer.session.suggest import closest
from tests.helpers import EXERCISES_YAML, exercises, session


def hold_of(value: str) -> float | None:
    return session(f"""
        title: T
        items:
          - exercise: squat
            hold: {value}
    """).items[0].dose.hold


def problems_of(text: str | bytes) -> list[str]:
    data = text if isinstance(text, bytes) else textwrap.dedent(text).encode()
    with pytest.raises(ProblemsError) as caught:
        load_session("bad.yaml", data, exercises())
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(("written", "seconds"), [
    ("1:30", 90), ("0:30", 30), ("10:05", 605), ("1:00:00", 3600), ("'1:30'", 90),
])
def test_minutes_and_seconds_read_as_a_clock_shows_them(written: str, seconds: float) -> None:
    assert hold_of(written) == seconds  # YAML 1.1 made 1:30 into 90 but refused 0:30


def test_a_leading_zero_is_not_octal() -> None:
    assert hold_of("010") == 10  # YAML 1.1: 8
    reps = session("""
        title: T
        items:
          - exercise: squat
            reps: 010
    """).items[0].dose.reps
    assert reps == 10


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y"])
def test_yes_and_no_are_not_booleans_or_durations(word: str) -> None:
    [problem] = problems_of(f"""
        title: T
        items:
          - exercise: squat
            hold: {word}
    """)
    assert f"not '{word}'" in problem


def test_sciatica_ok_yes_asks_for_true_or_false() -> None:
    text = EXERCISES_YAML.replace("    sciatica_ok: true", "    sciatica_ok: yes")
    found, problems = load_exercises("exercises.yaml", text.encode())
    assert "pelvic-tilt" not in found
    assert [p.message for p in problems] == ["expected true or false, not 'yes'"]


def test_a_title_of_yes_stays_text() -> None:
    assert session("title: yes\nitems:\n  - exercise: squat\n").title == "yes"


def test_a_bad_clock_time_says_what_is_expected() -> None:
    [problem] = problems_of("title: T\nitems:\n  - exercise: squat\n    hold: 1:75\n")
    assert "1:30 (minutes:seconds)" in problem and "'1:75'" in problem


def test_a_list_where_a_duration_goes_shows_no_internals() -> None:
    [problem] = problems_of("title: T\nitems:\n  - exercise: squat\n    hold: [10s]\n")
    assert "Located" not in problem and "not a list" in problem


def test_key_suggestions_prefer_the_likeliest_key() -> None:
    [problem] = problems_of("title: T\nitems:\n  - exercise: squat\n    rets: 3s\n")
    assert "did you mean 'rest'?" in problem
    assert closest("stes", ["sets", "rest", "sides"]) == "sets"
    assert closest("hodl", ["hold", "rest"]) == "hold"
    assert closest("zzzz", ["hold", "rest"]) is None


def test_a_non_breaking_space_is_named() -> None:
    text = "title: T\nitems:\n  - exercise: squat\n\u00a0\u00a0\u00a0\u00a0reps: 3\n"
    problems = problems_of(text.encode())
    assert any("line 4 contains a non-breaking space" in p for p in problems), problems


def test_a_utf16_file_is_named_as_such() -> None:
    for encoding in ("utf-16", "utf-16-le"):
        data = "title: T\nitems:\n  - exercise: squat\n".encode(encoding)
        [problem] = problems_of(data)
        assert "saved as UTF-16" in problem and "UTF-8" in problem


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


def run_check(*files: str) -> tuple[int, list[str]]:
    import io

    out = io.StringIO()
    status = check_files(files, out)
    return status, out.getvalue().splitlines()


def test_check_warns_when_a_comment_cuts_a_title_short(tmp_path: Path) -> None:
    name = write(tmp_path, "r.yaml", """\
        title: Routine #2 for Mr. B
        items:
          - exercise: side-plank   # a normal comment
            hold: 10s  # per side
    """)
    status, lines = run_check(name)
    assert status == 0
    assert lines == [
        f"{name}:1: title: warning: the text ends at 'Routine': what follows '#' is a comment; "
        "quote the text if the # is part of it",
        f"{name}: ok",
    ]


def test_check_reads_a_session_with_an_exercises_line_as_a_session(tmp_path: Path) -> None:
    name = write(tmp_path, "s.yaml", """\
        title: T
        items:
          - exercise: squat
            hodl: 3s
        exercises:
          squat:
            name: Squat
            kind: strength
    """)
    status, lines = run_check(name)
    assert status == 1
    assert any("hodl: unknown key (did you mean 'hold'?)" in line for line in lines), lines


def test_check_points_to_the_format_reference_after_problems(tmp_path: Path) -> None:
    name = write(tmp_path, "b.yaml", "title: T\n")
    status, lines = run_check(name)
    assert status == 1
    assert lines[0].startswith(f"{name}:1: items:")
    assert "docs/format.md" in lines[-1]


@pytest.mark.parametrize("empty", ["", " ~", " null"])
def test_an_empty_hold_is_an_error_not_a_self_paced_step(empty: str) -> None:
    [problem] = problems_of(f"title: T\nitems:\n  - exercise: squat\n    hold:{empty}\n")
    assert problem.startswith("bad.yaml:4: items[1].hold: has no value")
    assert "without 'hold' is done at your own pace" in problem


@pytest.mark.parametrize(("text", "line", "words"), [
    ('title: "Routine #2\nitems:\n  - exercise: squat\n    hold: 10s\n  - exercise: squat\n',
     1, "never closed"),
    ("title: X\nitems:\n  - exercise: squat\n    hold 10s\n  - exercise: squat\n    hold: 5s\n",
     4, "without its ':'"),
    ("title: X\nitems: [\n  {exercise: squat}\n\n", 2, "never closed"),
    ("title: X\nitems:\n  - exercise: squat\n    hold: 5s\n  rest: 3s\n  - exercise: squat\n",
     5, "not valid YAML"),
])
def test_a_syntax_error_names_the_line_the_mistake_is_on(text: str, line: int, words: str) -> None:
    [problem] = problems_of(text)
    assert problem.startswith(f"bad.yaml:{line}: not valid YAML"), problem
    assert words in problem


@pytest.mark.parametrize("odd_break", ["\x85", "\u2028", "\u2029"])
def test_a_problem_names_the_line_an_editor_shows_after_a_yaml_only_line_break(
        odd_break: str) -> None:
    # YAML breaks lines at NEL, LS and PS; editors break only at LF. The typo is on the
    # editor's line 6, after a title holding one of those characters.
    text = (f'title: "Morning{odd_break}stretch"\n'
            "items:\n"
            "  - exercise: squat\n"
            "    hold: 10s\n"
            "  - exercise: squat\n"
            "    hodl: 10s\n")
    problems = problems_of(text.encode())
    assert any(problem.startswith("bad.yaml:6:") and "hodl" in problem for problem in problems), \
        problems


def test_a_syntax_error_after_a_yaml_only_line_break_names_the_editors_line() -> None:
    text = ('title: "A\x85B"\nitems:\n  - exercise: squat\n    hold 10s\n'
            "  - exercise: squat\n    hold: 5s\n")
    problems = problems_of(text.encode())
    assert problems[0].startswith("bad.yaml:4:"), problems
