"""The Settings dialog: app-wide preferences in tabs, saved atomically to ``settings.yaml``.

Each tab is a ``SettingsPage`` in a module of its own; ``PAGES`` lists them in order. Save
writes the file first and only then closes; if the write fails (disk full, read-only folder)
the dialog stays open and says why, and the old file is left exactly as it was. The same goes
for a settings file that cannot be read (a typo made by hand): it is never written over, so
the dialog says which line to fix.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from backtimer.store.settings import Settings, SettingsUnreadableError, save_settings
from backtimer.store.settings_reminders import keeps_file
from backtimer.ui.common.screen_fit import fit_to_screen
from backtimer.ui.common.words import tr, write_failure_reason
from backtimer.ui.settings.desktop_page import DesktopPage
from backtimer.ui.settings.goal_page import GoalPage
from backtimer.ui.settings.reminders_page import RemindersPage
from backtimer.ui.settings.screen_page import ScreenPage
from backtimer.ui.settings.session_page import SessionPage
from backtimer.ui.settings.settings_page import PageContext, SettingsPage
from backtimer.ui.settings.sound_page import SoundPage

P = TypeVar("P", bound=SettingsPage)
PageFactory = Callable[[Settings, PageContext, QWidget], SettingsPage]
# The tabs, in order. A feature with settings of its own adds its page here.
PAGES: tuple[PageFactory, ...] = (SessionPage, SoundPage, ScreenPage, GoalPage, RemindersPage,
                                  DesktopPage)


def save_error_text(path: Path, error: OSError) -> str:
    """A sentence a person can act on, for a settings file that could not be written."""
    reason = write_failure_reason(path, error)
    return tr("Could not save the settings: {reason}. Your previous settings are kept.").format(
        reason=reason)


def unreadable_save_text(error: SettingsUnreadableError) -> str:
    """Why Save did nothing: the file on disk is broken, and is never written over."""
    problem = error.problem
    if keeps_file(problem):  # saving would drop a reminder the person wrote with a typo
        return tr("Not saved: {file}, line {line}, has a reminder BackTimer cannot use "
                  "({reason}); saving would drop it. Fix or remove that line, then save "
                  "again.").format(file=problem.file, line=problem.line, reason=problem.message)
    return tr("Not saved: {file} could not be read (line {line}: {reason}). It is kept as it "
              "is; fix it or move it away, then save again.").format(
        file=problem.file, line=problem.line, reason=problem.message)


class SettingsDialog(QDialog):
    """Preferences for every session, one tab per group (``PAGES``).

    Signals:
        settings_saved(Settings): the new settings were written; apply them.
    """

    settings_saved = Signal(object)

    def __init__(self, path: Path, settings: Settings, *, voice_available: bool = True,
                 context: PageContext | None = None,
                 sessions: tuple[tuple[str, str], ...] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.original = settings
        self.setWindowTitle(tr("Settings"))
        context = context or PageContext(voice_available=voice_available, sessions=sessions)
        self.context = context
        self.tabs = QTabWidget(self)
        self.pages = [factory(settings, context, self.tabs) for factory in PAGES]
        for page in self.pages:
            self.tabs.addTab(page, page.title())
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        fit_to_screen(self, 520, max(360, self.sizeHint().height()))  # or less, on a small screen

    def page(self, kind: type[P]) -> P:
        """The tab of the given class (tests and the window reach widgets through it)."""
        return next(page for page in self.pages if isinstance(page, kind))

    def settings(self) -> Settings:
        """The settings as the dialog shows them (other fields, kept as they were)."""
        settings = self.original
        for page in self.pages:
            settings = settings.with_changes(**page.changes())
        return settings

    def reject(self) -> None:
        """Cancel: what was tried live (the volume) goes back to the saved settings."""
        if self.context.preview is not None:
            self.context.preview(self.original)
        super().reject()

    def save(self) -> None:
        """Write the settings; on failure say why and stay open, the old file intact."""
        settings = self.settings()
        try:
            save_settings(self.path, settings)
        except SettingsUnreadableError as error:
            self.message.setText(unreadable_save_text(error))
            self.message.show()
            return
        except OSError as error:
            self.message.setText(save_error_text(self.path, error))
            self.message.show()
            return
        self.message.hide()
        self.settings_saved.emit(settings)
        self.accept()
