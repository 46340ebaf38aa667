"""The session editor's exercise dialog: new, edit, duplicate a built-in, every refusal said in
the dialog, and a new exercise used in a session that saves and loads again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backtimer.session.model import ExerciseKind
from backtimer.store.library import ExerciseOrigin, Library
from backtimer.store.paths import Paths
from backtimer.store.user_sessions import UserSessions
from backtimer.ui.library.editor import SessionEditorDialog
from backtimer.ui.library.exercise_editor import ExerciseEditorDialog
from backtimer.ui.library.library_actions import folder_notices
from tests.ui.window_kit import make_window, write_session

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

OWN = """\
exercises:
  towel-stretch:
    name: Towel stretch
    kind: stretch
    cue: Pull gently
"""


def editor(qtbot: QtBot, paths: Paths) -> SessionEditorDialog:
    dialog = SessionEditorDialog(UserSessions(Library(paths)), None)
    qtbot.addWidget(dialog)
    return dialog


def select(dialog: SessionEditorDialog, exercise_id: str) -> None:
    picker = dialog.picker
    picker.list.setCurrentRow(picker.shown_ids().index(exercise_id))


def exercise_dialog(dialog: SessionEditorDialog) -> ExerciseEditorDialog:
    assert dialog.exercise_dialog is not None and dialog.exercise_dialog.isVisible()
    return dialog.exercise_dialog


def save(dialog: ExerciseEditorDialog) -> None:
    dialog.save_button.click()


def test_a_new_exercise_is_saved_and_shown_in_the_picker_at_once(
    qtbot: QtBot, paths: Paths
) -> None:
    session_editor = editor(qtbot, paths)
    session_editor.picker.search.setText("nothing matches this")
    qtbot.mouseClick(session_editor.picker.new_button, Qt.MouseButton.LeftButton)
    dialog = exercise_dialog(session_editor)
    dialog.name.setText("Wall sit")
    assert dialog.id_label.text() == "wall-sit"
    dialog.kind.setCurrentIndex(dialog.kind.findData(ExerciseKind.STRENGTH.value))
    dialog.sides.setChecked(True)
    dialog.how.setPlainText("Back against the wall.\n\n  Slide down until your knees bend.\n")
    dialog.cue.setText("Breathe out")
    dialog.caution.setText("Stop if your knee hurts")
    dialog.easier.setText("Not so low")
    dialog.harder.setText("Lower")
    with qtbot.waitSignal(dialog.saved):
        save(dialog)
    assert not dialog.isVisible()
    picker = session_editor.picker
    assert picker.current_id() == "wall-sit"  # shown and selected, the search cleared
    assert picker.edit_button.isEnabled()
    wall_sit = Library(paths).exercises["wall-sit"]  # as the next start of the app reads it
    assert (wall_sit.name, wall_sit.kind, wall_sit.has_sides) == (
        "Wall sit", ExerciseKind.STRENGTH, True)
    assert wall_sit.how == ("Back against the wall.", "Slide down until your knees bend.")
    assert (wall_sit.cue, wall_sit.caution, wall_sit.easier, wall_sit.harder) == (
        "Breathe out", "Stop if your knee hurts", "Not so low", "Lower")


def test_an_own_exercise_is_edited_and_a_built_in_is_not(qtbot: QtBot, paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.user_exercises_file.write_text(OWN, "utf-8")
    session_editor = editor(qtbot, paths)
    select(session_editor, "side-plank")
    assert not session_editor.picker.edit_button.isEnabled()  # built in: duplicate it instead
    assert session_editor.picker.duplicate_button.isEnabled()
    select(session_editor, "towel-stretch")
    session_editor.picker.edit_button.click()
    dialog = exercise_dialog(session_editor)
    assert dialog.cue.text() == "Pull gently"
    dialog.name.setText("Towel hamstring stretch")
    assert dialog.id_label.text() == "towel-stretch"  # sessions use the id: it stays
    dialog.cue.setText("")
    dialog.sides.setChecked(True)
    save(dialog)
    changed = Library(paths).exercises["towel-stretch"]
    assert changed.name == "Towel hamstring stretch" and changed.cue is None
    assert changed.has_sides
    labels = [session_editor.picker.list.item(i).text()
              for i in range(session_editor.picker.list.count())]
    assert any(label.startswith("Towel hamstring stretch") for label in labels)


def test_a_built_in_is_duplicated_into_an_own_one(qtbot: QtBot, paths: Paths) -> None:
    session_editor = editor(qtbot, paths)
    builtin = session_editor.store.library.exercises["side-plank"]
    select(session_editor, "side-plank")
    session_editor.picker.duplicate_button.click()
    dialog = exercise_dialog(session_editor)
    assert dialog.name.text() == "Side plank (mine)"
    assert builtin.figure is not None  # its figure is previewed, a picture per pose
    assert len(dialog.figure_preview.pictures) == len(builtin.figure.poses)
    dialog.harder.setText("Lift the top leg")
    save(dialog)
    library = Library(paths)
    mine = library.exercises["side-plank-mine"]
    assert library.exercise_origins["side-plank-mine"][0] is ExerciseOrigin.USER
    assert mine.how == builtin.how and mine.kind is builtin.kind
    assert mine.harder == "Lift the top leg"
    assert mine.figure == builtin.figure  # the copy keeps the figure
    assert library.exercises["side-plank"] == builtin  # the built-in is as it was


def test_a_name_whose_id_is_taken_is_refused_in_the_dialog(qtbot: QtBot, paths: Paths) -> None:
    session_editor = editor(qtbot, paths)
    session_editor.picker.new_button.click()
    dialog = exercise_dialog(session_editor)
    save(dialog)
    assert "name" in dialog.message.text() and dialog.isVisible()
    dialog.name.setText("Side Plank")
    save(dialog)
    assert dialog.isVisible()
    assert "side-plank" in dialog.message.text() and "built-in" in dialog.message.text()
    assert not paths.user_exercises_file.exists()
    dialog.name.setText("¡¿")
    save(dialog)
    assert "letter" in dialog.message.text()


def test_an_exercises_file_with_a_problem_is_not_written_over(
    qtbot: QtBot, paths: Paths
) -> None:
    broken = OWN.replace("kind: stretch", "kind: strech")
    paths.config_dir.mkdir(parents=True)
    paths.user_exercises_file.write_text(broken, "utf-8")
    session_editor = editor(qtbot, paths)
    session_editor.picker.new_button.click()
    dialog = exercise_dialog(session_editor)
    dialog.name.setText("Wall sit")
    save(dialog)
    assert dialog.isVisible()
    text = dialog.message.text()
    assert str(paths.user_exercises_file) in text and "line 4" in text and "strech" in text
    assert paths.user_exercises_file.read_text("utf-8") == broken


def test_a_new_exercise_goes_into_a_session_that_saves_and_loads(
    qtbot: QtBot, paths: Paths
) -> None:
    session_editor = editor(qtbot, paths)
    session_editor.picker.new_button.click()
    dialog = exercise_dialog(session_editor)
    dialog.name.setText("Wall sit")
    save(dialog)
    session_editor.picker.add_button.click()  # the new one is selected: add it
    session_editor.title.setText("Knees")
    with qtbot.waitSignal(session_editor.saved) as signal:
        session_editor.save_button.click()
    session = Library(paths).resolve(signal.args[0].id)
    assert [item.exercise for item in session.items] == ["wall-sit"]
    assert Library(paths).timeline(session).steps


def test_problems_in_the_persons_exercises_file_become_one_window_notice(
    qtbot: QtBot, paths: Paths,
) -> None:
    paths.config_dir.mkdir(parents=True)
    broken = OWN.replace("kind: stretch", "kind: strech") + "  side-plank:\n    name: X\n"
    paths.user_exercises_file.write_text(broken, "utf-8")
    window = make_window(paths)
    qtbot.addWidget(window)
    [notice] = window.notice_bar.texts()
    assert str(paths.user_exercises_file) in notice
    assert "line 4" in notice and "strech" in notice
    assert "1 more" in notice and "backtimer exercises" in notice
    paths.user_exercises_file.write_text(OWN, "utf-8")
    assert folder_notices(Library(paths)) == []


def test_a_session_waiting_for_a_new_exercise_loads_once_it_is_written(
    qtbot: QtBot, paths: Paths,
) -> None:
    write_session(paths, "knees", "title: Knees\nitems:\n  - exercise: wall-sit\n    hold: 20s\n")
    window = make_window(paths)
    qtbot.addWidget(window)
    screen = window.start_screen
    assert screen.select_id("knees")
    entry = screen.selected_entry()
    assert entry is not None and not entry.valid  # wall-sit is unknown yet
    session_editor = window.library_actions.new_session()
    session_editor.picker.new_button.click()
    dialog = exercise_dialog(session_editor)
    dialog.name.setText("Wall sit")
    save(dialog)
    session_editor.reject()  # no new session: only the exercise was written
    entry = screen.selected_entry()
    assert entry is not None and entry.id == "knees" and entry.valid
