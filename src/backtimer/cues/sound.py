"""Cue sounds through QtMultimedia: one QSoundEffect per cue, loaded and warmed before use.

Why it is shaped like this (measured on these machines):
- importing ``PySide6.QtMultimedia`` raises ImportError when the system lacks
  ``libpulse.so.0``, so the module is imported here, lazily, and a failure only silences sound;
- with the library but no sound server there are no audio outputs and a QSoundEffect only goes
  to its Error status; with no outputs no effect is created at all;
- the first play of a QSoundEffect can take over a second (it opens the audio stream then), so
  every effect of the current set plays once, muted, as soon as it has loaded;
- two QSoundEffects playing at the same time on PulseAudio sent Qt (6.12) into a busy loop of
  "QSocketNotifier: Invalid socket" warnings, millions a second; so only one cue ever sounds at a
  time: a new cue cuts the one still ringing, and warming goes one effect after another;
- the set-up itself (import, asking for outputs) costs tens of milliseconds, so ``load()`` is
  meant to run just after start-up (the factory schedules it), never inside the start-up path.

Signals: ``problem_found(str)`` once, when sound turns out not to work after ``load()``.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QUrl, Signal
from shiboken6 import isValid

from backtimer.cues.base import Cue
from backtimer.cues.qtlog import quiet_qt_messages
from backtimer.cues.words import tr

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

    from backtimer.cues.stream import CueStream

log = logging.getLogger(__name__)


def import_multimedia() -> ModuleType:
    """``PySide6.QtMultimedia``, imported without Qt's chatter; raises ImportError if it can't."""
    with quiet_qt_messages():
        return importlib.import_module("PySide6.QtMultimedia")


def sound_file(folder: Path, cue: Cue, soft: bool) -> Path:
    """Where a cue's WAV is (``tools/make_sounds.py`` names them so)."""
    return folder / (f"soft-{cue.value}.wav" if soft else f"{cue.value}.wav")



