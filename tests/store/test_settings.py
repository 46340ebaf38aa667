"""Settings survive a round trip, broken values fall back one by one, and saves are atomic."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from backtimer.store import atomic
from backtimer.store.paths import Paths
from backtimer.store.settings import (
    Settings,
    SettingsUnreadableError,
    load_settings,
    save_settings,
)


def test_missing_file_gives_the_defaults(paths: Paths) -> None:
    loaded = load_settings(paths.settings_file)
    assert loaded.settings == Settings() and loaded.problems == ()


def test_saved_settings_load_back(paths: Paths) -> None:
    changed = Settings().with_changes(default_prepare=20.0, sounds=False, volume=0.25,
                                      voice=False, keep_awake=False, soft_sounds=True)
    save_settings(paths.settings_file, changed)
    assert load_settings(paths.settings_file).settings == changed


def test_a_broken_value_keeps_its_default_and_the_rest_is_read(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text("volume: 7\nsounds: false\nspeed: 3\nvoice: maybe\n")
    loaded = load_settings(paths.settings_file)
    assert loaded.settings == Settings().with_changes(sounds=False)
    assert len(loaded.problems) == 3


def test_a_failed_save_keeps_the_old_file(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(paths.settings_file, Settings().with_changes(volume=0.5))
    before = paths.settings_file.read_bytes()

    def crash(source: str, target: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_replace", crash)
    with pytest.raises(OSError):
        save_settings(paths.settings_file, Settings().with_changes(volume=0.1))
    assert paths.settings_file.read_bytes() == before
    assert [p.name for p in paths.config_dir.iterdir()] == ["settings.yaml"]


# -- a settings file that cannot be read as a whole is kept, and what can be read is used --------

CUSTOM = """\
default_prepare: 20
sounds: false
soft_sounds: true
volume: 0.3
voice: false
safety_acknowledged: true
   flash: false
