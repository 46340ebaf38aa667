"""The Settings dialog: app-wide preferences, saved atomically to ``settings.yaml``.

Save writes the file first and only then closes; if the write fails (disk full, read-only
folder) the dialog stays open and says why, and the old file is left exactly as it was. The
same goes for a settings file that cannot be read (a typo made by hand): it is never written
over, so the dialog says which line to fix.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from backtimer.store.settings import Settings, SettingsUnreadableError, save_settings
from backtimer.ui.common.spin_boxes import DurationSpinBox
from backtimer.ui.common.words import tr, write_failure_reason

PREPARE_LIMITS = (0, 300)  # the limits settings.py accepts for default_prepare



def save_error_text(path: Path, error: OSError) -> str:
    """A sentence a person can act on, for a settings file that could not be written."""
    reason = write_failure_reason(path, error)
    return tr("Could not save the settings: {reason}. Your previous settings are kept.").format(
        reason=reason)


def unreadable_save_text(error: SettingsUnreadableError) -> str:
    """Why Save did nothing: the file on disk is broken, and is never written over."""
    problem = error.problem
    return tr("Not saved: {file} could not be read (line {line}: {reason}). It is kept as it "
              "is; fix it or move it away, then save again.").format(
        file=problem.file, line=problem.line, reason=problem.message)


class SettingsDialog(QDialog):
    """Preferences for every session: get-ready time, sounds, voice, volume, flash, screen.

    Signals:
        settings_saved(Settings): the new settings were written; apply them.
    """

    settings_saved = Signal(object)

    def __init__(self, path: Path, settings: Settings, *, voice_available: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.original = settings
        self.setWindowTitle(tr("Settings"))

        self.prepare = DurationSpinBox(tr("Get ready"), *PREPARE_LIMITS, fine_below=10,
                                       parent=self)
        self.prepare.setSpecialValueText(tr("none"))
        self.prepare.setValue(round(settings.default_prepare))
        self.prepare.setFixedWidth(120)
        self.sounds = QCheckBox(tr("Play a sound at every change of step"), self)
        self.sounds.setChecked(settings.sounds)
        self.soft_sounds = QCheckBox(tr("Soft, low sounds (for early mornings)"), self)
        self.soft_sounds.setChecked(settings.soft_sounds)
        self.voice = QCheckBox(tr("Speak what comes next"), self)
        self.voice.setChecked(settings.voice)
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setRange(0, 100)
        self.volume.setSingleStep(5)
        self.volume.setPageStep(10)
        self.volume.setValue(round(settings.volume * 100))
        self.volume_label = QLabel(self)
        self.volume_label.setMinimumWidth(40)
        self.flash = QCheckBox(tr("Flash the window when the step changes"), self)
        self.flash.setChecked(settings.flash)
        self.keep_awake = QCheckBox(tr("Keep the screen awake during a session"), self)
        self.keep_awake.setChecked(settings.keep_awake)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )

        session_box = QGroupBox(tr("Sessions"), self)
        session_form = QFormLayout(session_box)
        session_form.addRow(tr("Get-ready time"), self.prepare)
        hint = QLabel(tr("Used when a session does not set its own."), session_box)
        hint.setEnabled(False)
        session_form.addRow("", hint)
        cues_box = QGroupBox(tr("Sound and voice"), self)
        cues = QVBoxLayout(cues_box)
        cues.addWidget(self.sounds)
        indented = QHBoxLayout()
        indented.addSpacing(24)  # a variant of the sounds above, so it sits under them
        indented.addWidget(self.soft_sounds)
        cues.addLayout(indented)
        cues.addWidget(self.voice)
        if not voice_available:
            self.voice_note = QLabel(tr("No speech engine was found on this computer; "
                                        "the voice stays silent."), cues_box)
            self.voice_note.setWordWrap(True)
            self.voice_note.setEnabled(False)
            cues.addWidget(self.voice_note)
        volume_row = QHBoxLayout()
        volume_row.addWidget(QLabel(tr("Volume"), cues_box))
        volume_row.addWidget(self.volume, 1)
        volume_row.addWidget(self.volume_label)
        cues.addLayout(volume_row)
        screen_box = QGroupBox(tr("Screen"), self)
        screen = QVBoxLayout(screen_box)
        screen.addWidget(self.flash)
        screen.addWidget(self.keep_awake)

        layout = QVBoxLayout(self)
        layout.addWidget(session_box)
        layout.addWidget(cues_box)
        layout.addWidget(screen_box)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.volume.valueChanged.connect(self._update_enabled)
        self.sounds.toggled.connect(self._update_enabled)
        self.voice.toggled.connect(self._update_enabled)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._update_enabled()
        self.resize(460, self.sizeHint().height())

    def settings(self) -> Settings:
        """The settings as the dialog shows them (other fields, kept as they were)."""
        return self.original.with_changes(
            default_prepare=float(self.prepare.value()),
            sounds=self.sounds.isChecked(),
            soft_sounds=self.soft_sounds.isChecked(),
            voice=self.voice.isChecked(),
            volume=self.volume.value() / 100,
            flash=self.flash.isChecked(),
            keep_awake=self.keep_awake.isChecked(),
        )

    def _update_enabled(self) -> None:
        self.volume_label.setText(f"{self.volume.value()} %")
        self.soft_sounds.setEnabled(self.sounds.isChecked())
        audible = self.sounds.isChecked() or self.voice.isChecked()
        self.volume.setEnabled(audible)
        self.volume_label.setEnabled(audible)

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
