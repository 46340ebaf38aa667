"""A small dialog to write an exercise of the person's own, or change one.

Reached from the session editor's library side: "New exercise…", "Edit…" for the person's own
exercises, and "Duplicate…" for any other (a built-in is never changed, but can be the start of
one's own). The id is made from the name when the exercise is new and never changes after, since
sessions refer to it. Every mistake is said in the dialog, which stays open with what was typed.
"""

from __future__ import annotations

from dataclasses import replace
from enum import Enum

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from backtimer.session.model import Exercise, ExerciseKind
from backtimer.store.library import ExerciseOrigin
from backtimer.store.user_exercises import (
    ExercisesFileError,
    IdClash,
    UserExercises,
    exercise_id_for,
)
from backtimer.store.user_sessions import UserFileError
from backtimer.ui.common.figure_view import figure_colours, figure_pixmap
from backtimer.ui.common.screen_fit import fit_to_screen
from backtimer.ui.common.words import kind_words, problem_reason, tr

MAX_NAME = 80


class Mode(Enum):
    NEW = "new"
    EDIT = "edit"  # one of the person's own, kept under its id
    DUPLICATE = "duplicate"  # a copy of any exercise, as a new one of the person's own


def _origin_words(origin: ExerciseOrigin) -> str:
    return {
        ExerciseOrigin.BUILTIN: tr("a built-in exercise"),
        ExerciseOrigin.USER: tr("one of your exercises"),
        ExerciseOrigin.SESSION: tr("an exercise carried by a session file"),
    }[origin]


