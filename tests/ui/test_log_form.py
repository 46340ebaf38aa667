"""The finish screen's log form: one click to pick a pain level, one click to skip it all."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backtimer.ui.finish.log_form import LogForm


def make(qtbot: QtBot) -> LogForm:
    form = LogForm()
    qtbot.addWidget(form)
    return form


def test_save_emits_the_chosen_levels_and_the_note(qtbot: QtBot) -> None:
    form = make(qtbot)
    qtbot.mouseClick(form.before.button(6), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.after.button(3), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.note, "  left side tight ")
    with qtbot.waitSignal(form.submitted) as signal:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert signal.args == [6, 3, "left side tight"]


def test_one_click_on_skip_skips_everything(qtbot: QtBot) -> None:
    form = make(qtbot)
    qtbot.mouseClick(form.before.button(4), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(form.skipped), qtbot.assertNotEmitted(form.submitted):
        qtbot.mouseClick(form.skip_button, Qt.MouseButton.LeftButton)


def test_picking_another_level_moves_the_choice_and_a_second_click_clears_it(
    qtbot: QtBot,
) -> None:
    form = make(qtbot)
    qtbot.mouseClick(form.after.button(7), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.after.button(2), Qt.MouseButton.LeftButton)
    assert form.after.value() == 2
    assert not form.after.button(7).isChecked() and form.after.button(2).isChecked()
    qtbot.mouseClick(form.after.button(2), Qt.MouseButton.LeftButton)
    assert form.after.value() is None and not form.after.button(2).isChecked()


def test_saving_with_nothing_chosen_sends_nones(qtbot: QtBot) -> None:
    form = make(qtbot)
    with qtbot.waitSignal(form.submitted) as signal:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert signal.args == [None, None, ""]


def test_reset_clears_the_answers_for_the_next_session(qtbot: QtBot) -> None:
    form = make(qtbot)
    form.before.set_value(5)
    form.note.setText("x")
    form.reset()
    assert form.values() == (None, None, "")


def test_how_it_felt_is_one_click_and_a_second_click_clears_it(qtbot: QtBot) -> None:
    from backtimer.session.progression import Feeling

    form = make(qtbot)
    assert form.feel() is None
    qtbot.mouseClick(form.feel_choice.button(Feeling.TOO_EASY), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.feel_choice.button(Feeling.ABOUT_RIGHT), Qt.MouseButton.LeftButton)
    assert form.feel() is Feeling.ABOUT_RIGHT
    assert not form.feel_choice.button(Feeling.TOO_EASY).isChecked()
    qtbot.mouseClick(form.feel_choice.button(Feeling.ABOUT_RIGHT), Qt.MouseButton.LeftButton)
    assert form.feel() is None
    form.feel_choice.set_value(Feeling.TOO_HARD)
    form.reset()
    assert form.feel() is None
