"""The session editor: build a session from the exercise library, or change one in full.

On the left the exercise library, searchable and filtered by kind and by "suitable with
sciatica"; on the right the session's items (the same items editor as the start screen's quick
adjust, with moving, duplicating and removing switched on); above, the title and the session's
own get-ready and between-exercises times. Saving goes through ``UserSessions``, so a changed
built-in becomes the user's customized version and a new session gets a fresh id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from backtimer.session.model import (
    DEFAULT_PREPARE,
    DEFAULT_TRANSITION,
    Exercise,
    Session,
)
from backtimer.session.problems import ProblemsError
from backtimer.store.library import Origin
from backtimer.store.user_sessions import UserFileError, UserSessions
from backtimer.ui.common.figure_thumb import figure_icon, thumb_size
from backtimer.ui.common.screen_fit import fit_to_screen
from backtimer.ui.common.spin_boxes import DurationSpinBox
from backtimer.ui.common.words import failure_text, kind_words, tr
from backtimer.ui.library.items_editor import ItemsEditor, new_item

if TYPE_CHECKING:
    from backtimer.ui.library.exercise_editor import ExerciseEditorDialog

PAUSE_LIMITS = (0, 300)




PICKER_LINES = 1.8  # each exercise's figure, this many lines high beside its name


class ExercisePicker(QWidget):
    """The exercise library as a list to pick from, with a search box and two filters.

    ``is_own`` tells the person's own exercises (those can be edited; any can be duplicated).

    Signals:
        picked(Exercise): the person chose an exercise to add (button or double-click).
        new_requested(): "New exercise…".
        edit_requested(Exercise): "Edit…" on one of the person's own.
        duplicate_requested(Exercise): "Duplicate…" on any exercise.
    """

    picked = Signal(object)
    new_requested = Signal()
    edit_requested = Signal(object)
    duplicate_requested = Signal(object)

    def __init__(self, exercises: dict[str, Exercise], parent: QWidget | None = None, *,
                 is_own: Callable[[str], bool] | None = None) -> None:
        super().__init__(parent)
        self.exercises = exercises
        self.is_own = is_own or (lambda _eid: False)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("Search exercises"))
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox(self)
        self.kind.addItem(tr("All kinds"), "")
        for kind, words in kind_words().items():
            self.kind.addItem(words, kind.value)
        self.sciatica = QCheckBox(tr("Suitable with sciatica"), self)
        self.sciatica.setToolTip(tr("Only exercises the sources mark as suitable with sciatica"))
        self.list = QListWidget(self)
        self.list.setAlternatingRowColors(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setIconSize(thumb_size(self.list, PICKER_LINES))
        self.add_button = QPushButton(tr("Add to session  →"), self)
        self.add_button.setDefault(False)
        self.add_button.setAutoDefault(False)
        self.new_button = QPushButton(tr("New exercise…"), self)
        self.edit_button = QPushButton(tr("Edit…"), self)
        self.edit_button.setToolTip(tr("Change one of your own exercises"))
        self.duplicate_button = QPushButton(tr("Duplicate…"), self)
        self.duplicate_button.setToolTip(tr("Start an exercise of your own from this one"))
        for button in (self.new_button, self.edit_button, self.duplicate_button):
            button.setAutoDefault(False)

        filters = QHBoxLayout()
        filters.addWidget(self.kind, 1)
        filters.addWidget(self.sciatica)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.add_button)
        own = QHBoxLayout()
        own.addWidget(self.new_button)
        own.addWidget(self.edit_button)
        own.addWidget(self.duplicate_button)
        layout.addLayout(own)

        self.search.textChanged.connect(self.refilter)
        self.kind.currentIndexChanged.connect(self.refilter)
        self.sciatica.toggled.connect(self.refilter)
        self.list.itemDoubleClicked.connect(lambda _item: self._pick())
        self.list.currentItemChanged.connect(lambda *_: self._update_button())
        self.add_button.clicked.connect(self._pick)
        self.new_button.clicked.connect(lambda: self.new_requested.emit())
        self.edit_button.clicked.connect(lambda: self._request(self.edit_requested))
        self.duplicate_button.clicked.connect(lambda: self._request(self.duplicate_requested))
        self.refilter()

    def set_exercises(self, exercises: dict[str, Exercise], select: str | None = None) -> None:
        """Show a reloaded library (a new or changed exercise), selecting ``select``."""
        self.exercises = exercises
        if select is not None and select in exercises:
            self.search.clear()
            self.kind.setCurrentIndex(0)
            self.sciatica.setChecked(False)
        self.refilter()
        if select is not None and select in self.shown_ids():
            self.list.setCurrentRow(self.shown_ids().index(select))

    def current_id(self) -> str | None:
        current = self.list.currentItem()
        return str(current.data(Qt.ItemDataRole.UserRole)) if current is not None else None

    def shown_ids(self) -> list[str]:
        return [self.list.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.list.count())]

    def refilter(self) -> None:
        words = self.search.text().casefold().split()
        kind = self.kind.currentData()
        self.list.clear()
        found: list[tuple[int, str, Exercise]] = []
        for exercise in self.exercises.values():
            if kind and exercise.kind.value != kind:
                continue
            if self.sciatica.isChecked() and not exercise.sciatica_ok:
                continue
            name = f"{exercise.name} {exercise.id}".casefold()
            how = " ".join(exercise.how).casefold()
            if all(word in name for word in words):
                rank = 0  # names first: "walk" is the walk, then exercises that mention walking
            elif all(word in name or word in how for word in words):
                rank = 1
            else:
                continue
            found.append((rank, exercise.name.casefold(), exercise))
        for _rank, _name, exercise in sorted(found, key=lambda t: t[:2]):
            label = f"{exercise.name}  ·  {kind_words()[exercise.kind].lower()}"
            if exercise.sciatica_ok:
                label += "  ·  " + tr("sciatica ok")
            if self.is_own(exercise.id):
                label += "  ·  " + tr("yours")
            item = QListWidgetItem(label, self.list)
            item.setData(Qt.ItemDataRole.UserRole, exercise.id)
            item.setToolTip("\n".join((exercise.name, *exercise.how)))
            if exercise.figure is not None:  # none: no picture, and no empty box either
                item.setIcon(figure_icon(exercise.figure, self.list, self.list.iconSize()))
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_button()

    def _update_button(self) -> None:
        current = self.current_id()
        self.add_button.setEnabled(current is not None)
        self.edit_button.setEnabled(current is not None and self.is_own(current))
        self.duplicate_button.setEnabled(current is not None)

    def _request(self, signal: SignalInstance) -> None:
        current = self.current_id()
        if current is not None:
            signal.emit(self.exercises[current])

    def _pick(self) -> None:
        current = self.list.currentItem()
        if current is not None:
            self.picked.emit(self.exercises[current.data(Qt.ItemDataRole.UserRole)])


def confirm_discard(parent: QWidget) -> bool:
    """Ask before closing an editor with changes not saved; True: throw them away."""
    from backtimer.ui.common.question_card import ask

    return ask(parent, tr("Discard your changes?"),
               tr("This session has changes that are not saved. Close the editor and lose "
                  "them?"), yes=tr("Discard"), no=tr("Keep editing"), danger=True)


class SessionEditorDialog(QDialog):
    """Create a session, or change every part of one, and save it as the user's.

    Signals:
        saved(SessionEntry): the session was written; the library already lists it.
        exercises_changed(Exercise): an exercise of the person's own was written and the
            library reloaded (sessions that use it may now load, or show a new name).
    """

    saved = Signal(object)
    exercises_changed = Signal(object)

    def __init__(self, store: UserSessions, session: Session | None = None, *,
                 default_prepare: float = DEFAULT_PREPARE, parent: QWidget | None = None,
                 ask_discard: Callable[[QWidget], bool] = confirm_discard) -> None:
        super().__init__(parent)
        self.store = store
        self.ask_discard = ask_discard  # tests answer it without a modal dialog
        self.is_new = session is None
        if session is None:
            session = Session(id="new", title=tr("My session"), items=(),
                              prepare=default_prepare, transition=DEFAULT_TRANSITION)
        origin = store.library.entries.get(session.id)
        self.setWindowTitle(tr("New session") if self.is_new else tr("Edit session"))

        self.title = QLineEdit(session.title, self)
        self.title.setPlaceholderText(tr("A name you will recognise"))
        self.summary = QLineEdit(session.summary or "", self)
        self.summary.setPlaceholderText(tr("Optional: what the session is for"))
        self.summary.setCursorPosition(0)  # show a long summary from its start
        self.prepare = DurationSpinBox(tr("Get ready"), *PAUSE_LIMITS, fine_below=10,
                                       parent=self)
        prepare = session.prepare if session.prepare is not None else default_prepare
        self.prepare.setValue(round(prepare))
        self.prepare.setToolTip(tr("Countdown before the first exercise"))
        self.transition = DurationSpinBox(tr("Between exercises"), *PAUSE_LIMITS, fine_below=10,
                                          parent=self)
        self.transition.setValue(round(session.transition))
        self.transition.setToolTip(tr("Time between two exercises, showing what comes next"))
        for box in (self.prepare, self.transition):
            box.setSpecialValueText(tr("none"))
            box.setFixedWidth(110)

        from backtimer.store.user_exercises import UserExercises

        self.exercise_store = UserExercises(store.library)
        self.exercise_dialog: ExerciseEditorDialog | None = None
        self.picker = ExercisePicker(store.library.exercises, self,
                                     is_own=self.exercise_store.is_own)
        self.items = ItemsEditor(
            store.library.exercises, structure_editable=True, parent=self,
            timeline_of=lambda s: store.library.timeline(s, prepare=default_prepare),
        )
        self.items.set_session(session)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)

        self._layout(origin is not None and origin.origin is Origin.BUILTIN)
        self.picker.picked.connect(lambda exercise: self.items.add_item(new_item(exercise)))
        self.picker.new_requested.connect(lambda: self.open_exercise_editor(None))
        self.picker.edit_requested.connect(lambda e: self.open_exercise_editor(e, edit=True))
        self.picker.duplicate_requested.connect(lambda e: self.open_exercise_editor(e))
        self.title.textChanged.connect(self._title_changed)
        self.summary.textChanged.connect(
            lambda text: self.items.amend(summary=text.strip() or None))
        self.prepare.valueChanged.connect(lambda v: self.items.amend(prepare=float(v)))
        self.transition.valueChanged.connect(lambda v: self.items.amend(transition=float(v)))
        self.items.session_changed.connect(lambda _s: self._update_save())
        self.items.problem_changed.connect(lambda _m: self._update_save())
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.request_close)
        self._update_save()
        self._as_opened = (self.title.text(), self.items.session())
        fit_to_screen(self, 1040, 720)  # or less, to fit a small screen

    def _layout(self, is_builtin: bool) -> None:
        form = QFormLayout()
        form.addRow(tr("Title"), self.title)
        form.addRow(tr("Summary"), self.summary)
        times = QHBoxLayout()
        times.addWidget(QLabel(tr("Get ready"), self))
        times.addWidget(self.prepare)
        times.addSpacing(24)
        times.addWidget(QLabel(tr("Between exercises"), self))
        times.addWidget(self.transition)
        times.addStretch(1)
        form.addRow(tr("Times"), times)

        library_box = QGroupBox(tr("Exercise library"), self)
        QVBoxLayout(library_box).addWidget(self.picker)
        items_box = QGroupBox(tr("This session"), self)
        QVBoxLayout(items_box).addWidget(self.items)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(library_box)
        splitter.addWidget(items_box)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 700])
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if is_builtin:
            note = QLabel(tr("This is a built-in session. Saving keeps your changes as your own "
                             "version; “Reset to original” in My sessions brings it back."), self)
            note.setWordWrap(True)
            italic = QFont(note.font())
            italic.setItalic(True)
            note.setFont(italic)
            layout.addWidget(note)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def session(self) -> Session | None:
        return self.items.session()

    def unsaved(self) -> bool:
        """Whether anything differs from the session as it opened (a refused entry counts)."""
        now = (self.title.text(), self.items.session())
        return now != self._as_opened or self.items.has_problem()

    def request_close(self) -> None:
        """Esc or Cancel: close, asking first when changes would be lost."""
        if self.unsaved() and not self.ask_discard(self):
            return
        self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            event.accept()
            self.request_close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window's own close button asks too; a close from code (the app) does not.
        if event.spontaneous() and self.unsaved() and not self.ask_discard(self):
            event.ignore()
            return
        super().closeEvent(event)

    def open_exercise_editor(self, exercise: Exercise | None, *,
                             edit: bool = False) -> ExerciseEditorDialog:
        """New, edit or duplicate an exercise (window-modal, kept for tests to answer)."""
        from backtimer.ui.library.exercise_editor import ExerciseEditorDialog, Mode

        if self.exercise_dialog is not None and self.exercise_dialog.isVisible():
            self.exercise_dialog.raise_()
            return self.exercise_dialog
        mode = Mode.NEW if exercise is None else Mode.EDIT if edit else Mode.DUPLICATE
        dialog = ExerciseEditorDialog(self.exercise_store, exercise, mode, parent=self)
        dialog.saved.connect(self._exercise_saved)
        self.exercise_dialog = dialog
        dialog.open()
        return dialog

    def _exercise_saved(self, exercise: Exercise) -> None:
        """The library was reloaded with it: both sides show it (a changed name too)."""
        exercises = self.store.library.exercises
        self.items.exercises = exercises
        self.picker.set_exercises(exercises, select=exercise.id)
        session = self.items.session()
        if session is not None:
            self.items.set_session(session)  # the cards show the exercise as it is now
        self.exercises_changed.emit(exercise)

    def _title_changed(self, text: str) -> None:
        if text.strip():
            self.items.amend(title=text.strip())
        self._update_save()

    def _update_save(self) -> None:
        session = self.items.session()
        reason = ""
        if not self.title.text().strip():
            reason = tr("Give the session a title.")
        elif session is None or not session.items:
            reason = tr("Add at least one exercise.")
        self.save_button.setEnabled(not reason)
        self.save_button.setToolTip(reason)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def save(self) -> None:
        """Write the session; on failure say why and stay open, with nothing changed on disk."""
        session = self.items.session()
        if session is None or not self.save_button.isEnabled():
            return
        try:
            entry = self.store.create(session) if self.is_new else self.store.save(session)
        except UserFileError as error:
            self._show_message(failure_text(error))
            return
        except ProblemsError as error:
            self._show_message(tr("The session cannot be saved:") + "\n" + failure_text(error))
            return
        self._show_message("")
        self.saved.emit(entry)
        self.accept()
