"""Words in one place: one ``tr`` (one context, named placeholders) and the theme's look."""

from __future__ import annotations

import errno
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from backtimer.session.model import Version
from backtimer.session.timeline import Step, StepKind
from backtimer.store.history import HistoryUnavailable, Unavailable
from backtimer.store.user_sessions import FileAction, UserFileError
from backtimer.ui.common.words import (
    duration_text,
    failure_text,
    history_unavailable_text,
    short_seconds,
    version_line,
    whole_minutes,
)
from backtimer.ui.finish.log_form import LogForm
from backtimer.ui.history.history_view import HistoryView
from tests.helpers import exercises

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

UI = Path(__file__).resolve().parents[2] / "src" / "backtimer" / "ui"


class Marking(QTranslator):
    """A stand-in translation: every BackTimer text comes back wrapped in « »."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return f"«{source}»" if context == "BackTimer" else ""


@pytest.fixture
def marking(qapp: QCoreApplication) -> Iterator[None]:
    translator = Marking()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_one_translation_reaches_the_history_and_the_finish_form(qtbot: QtBot,
                                                                 marking: None) -> None:
    """Before, these screens used their own contexts and %1 placeholders: a translation made
    for the rest of the window never reached them."""
    view = HistoryView(None)
    qtbot.addWidget(view)
    assert view.windowTitle() == "«BackTimer history»"
    assert "«The history cannot be shown»" in [label.text()
                                               for label in view.findChildren(QLabel)]
    form = LogForm()
    qtbot.addWidget(form)
    assert any(label.text() == "«How is your back?»" for label in form.findChildren(QLabel))
    assert whole_minutes(840) == "«14 min»"  # the placeholder is filled after translating


def test_each_form_of_a_length_reads_as_before(qapp: QCoreApplication) -> None:
    assert whole_minutes(45) == "45 s" and whole_minutes(840) == "14 min"


def test_the_history_table_and_the_command_line_give_the_same_seconds(
        qapp: QCoreApplication) -> None:
    # 33.4 s read "33 s" in the window and 0:34 in ``backtimer history``.
    from backtimer.session.durations import format_clock

    assert whole_minutes(33.4) == "34 s"
    for tenths in range(0, 590):
        seconds = tenths / 10
        assert whole_minutes(seconds) == f"{int(format_clock(seconds).split(':')[1])} s"
    assert short_seconds(90) == "1:30 min" and short_seconds(120) == "2 min"
    assert duration_text(3900) == "1 h 5 min" and duration_text(90) == "1 min 30 s"


def ui_sources() -> Iterator[tuple[Path, str]]:
    for path in sorted(UI.rglob("*.py")):
        yield path, path.read_text(encoding="utf-8")


def test_the_window_has_one_tr_and_one_placeholder_style() -> None:
    for path, text in ui_sources():
        name = path.relative_to(UI).as_posix()
        if name != "common/words.py":
            assert "QCoreApplication.translate" not in text, name
            assert not re.search(r"^def tr\(", text, re.MULTILINE), name
        assert not re.search(r"\b(self|parent)\.tr\(", text), name
        assert "%1" not in text, name
        assert not re.search(r"\btr\(f[\"']", text), name


def test_the_history_screens_take_colours_and_fonts_from_the_theme() -> None:
    for path in sorted((UI / "history").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[\"']#[0-9a-fA-F]{3,8}[\"']", text), path.name
        assert "QFont()" not in text, path.name


def test_the_cues_have_their_own_single_tr() -> None:
    """The cues cannot import the window's words (layers), so they keep one ``tr`` of their own."""
    cues = UI.parent / "cues"
    for path in sorted(cues.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        if path.name != "words.py":
            assert "QCoreApplication.translate" not in text, path.name
            assert not re.search(r"^def _?tr\(", text, re.MULTILINE), path.name


def test_the_window_words_why_the_history_cannot_be_used(qtbot: QtBot, marking: None,
                                                          tmp_path: Path) -> None:
    """The store gives the reason and the file; the window's words (translated) say it."""
    file = tmp_path / "history.sqlite3"
    view = HistoryView(None, unavailable=HistoryUnavailable(Unavailable.FOREIGN, file))
    qtbot.addWidget(view)
    texts = [label.text() for label in view.findChildren(QLabel)]
    assert f"«The file {file} is a database, but not a BackTimer history" in " ".join(texts)


@pytest.mark.parametrize("reason", list(Unavailable))
def test_every_reason_the_history_is_unavailable_has_its_own_sentence(
        reason: Unavailable, tmp_path: Path, qapp: QCoreApplication) -> None:
    file = tmp_path / "history.sqlite3"
    text = history_unavailable_text(HistoryUnavailable(reason, file, "disk gone"))
    assert str(file) in text and text.endswith(".")
    others = {history_unavailable_text(HistoryUnavailable(other, file, "disk gone"))
              for other in Unavailable if other is not reason}
    assert text not in others


def test_a_failed_session_file_is_worded_by_the_window(marking: None, tmp_path: Path) -> None:
    """The store says what failed (delete), why (disk full) and which file; the window's
    translated words say it, where the store once built the English sentence itself."""
    file = tmp_path / "mine.yaml"
    error = UserFileError(file, OSError(errno.ENOSPC, "No space left"), action=FileAction.DELETE)
    assert failure_text(error) == (
        "«Could not delete mine.yaml: «the disk is full». Nothing was changed on disk.»")
    assert "Could not delete mine.yaml: the disk is full" in str(error)  # logs keep English


def test_a_read_only_folder_reads_the_same_for_sessions_and_settings(
        qapp: QCoreApplication, tmp_path: Path) -> None:
    from backtimer.ui.settings.settings_dialog import save_error_text

    denied = OSError(errno.EACCES, "Permission denied")
    session = failure_text(UserFileError(tmp_path / "mine.yaml", denied))
    settings = save_error_text(tmp_path / "settings.yaml", denied)
    folder = f"the folder {tmp_path} cannot be written to"
    assert folder in session and folder in settings


def test_the_chosen_version_is_named_with_its_words_and_standard_adds_nothing() -> None:
    exercise = exercises()["side-plank"]
    exercise = replace(exercise, easier="On your knees.", harder="Lift the top leg.")
    step = Step(StepKind.HOLD, 10.0, "side-plank", 0, "Side plank")
    assert version_line(step, exercise) is None
    easier = replace(step, version=Version.EASIER)
    harder = replace(step, version=Version.HARDER)
    assert version_line(easier, exercise) == "Easier version: On your knees."
    assert version_line(harder, exercise) == "Harder version: Lift the top leg."
    assert version_line(harder, replace(exercise, harder=None)) is None
