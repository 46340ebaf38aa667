"""The ``reminders:`` list in settings.yaml: read as written, a bad reminder reported at its line
while the good ones are kept, kept through a file that cannot be read, and written back."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from backtimer.session.reminders import EVERY_DAY, WEEKDAYS, Reminder
from backtimer.store.paths import Paths
from backtimer.store.settings import (
    Settings,
    SettingsUnreadableError,
    load_settings,
    save_settings,
)

WRITTEN = """\
volume: 0.5
reminders:
  - {time: "07:30", days: mon-fri, session: daily-routine}
  - time: "18:00"
    days: [sat, sun]
    session: stretch-break
"""


def write(paths: Paths, text: str) -> Path:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(text, "utf-8")
    return paths.settings_file


def test_reminders_are_read_as_written(paths: Paths) -> None:
    loaded = load_settings(write(paths, WRITTEN))
    assert loaded.problems == ()
    assert loaded.settings.reminders == (
        Reminder(time(7, 30), WEEKDAYS, "daily-routine"),
        Reminder(time(18, 0), frozenset({5, 6}), "stretch-break"))
    assert loaded.settings.volume == 0.5


def test_unquoted_times_are_read_too(paths: Paths) -> None:
    text = "reminders:\n  - {time: 07:30, days: daily, session: daily-routine}\n"
    loaded = load_settings(write(paths, text))
    assert loaded.settings.reminders == (Reminder(time(7, 30), EVERY_DAY, "daily-routine"),)


def test_a_bad_reminder_is_reported_at_its_line_and_the_good_ones_are_kept(paths: Paths) -> None:
    text = WRITTEN + """\
  - {time: "7.30", days: mon, session: daily-routine}
  - {time: "08:00", days: monday, session: daily-routine}
  - {time: "08:00", days: mon, session: Daily Routine}
  - {time: "08:00", days: mon, session: daily-routine, sound: loud}
  - {time: "08:00", session: daily-routine}
  - just text
