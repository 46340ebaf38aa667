"""A wrong value is quoted the same way wherever a problem names it: a session's field, a
duration, a reminder in the settings. Short whatever its size, with its end kept (so a cut
text still shows its closing quote), and a mapping or a list by its kind."""

from __future__ import annotations

import pytest

from backtimer.session.shown import LONGEST, shown_value
from backtimer.store.paths import Paths
from backtimer.store.settings import load_settings
from tests.session.test_loader import problems_of

LONG = "a" * 5000 + "z"


def test_a_long_text_is_cut_with_its_end_kept() -> None:
    shown = shown_value(LONG)
    assert len(shown) == LONGEST
    assert shown.startswith("'aaa") and shown.endswith("aaz'") and "…" in shown
    assert shown_value("short") == "'short'"


@pytest.mark.parametrize(("value", "says"), [
    ("{a: 1}", "not a set of key: value lines"),
    ("[1, 2]", "not a list"),
    (f"'{LONG}'", shown_value(LONG)),
])
def test_a_session_and_the_settings_quote_a_wrong_value_alike(
        paths: Paths, value: str, says: str) -> None:
    item = "title: T\nitems:\n  - {{exercise: side-plank, {}}}\n"
    [kind] = problems_of(item.format(f"hold: 5s, sides: {value}"))
    [duration] = problems_of(item.format(f"hold: {value}"))
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text(
        f"reminders:\n  - {{time: {value}, days: daily, session: a}}\n", "utf-8")
    [reminder] = load_settings(paths.settings_file).problems
    for problem in (kind, duration, str(reminder)):
        assert problem.endswith(says) or f"{says}," in problem or f"{says} " in problem, problem
        assert len(problem) < 300
