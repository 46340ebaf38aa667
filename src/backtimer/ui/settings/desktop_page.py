"""Settings tab for BackTimer's place in the desktop: starting it when the person logs in.

The checkbox is the ``autostart`` setting; saving applies it (``apply_autostart``): the XDG
autostart entry is written or removed, so the setting and the desktop agree. Where there is no
XDG autostart folder (Windows, macOS) the box is greyed out and says it is not supported.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from backtimer.store.autostart import autostart_supported
from backtimer.store.settings import Settings
from backtimer.ui.common.theme import muted
from backtimer.ui.common.words import tr
from backtimer.ui.settings.settings_page import PageContext, SettingsPage


class DesktopPage(SettingsPage):
    """Start at login (and, from the command line, the application menu entry)."""

    def title(self) -> str:
        return tr("Desktop")

    def __init__(self, settings: Settings, context: PageContext,
                 parent: QWidget | None = None) -> None:
        super().__init__(settings, context, parent)
        supported = autostart_supported()
        self.autostart = QCheckBox(tr("Start BackTimer when I log in (minimized)"), self)
        self.autostart.setChecked(settings.autostart and supported)
        self.autostart.setEnabled(supported)
        if supported:
            hint = tr("Adds BackTimer to your desktop's startup applications. From a terminal: "
                      "<code>backtimer autostart on</code> or <code>off</code>.")
        else:
            hint = tr("Starting at login is not supported on this system.")
        self.hint = self._note(hint)
        menu = self._note(tr("To add BackTimer to the application menu, run "
                             "<code>backtimer install-desktop --user</code> in a terminal."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.autostart)
        layout.addWidget(self.hint)
        layout.addSpacing(12)
        layout.addWidget(menu)
        layout.addStretch(1)

    def _note(self, text: str) -> QLabel:
        """A line of help in muted colour; the commands in it can be selected and copied."""
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setStyleSheet(f"color: {muted(self).name()};")
        return label

    def changes(self) -> dict[str, Any]:
        if not self.autostart.isEnabled():
            return {}
        return {"autostart": self.autostart.isChecked()}


def apply_autostart(on: bool) -> str | None:
    """Make the desktop's autostart entry follow the setting; a sentence when that failed, or
    when an entry edited by hand was kept or moved aside.

    Writes only when the entry's presence differs from ``on`` (a small file in the person's
    config folder, as the settings file itself is written when the dialog saves).
    """
    from backtimer.store.autostart import autostart_enabled, autostart_file, set_autostart
    from backtimer.store.desktop_entry import launcher_command

    if not autostart_supported():
        return None
    path = autostart_file()
    if autostart_enabled(path) == on:
        return None
    try:
        kept = set_autostart(path, on, launcher_command())
    except OSError as error:
        reason = error.strerror or str(error)
        if on:
            return tr("Could not set BackTimer to start at login: {path}: {reason}").format(
                path=path, reason=reason)
        return tr("Could not stop BackTimer starting at login: {path}: {reason}").format(
            path=path, reason=reason)
    return kept  # an entry edited by hand: what was done with it