class QtSoundPlayer(QObject):
    """Plays the cue sounds at the user's volume; silent (with a ``problem``) where it can't."""

    problem_found = Signal(str)

    def __init__(
        self, folder: Path, parent: QObject, volume: float = 0.8, soft: bool = False
    ) -> None:
        super().__init__(parent)
        self._folder = folder
        self._volume = volume
        self._soft = soft
        self._problem: str | None = None
        self._loaded = False
        self._module: ModuleType | None = None
        self._effects: dict[tuple[Cue, bool], QSoundEffect] = {}
        self._warmed: set[tuple[Cue, bool]] = set()
        self._warm_queue: list[tuple[Cue, bool]] = []
        self._starting = False  # a cue is being started: warming must not slip in
        self._warming: tuple[Cue, bool] | None = None  # the effect now playing muted
        self._stream: CueStream | None = None

    @property
    def problem(self) -> str | None:
        return self._problem

    @property
    def loaded(self) -> bool:
        """True once ``load()`` has run (whether or not sound works)."""
        return self._loaded

    @property
    def ready(self) -> bool:
        """True when every effect of the current set has loaded and can play at once."""
        return self._problem is None and all(
            self._status_name(key) == "Ready" for key in self._keys(self._soft)
        )

    def load(self) -> None:
        """Import QtMultimedia, check for an audio output and load every cue; runs once."""
        if self._loaded:
            return
        self._loaded = True
        try:
            self._module = import_multimedia()
        except ImportError as error:
            self._report(
                tr("Sound is off: the sound system could not be loaded ({error}).").format(
                    error=error
                )
            )
            return
        with quiet_qt_messages():
            outputs = self._module.QMediaDevices.audioOutputs()
        if not outputs:
            self._report(tr("Sound is off: no audio output was found."))
            return
        missing = [
            path.name
            for soft in (False, True)
            for cue in Cue
            if not (path := sound_file(self._folder, cue, soft)).is_file()
        ]
        if missing:
            self._report(
                tr("Sound is off: the cue sounds are missing ({files}).").format(
                    files=", ".join(missing)
                )
            )
            return
        for soft in (False, True):
            for cue in Cue:
                self._effects[(cue, soft)] = self._create_effect(cue, soft)
        self._make_stream()

    @property
    def stream(self) -> CueStream | None:
        """The session's sound stream (cues on time, see ``stream``); None: one effect a cue."""
        return self._stream

    def _make_stream(self) -> None:
        from backtimer.cues.stream import CueStream, read_wav

        try:
            sounds = {(cue, soft): read_wav(sound_file(self._folder, cue, soft))
                      for soft in (False, True) for cue in Cue}
        except (OSError, ValueError, EOFError):
            log.warning("the cue sounds cannot be streamed; playing them one by one",
                        exc_info=True)
            return
        assert self._module is not None
        self._stream = CueStream(self._module, sounds, self, volume=self._linear(self._volume),
                                 soft=self._soft)

    def play(self, cue: Cue) -> None:
        key = (cue, self._soft)
        effect = self._effects.get(key)
        if effect is None or self._problem is not None:
            return
        self._starting = True
        try:
            for other in self._effects.values():
                if other.isPlaying():
                    other.stop()  # one sound at a time (see the module's notes)
            self._warmed.add(key)
            effect.setMuted(False)
            effect.play()
        finally:
            self._starting = False

    def set_volume(self, volume: float) -> None:
        self._volume = min(1.0, max(0.0, volume))
        for effect in self._effects.values():
            effect.setVolume(self._linear(self._volume))
        if self._stream is not None:
            self._stream.set_volume(self._linear(self._volume))

    def set_soft(self, soft: bool) -> None:
        self._soft = soft
        if self._stream is not None:
            self._stream.set_soft(soft)
        for key in self._keys(soft):
            self._queue_warm(key)

    def _create_effect(self, cue: Cue, soft: bool) -> QSoundEffect:
        assert self._module is not None
        effect: QSoundEffect = self._module.QSoundEffect(self)
        effect.setVolume(self._linear(self._volume))
        key = (cue, soft)
        effect.statusChanged.connect(lambda: self._status_changed(key))
        effect.playingChanged.connect(lambda: self._playing_changed(key))
        effect.setSource(QUrl.fromLocalFile(str(sound_file(self._folder, cue, soft))))
        return effect

    def _status_changed(self, key: tuple[Cue, bool]) -> None:
        if not isValid(self):
            return
        status = self._status_name(key)
        if status == "Error":
            self._report(tr("Sound is off: the cue sounds could not be played here."))
        elif status == "Ready" and key[1] == self._soft:
            self._queue_warm(key)

    def _queue_warm(self, key: tuple[Cue, bool]) -> None:
        if key not in self._warmed and key not in self._warm_queue:
            self._warm_queue.append(key)
        self._warm_next()

    def _warm_next(self) -> None:
        """Play the next loaded, unwarmed effect once, muted, when nothing else is sounding."""
        if self._problem is not None or self._starting or self._warming is not None:
            return
        if any(isValid(effect) and effect.isPlaying() for effect in self._effects.values()):
            return  # this runs again when that sound ends
        while self._warm_queue:
            key = self._warm_queue.pop(0)
            effect = self._effects.get(key)
            if effect is None or key in self._warmed or self._status_name(key) != "Ready":
                continue
            self._warmed.add(key)
            self._warming = key
            effect.setMuted(True)
            effect.play()
            return

    def _playing_changed(self, key: tuple[Cue, bool]) -> None:
        effect = self._effects.get(key)
        if effect is None or not isValid(effect) or not isValid(self):
            return  # the player is being torn down: a stopping sound says so on its way out
        if not effect.isPlaying():
            effect.setMuted(False)
            if self._warming == key:
                self._warming = None
            self._warm_next()

    def _status_name(self, key: tuple[Cue, bool]) -> str:
        effect = self._effects.get(key)
        return "" if effect is None or not isValid(effect) else effect.status().name

    def _keys(self, soft: bool) -> list[tuple[Cue, bool]]:
        return [(cue, soft) for cue in Cue]

    def _linear(self, volume: float) -> float:
        """The user's slider is perceptual (logarithmic); QSoundEffect wants a linear gain."""
        module: Any = self._module
        if module is None:
            return volume
        scale = module.QtAudio.VolumeScale
        linear = module.QtAudio.convertVolume(
            volume, scale.LogarithmicVolumeScale, scale.LinearVolumeScale
        )
        return float(linear)

    def _report(self, problem: str) -> None:
        if self._problem is not None:
            return
        self._problem = problem
        for effect in self._effects.values():
            effect.stop()
        self.problem_found.emit(problem)
