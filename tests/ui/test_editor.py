"""The session editor and My sessions: build, change, save, reset, delete, undo, repair."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from backtimer.session.model import DEFAULT_PREPARE, DEFAULT_TRANSITION, ExerciseKind
from backtimer.store import atomic
from backtimer.store.library import Library, Origin
from backtimer.store.paths import Paths
from backtimer.store.user_sessions import UserSessions
from backtimer.ui.library.editor import SessionEditorDialog
from backtimer.ui.library.my_sessions import MySessionsDialog, Prompts

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def store(paths: Paths) -> UserSessions:
    return UserSessions(Library(paths))


def editor_for(qtbot: QtBot, store: UserSessions, session_id: str | None) -> SessionEditorDialog:
    session = store.library.resolve(session_id) if session_id else None
    dialog = SessionEditorDialog(store, session)
    qtbot.addWidget(dialog)
    return dialog


def test_a_new_session_from_the_filtered_library(qtbot: QtBot, store: UserSessions,
                                                 paths: Paths) -> None:
    dialog = editor_for(qtbot, store, None)
    picker = dialog.picker
    everything = picker.shown_ids()
    assert len(everything) == len(store.library.exercises)
    picker.sciatica.setChecked(True)
    gentle = picker.shown_ids()
    assert gentle and all(store.library.exercises[i].sciatica_ok for i in gentle)
    assert len(gentle) < len(everything)
    picker.sciatica.setChecked(False)
    picker.kind.setCurrentIndex(picker.kind.findData(ExerciseKind.STRETCH.value))
    assert all(store.library.exercises[i].kind is ExerciseKind.STRETCH
               for i in picker.shown_ids())
    picker.kind.setCurrentIndex(0)
    qtbot.keyClicks(picker.search, "side plank")
    assert picker.shown_ids() == ["side-plank"]
    assert not dialog.save_button.isEnabled()  # no exercises yet
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    picker.search.clear()
    qtbot.keyClicks(picker.search, "walk")
    picker.list.setCurrentRow(0)
    picker.add_button.click()

    dialog.title.setText("Plank then walk")
    dialog.prepare.setValue(20)
    dialog.transition.setValue(0)
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.saved) as signal:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    entry = signal.args[0]
    assert entry.id == "plank-then-walk" and entry.origin is Origin.USER
    again = Library(paths).resolve("plank-then-walk")  # as the next start of the app sees it
    assert [i.exercise for i in again.items] == ["side-plank", "walk"]
    assert again.prepare == 20 and again.transition == 0 and again.title == "Plank then walk"
    assert dialog.result() == SessionEditorDialog.DialogCode.Accepted


def test_save_needs_a_title(qtbot: QtBot, store: UserSessions) -> None:
    dialog = editor_for(qtbot, store, "stretches")
    assert dialog.save_button.isEnabled()
    dialog.title.setText("   ")
    assert not dialog.save_button.isEnabled()
    assert "title" in dialog.save_button.toolTip()


def test_a_changed_built_in_is_saved_as_customized_and_survives_a_restart(
    qtbot: QtBot, store: UserSessions, paths: Paths
) -> None:
    dialog = editor_for(qtbot, store, "daily-walk")
    hold = dialog.items.card(0).item_fields.hold
    assert hold is not None
    hold.setValue(300)
    assert dialog.items.total_label.text() == "Total: 5:05"  # default 5 s get-ready + 300
    dialog.save()
    assert store.entry("daily-walk").origin is Origin.CUSTOMIZED
    restarted = Library(paths)
    assert restarted.entries["daily-walk"].origin is Origin.CUSTOMIZED
    assert restarted.resolve("daily-walk").items[0].dose.hold == 300


def test_a_failed_save_is_reported_and_the_old_file_kept(
    qtbot: QtBot, store: UserSessions, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = editor_for(qtbot, store, "daily-walk")
    dialog.items.card(0).item_fields.hold.setValue(300)  # type: ignore[union-attr]
    dialog.save()
    saved = (paths.user_sessions_dir / "daily-walk.yaml").read_bytes()

    def crash(source: str, target: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_replace", crash)
    dialog = editor_for(qtbot, store, "daily-walk")
    dialog.show()
    dialog.items.card(0).item_fields.hold.setValue(400)  # type: ignore[union-attr]
    dialog.save()
    assert not dialog.message.isHidden() and "the disk is full" in dialog.message.text()
    assert dialog.isVisible()  # still open, the changes not lost
    assert (paths.user_sessions_dir / "daily-walk.yaml").read_bytes() == saved
    assert sorted(p.name for p in paths.user_sessions_dir.iterdir()) == ["daily-walk.yaml"]


def sessions_dialog(qtbot: QtBot, store: UserSessions,
                    answer: str | None = None) -> MySessionsDialog:
    def ask_text(parent: QWidget, title: str, label: str, text: str) -> str | None:
        return answer

    dialog = MySessionsDialog(store, prompts=Prompts(ask_text=ask_text))
    qtbot.addWidget(dialog)
    return dialog


def labels(dialog: MySessionsDialog) -> list[str]:
    return [dialog.list.item(row).text() for row in range(dialog.list.count())]


def test_duplicate_rename_delete_and_undo(qtbot: QtBot, store: UserSessions) -> None:
    dialog = sessions_dialog(qtbot, store, answer="Evening stretches")
    dialog.select("stretches")
    assert not dialog.buttons["delete"].isEnabled()  # built in
    with qtbot.waitSignal(dialog.sessions_changed):
        dialog.buttons["duplicate"].click()
    copy = dialog.current()
    assert copy is not None and copy.origin is Origin.USER
    assert copy.title.endswith("(copy)") and f"{copy.title}  (yours)" in labels(dialog)

    dialog.buttons["rename"].click()
    renamed = dialog.current()
    assert renamed is not None and renamed.id == copy.id
    assert renamed.title == "Evening stretches"

    dialog.buttons["delete"].click()
    assert copy.id not in store.library.entries
    assert "Evening stretches  (yours)" not in labels(dialog)
    assert not dialog.undo_bar.isHidden() and "Evening stretches" in dialog.undo_label.text()
    dialog.undo_button.click()
    assert store.entry(copy.id).title == "Evening stretches"
    assert "Evening stretches  (yours)" in labels(dialog)
    assert dialog.undo_bar.isHidden()


def test_reset_to_original_and_undo(qtbot: QtBot, store: UserSessions) -> None:
    editor = editor_for(qtbot, store, "daily-walk")
    editor.items.card(0).item_fields.hold.setValue(300)  # type: ignore[union-attr]
    editor.save()
    dialog = sessions_dialog(qtbot, store)
    dialog.select("daily-walk")
    assert "(customized)" in dialog.list.currentItem().text()
    assert dialog.buttons["reset"].isEnabled() and not dialog.buttons["delete"].isEnabled()
    dialog.buttons["reset"].click()
    assert store.library.resolve("daily-walk").items[0].dose.hold == 600
    assert "(customized)" not in dialog.list.currentItem().text()
    dialog.undo_button.click()
    assert store.library.resolve("daily-walk").items[0].dose.hold == 300


def test_new_and_edit_open_the_editor_and_the_list_follows(qtbot: QtBot,
                                                           store: UserSessions) -> None:
    dialog = sessions_dialog(qtbot, store)
    dialog.buttons["new"].click()
    editor = dialog.editor
    assert editor is not None and editor.is_new
    editor.title.setText("Mine")
    editor.picker.add_button.click()
    with qtbot.waitSignal(dialog.sessions_changed):
        editor.save()
    current = dialog.current()
    assert current is not None and current.id == "mine" and current.origin is Origin.USER


def test_a_broken_file_is_listed_and_can_be_repaired(
    qtbot: QtBot, store: UserSessions, paths: Paths
) -> None:
    paths.user_sessions_dir.mkdir(parents=True)
    broken = paths.user_sessions_dir / "mine.yaml"
    broken.write_text("title: Mine\nitems:\n  - exercise: walk\n    hold: 10 parsecs\n")
    store.library.reload()
    dialog = sessions_dialog(qtbot, store)
    dialog.select("mine")
    assert dialog.list.currentItem().text().startswith("⚠ mine — cannot be used")
    assert f"{broken}:4: items[1].hold:" in dialog.details.text()
    assert not dialog.buttons["edit"].isEnabled()
    assert dialog.buttons["repair"].isEnabled() and dialog.buttons["delete"].isEnabled()
    assert len(labels(dialog)) == len(store.library.entries)  # the others still listed

    dialog.buttons["repair"].click()
    repair = dialog.repair
    assert repair is not None
    repair.text.setPlainText(repair.text.toPlainText().replace("hold: 10 parsecs", "hold: 10 x"))
    repair.save()
    assert "items[1].hold" in repair.problems.text() and repair.isVisible()
    assert "10 parsecs" in broken.read_text()  # nothing written
    repair.text.setPlainText(repair.text.toPlainText().replace("hold: 10 x", "hold: 10m"))
    with qtbot.waitSignal(dialog.sessions_changed):
        repair.save()
    assert store.library.resolve("mine").items[0].dose.hold == 600
    assert dialog.list.currentItem().text() == "Mine  (yours)"


def test_the_editor_shows_an_item_with_levels_read_only_with_a_note(
    qtbot: QtBot, store: UserSessions
) -> None:
    """Issue 12: the writer saves every level's dose, so a change of the item's own numbers
    would be lost without a word; the editor offers none for such an item."""
    dialog = editor_for(qtbot, store, "core-strengthening")
    session = dialog.items.session()
    assert session is not None
    levelled = [i for i, item in enumerate(session.items) if item.levels]
    plain = [i for i, item in enumerate(session.items) if not item.levels]
    assert levelled
    for index in levelled:
        card = dialog.items.card(index)
        assert not card.item_fields.isEnabled()
        assert card.levels_label is not None and "has levels" in card.levels_label.text()
    for index in plain:
        assert dialog.items.card(index).item_fields.isEnabled()


SESSION_LEVELS = """\
title: Whole-session levels
levels:
  - label: easy
    items:
      - {exercise: pelvic-tilt, hold: 5s}
  - label: hard
    items:
      - {exercise: pelvic-tilt, hold: 10s}
      - {exercise: bird-dog, hold: 5s, sides: alternate, reps: 4}
