"""Issue 14 item 19: file dialogs open in the home folder (then where the person last was),
and an export says in the window where it saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from backtimer.store.paths import Paths
from backtimer.ui.common import file_folder
from backtimer.ui.common.file_folder import LastFolder
from backtimer.ui.handout.handout_actions import _pdf_path
from backtimer.ui.history.history_view import ask_csv_path
from backtimer.ui.library.session_files import FilePrompts, _open_path, _save_path
from tests.ui.window_kit import make_window

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


class Dialogs:
    """Stands in for QFileDialog's static functions: records where each would open."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.opened_in: list[str] = []

    def ask(self, _parent: object, _title: str, directory: str, _filter: str) -> tuple[str, str]:
        self.opened_in.append(directory)
        return (str(self.answer) if self.answer else "", "")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "person"
    folder.mkdir()
    monkeypatch.setattr(file_folder, "_SHARED", LastFolder(home=folder))
    return folder


def test_the_first_dialog_opens_in_the_home_folder(qtbot: QtBot, home: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    dialogs = Dialogs(None)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialogs.ask)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialogs.ask)
    assert _open_path(None) is None
    assert _save_path(None, "stretches.yaml") is None
    parent = QWidget()
    qtbot.addWidget(parent)
    assert ask_csv_path(parent, "backtimer-history.csv") is None
    assert _pdf_path(parent, "stretches.pdf") is None  # the handout: not the working folder
    assert dialogs.opened_in == [str(home), str(home / "stretches.yaml"),
                                 str(home / "backtimer-history.csv"),
                                 str(home / "stretches.pdf")]


def test_the_next_dialog_opens_where_the_last_file_was(qtbot: QtBot, home: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "downloads"
    elsewhere.mkdir()
    dialogs = Dialogs(elsewhere / "shared.yaml")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialogs.ask)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialogs.ask)
    assert _open_path(None) == elsewhere / "shared.yaml"
    _save_path(None, "stretches.yaml")
    assert dialogs.opened_in[-1] == str(elsewhere / "stretches.yaml")


def test_an_export_says_where_it_saved_in_the_window(qtbot: QtBot, paths: Paths,
                                                     tmp_path: Path) -> None:
    target = tmp_path / "out" / "stretches.yaml"
    target.parent.mkdir()
    prompts = FilePrompts(save_path=lambda _parent, _name: target)
    window = make_window(paths, file_prompts=prompts)
    qtbot.addWidget(window)
    window.show()
    window.start_screen.select_id("stretches")
    window.library_actions.export_action.trigger()
    assert target.exists()
    title = window.library.entries["stretches"].title
    expected = f"Exported “{title}” to {target}"
    assert expected in window.notice_bar.texts()
    window.notice_bar.dismiss()
    window.library_actions.export_action.trigger()  # again: said again
    assert window.notice_bar.texts() == [expected]
