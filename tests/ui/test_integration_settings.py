"""The settings dialog, opened from the File menu, changes what the window does at once.

A settings file the app cannot fully use is shown in the window's notice strip and never
written over; temporary files that killed saves left are removed at start-up.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from backtimer.session.timeline import StepKind
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings, load_settings
from backtimer.ui.settings.screen_page import ScreenPage
from backtimer.ui.settings.session_page import SessionPage
from backtimer.ui.settings.sound_page import SoundPage
from backtimer.ui.shell import safety
from backtimer.ui.shell.main_window import MainWindow
from tests.ui.test_window_startup import _run_app
from tests.ui.window_kit import (
    UI_SESSION_ID,
    Answers,
    FakeCues,
    make_window,
    start,
    write_session,
)

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

NO_PREPARE = """\
title: No get-ready of its own
items:
  - exercise: pelvic-tilt
    hold: 5s
"""
OWN_PREPARE = NO_PREPARE.replace("items:", "prepare: 7s\nitems:")


def save_settings_dialog(window: MainWindow, **changes: object) -> Settings:
    window.window_actions.settings.trigger()
    dialog = window.side.settings_dialog
    assert dialog is not None and dialog.isVisible()
    if "prepare" in changes:
        dialog.page(SessionPage).prepare.setValue(int(changes["prepare"]))  # type: ignore[call-overload]
    if "volume" in changes:
        dialog.page(SoundPage).volume.setValue(int(changes["volume"]))  # type: ignore[call-overload]
    if "voice" in changes:
        dialog.page(SoundPage).voice.setChecked(bool(changes["voice"]))
    if "flash" in changes:
        dialog.page(ScreenPage).flash.setChecked(bool(changes["flash"]))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    return window.settings


def first_step_seconds(window: MainWindow) -> tuple[StepKind, float | None]:
    timeline = window.run.adapter.timeline
    assert timeline is not None
    return timeline.steps[0].kind, timeline.steps[0].seconds


def test_settings_reach_the_cues_the_window_and_the_file(qtbot: QtBot, paths: Paths) -> None:
    cues = FakeCues()
    window = make_window(paths, cues=cues)
    qtbot.addWidget(window)
    window.show()
    changed: list[Settings] = []
    window.settings_changed.connect(changed.append)
    settings = save_settings_dialog(window, volume=40, voice=False, flash=False)
    assert cues.director.settings[-1] == settings  # applied at once
    assert cues.director.settings[0].volume == 0.4  # the volume was heard as it moved
    assert settings.volume == 0.4 and not settings.voice and not settings.flash
    assert changed == [settings]
    assert load_settings(paths.settings_file).settings == settings
    assert settings.safety_acknowledged  # what the dialog does not show is kept


def test_the_default_get_ready_time_changes_the_next_session(qtbot: QtBot, paths: Paths) -> None:
    write_session(paths, "no-prepare", NO_PREPARE)
    write_session(paths, "own-prepare", OWN_PREPARE)
    window = make_window(paths, settings=Settings(safety_acknowledged=True, default_prepare=5.0))
    qtbot.addWidget(window)
    window.show()
    start(window, "no-prepare")
    assert first_step_seconds(window) == (StepKind.PREPARE, 5.0)
    window.show_start()
    assert window.start_screen.select_id("no-prepare")
    assert window.start_screen.total_label.text().startswith("0:10 in total")

    save_settings_dialog(window, prepare=12)
    assert window.settings.default_prepare == 12.0
    assert window.start_screen.total_label.text().startswith("0:17 in total")  # at once
    window.start_screen.start_button.click()
    assert first_step_seconds(window) == (StepKind.PREPARE, 12.0)
    window.show_start()
    start(window, "own-prepare")
    assert first_step_seconds(window) == (StepKind.PREPARE, 7.0)  # a session's own wins


def test_a_window_starts_with_the_saved_get_ready_time(qtbot: QtBot, paths: Paths) -> None:
    write_session(paths, "no-prepare", NO_PREPARE)
    window = make_window(paths, settings=Settings(safety_acknowledged=True, default_prepare=20.0))
    qtbot.addWidget(window)
    start(window, "no-prepare")
    assert first_step_seconds(window) == (StepKind.PREPARE, 20.0)


# -- a settings file the app cannot fully use: shown in the window, never written over ----------

BROKEN = """\
default_prepare: 20
sounds: false
soft_sounds: true
volume: 0.3
voice: false
safety_acknowledged: true
   flash: false
"""  # six custom values, then one line indented by mistake


class SafetyQuestions:
    """Stands in for the real safety dialog (a modal) that ``run_app``'s window would open."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked = 0
        monkeypatch.setattr(safety, "ask_safety_first", self.ask)

    def ask(self, _parent: object) -> bool:
        self.asked += 1
        return True


def write_settings(paths: Paths, text: str) -> bytes:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(text, "utf-8")
    return paths.settings_file.read_bytes()