"""
    loaded = load_settings(write(paths, text))
    assert len(loaded.settings.reminders) == 2
    found = [(p.line, p.field) for p in loaded.problems]
    assert found == [(7, "reminders: time"), (8, "reminders: days"), (9, "reminders: session"),
                     (10, "reminders: sound"), (11, "reminders: days"), (12, "reminders")]
    assert "'monday' is not a day" in loaded.problems[1].message


def test_reminders_that_are_not_a_list_are_one_problem(paths: Paths) -> None:
    loaded = load_settings(write(paths, "reminders: 07:30\nsounds: false\n"))
    assert loaded.settings.reminders == () and not loaded.settings.sounds
    [problem] = loaded.problems
    assert (problem.line, problem.field) == (1, "reminders")


def test_saved_reminders_load_back(paths: Paths) -> None:
    reminders = (Reminder(time(7, 5), WEEKDAYS, "daily-routine"),
                 Reminder(time(21, 0), frozenset({0, 2, 4}), "stretch-break"))
    save_settings(paths.settings_file, Settings().with_changes(reminders=reminders))
    text = paths.settings_file.read_text("utf-8")
    assert "07:05" in text and "mon-fri" in text and "mon, wed, fri" in text
    assert load_settings(paths.settings_file).settings.reminders == reminders


def test_a_file_broken_elsewhere_keeps_its_reminders_and_is_not_written(paths: Paths) -> None:
    text = "sounds: false\nvolume: [0.5\n" + WRITTEN.split("\n", 1)[1] + "flash: false\n"
    path = write(paths, text)
    loaded = load_settings(path)
    assert loaded.unreadable is not None
    assert [r.session for r in loaded.settings.reminders] == ["daily-routine", "stretch-break"]
    assert not loaded.settings.sounds and not loaded.settings.flash
    with pytest.raises(SettingsUnreadableError):
        save_settings(path, loaded.settings)
    assert path.read_text("utf-8") == text


@pytest.mark.parametrize("block", [
    "reminders:\n  - {time: [\n",          # the block itself is broken
    "reminders:\n  - time: 07:30\n   days: x\n",  # bad indentation
    "reminders: {a: [}\n",
    "reminders:\n" + "  - {time: '07:30', days: mon, session: a}\n" * 80 + "bad: [\n",
])
def test_a_broken_reminders_block_never_crashes_the_salvage(paths: Paths, block: str) -> None:
    path = write(paths, "sounds: false\n" + block + "x: [\n")
    loaded = load_settings(path)
    assert loaded.unreadable is not None and not loaded.settings.sounds
    assert len(loaded.settings.reminders) <= 50


# -- a hostile reminders: list (issue 14/15 follow-up) ------------------------------------------

GOOD = '  - {time: "07:30", days: mon-fri, session: daily-routine}\n'


@pytest.mark.parametrize(("item", "says"), [
    ("  - 5\n", "each reminder is time:, days: and session:"),
    ('  - {time: 730, days: daily, session: a}\n', "not 730"),
    ('  - {time: [7, 30], days: daily, session: a}\n', "not a list"),
    ('  - {time: {h: 7}, days: daily, session: a}\n', "not a set of key: value lines"),
    ('  - {time: "25:99", days: daily, session: a}\n', "not '25:99'"),
    ('  - {time: "07:30", days: funday, session: a}\n', "'funday' is not a day"),
    ('  - {time: "07:30", days: [mon, moon], session: a}\n', "'moon' is not a day"),
    ('  - {time: "07:30", days: 5, session: a}\n', "expected days like"),
    ('  - {time: "07:30", days: daily, session: [a]}\n', "expected a session id"),
    ('  - {time: "07:30", days: daily, session: a, at: 1}\n', "unknown key"),
    ('  - [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n',
     "each reminder is"),
])
def test_each_wrong_reminder_is_a_located_problem_and_the_good_one_is_kept(
        paths: Paths, item: str, says: str) -> None:
    path = write(paths, "volume: 0.5\nreminders:\n" + GOOD + item)
    before = path.read_bytes()
    loaded = load_settings(path)
    assert loaded.settings.reminders == (Reminder(time(7, 30), WEEKDAYS, "daily-routine"),)
    [problem] = loaded.problems
    assert problem.line == 4 and says in problem.message
    with pytest.raises(SettingsUnreadableError):  # writing would drop what the person meant
        save_settings(path, loaded.settings.with_changes(volume=0.9))
    assert path.read_bytes() == before


@pytest.mark.parametrize("where", ["time", "days", "session"])
def test_a_huge_value_is_quoted_short(paths: Paths, where: str) -> None:
    values = {"time": '"07:30"', "days": "daily", "session": "a"}
    values[where] = '"' + "x" * 300_000 + '"'
    path = write(paths, "reminders:\n  - {" + ", ".join(f"{k}: {v}" for k, v in values.items())
                 + "}\n")
    [problem] = load_settings(path).problems
    assert len(str(problem)) < 300 + len(str(path))


def test_a_reminder_written_twice_is_said_and_used_once(paths: Paths) -> None:
    path = write(paths, "reminders:\n" + GOOD
                 + '  - {time: "7:30", days: [mon, tue, wed, thu, fri], session: daily-routine}\n')
    loaded = load_settings(path)
    assert len(loaded.settings.reminders) == 1
    [problem] = loaded.problems
    assert problem.line == 3 and "same reminder as on line 2" in problem.message
    save_settings(path, loaded.settings)  # nothing is lost by writing it once
    assert load_settings(path).problems == ()


def test_ten_thousand_reminders_keep_the_first_fifty_and_the_file(paths: Paths) -> None:
    lines = "".join(f'  - {{time: "{i // 60 % 24:02d}:{i % 60:02d}", days: daily, '
                    f"session: s{i}}}\n" for i in range(10_000))
    path = write(paths, "volume: 0.5\nreminders:\n" + lines)
    before = path.read_bytes()
    loaded = load_settings(path)
    assert loaded.unreadable is not None  # too large to read whole: reported
    assert len(loaded.settings.reminders) == 50 and loaded.settings.volume == 0.5
    assert loaded.settings.reminders[0].session == "s0"
    with pytest.raises(SettingsUnreadableError):
        save_settings(path, loaded.settings)
    assert path.read_bytes() == before


def test_ten_thousand_wrong_reminders_are_counted_not_listed(paths: Paths) -> None:
    from backtimer.ui.settings.settings_words import problems_text

    path = write(paths, "reminders:\n" + "".join(f"  - x{i}\n" for i in range(10_000)))
    loaded = load_settings(path)
    text = problems_text(loaded.problems)
    assert "and 9995 more" in text and text.count("\n") < 10
    assert "won't be saved" in text


def test_a_reminder_remembers_its_line_but_is_equal_without_it(paths: Paths) -> None:
    loaded = load_settings(write(paths, WRITTEN))
    assert [r.line for r in loaded.settings.reminders] == [3, 4]
    assert loaded.settings.reminders[0] == Reminder(time(7, 30), WEEKDAYS, "daily-routine")