class FigurePreview(QWidget):
    """The exercise's figure, one picture per pose (its keyframes), or a word that it has none.

    A duplicated or edited exercise keeps its figure; figures are written in the exercises file
    (docs/format.md), so the dialog shows it rather than editing it.
    """

    SIZE = QSize(132, 84)

    def __init__(self, exercise: Exercise | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.pictures: list[QLabel] = []
        figure = exercise.figure if exercise is not None else None
        if figure is None:
            note = QLabel(tr("None: the session screen gives the instructions the room. A "
                             "figure can be written in your exercises file."), self)
            note.setWordWrap(True)
            row.addWidget(note)
            return
        colours = figure_colours(self)
        ratio = self.devicePixelRatioF()
        for index in range(len(figure.poses)):
            picture = QLabel(self)
            picture.setPixmap(figure_pixmap(figure, self.SIZE, None, colours, ratio=ratio,
                                            pose=index))
            picture.setToolTip(tr("Pose {n} of {count}").format(n=index + 1,
                                                                count=len(figure.poses)))
            row.addWidget(picture)
            self.pictures.append(picture)
        row.addStretch(1)


class ExerciseEditorDialog(QDialog):
    """Name, kind, sides, how (one step a line), cue, caution, easier and harder.

    Signals:
        saved(Exercise): written to the person's exercises.yaml; the library already has it.
    """

    saved = Signal(object)

    def __init__(self, store: UserExercises, exercise: Exercise | None = None,
                 mode: Mode = Mode.NEW, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.mode = mode
        self.original = exercise
        titles = {Mode.NEW: tr("New exercise"), Mode.EDIT: tr("Edit exercise"),
                  Mode.DUPLICATE: tr("Duplicate exercise")}
        self.setWindowTitle(titles[mode])

        name = exercise.name if exercise else ""
        if mode is Mode.DUPLICATE and exercise is not None:
            name = tr("{name} (mine)").format(name=exercise.name)
        self.name = QLineEdit(name, self)
        self.name.setMaxLength(MAX_NAME)
        self.name.setPlaceholderText(tr("What you call it, e.g. Wall sit"))
        self.id_label = QLabel(self)
        self.kind = QComboBox(self)
        for kind, words in kind_words().items():
            self.kind.addItem(words, kind.value)
        if exercise is not None:
            self.kind.setCurrentIndex(self.kind.findData(exercise.kind.value))
        self.sides = QCheckBox(tr("Done on each side (left and right)"), self)
        self.sides.setChecked(bool(exercise and exercise.has_sides))
        self.how = QPlainTextEdit("\n".join(exercise.how) if exercise else "", self)
        self.how.setPlaceholderText(tr("How to do it, one step a line"))
        self.how.setTabChangesFocus(True)
        self.cue = self._line(exercise.cue if exercise else None,
                              tr("spoken when a hold starts, e.g. Keep breathing"))
        self.caution = self._line(exercise.caution if exercise else None,
                                  tr("shown before the exercise, e.g. Stop if your knees hurt"))
        self.easier = self._line(exercise.easier if exercise else None,
                                 tr("an easier way to do it"))
        self.harder = self._line(exercise.harder if exercise else None,
                                 tr("a harder way to do it"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)

        form = QFormLayout()
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("Id"), self.id_label)
        form.addRow(tr("Kind"), self.kind)
        form.addRow("", self.sides)
        form.addRow(tr("How"), self.how)
        form.addRow(tr("Cue"), self.cue)
        form.addRow(tr("Caution"), self.caution)
        form.addRow(tr("Easier"), self.easier)
        form.addRow(tr("Harder"), self.harder)
        self.figure_preview = FigurePreview(exercise, self)
        form.addRow(tr("Figure"), self.figure_preview)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.name.textChanged.connect(lambda _text: self._show_id())
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._show_id()
        fit_to_screen(self, 560, 600)  # or less, to fit a small screen

    def _line(self, text: str | None, hint: str) -> QLineEdit:
        line = QLineEdit(text or "", self)
        line.setPlaceholderText(tr("Optional: ") + hint)
        line.setCursorPosition(0)
        return line

    def exercise_id(self) -> str:
        """The id the exercise is saved under: its own when edited, else made from the name."""
        if self.mode is Mode.EDIT and self.original is not None:
            return self.original.id
        return exercise_id_for(self.name.text())

    def _show_id(self) -> None:
        eid = self.exercise_id()
        self.id_label.setText(eid or tr("(made from the name)"))
        if self.mode is Mode.EDIT:
            self.id_label.setToolTip(tr("Sessions use the id, so it stays as it is"))

    def exercise(self) -> Exercise | str:
        """The exercise as filled in, or what is wrong with it (a sentence to show)."""
        name = " ".join(self.name.text().split())
        if not name:
            return tr("Give the exercise a name.")
        eid = self.exercise_id()
        if not eid:
            return tr("The name needs at least one letter (a–z) or digit: the id is made "
                      "from it.")

        def optional(line: QLineEdit) -> str | None:
            return " ".join(line.text().split()) or None

        how = tuple(line.strip() for line in self.how.toPlainText().splitlines() if line.strip())
        base = self.original if self.original is not None else Exercise(
            id=eid, name=name, kind=ExerciseKind.STRETCH, has_sides=False)
        return replace(
            base, id=eid, name=name, kind=ExerciseKind(self.kind.currentData()),
            has_sides=self.sides.isChecked(), how=how, cue=optional(self.cue),
            caution=optional(self.caution), easier=optional(self.easier),
            harder=optional(self.harder),
        )

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def save(self) -> None:
        """Write the exercise; on any problem say it here and stay open, nothing changed."""
        exercise = self.exercise()
        if isinstance(exercise, str):
            self._show_message(exercise)
            return
        try:
            if self.mode is Mode.EDIT:
                saved = self.store.update(exercise)
            else:
                saved = self.store.create(exercise)
        except IdClash as clash:
            self._show_message(tr(
                "The id “{id}” is taken: “{name}” is {what}. Give yours another name."
            ).format(id=clash.exercise_id, name=clash.existing.name,
                     what=_origin_words(clash.origin)))
            return
        except ExercisesFileError as error:
            self._show_message(tr(
                "Your exercises file {file} has a problem on line {line}: {reason}. It was "
                "not changed; fix it first, then save again."
            ).format(file=error.path, line=error.problem.line,
                     reason=problem_reason(error.problem)))
            return
        except UserFileError as error:
            self._show_message(str(error))
            return
        except (KeyError, ValueError) as error:
            self._show_message(tr("The exercise cannot be saved: {reason}").format(
                reason=error.args[0] if error.args else error))
            return
        self._show_message("")
        self.saved.emit(saved)
        self.accept()
