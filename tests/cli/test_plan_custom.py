"""`backtimer plan ID` shows the user's customized version of a built-in session."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from backtimer.cli import main
from backtimer.store.library import Library
from backtimer.store.paths import Paths
from backtimer.store.user_sessions import UserSessions


def plan(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["plan", *args]) == 0
    return capsys.readouterr().out


def test_plan_shows_the_customized_hold_and_total(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    before = json.loads(plan(capsys, "daily-walk", "--json"))
    assert before["total_seconds"] == 5 + 600  # the built-in: the default 5 s prepare, 10 minutes

    store = UserSessions(Library(paths))  # paths come from BACKTIMER_HOME, like the CLI's
    walk = store.library.resolve("daily-walk")
    item = walk.items[0]
    store.save(replace(walk, items=(replace(item, dose=replace(item.dose, hold=900.0)),)))

    after = json.loads(plan(capsys, "daily-walk", "--json"))
    assert after["total_seconds"] == 5 + 900
    assert plan(capsys, "daily-walk").splitlines()[-1] == "Total: 15:05"

    store.reset_to_original("daily-walk")
    assert json.loads(plan(capsys, "daily-walk", "--json")) == before
