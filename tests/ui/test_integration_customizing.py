"""Customizing end to end, through the window: quick adjust, restart, reset, the File menu's
dialogs, import, and a broken file repaired or deleted from the start screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from backtimer.session.timeline import StepKind
from backtimer.store.library import Origin
from backtimer.store.paths import Paths
from backtimer.ui.common.spin_boxes import CheckedSpinBox
from backtimer.ui.library.my_sessions import Prompts
from backtimer.ui.library.session_files import FilePrompts
from backtimer.ui.shell.main_window import MainWindow
from backtimer.ui.start.session_list import TAG_ROLE
from tests.ui.window_kit import make_window, write_session

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

PLANK = "side-plank-intervals"  # prepare 10 s, 2 x (10 x 10 s hold, 9 x 3 s rest), switch 5 s

BROKEN = """\
title: Broken
items:
  - exercise: side-plank
    hold: 10s
    reeps: 3
"""


@dataclass
class FileAnswers:
    """Answers the file dialogs and records the messages shown."""

    open_path: Path | None = None
    save_path: Path | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)

    def prompts(self) -> FilePrompts:
        return FilePrompts(
            open_path=lambda parent: self.open_path,
            save_path=lambda parent, suggested: self.save_path,
            show_error=lambda parent, title, text, details: self.errors.append((text, details)),
            show_info=lambda parent, title, text: self.infos.append(text),
        )


def shown(qtbot: QtBot, window: MainWindow) -> MainWindow:
    qtbot.addWidget(window)
    window.show()
    return window


def type_into(qtbot: QtBot, box: CheckedSpinBox, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)


def hold_box(window: MainWindow, card: int = 0) -> CheckedSpinBox:
    box = window.start_screen.panel.items.card(card).item_fields.hold
    assert box is not None
    return box


def tag_of(window: MainWindow, session_id: str) -> str:
    model = window.start_screen.model
    return str(model.data(model.index(model.row_of(session_id), 0), TAG_ROLE))


def test_a_hold_changed_on_the_start_screen_is_run_kept_after_a_restart_and_reset(
    qtbot: QtBot, paths: Paths
) -> None:
    window = shown(qtbot, make_window(paths))
    screen = window.start_screen
    assert screen.select_id(PLANK)
    assert screen.total_label.text().startswith("4:24 in total")
    type_into(qtbot, hold_box(window), "25")
    # 5 (default get-ready) + (10 x 25 + 9 x 3) + 5 + (10 x 25 + 9 x 3) = 564 s, shown unsaved
    assert screen.total_label.text().startswith("9:24 in total")
    assert window.library.entries[PLANK].origin is Origin.BUILTIN

    screen.start_button.click()
    timeline = window.run.adapter.timeline
    assert timeline is not None and timeline.total_seconds == 564
    assert {s.seconds for s in timeline.steps if s.kind is StepKind.HOLD} == {25.0}
    assert window.library.entries[PLANK].origin is Origin.CUSTOMIZED
    saved = paths.user_sessions_dir / f"{PLANK}.yaml"
    assert "hold: 25s" in saved.read_text("utf-8")
    window.close()

    # A restart: a new library and a new window on the same BACKTIMER_HOME.
    again = shown(qtbot, make_window(paths))
    again_screen = again.start_screen
    assert again_screen.select_id(PLANK)
    assert hold_box(again).value() == 25
    assert tag_of(again, PLANK) == "customized"
    assert again_screen.total_label.text().startswith("9:24 in total")

    entry = again.library.entries[PLANK]
    actions = {a.text(): a for a in again_screen.context_actions(entry)}
    actions["Reset to original"].trigger()
    assert not saved.exists()
    assert again.library.entries[PLANK].origin is Origin.BUILTIN
    assert hold_box(again).value() == 10 and tag_of(again, PLANK) == ""
    assert again_screen.total_label.text().startswith("4:24 in total")
    assert not again_screen.undo_strip.isHidden()
    again_screen.undo_button.click()  # the very same file comes back
    assert again.library.entries[PLANK].origin is Origin.CUSTOMIZED
    assert hold_box(again).value() == 25 and again_screen.selected_entry().id == PLANK  # type: ignore[union-attr]
    again.start_screen.panel.reset_button.click()  # the panel's own button does the same
    assert again.library.entries[PLANK].origin is Origin.BUILTIN


def test_enter_in_a_spin_box_takes_the_value_and_enter_on_the_list_starts(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = shown(qtbot, make_window(paths))
    screen = window.start_screen
    assert screen.select_id(PLANK)
    box = hold_box(window)
    box.lineEdit().setText("30")  # typed, not yet taken
    # The offscreen platform gives no window the keyboard focus, so say where it is.
    focus: list[QWidget] = [box.lineEdit()]
    monkeypatch.setattr(QApplication, "focusWidget", staticmethod(lambda: focus[0]))
    window.window_actions.start.trigger()  # what Enter does
    assert window.run.adapter.timeline is None  # still on the start screen, nothing started
    assert box.value() == 30
    assert not (paths.user_sessions_dir / f"{PLANK}.yaml").exists()
    focus[0] = screen.list_view
    window.window_actions.start.trigger()
    timeline = window.run.adapter.timeline
    assert timeline is not None
    assert {s.seconds for s in timeline.steps if s.kind is StepKind.HOLD} == {30.0}


def test_a_refused_value_does_not_start_and_nothing_is_saved(qtbot: QtBot, paths: Paths) -> None:
    window = shown(qtbot, make_window(paths))
    assert window.start_screen.select_id(PLANK)
    type_into(qtbot, hold_box(window), "11m")  # above the 10 min limit: refused, not clamped
    window.start_screen.start_button.click()
    assert window.stack.currentWidget() is window.start_screen
    assert not (paths.user_sessions_dir / f"{PLANK}.yaml").exists()


def test_create_reorder_duplicate_and_delete_through_the_window(qtbot: QtBot,
                                                                 paths: Paths) -> None:
    window = shown(qtbot, make_window(paths, prompts=Prompts(ask_text=lambda *_: None)))
    screen = window.start_screen
    actions = window.library_actions

    actions.new_action.trigger()
    editor = actions.editor
    assert editor is not None and editor.isVisible()
    editor.title.setText("Evening")
    qtbot.keyClicks(editor.picker.search, "side plank")
    editor.picker.add_button.click()
    editor.picker.search.clear()
    qtbot.keyClicks(editor.picker.search, "walk")
    editor.picker.list.setCurrentRow(0)
    editor.picker.add_button.click()
    editor.save_button.click()
    assert not editor.isVisible()
    selected = screen.selected_entry()
    assert selected is not None and selected.id == "evening" and selected.origin is Origin.USER
    assert screen.title_label.text() == "Evening" and tag_of(window, "evening") == "yours"
    assert [i.exercise for i in window.library.resolve("evening").items] == ["side-plank", "walk"]

    actions.my_sessions_action.trigger()
    dialog = actions.my_sessions
    assert dialog is not None and dialog.isVisible()
    dialog.select("evening")
    dialog.buttons["edit"].click()
    assert dialog.editor is not None
    dialog.editor.items.card(1).up_button.click()  # the walk first
    dialog.editor.save_button.click()
    assert [i.exercise for i in window.library.resolve("evening").items] == ["walk", "side-plank"]
    session = screen.selected_session()
    assert session is not None and session.items[0].exercise == "walk"  # the screen followed

    dialog.select("evening")
    dialog.buttons["duplicate"].click()
    copy = dialog.current()
    assert copy is not None and copy.title == "Evening (copy)" and copy.id != "evening"
    assert screen.model.row_of(copy.id) >= 0
    assert screen.selected_entry().id == copy.id  # type: ignore[union-attr]

    dialog.buttons["delete"].click()
    assert screen.model.row_of(copy.id) == -1
    assert not (paths.user_sessions_dir / f"{copy.id}.yaml").exists()
    assert screen.model.row_of("evening") >= 0
    dialog.undo_button.click()
    assert screen.model.row_of(copy.id) >= 0


def test_import_a_good_and_a_broken_file_from_the_file_menu(qtbot: QtBot, paths: Paths,
                                                           tmp_path: Path) -> None:
    answers = FileAnswers()
    window = shown(qtbot, make_window(paths, file_prompts=answers.prompts()))
    good = tmp_path / "Morning.yaml"
    good.write_text("title: Morning walk\nitems:\n  - exercise: walk\n    hold: 5m\n", "utf-8")
    answers.open_path = good
    window.library_actions.import_action.trigger()
    assert answers.errors == []
    assert window.start_screen.selected_entry().id == "morning"  # type: ignore[union-attr]
    assert window.start_screen.title_label.text() == "Morning walk"
    assert tag_of(window, "morning") == "yours"

    before = {p.name: p.read_bytes() for p in paths.user_sessions_dir.iterdir()}
    rows = window.start_screen.model.rowCount()
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, "utf-8")
    answers.open_path = broken
    window.library_actions.import_action.trigger()
    assert len(answers.errors) == 1
    text, details = answers.errors[0]
    assert "Nothing was changed" in text
    assert details.startswith(f"{broken}:5: ") and "reeps" in details
    assert {p.name: p.read_bytes() for p in paths.user_sessions_dir.iterdir()} == before
    assert window.start_screen.model.rowCount() == rows


def test_export_writes_the_session_as_adjusted(qtbot: QtBot, paths: Paths,
                                               tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    answers = FileAnswers(save_path=target)
    window = shown(qtbot, make_window(paths, file_prompts=answers.prompts()))
    assert window.start_screen.select_id(PLANK)
    hold_box(window).setValue(30)
    window.library_actions.export_action.trigger()
    assert "hold: 30s" in target.read_text("utf-8")


def test_a_broken_user_file_can_be_repaired_or_deleted_from_the_start_screen(
    qtbot: QtBot, paths: Paths
) -> None:
    write_session(paths, "broken", BROKEN)
    window = shown(qtbot, make_window(paths))
    screen = window.start_screen
    assert screen.select_id("broken")
    assert "line 5" in screen.problem_label.text()
    assert not screen.start_button.isEnabled() and not screen.broken_row.isHidden()

    screen.repair_button.click()
    repair = screen.repair
    assert repair is not None and repair.isVisible()
    repair.text.setPlainText(BROKEN.replace("reeps", "reps"))
    repair.save()
    assert window.library.entries["broken"].valid
    assert screen.selected_entry().id == "broken" and screen.start_button.isEnabled()  # type: ignore[union-attr]
    assert screen.broken_row.isHidden()

    write_session(paths, "broken", BROKEN)
    window.library.reload()
    screen.reload()
    assert screen.select_id("broken") and not screen.start_button.isEnabled()
    screen.delete_button.click()
    assert screen.model.row_of("broken") == -1
    assert not (paths.user_sessions_dir / "broken.yaml").exists()
    screen.undo_button.click()
    assert (paths.user_sessions_dir / "broken.yaml").read_text("utf-8") == BROKEN
    assert screen.selected_entry().id == "broken"  # type: ignore[union-attr]


def test_the_library_cannot_change_under_a_running_session(qtbot: QtBot, paths: Paths) -> None:
    window = shown(qtbot, make_window(paths))
    actions = window.library_actions
    assert all(a.isEnabled() for a in actions.actions())
    assert window.window_actions.settings.isEnabled()
    window.start_screen.start_button.click()
    assert window.stack.currentWidget() is window.run.session_screen
    assert not any(a.isEnabled() for a in actions.actions())
    assert not window.window_actions.settings.isEnabled()
    window.show_start()
    assert all(a.isEnabled() for a in actions.actions())


def test_the_easier_version_chosen_on_the_start_screen_is_run_shown_and_saved(
    qtbot: QtBot, paths: Paths
) -> None:
    # Issue 12: "let quick adjust choose the easier or harder version of an item".
    window = shown(qtbot, make_window(paths))
    screen = window.start_screen
    assert screen.select_id(PLANK)
    box = screen.panel.items.card(0).version_box
    assert box is not None
    qtbot.waitUntil(lambda: box.isVisibleTo(window))  # the card is shown by the event loop
    assert [box.itemText(i) for i in range(box.count())] == ["Standard", "Easier", "Harder"]
    box.setCurrentIndex(box.findText("Easier"))

    screen.start_button.click()
    session_screen = window.run.session_screen
    assert window.stack.currentWidget() is session_screen
    easier = window.library.exercises["side-plank"].easier
    assert easier is not None
    qtbot.waitUntil(lambda: session_screen.version_label.isVisible())
    assert session_screen.version_label.text().replace("\xa0", " ") == f"Easier version: {easier}"
    assert "Easier:" not in session_screen.how_label.text()  # not said twice
    saved = paths.user_sessions_dir / f"{PLANK}.yaml"
    assert "version: easier" in saved.read_text("utf-8")
    assert window.library.entries[PLANK].origin is Origin.CUSTOMIZED


def test_an_exercise_without_versions_gets_no_version_box(qtbot: QtBot, paths: Paths) -> None:
    write_session(paths, "plain", "title: Plain\nitems:\n  - exercise: walk\n    hold: 1m\n")
    window = shown(qtbot, make_window(paths))
    assert window.library.exercises["walk"].easier is None
    assert window.library.exercises["walk"].harder is None
    assert window.start_screen.select_id("plain")
    assert window.start_screen.panel.items.card(0).version_box is None
