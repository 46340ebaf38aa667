"""Build the cues the window uses: sound, voice, keep-awake and the director that drives them.

``create_cues`` returns at once (it only builds small objects): the slow parts are scheduled on
the event loop after start-up: loading the sounds (tens of milliseconds: QtMultimedia's import
and the search for an audio output) 400 ms later, so it never delays the window's first frames,
then importing wakepy for keep-awake (on the GUI thread, so that no worker ever loads a native
library while the GUI thread does), and starting the speech process later still (it makes its
engine in its own process, which may take seconds or hang: ``voice``). Keep-awake calls run on
a worker thread of their own. Whatever cannot work here is replaced by its silent
stand-in and named once in ``problems()`` (and, when found later, by ``problem_found``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from backtimer.cues.base import ScreenKeeper, SoundPlayer, Voice
from backtimer.cues.director import CueDirector
from backtimer.cues.keeper import AwakeMode, KeeperSwitch, WakepyKeeper, presenting_mode
from backtimer.cues.silent import SilentPlayer
from backtimer.cues.sound import QtSoundPlayer
from backtimer.cues.voice import QtVoice
from backtimer.cues.words import tr
from backtimer.resources import resources_dir
from backtimer.session.model import Exercise
from backtimer.store.settings import Settings

SOUND_LOAD_DELAY_MS = 400  # off the start-up path (a 0 ms timer ran before the first frame)
VOICE_PREPARE_DELAY_MS = 1500  # later: the speech process's start-up takes CPU from the window


class Cues(QObject):
    """The window's handle on every cue.

    ``director.handle(event)`` for each runner event; ``director.apply_settings(settings)`` when
    the user changes a setting; ``keeper.keep_awake()`` / ``keeper.release()`` as a session runs
    and stops; ``problems()`` for what does not work here.

    Signals: ``problem_found(str)`` when a part turns out not to work after start-up (sound
    when it has loaded, voice when its engine is made, keep-awake at its first try), once each.
    """

    problem_found = Signal(str)
    voices_found = Signal(list)

    def __init__(
        self,
        parent: QObject,
        make_parts: Callable[[Cues], tuple[SoundPlayer, Voice, ScreenKeeper]],
        settings: Settings,
        exercises: Mapping[str, Exercise] | None = None,
    ) -> None:
        super().__init__(parent)
        self.player, self.voice, keeper = make_parts(self)
        self.keeper = KeeperSwitch(keeper, settings.keep_awake)
        for part in (self.player, self.voice, keeper):
            if isinstance(part, QtSoundPlayer | QtVoice | WakepyKeeper):  # they find problems late
                part.problem_found.connect(self._relay)
        player = self.player
        self.director = CueDirector(
            self.player, self.voice, settings, self, exercises=exercises, keeper=self.keeper,
            stream=lambda: player.stream if isinstance(player, QtSoundPlayer) else None,
        )
        self.director.problem_found.connect(self._relay)
        if isinstance(self.voice, QtVoice):
            self.voice.voices_found.connect(self.voices_found)

    def voice_names(self) -> list[str]:
        """The speech engine's voices; asks the engine to start when it has not (the names then
        come with ``voices_found``)."""
        if isinstance(self.voice, QtVoice):
            self.voice.prepare()
            return self.voice.voices
        return []

    def test(self, settings: Settings) -> None:
        """A chime and a spoken line as ``settings`` would give them (Settings' "Test sound")."""
        self.director.test(settings)

    @property
    def voice_available(self) -> bool:
        """Whether speech works here (its problem, if any, is named in ``problems()``)."""
        return self.voice.problem is None

    def problems(self) -> list[str]:
        """What does not work here, for the parts that are switched on, in plain words.

        The same list each time (it grows as parts are found not to work); the window shows
        each notice once.
        """
        parts: list[tuple[bool, str | None]] = [
            (self.director.sounds_on, self.player.problem or self.director.play_problem),
            (self.director.voice_on, self.voice.problem),
            (True, self.keeper.problem),
        ]
        found: list[str] = []
        for on, problem in parts:
            if on and problem and problem not in found:
                found.append(problem)
        return found

    def close(self) -> None:
        """Release the screen, stop the keep-awake worker and end the speech process (at quit)."""
        self.keeper.release()
        inner = self.keeper.inner
        if isinstance(inner, WakepyKeeper):
            inner.close()
        if isinstance(self.voice, QtVoice):
            self.voice.close()
        if isinstance(self.player, QtSoundPlayer) and self.player.stream is not None:
            self.player.stream.close(wait_ms=1000)

    def _relay(self, problem: str) -> None:
        if problem in self.problems():
            self.problem_found.emit(problem)


def create_cues(
    settings: Settings,
    parent: QObject,
    *,
    exercises: Mapping[str, Exercise] | None = None,
    sounds_folder: Path | None = None,
    voice_engine: str | None = None,
    awake_mode: Callable[[], AwakeMode] = presenting_mode,
) -> Cues:
    """Everything the window needs for cues; returns within a few milliseconds.

    ``exercises`` lets the voice speak each exercise's ``cue`` line; ``sounds_folder``,
    ``voice_engine`` and ``awake_mode`` exist for tests and tools.
    """
    folder = sounds_folder
    if folder is None:
        try:
            folder = Path(str(resources_dir() / "sounds"))
        except FileNotFoundError:
            folder = None

    def make_parts(cues: Cues) -> tuple[SoundPlayer, Voice, ScreenKeeper]:
        player: SoundPlayer
        if folder is None:
            player = SilentPlayer(
                tr("Sound is off: the cue sounds are missing.")
            )
        else:
            player = QtSoundPlayer(folder, cues, settings.volume, settings.soft_sounds)
        return player, QtVoice(cues, voice_engine, settings.volume), WakepyKeeper(cues, awake_mode)

    cues = Cues(parent, make_parts, settings, exercises)
    if isinstance(cues.player, QtSoundPlayer):
        QTimer.singleShot(SOUND_LOAD_DELAY_MS, cues, cues.player.load)
    keeper = cues.keeper.inner
    if isinstance(keeper, WakepyKeeper):  # after the sounds: one library load at a time
        QTimer.singleShot(SOUND_LOAD_DELAY_MS, cues, keeper.preload)
    if settings.voice and isinstance(cues.voice, QtVoice):
        QTimer.singleShot(VOICE_PREPARE_DELAY_MS, cues, cues.voice.prepare)
    return cues