"""


def test_a_session_with_levels_of_its_own_is_shown_read_only_and_takes_no_new_item(
    qtbot: QtBot, store: UserSessions, paths: Paths
) -> None:
    from tests.ui.window_kit import write_session

    write_session(paths, "whole", SESSION_LEVELS)
    store.library.reload()
    dialog = editor_for(qtbot, store, "whole")
    card = dialog.items.card(0)
    assert not card.item_fields.isEnabled() and card.levels_label is not None
    before = dialog.items.session()
    dialog.items.add_item(dialog.items.card(0).item)
    assert dialog.items.session() == before  # refused, not silently dropped on saving
    assert "has levels" in dialog.items.problem_label.text()
    assert not dialog.items.problem_label.isHidden()


def test_a_new_session_from_my_sessions_starts_with_the_formats_get_ready_time(
    qtbot: QtBot, store: UserSessions
) -> None:
    """My sessions once defaulted to 10 s of get-ready while the editor and settings said 5 s:
    the format's defaults now live in one place."""
    dialog = sessions_dialog(qtbot, store)
    dialog.buttons["new"].click()
    editor = dialog.editor
    assert editor is not None
    editor.title.setText("Mine")
    editor.picker.add_button.click()
    with qtbot.waitSignal(dialog.sessions_changed):
        editor.save()
    saved = store.library.resolve("mine")
    assert saved.prepare == DEFAULT_PREPARE == 5
    assert saved.transition == DEFAULT_TRANSITION == 10


