"""The items editor: every change is the new session at once; refused values are never used."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backtimer.session.model import Session, SidesMode
from backtimer.session.timeline import compile_session
from backtimer.store.library import Library, Origin
from backtimer.store.paths import Paths
from backtimer.store.user_sessions import UserSessions
from backtimer.ui.common.spin_boxes import CheckedSpinBox
from backtimer.ui.library.item_card import ITEM_MIME
from backtimer.ui.library.items_editor import ItemsEditor, new_item
from backtimer.ui.start.quick_adjust import QuickAdjustPanel
from tests.helpers import exercises, session

# Showing a top-level window (or a tip) on the offscreen platform logs these harmless warnings.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                       "does not support raise")

PLANK_AND_SQUAT = """
    title: Core
    prepare: 10s
    items:
      - exercise: side-plank
        hold: 10s
        rest: 3s
        reps: 10
      - exercise: squat
        reps: 10
      - exercise: pelvic-tilt
        hold: 5s
"""


def make_editor(qtbot: QtBot, text: str = PLANK_AND_SQUAT, *,
                structure: bool = False) -> ItemsEditor:
    editor = ItemsEditor(exercises(), structure_editable=structure)
    qtbot.addWidget(editor)
    editor.set_session(session(text))
    editor.resize(700, 600)
    editor.show()
    return editor


def type_into(qtbot: QtBot, box: CheckedSpinBox, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)


def test_typing_a_hold_emits_the_new_session_and_updates_the_total(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    assert editor.total_label.text() == "Total: 4:54 + reps at your pace"  # 269 + 10 + 0 + 10 + 5
    hold = editor.card(0).item_fields.hold
    assert hold is not None and hold.text() == "10 s"
    emitted: list[Session] = []
    editor.session_changed.connect(emitted.append)
    type_into(qtbot, hold, "20")
    assert [s.items[0].dose.hold for s in emitted] == [2.0, 20.0]  # as you type
    changed = emitted[-1]
    assert changed.items[0].dose.hold == 20.0
    assert changed.items[1:] == session(PLANK_AND_SQUAT).items[1:]
    # 10 + (10x20 + 9x3) + 5 + (10x20 + 9x3) + 10 + 10 + 5 = 494 s
    assert compile_session(changed, exercises()).total_seconds == 494
    assert editor.total_label.text() == "Total: 8:14 + reps at your pace"


def test_durations_can_be_typed_as_people_write_them(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    hold = editor.card(0).item_fields.hold
    assert hold is not None
    for typed, seconds in (("1:30", 90), ("2m", 120), ("1m 5s", 65), ("45 s", 45)):
        type_into(qtbot, hold, typed)
        assert hold.value() == seconds, typed
    session_now = editor.session()
    assert session_now is not None and session_now.items[0].dose.hold == 45.0


def test_arrows_step_holds_by_five_seconds_on_the_five_second_grid(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    hold = editor.card(0).item_fields.hold
    assert hold is not None
    hold.stepUp()
    assert hold.value() == 15
    hold.setValue(1)
    hold.stepUp()
    assert hold.value() == 5
    hold.stepDown()
    assert hold.value() == 1  # the lower limit, 1 s
    rest = editor.card(0).item_fields.rest
    assert rest is not None
    rest.stepUp()
    assert rest.value() == 4  # short rests move second by second


def test_a_value_outside_the_limits_is_refused_with_a_message(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    reps = editor.card(0).item_fields.reps
    assert reps is not None
    emitted: list[Session] = []
    editor.session_changed.connect(emitted.append)
    type_into(qtbot, reps, "600")
    assert not editor.problem_label.isHidden()
    assert "Reps must be from 1 to 500" in editor.problem_label.text()
    assert all(s.items[0].dose.reps not in (500, 600) for s in emitted)
    qtbot.keyClick(reps, Qt.Key.Key_Return)
    assert reps.text() == "10"  # the value from before the edit is back, not 500 (or 60)
    current = editor.session()
    assert current is not None and current.items[0].dose.reps == 10
    assert emitted[-1].items[0].dose.reps == 10
    type_into(qtbot, reps, "12")
    assert editor.problem_label.isHidden()
    current = editor.session()
    assert current is not None and current.items[0].dose.reps == 12


def test_a_hold_over_ten_minutes_is_refused(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    hold = editor.card(0).item_fields.hold
    assert hold is not None
    type_into(qtbot, hold, "11m")
    assert "Hold must be from 1 s to 10 min" in editor.problem_label.text()
    qtbot.keyClick(hold, Qt.Key.Key_Return)
    assert hold.value() == 10
    current = editor.session()
    assert current is not None and current.items[0].dose.hold == 10


def test_sides_are_offered_only_for_exercises_with_sides(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    plank, squat = editor.card(0).item_fields, editor.card(1).item_fields
    assert plank.sides is not None and squat.sides is None
    assert squat.hold is None  # self-paced: no hold to change
    assert plank.switch is not None and plank.switch.isEnabled()
    with qtbot.waitSignal(editor.session_changed) as signal:
        plank.sides.setCurrentIndex(plank.sides.findData(SidesMode.ALTERNATE))
    assert signal.args[0].items[0].dose.sides is SidesMode.ALTERNATE
    assert not plank.switch.isEnabled()  # no switching time with alternating sides


def test_stages_are_edited_one_by_one(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, """
        title: Staged
        items:
          - exercise: back-extension
            stages:
              - {label: Lie face down, hold: 5m}
              - {label: Press-up, hold: 1s, rest: 2s, reps: 10}
            sets: 4
            set_rest: 1m
          - exercise: bird-dog
            hold: 5s
            sides: alternate
            for: 2m
    """)
    card = editor.card(0)
    press_up = card.fields[1]
    assert press_up.reps is not None and card.item_fields.sets is not None
    with qtbot.waitSignal(editor.session_changed) as signal:
        press_up.reps.setValue(15)
    item = signal.args[0].items[0]
    assert [stage.reps for stage in item.stages] == [1, 15]
    card.item_fields.sets.setValue(3)
    changed = editor.session()
    assert changed is not None and changed.items[0].dose.sets == 3
    fill = editor.card(1).item_fields.fill
    assert fill is not None and fill.value() == 120 and editor.card(1).item_fields.reps is None
    fill.setValue(180)
    assert editor.session().items[1].dose.fill == 180  # type: ignore[union-attr]


def test_quick_adjust_has_no_structure_buttons(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    assert not hasattr(editor.card(0), "up_button")


def names(editor: ItemsEditor) -> list[str]:
    current = editor.session()
    assert current is not None
    return [item.exercise for item in current.items]


def test_items_move_up_and_down_duplicate_and_go(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, structure=True)
    assert not editor.card(0).up_button.isEnabled()
    assert not editor.card(2).down_button.isEnabled()
    qtbot.mouseClick(editor.card(0).down_button, Qt.MouseButton.LeftButton)
    assert names(editor) == ["squat", "side-plank", "pelvic-tilt"]
    qtbot.mouseClick(editor.card(2).up_button, Qt.MouseButton.LeftButton)
    assert names(editor) == ["squat", "pelvic-tilt", "side-plank"]
    with qtbot.waitSignal(editor.session_changed):
        qtbot.mouseClick(editor.card(2).duplicate_button, Qt.MouseButton.LeftButton)
    assert names(editor) == ["squat", "pelvic-tilt", "side-plank", "side-plank"]
    qtbot.mouseClick(editor.card(0).remove_button, Qt.MouseButton.LeftButton)
    assert names(editor) == ["pelvic-tilt", "side-plank", "side-plank"]
    editor.add_item(new_item(exercises()["bird-dog"]))
    assert names(editor)[-1] == "bird-dog"
    assert editor.card(3).item_fields.sides is not None


def drop(editor: ItemsEditor, source: int, at: QPoint) -> None:
    """What a drag from the card's handle delivers: enter, move, drop, with the item's index."""
    mime = QMimeData()
    mime.setData(ITEM_MIME, str(source).encode())
    target = editor._list
    rest = (Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(at, *rest)  # QDragEnterEvent takes a QPoint, QDropEvent a QPointF
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(target, QDropEvent(QPointF(at), *rest))


def test_dropping_a_dragged_item_moves_it_there(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, structure=True)
    qtbot.waitUntil(lambda: editor.card(2).geometry().height() > 0)
    below_last = editor.card(2).geometry().bottom() + 2
    drop(editor, 0, QPoint(20, below_last))
    assert names(editor) == ["squat", "pelvic-tilt", "side-plank"]
    above_first = editor.card(0).geometry().top() + 2
    drop(editor, 2, QPoint(20, above_first))
    assert names(editor) == ["side-plank", "squat", "pelvic-tilt"]


def test_quick_adjust_saves_the_users_version_and_resets(qtbot: QtBot, paths: Paths) -> None:
    store = UserSessions(Library(paths))
    panel = QuickAdjustPanel(store)
    qtbot.addWidget(panel)
    panel.show_entry(store.entry("daily-walk"))
    assert not panel.save_button.isEnabled() and panel.reset_button.isHidden()
    hold = panel.items.card(0).item_fields.hold
    assert hold is not None
    with qtbot.waitSignal(panel.session_changed):
        hold.setValue(300)
    adjusted = panel.session()
    assert adjusted is not None and adjusted.items[0].dose.hold == 300  # what Start would run
    assert panel.save_button.isEnabled()
    with qtbot.waitSignal(panel.library_changed):
        assert panel.save_if_changed()
    assert Library(paths).entries["daily-walk"].origin is Origin.CUSTOMIZED  # after a restart
    assert not panel.reset_button.isHidden() and panel.reset_button.isEnabled()
    panel.reset()
    assert store.library.resolve("daily-walk").items[0].dose.hold == 600
    assert panel.items.card(0).item_fields.hold.value() == 600  # type: ignore[union-attr]


def test_the_total_counts_the_persons_default_get_ready_time(qtbot: QtBot, paths: Paths) -> None:
    library = Library(paths)
    prepare = [20.0]  # the person's setting, as the window hands it in
    editor = ItemsEditor(library.exercises,
                         timeline_of=lambda s: library.timeline(s, prepare=prepare[0]))
    qtbot.addWidget(editor)
    no_prepare = session(PLANK_AND_SQUAT.replace("    prepare: 10s\n", ""))
    assert no_prepare.prepare is None
    editor.set_session(no_prepare)
    # 20 + (10 x 10 + 9 x 3) + 5 + (10 x 10 + 9 x 3) + 10 + 10 + 5 = 304 s, reps self-paced
    assert editor.total_label.text().startswith("Total: 5:04")
    prepare[0] = 5.0
    editor.set_session(no_prepare)
    assert editor.total_label.text().startswith("Total: 4:49")


def test_rebuilt_cards_never_become_windows_of_their_own(qtbot: QtBot) -> None:
    # Until the event loop deletes them (a modal dialog's loop may not), replaced cards must stay
    # inside the editor, never top-level windows a window manager would show.
    editor = make_editor(qtbot, structure=True)
    old = [editor.card(index) for index in range(3)]
    editor.remove_item(2)
    strays = [w for w in QApplication.topLevelWidgets() if any(w is card for card in old)]
    assert strays == []
    assert all(card.isHidden() for card in old)
    assert names(editor) == ["side-plank", "squat"]


def test_a_refused_hold_is_put_back_with_a_word_and_the_error_goes(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    hold = editor.card(0).item_fields.hold
    assert hold is not None
    said: list[str] = []
    hold.reverted.connect(said.append)
    type_into(qtbot, hold, "0")
    assert "Hold must be from 1 s" in editor.problem_label.text()
    qtbot.keyClick(hold, Qt.Key.Key_Return)
    assert hold.text() == "10 s"  # the value from before, not the limit, and it says so:
    assert said == ["Hold must be from 1 s to 10 min: '0' was not accepted, so it is back to 10 s."]
    assert editor.problem_label.isHidden()  # the field holds a good value: no stale error
    assert not editor.has_problem()


def test_stepping_away_from_a_refused_value_clears_its_error(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    reps = editor.card(0).item_fields.reps
    assert reps is not None
    type_into(qtbot, reps, "600")
    assert editor.has_problem()
    qtbot.keyClick(reps, Qt.Key.Key_Down)
    assert editor.problem_label.isHidden()
    assert not editor.has_problem()
    assert reps.text() == str(reps.value())
