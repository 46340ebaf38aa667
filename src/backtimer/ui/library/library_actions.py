"""The File menu's session actions: New session…, My sessions…, Import session…, Export session….

Each dialog is opened window-modal without blocking (``open()``), one at a time, and kept on an
attribute so tests can reach it and answer it. Whatever a dialog changes in the user's sessions
comes out of ``library_changed`` with the id to select, so the start screen can reload once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from backtimer.ui.common.dialogs import DialogRegistry
from backtimer.ui.common.words import problem_reason, tr
from backtimer.ui.library.session_files import FilePrompts, SessionFileActions

if TYPE_CHECKING:
    # The dialogs' modules are imported when a dialog is first opened, not at start-up.
    from backtimer.session.model import Session
    from backtimer.session.problems import Problem
    from backtimer.store.library import Library
    from backtimer.store.user_sessions import UserSessions
    from backtimer.ui.library.editor import SessionEditorDialog
    from backtimer.ui.library.my_sessions import MySessionsDialog, Prompts


class LibraryActions(QObject):
    """The actions, the dialogs behind them, and one signal for every change they make.

    ``current_session`` says what Export writes (the start screen's selection, as adjusted);
    ``default_prepare`` gives the get-ready time a new session starts with.

    Signals:
        library_changed(str): the user's sessions changed; the id to select ("" for none).
        exported(str): a session was exported; the words saying where to.
    """

    library_changed = Signal(str)
    exported = Signal(str)

    def __init__(self, store: UserSessions, window: QWidget,
                 current_session: Callable[[], Session | None],
                 default_prepare: Callable[[], float], *,
                 file_prompts: FilePrompts | None = None,
                 prompts: Prompts | None = None) -> None:
        super().__init__(window)
        self.store = store
        self.window = window
        self.default_prepare = default_prepare
        self.prompts = prompts
        self.dialogs = DialogRegistry()
        self.files = SessionFileActions(store, window, current_session, prompts=file_prompts)
        self.files.imported.connect(lambda entry: self.library_changed.emit(entry.id))
        self.files.exported.connect(self.exported)

        self.new_action = QAction(tr("&New session…"), self)
        self.new_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.new_action.triggered.connect(lambda _checked=False: self.new_session())
        self.my_sessions_action = QAction(tr("&My sessions…"), self)
        self.my_sessions_action.setShortcut(QKeySequence("Ctrl+M"))
        self.my_sessions_action.triggered.connect(lambda _checked=False: self.open_my_sessions())
        self.import_action = self.files.import_action
        self.export_action = self.files.export_action

    @property
    def editor(self) -> SessionEditorDialog | None:
        return cast("SessionEditorDialog | None", self.dialogs.get("editor"))

    @property
    def my_sessions(self) -> MySessionsDialog | None:
        return cast("MySessionsDialog | None", self.dialogs.get("my_sessions"))

    def actions(self) -> list[QAction]:
        return [self.new_action, self.my_sessions_action, self.import_action, self.export_action]

    def refresh(self) -> None:
        """Export follows the selection: call when it changes."""
        self.files.refresh()

    def set_enabled(self, enabled: bool) -> None:
        """Off while a session runs: the library should not change under it."""
        for action in self.actions():
            action.setEnabled(enabled)
        if enabled:
            self.refresh()

    def new_session(self) -> SessionEditorDialog:
        """The session editor, empty, for a new session of the user's own."""
        return self.dialogs.show("editor", self._new_editor)

    def _new_editor(self) -> SessionEditorDialog:
        from backtimer.ui.library.editor import SessionEditorDialog

        editor = SessionEditorDialog(self.store, None, default_prepare=self.default_prepare(),
                                     parent=self.window)
        editor.saved.connect(lambda entry: self.library_changed.emit(entry.id))
        editor.exercises_changed.connect(lambda _exercise: self.library_changed.emit(""))
        return editor

    def open_my_sessions(self) -> MySessionsDialog:
        """My sessions (one at a time): every change reloads the start screen behind it."""
        return self.dialogs.show("my_sessions", self._new_my_sessions)

    def _new_my_sessions(self) -> MySessionsDialog:
        from backtimer.ui.library.my_sessions import MySessionsDialog

        dialog = MySessionsDialog(self.store, prompts=self.prompts,
                                  default_prepare=self.default_prepare(), parent=self.window)
        dialog.sessions_changed.connect(
            lambda: self.library_changed.emit(dialog.current_id() or ""))
        return dialog


def folder_notices(library: Library) -> list[str]:
    """The notices for a user's sessions folder that could not be listed, for exercises that
    could not be read (the person's exercises.yaml above all), and for a levels.yaml that
    cannot be read: none when all is well.

    Sessions or exercises are missing from every list then; the person must be told why, once
    (the notice bar shows a text once). One notice per exercises file, with its first problem:
    a file with thirty mistakes must not fill the window; ``backtimer exercises`` lists them.
    """
    notices = [
        tr("Your sessions in {folder} cannot be shown: {reason}.").format(
            folder=problem.file, reason=problem.message)
        for problem in library.folder_problems
    ]
    by_file: dict[str, list[Problem]] = {}
    for problem in library.exercise_problems:
        by_file.setdefault(problem.file, []).append(problem)
    for file, problems in by_file.items():
        first = problems[0]
        text = tr("Some exercises in {file} cannot be used: line {line}: {reason}.").format(
            file=file, line=first.line, reason=problem_reason(first))
        if len(problems) > 1:
            text += " " + tr("{count} more problems: “backtimer exercises” lists them all.").format(
                count=len(problems) - 1)
        notices.append(text)
    if library.levels_problem is not None:
        notices.append(tr("The levels you chose cannot be read ({reason}); each progression "
                          "starts at level 1 until the file is fixed, and it is kept as it is.")
                       .format(reason=library.levels_problem))
    return notices