def test_escape_asks_before_throwing_away_unsaved_edits(qtbot: QtBot, store: UserSessions) -> None:
    asked: list[bool] = []
    answer = False

    def ask(_parent: QWidget) -> bool:
        asked.append(answer)
        return answer

    dialog = editor_for(qtbot, store, "daily-walk")
    dialog.ask_discard = ask
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing changed: it closes without a question
    assert asked == [] and not dialog.isVisible()

    dialog.show()
    dialog.title.setText("My core")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [False]
    assert dialog.isVisible() and dialog.title.text() == "My core"  # "keep editing": kept
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert asked == [False, False] and dialog.isVisible()
    answer = True
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [False, False, True] and not dialog.isVisible()


def test_my_sessions_counts_one_exercise_in_the_singular(qtbot: QtBot,
                                                         store: UserSessions) -> None:
    dialog = sessions_dialog(qtbot, store, answer="")
    dialog.select("daily-walk")
    assert len(store.library.resolve("daily-walk").items) == 1
    assert " · 1 exercise · " in dialog.details.text()
    dialog.select("stretches")
    count = len(store.library.resolve("stretches").items)
    assert f" · {count} exercises · " in dialog.details.text()


def test_remove_stays_in_view_in_a_small_window(qtbot: QtBot, paths: Paths) -> None:
    """At 800x500 (less a title bar) every card's Remove is inside the list, not behind a
    sideways scroll; its words stay in the tooltip."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QApplication, QScrollArea

    from backtimer.ui.library.item_card import ItemCard

    store = UserSessions(Library(paths))
    dialog = SessionEditorDialog(store, store.library.resolve("daily-routine"))
    qtbot.addWidget(dialog)
    dialog.resize(784, 452)
    dialog.show()
    QApplication.processEvents()
    card = dialog.findChildren(ItemCard)[0]
    scroll = next(area for area in dialog.findChildren(QScrollArea)
                  if area.isAncestorOf(card))
    viewport = scroll.viewport()
    button = card.remove_button
    shown = QRect(button.mapTo(viewport, QPoint(0, 0)), button.size())
    assert viewport.rect().left() <= shown.left() and shown.right() <= viewport.rect().right()
    assert button.toolTip() == "Remove from the session"
