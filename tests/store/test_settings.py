"""Settings survive a round trip, broken values fall back one by one, and saves are atomic."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from backtimer.store import atomic
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings, load_settings, save_settings


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