"""  # six custom values, then one line indented by mistake
CUSTOM_SETTINGS = Settings(default_prepare=20.0, sounds=False, soft_sounds=True, volume=0.3,
                           voice=False, flash=False, safety_acknowledged=True)


def test_a_typo_keeps_the_file_and_the_values_that_can_be_read(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text(CUSTOM)
    before = paths.settings_file.read_bytes()
    loaded = load_settings(paths.settings_file)
    assert loaded.settings == CUSTOM_SETTINGS  # even the badly indented line is read
    assert loaded.unreadable is not None and loaded.unreadable.line == 7
    assert "not valid YAML" in loaded.unreadable.message
    with pytest.raises(SettingsUnreadableError) as refused:
        save_settings(paths.settings_file, Settings())
    assert refused.value.problem.line == 7
    assert paths.settings_file.read_bytes() == before
    assert [p.name for p in paths.config_dir.iterdir()] == ["settings.yaml"]


def test_once_the_file_is_fixed_it_is_saved_again(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text(CUSTOM)
    paths.settings_file.write_text(CUSTOM.replace("   flash", "flash"))
    save_settings(paths.settings_file, CUSTOM_SETTINGS.with_changes(volume=0.5))
    assert load_settings(paths.settings_file).settings.volume == 0.5


@pytest.mark.parametrize("acknowledged", ["", "safety_acknowledged: false\n"])
def test_a_broken_file_brings_back_the_safety_question_only_if_it_says_so(
    paths: Paths, acknowledged: str
) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text(f"volume: 0.3\n{acknowledged}sounds: [false\n")
    loaded = load_settings(paths.settings_file)
    assert loaded.unreadable is not None
    assert loaded.settings.volume == 0.3
    assert loaded.settings.safety_acknowledged is (not acknowledged)


def test_a_file_that_is_not_key_value_lines_is_kept(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text("- volume\n- 0.3\n")
    loaded = load_settings(paths.settings_file)
    assert loaded.unreadable is not None and loaded.settings.safety_acknowledged
    with pytest.raises(SettingsUnreadableError):
        save_settings(paths.settings_file, Settings())
    assert paths.settings_file.read_text() == "- volume\n- 0.3\n"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("volume: " + "[" * 500 + "]" * 500 + "\n", "nested too deeply"),  # a 1 KB file
        ("sounds: [" + "1, " * 20_000 + "1]\n", ""),
        ("sounds: false\n" + "#" * 1_000_001 + "\n", "too large"),
    ],
    ids=["500-deep", "20001-nodes", "over-1-MB"],
)
def test_settings_have_the_session_files_limits(paths: Paths, text: str, reason: str) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text(text)
    loaded = load_settings(paths.settings_file)  # no RecursionError, no MemoryError
    assert loaded.unreadable is not None and reason in loaded.unreadable.message
    with pytest.raises(SettingsUnreadableError):
        save_settings(paths.settings_file, Settings())
    assert paths.settings_file.read_text() == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_settings_saved_as_utf16_say_so_and_are_kept(paths: Paths, encoding: str) -> None:
    """Notepad's "Unicode": said as UTF-16 with what to do, as a session file is (it was "a
    binary file, not YAML text"), and never written over."""
    paths.config_dir.mkdir(parents=True)
    data = "volume: 0.3\nsounds: false\n".encode(encoding)
    paths.settings_file.write_bytes(data)
    loaded = load_settings(paths.settings_file)
    assert loaded.unreadable is not None
    assert "saved as UTF-16" in loaded.unreadable.message
    assert "save it as UTF-8" in loaded.unreadable.message
    with pytest.raises(SettingsUnreadableError):
        save_settings(paths.settings_file, Settings())
    assert paths.settings_file.read_bytes() == data


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_in_place_of_the_settings_is_reported_without_waiting(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    os.mkfifo(paths.settings_file)
    loaded = load_settings(paths.settings_file)
    assert loaded.unreadable is not None and "not a regular file" in loaded.unreadable.message
    assert loaded.settings == Settings(safety_acknowledged=True)


def test_problems_name_the_line_and_the_setting(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text("sounds: false\nvolume: 7\nspeed: 3\n")
    problems = [str(p) for p in load_settings(paths.settings_file).problems]
    assert problems == [f"{paths.settings_file}:2: volume: must be from 0 to 1, not 7",
                        f"{paths.settings_file}:3: speed: unknown setting"]


@pytest.mark.parametrize(("line", "says"), [
    ("sounds: yes", "sounds: expected true or false, not 'yes'"),
    ("default_prepare: 10 minutes", "default_prepare: expected a number, not '10 minutes'"),
    ("default_prepare: 1e308", "default_prepare: must be from 0 to 300, not 1e+308"),
    ("volume: .nan", "volume: must be from 0 to 1, not nan"),
    ("weekly_goal: {a: 1}", "weekly_goal: expected a whole number, not a set of key: value lines"),
])
def test_a_wrong_setting_is_quoted_as_a_session_field_is(
        paths: Paths, line: str, says: str) -> None:
    """What was written is said back, short, the way a session file's problems quote it."""
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text(line + "\n", encoding="utf-8")
    [problem] = load_settings(paths.settings_file).problems
    assert str(problem) == f"{paths.settings_file}:1: {says}"


def test_whole_number_and_text_settings_are_checked(paths: Paths) -> None:
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(
        "weekly_goal: 9\nlast_session: daily-routine\nvoice_name: true\n"
        "reduce_motion: true\n", encoding="utf-8")
    loaded = load_settings(paths.settings_file)
    assert loaded.settings.weekly_goal == 4  # out of range: the default, reported
    assert loaded.settings.last_session == "daily-routine"
    assert loaded.settings.voice_name == ""  # not text
    assert loaded.settings.reduce_motion is True
    assert {problem.field for problem in loaded.problems} == {"weekly_goal", "voice_name"}
    save_settings(paths.settings_file, loaded.settings.with_changes(weekly_goal=6))
    assert load_settings(paths.settings_file).settings.weekly_goal == 6


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_folder_or_fifo_in_place_of_the_settings_is_never_replaced(
        paths: Paths, kind: str) -> None:
    paths.config_dir.mkdir(parents=True)
    if kind == "folder":
        paths.settings_file.mkdir()
        (paths.settings_file / "mine").write_text("kept")
    else:
        os.mkfifo(paths.settings_file)
    loaded = load_settings(paths.settings_file)
    assert loaded.unreadable is not None
    with pytest.raises(SettingsUnreadableError):  # checked again right before writing
        save_settings(paths.settings_file, Settings(volume=0.3))
    if kind == "folder":
        assert (paths.settings_file / "mine").read_text() == "kept"
    else:
        assert stat.S_ISFIFO(os.lstat(paths.settings_file).st_mode)
