"""Repairing a session file by hand: its text, what is wrong with it, and a Save that checks.

A user's file that no longer validates (edited outside the app) stays listed with its error.
This dialog opens its raw text; Save validates it exactly like an import and writes only a
file that loads, so a repair can never leave things worse than they were.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from backtimer.session.problems import Problem, ProblemsError
from backtimer.store.user_sessions import UserFileError, UserSessions
from backtimer.ui.common.screen_fit import fit_to_screen
from backtimer.ui.common.words import failure_text, tr


class RepairDialog(QDialog):
    """A plain text editor for one session file, showing its ``FILE:LINE: message`` problems.

    Signals:
        repaired(SessionEntry): the text validated and was saved.
    """

    repaired = Signal(object)

    def __init__(self, store: UserSessions, session_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.session_id = session_id
        entry = store.entry(session_id)
        self.setWindowTitle(tr("Repair {name}").format(name=entry.path))
        self.text = QPlainTextEdit(self)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.text.setFont(mono)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setFont(QFont(mono))
        self.problems.setStyleSheet("color: #b3261e;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        intro = QLabel(tr("This file cannot be used as it is. Fix the lines named below, "
                          "then save; the file is only replaced once it is valid."), self)
        intro.setWordWrap(True)
        self.intro = intro
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.show_problems(list(entry.problems))
        try:
            self.text.setPlainText(store.read_text(session_id))
        except OSError as error:  # a folder, a FIFO, a dangling link or a link loop, too large
            self._unreadable(error)
        fit_to_screen(self, 760, 560)  # or less, to fit a small screen

    def _unreadable(self, error: OSError) -> None:
        """There is no text to repair: say why, and offer no Save that would replace it."""
        reason = error.strerror or str(error)  # an UnreadableFileError's strerror is its reason
        self.intro.setText(tr("This entry cannot be opened for repair: {reason}. Nothing was "
                         "changed. Delete it, or fix it outside BackTimer.").format(reason=reason))
        self.text.setReadOnly(True)
        self.text.setEnabled(False)
        self.save_button.setEnabled(False)

    def show_problems(self, problems: list[Problem]) -> None:
        self.problems.setText("\n".join(str(p) for p in problems))
        self.problems.setVisible(bool(problems))

    def save(self) -> None:
        if not self.save_button.isEnabled():  # nothing was read, so nothing may be written
            return
        try:
            entry = self.store.save_text(self.session_id, self.text.toPlainText())
        except ProblemsError as error:
            self.show_problems(error.problems)
            return
        except UserFileError as error:
            self.problems.setText(failure_text(error))
            self.problems.show()
            return
        self.repaired.emit(entry)
        self.accept()
