"""``backtimer reminders`` lists the reminders and says when the next one is due."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backtimer.cli import main
from backtimer.store.library import Library
from backtimer.store.local_zone import local_zone
from backtimer.store.paths import Paths
from backtimer.store.reminders_cli import print_reminders
from backtimer.store.settings import load_settings

BERLIN = ZoneInfo("Europe/Berlin")
TEXT = """\
reminders:
  - {time: "07:30", days: mon-fri, session: daily-routine}
  - {time: "18:00", days: [sat, sun], session: no-such-session}
"""


def write(paths: Paths, text: str) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(text, "utf-8")


def test_it_lists_them_and_the_next_one_from_a_given_moment(paths: Paths) -> None:
    write(paths, TEXT)
    out = io.StringIO()
    friday_evening = datetime(2026, 3, 6, 20, 0, tzinfo=BERLIN)
    assert print_reminders(load_settings(paths.settings_file), Library(paths), out,
                           now=friday_evening, zone=BERLIN) == 0
    assert out.getvalue().splitlines() == [
        "07:30  mon-fri  daily-routine    Daily back routine",
        "18:00  sat-sun  no-such-session  (no such session)",
        "Next: Sat 07 Mar 18:00 (in 22 h 0 min), no-such-session",
    ]


def test_the_command_runs_with_the_system_zone(paths: Paths,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    write(paths, TEXT + "  - {time: '7.30', days: mon, session: daily-routine}\n")
    assert main(["reminders"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("07:30  mon-fri  daily-routine") and "Next: " in out
    assert "settings.yaml:4: reminders: time: expected a time" in err


def test_without_reminders_it_says_how_to_add_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reminders"]) == 0
    assert "Settings > Reminders" in capsys.readouterr().out


def test_the_zone_comes_from_tz_then_localtime(tmp_path: Path) -> None:
    assert local_zone({"TZ": "Europe/Berlin"}) == BERLIN
    zone = local_zone({}, localtime=tmp_path / "missing")
    assert datetime(2026, 1, 1, tzinfo=zone).utcoffset() is not None
