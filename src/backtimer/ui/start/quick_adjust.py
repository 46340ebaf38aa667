"""Quick adjust: the start screen's editable items, with Save as my version and Reset.

A drop-in for the start screen's read-only items view. The start screen calls ``show_entry``
when the selection changes and starts ``session()`` (the adjusted session, saved or not). The
changes are kept as the user's version with "Save as my version", or by ``save_if_changed()``,
which the start screen calls when Start is pressed so that what was done is what is kept.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from backtimer.session.model import DEFAULT_PREPARE, Session
from backtimer.session.problems import ProblemsError
from backtimer.store.library import Origin, SessionEntry
from backtimer.store.user_sessions import DeletedFile, UserFileError, UserSessions
from backtimer.ui.common.words import failure_text, tr
from backtimer.ui.library.items_editor import ItemsEditor


class QuickAdjustPanel(QWidget):
    """The selected session's items, editable in place, and what to do with the changes.

    Signals:
        session_changed(Session): every edit (the total on the start screen can follow).
        library_changed(str): a save or reset changed the library; the id to keep selected.
        reset_done(DeletedFile): a reset removed the user's version; ``store.restore`` undoes it.
    """

    session_changed = Signal(object)
    library_changed = Signal(str)
    reset_done = Signal(object)

    def __init__(self, store: UserSessions, parent: QWidget | None = None, *,
                 prepare: Callable[[], float] = lambda: DEFAULT_PREPARE) -> None:
        super().__init__(parent)
        self.store = store
        self.entry: SessionEntry | None = None
        self._saved: Session | None = None
        self.last_reset: DeletedFile | None = None
        self.items = ItemsEditor(
            store.library.exercises, parent=self,
            timeline_of=lambda session: store.library.timeline(session, prepare=prepare()),
        )
        self.save_button = QPushButton(tr("Save as my version"), self)
        self.revert_button = QPushButton(tr("Undo changes"), self)
        self.reset_button = QPushButton(tr("Reset to original"), self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.message.hide()
        self.hint = QLabel(tr("Start keeps these times as your version."), self)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.hint)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.items, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.items.session_changed.connect(self._edited)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.reset_button.clicked.connect(self.reset)
        self.show_entry(None)

    def show_entry(self, entry: SessionEntry | None) -> None:
        """Show the selected library entry (None, or an invalid one, shows nothing to adjust)."""
        self.entry = entry
        self._saved = entry.session if entry is not None else None
        self.message.hide()
        if self._saved is not None:
            self.items.set_session(self._saved)
        self.items.setVisible(self._saved is not None)
        self._update_buttons()

    def session(self) -> Session | None:
        """The session to start: the saved one with every adjustment made here."""
        return self.items.session() if self._saved is not None else None

    def changed(self) -> bool:
        current = self.session()
        return current is not None and current != self._saved

    def save(self) -> bool:
        """Save the adjusted session as the user's version (same id); False if it failed."""
        current = self.session()
        if current is None:
            return False
        try:
            entry = self.store.save(current)
        except (UserFileError, ProblemsError) as error:
            self.message.setText(failure_text(error))
            self.message.show()
            return False
        self.show_entry(entry)
        self.library_changed.emit(entry.id)
        return True

    def save_if_changed(self) -> bool:
        """Called on Start: keep the adjustments. True when nothing needed saving or it saved."""
        return self.save() if self.changed() else True

    def revert(self) -> None:
        self.show_entry(self.entry)
        if self._saved is not None:
            self.session_changed.emit(self._saved)

    def reset(self) -> None:
        """Remove the user's version of a built-in; ``last_reset`` can restore it (Undo)."""
        if self.entry is None or self.entry.origin is not Origin.CUSTOMIZED:
            return
        try:
            self.last_reset = self.store.reset_to_original(self.entry.id)
        except UserFileError as error:
            self.message.setText(failure_text(error))
            self.message.show()
            return
        self.show_entry(self.store.entry(self.entry.id))
        self.library_changed.emit(self.last_reset.session_id)
        self.reset_done.emit(self.last_reset)

    def _edited(self, session: Session) -> None:
        self._update_buttons()
        self.session_changed.emit(session)

    def _update_buttons(self) -> None:
        changed = self.changed()
        # Shown only once there is something to keep or undo: an untouched session stays calm.
        for button in (self.save_button, self.revert_button):
            button.setEnabled(changed)
            button.setVisible(changed)
        self.hint.setVisible(changed)
        customized = self.entry is not None and self.entry.origin is Origin.CUSTOMIZED
        self.reset_button.setVisible(customized)
        self.reset_button.setEnabled(customized and not changed)
