"""``sessions`` and ``plan`` mark time at the person's own pace with +; ``plan --json`` says
which session and format it is, and when each step starts."""

from __future__ import annotations

import json

import pytest

from backtimer.cli import main


def output(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_sessions_mark_totals_with_self_paced_reps(capsys: pytest.CaptureFixture[str]) -> None:
    rows = {line.split()[0]: line for line in output(capsys, "sessions").splitlines()}
    assert rows["strength-basics"].endswith("+")  # squats at your own pace
    assert rows["side-plank-intervals"].endswith(" 4:24")  # 5 s get-ready: the default setting


def test_plan_marks_self_paced_steps_and_the_times_after_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = output(capsys, "plan", "strength-basics").splitlines()
    assert lines[-1].startswith("Total: ") and lines[-1].endswith(" + your pace")
    steps = lines[1:-1]
    first_own_pace = next(i for i, line in enumerate(steps) if "at your pace" in line)
    assert "+  " in steps[first_own_pace]  # its length
    assert not steps[first_own_pace].split()[0].endswith("+")  # it starts at a known time
    assert all(line.split()[0].endswith("+") for line in steps[first_own_pace + 1:])


def test_plan_json_names_the_format_the_session_and_each_start(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = json.loads(output(capsys, "plan", "side-plank-intervals", "--json"))
    assert data["format"] == 1
    assert data["id"] == "side-plank-intervals" and data["title"] == "Side plank intervals"
    assert data["self_paced"] is False
    starts = [step["start"] for step in data["steps"]]
    assert starts[:3] == [0, 5, 15]  # the default get-ready 5 s, then the first 10 s hold
    ends = [step["start"] + step["seconds"] for step in data["steps"]]
    assert ends[-1] == data["total_seconds"] == 264