def test_a_typo_is_shown_the_file_kept_and_the_safety_question_not_asked_again(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = write_settings(paths, BROKEN)
    write_session(paths)
    questions = SafetyQuestions(monkeypatch)
    code, seen = _run_app(monkeypatch, UI_SESSION_ID, lambda w: w.run.session is not None)
    assert code == 0 and seen, "the session never started"
    window = seen[0]
    qtbot.addWidget(window)
    assert questions.asked == 0
    notices = window.notice_bar.texts()
    assert any(str(paths.settings_file) in text and "line 7" in text
               and "won't be saved" in text for text in notices), notices
    settings = window.settings
    assert (settings.default_prepare, settings.volume, settings.voice) == (20.0, 0.3, False)
    assert paths.settings_file.read_bytes() == before


def test_settings_nested_500_deep_do_not_stop_the_window(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 1 KB file used to leave the window on "Loading sessions…" with empty menus."""
    before = write_settings(paths, "volume: " + "[" * 500 + "]" * 500 + "\n")
    SafetyQuestions(monkeypatch)
    code, seen = _run_app(monkeypatch, None,
                          lambda w: w.cues is not None and bool(w.notice_bar.texts()))
    assert code == 0 and seen, "the window never finished starting"
    window = seen[0]
    qtbot.addWidget(window)
    assert window.start_screen.model.rowCount() > 0
    assert window.session_menu.actions()
    assert any("nested too deeply" in text for text in window.notice_bar.texts())
    assert paths.settings_file.read_bytes() == before


def test_ignored_settings_are_shown_once_in_the_window(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_settings(paths, "sounds: false\nvolume: 7\nspeed: 3\n")
    code, seen = _run_app(monkeypatch, None,
                          lambda w: w.cues is not None and bool(w.notice_bar.texts()))
    assert code == 0 and seen
    window = seen[0]
    qtbot.addWidget(window)
    [text] = window.notice_bar.texts()
    assert "line 2: volume: must be from 0 to 1" in text
    assert "line 3: speed: unknown setting" in text
    assert not window.settings.sounds and window.settings.volume == Settings().volume


def test_settings_read_without_a_problem_show_no_notice(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_settings(paths, "sounds: false\nsafety_acknowledged: true\n")
    code, seen = _run_app(monkeypatch, None, lambda w: w.cues is not None)
    assert code == 0 and seen
    qtbot.addWidget(seen[0])
    assert seen[0].notice_bar.texts() == []


def test_saving_over_a_broken_file_is_refused_and_said(qtbot: QtBot, paths: Paths) -> None:
    before = write_settings(paths, BROKEN)
    window = make_window(paths)
    qtbot.addWidget(window)
    window.show()
    window.window_actions.settings.trigger()
    dialog = window.side.settings_dialog
    assert dialog is not None
    dialog.page(SoundPage).volume.setValue(50)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible(), "the dialog closed as if it had saved"
    assert "could not be read (line 7" in dialog.message.text()
    assert paths.settings_file.read_bytes() == before


def test_the_safety_answer_is_not_written_over_a_broken_file(
    qtbot: QtBot, paths: Paths
) -> None:
    before = write_settings(paths, BROKEN.replace("true\n   flash", "false\n   flash"))
    write_session(paths)
    answers = Answers()
    window = make_window(paths, settings=Settings(), answers=answers)
    qtbot.addWidget(window)
    window.show()
    start(window, UI_SESSION_ID)
    assert answers.asked_safety == 1 and window.run.session is not None
    assert paths.settings_file.read_bytes() == before
    assert any("could not be read (line 7" in text for text in window.notice_bar.texts())
    window.show_start()
    start(window, UI_SESSION_ID)
    assert answers.asked_safety == 1  # once in this run, even though it could not be saved


# -- temporary files left by saves that were killed midway ---------------------------------------

def dead_pid() -> int:
    """The id of a process that has ended (and been waited for)."""
    finished = subprocess.Popen([sys.executable, "-c", ""])
    finished.wait()
    return finished.pid


def test_the_app_removes_temporary_files_that_killed_saves_left(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_session(paths)
    pid = dead_pid()
    left = [paths.config_dir / f".settings.yaml.{pid}.abcd1234.tmp",
            paths.user_sessions_dir / f".{UI_SESSION_ID}.yaml.{pid}.x1y2z3w4.tmp"]
    for path in left:
        path.write_text("half a save")
    kept = [paths.config_dir / "notes.tmp", paths.user_sessions_dir / ".my-own.tmp"]
    for path in kept:
        path.write_text("not ours")
    code, seen = _run_app(monkeypatch, None,
                          lambda w: w.cues is not None and not any(p.exists() for p in left))
    assert code == 0 and seen, "the temporary files were never removed"
    qtbot.addWidget(seen[0])
    assert all(path.exists() for path in kept)
