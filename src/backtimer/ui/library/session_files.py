"""File menu: Import session… and Export session…, with the file dialogs behind replaceable calls.

An imported file is validated exactly like the built-in sessions; a bad one is refused with its
``FILE:LINE: message`` lines and nothing changes. The questions (which file? where to?) and the
reports go through ``FilePrompts``, so tests answer them without a real dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from backtimer.session.model import Session
from backtimer.session.problems import ProblemsError
from backtimer.store.library import SessionEntry
from backtimer.store.user_sessions import AlreadyImportedError, UserFileError, UserSessions
from backtimer.ui.common.file_folder import last_folder
from backtimer.ui.common.question_card import tell
from backtimer.ui.common.words import failure_text, tr

FILTER = "Session files (*.yaml *.yml);;All files (*)"



def _open_path(parent: QWidget | None) -> Path | None:
    """The real open dialog, in the home folder or the folder last used (``file_folder``)."""
    folder = last_folder()
    name, _ = QFileDialog.getOpenFileName(parent, tr("Import session"), folder.start_in(),
                                          tr(FILTER))
    if not name:
        return None
    folder.remember(Path(name))
    return Path(name)


def _save_path(parent: QWidget | None, suggested: str) -> Path | None:
    """The real save dialog, ``suggested`` in the home folder or the folder last used."""
    folder = last_folder()
    name, _ = QFileDialog.getSaveFileName(parent, tr("Export session"),
                                          folder.start_in(suggested), tr(FILTER))
    if not name:
        return None
    path = Path(name)
    folder.remember(path)
    return path if path.suffix in (".yaml", ".yml") else path.with_suffix(".yaml")


def _show_error(parent: QWidget | None, title: str, text: str, details: str) -> None:
    """A refused file, as a card in the window with its ``FILE:LINE: message`` lines."""
    host = parent or QApplication.activeWindow()
    if host is None:  # no window to show it in (a script): a plain box
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok)
        box.setInformativeText(details)
        box.exec()
        return
    tell(host, title, text, details)


def _show_info(parent: QWidget | None, title: str, text: str) -> None:
    """What an import did, as a card in the window."""
    _show_error(parent, title, text, "")


@dataclass
class FilePrompts:
    """The dialogs import and export use; tests replace them with answers and recorders."""

    open_path: Callable[[QWidget | None], Path | None] = field(default=_open_path)
    save_path: Callable[[QWidget | None, str], Path | None] = field(default=_save_path)
    show_error: Callable[[QWidget | None, str, str, str], None] = field(default=_show_error)
    show_info: Callable[[QWidget | None, str, str], None] = field(default=_show_info)


def import_session(store: UserSessions, parent: QWidget | None = None,
                   prompts: FilePrompts | None = None) -> SessionEntry | None:
    """Ask for a file and import it; returns its entry (new, or the same one already there)
    or None (cancelled or refused)."""
    prompts = prompts or FilePrompts()
    source = prompts.open_path(parent)
    if source is None:
        return None
    try:
        entry = store.import_file(source)
    except ProblemsError as error:
        lines = "\n".join(str(problem) for problem in error.problems)
        prompts.show_error(parent, tr("Import session"),
                           tr("{name} cannot be imported. Nothing was changed.").format(
                               name=source.name), lines)
        return None
    except AlreadyImportedError as already:
        prompts.show_info(parent, tr("Import session"), tr(
            "“{title}” is already in your sessions: {name} was imported before. "
            "Nothing was added.").format(title=already.entry.title, name=source.name))
        return already.entry  # the list shows the one that is there
    except UserFileError as error:
        prompts.show_error(parent, tr("Import session"), failure_text(error), "")
        return None
    prompts.show_info(parent, tr("Import session"),
                      tr("Imported “{title}”. It is now in your sessions.").format(
                          title=entry.title))
    return entry


def export_session(store: UserSessions, session: Session, parent: QWidget | None = None,
                   prompts: FilePrompts | None = None) -> Path | None:
    """Ask where to, and write ``session`` there as a session file; returns the path or None."""
    prompts = prompts or FilePrompts()
    target = prompts.save_path(parent, f"{session.id}.yaml")
    if target is None:
        return None
    try:
        store.export(session, target)
    except UserFileError as error:
        prompts.show_error(parent, tr("Export session"), failure_text(error), "")
        return None
    return target


class SessionFileActions(QObject):
    """The File menu's two actions, ready to add to a menu or a toolbar.

    ``current_session`` tells which session Export writes (the one on the start screen, with
    any quick adjustments); Export is disabled while it returns None.

    Signals:
        imported(SessionEntry): a file was imported; the library already lists it.
        exported(str): the words saying where a session was exported (the window shows them).
    """

    imported = Signal(object)
    exported = Signal(str)

    def __init__(self, store: UserSessions, window: QWidget,
                 current_session: Callable[[], Session | None], *,
                 prompts: FilePrompts | None = None) -> None:
        super().__init__(window)
        self.store = store
        self.window = window
        self.current_session = current_session
        self.prompts = prompts or FilePrompts()
        self.import_action = QAction(tr("&Import session…"), self)
        self.import_action.setShortcut(QKeySequence.StandardKey.Open)
        self.import_action.setStatusTip(tr("Add a session from a YAML file"))
        self.export_action = QAction(tr("&Export session…"), self)
        self.export_action.setShortcut(QKeySequence(tr("Ctrl+E")))
        self.export_action.setStatusTip(tr("Save the chosen session as a YAML file"))
        self.import_action.triggered.connect(self.run_import)
        self.export_action.triggered.connect(self.run_export)

    def actions(self) -> list[QAction]:
        return [self.import_action, self.export_action]

    def refresh(self) -> None:
        """Enable Export only when there is a session to export; call when the choice changes."""
        self.export_action.setEnabled(self.current_session() is not None)

    def run_import(self) -> None:
        entry = import_session(self.store, self.window, self.prompts)
        if entry is not None:
            self.imported.emit(entry)

    def run_export(self) -> None:
        session = self.current_session()
        if session is None:
            return
        target = export_session(self.store, session, self.window, self.prompts)
        if target is not None:
            self.exported.emit(exported_text(session, target))


def exported_text(session: Session, target: Path) -> str:
    """Where the export went, in full: the person needs the place to find the file again."""
    return tr("Exported “{title}” to {path}").format(title=session.title, path=target)
