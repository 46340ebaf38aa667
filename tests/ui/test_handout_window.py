"""File ▸ Save handout as PDF… and Print handout…: the selected session, at the level picked,
on paper; the file is written off the GUI thread and the window says where it went."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backtimer.store.library import Library
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings
from backtimer.ui.handout.handout_actions import HandoutPrompts
from backtimer.ui.shell.main_window import MainWindow

pytestmark = [
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing"),
]


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True, timeout=60).stdout
    return " ".join(unicodedata.normalize("NFKC", text).split())


def window_with(qtbot: QtBot, paths: Paths, prompts: HandoutPrompts) -> MainWindow:
    window = MainWindow(Library(paths), Settings(safety_acknowledged=True), paths,
                        handout_prompts=prompts)
    qtbot.addWidget(window)
    return window


def test_save_handout_as_pdf_writes_the_selected_session(
    qtbot: QtBot, paths: Paths, tmp_path: Path
) -> None:
    target = tmp_path / "routine"
    asked: list[str] = []

    def pdf_path(_parent: object, suggested: str) -> Path:
        asked.append(suggested)
        return target.with_suffix(".pdf")

    window = window_with(qtbot, paths, HandoutPrompts(pdf_path=pdf_path))
    assert window.start_screen.select_id("side-plank-intervals")
    file_menu = [a.text() for a in window.file_menu.actions()]
    assert "&Print handout…" in file_menu and "Save handout as P&DF…" in file_menu
    with qtbot.waitSignal(window.handout_actions.saved, timeout=20_000):
        window.handout_actions.save_action.trigger()
    assert asked[0].endswith("side-plank-intervals-handout.pdf")
    assert "10 × 10 s hold, 3 s rest, each side" in pdf_text(target.with_suffix(".pdf"))
    listing = subprocess.run(["pdfimages", "-list", str(target.with_suffix(".pdf"))],
                             capture_output=True, text=True, check=True, timeout=60).stdout
    assert len(listing.splitlines()[2:]) == 0  # the side plank's figure is lines, no picture
    assert any("Saved the handout to" in text for text in window.notice_bar.texts())


def test_a_folder_it_cannot_write_is_said_and_nothing_freezes(
    qtbot: QtBot, paths: Paths, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    window = window_with(qtbot, paths, HandoutPrompts(
        pdf_path=lambda _parent, _suggested: blocker / "x.pdf"))
    window.start_screen.select_id("daily-routine")
    window.handout_actions.save_action.trigger()
    qtbot.waitUntil(lambda: any("Could not save the handout" in text
                                for text in window.notice_bar.texts()), timeout=20_000)


def test_print_handout_goes_to_the_chosen_printer(
    qtbot: QtBot, paths: Paths, tmp_path: Path
) -> None:
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter

    out = tmp_path / "printed.pdf"

    def printer(_parent: object) -> QPrinter:
        chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a printer that is a file
        chosen.setOutputFileName(str(out))
        chosen.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
        return chosen

    window = window_with(qtbot, paths, HandoutPrompts(printer=printer))
    window.start_screen.select_id("strength-basics")
    window.handout_actions.print_action.trigger()
    qtbot.waitUntil(out.exists, timeout=20_000)
    text = pdf_text(out)
    assert "Core and glute strength" in text and "Superman" in text
    assert "Sent the handout" in " ".join(window.notice_bar.texts())


def test_the_handout_actions_rest_during_a_session(qtbot: QtBot, paths: Paths) -> None:
    window = window_with(qtbot, paths, HandoutPrompts())
    window.start_session(window.library.resolve("side-plank-minute"))
    assert not window.handout_actions.save_action.isEnabled()
    assert not window.handout_actions.print_action.isEnabled()
