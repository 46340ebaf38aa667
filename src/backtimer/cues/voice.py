"""Spoken cues through QtTextToSpeech, where a speech engine exists.

Why it is shaped like this (measured on these machines):
- importing ``PySide6.QtTextToSpeech`` fails without ``libpulse.so.0``, like QtMultimedia;
- constructing a QTextToSpeech can block the thread for about 2 s on Linux (speech-dispatcher),
  so the engine is made by ``prepare()``, which the factory schedules after start-up, or at the
  latest by the first ``say()``; never while the window is being built;
- the Linux wheel has only the ``speechd`` and ``mock`` engines, and ``speechd`` needs a running
  speech-dispatcher, so the engine often ends in its Error state: that is reported once and the
  voice stays silent. Tests pass ``engine="mock"`` (or set ``QT_TEXTTOSPEECH_ENGINE``).

Signals: ``problem_found(str)`` once, when speech turns out not to work.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from backtimer.cues.qtlog import quiet_qt_messages

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

ENGINE_VARIABLE = "QT_TEXTTOSPEECH_ENGINE"


def import_text_to_speech() -> ModuleType:
    """``PySide6.QtTextToSpeech``, imported without Qt's chatter; raises ImportError if it can't."""
    with quiet_qt_messages():
        return importlib.import_module("PySide6.QtTextToSpeech")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cues", text)


class QtVoice(QObject):
    """Speaks short phrases, each interrupting the last; silent (with a ``problem``) where it can't.

    ``engine`` names a QtTextToSpeech engine; None takes ``$QT_TEXTTOSPEECH_ENGINE`` or else
    Qt's default.
    """

    problem_found = Signal(str)

    def __init__(self, parent: QObject, engine: str | None = None, volume: float = 0.8) -> None:
        super().__init__(parent)
        self._engine_name = engine if engine is not None else os.environ.get(ENGINE_VARIABLE)
        self._volume = volume
        self._problem: str | None = None
        self._prepared = False
        self._speech: QTextToSpeech | None = None

    @property
    def problem(self) -> str | None:
        return self._problem

    @property
    def prepared(self) -> bool:
        """True once the engine was made (or found missing)."""
        return self._prepared

    @property
    def speech(self) -> QTextToSpeech | None:
        """The working engine, for whoever wants its signals (tests listen to ``sayingWord``)."""
        return self._speech

    def prepare(self) -> None:
        """Make the speech engine now; may block for seconds, so call it off the start-up path."""
        if self._prepared:
            return
        self._prepared = True
        try:
            module = import_text_to_speech()
        except ImportError as error:
            self._report(
                _tr("Spoken cues are off: speech could not be loaded ({error}).").format(
                    error=error
                )
            )
            return
        engines = list(module.QTextToSpeech.availableEngines())
        if not engines or (self._engine_name and self._engine_name not in engines):
            self._report(_tr("Spoken cues are off: no speech engine is available."))
            return
        with quiet_qt_messages():
            speech: QTextToSpeech = (
                module.QTextToSpeech(self._engine_name, self)
                if self._engine_name
                else module.QTextToSpeech(self)
            )
        if speech.state() == module.QTextToSpeech.State.Error:
            speech.deleteLater()
            self._report(_tr("Spoken cues are off: no speech engine is available."))
            return
        speech.setVolume(self._volume)
        speech.errorOccurred.connect(self._engine_failed)
        self._speech = speech

    def say(self, text: str) -> None:
        self.prepare()
        if self._speech is not None:
            self._speech.say(text)  # interrupts whatever is still being said

    def set_volume(self, volume: float) -> None:
        self._volume = min(1.0, max(0.0, volume))
        if self._speech is not None:
            self._speech.setVolume(self._volume)

    def stop(self) -> None:
        if self._speech is not None:
            self._speech.stop()

    def _engine_failed(self) -> None:
        self._speech = None
        self._report(_tr("Spoken cues are off: the speech engine stopped working."))

    def _report(self, problem: str) -> None:
        if self._problem is None:
            self._problem = problem
            self.problem_found.emit(problem)
