"""Which sound and which words go with each runner event.

The runner says what happened; the director decides what the person on the mat hears: a chime
when a hold starts, another when a rest starts, a double tap halfway through a long hold, a pip
for each of the last three seconds, a finish arpeggio; and, where a voice exists, the
exercise's name and side, "hold", "rest", "switch sides", "next up: ...", the exercise's cue
line and "well done". Words come a moment after the chime so the two do not talk over each
other. Sounds and voice can be switched off separately at any time (``apply_settings``).

A player that raises (a device torn away in a way QtMultimedia does not report, a deleted C++
object) must not cost the person the words or the rest of the session: ``_play`` catches it,
logs it and emits ``problem_found`` once, and the director keeps speaking.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer, Signal

from backtimer.cues.base import Cue, SoundPlayer, Voice
from backtimer.cues.keeper import KeeperSwitch
from backtimer.cues.words import spoken_side, spoken_verb, tr
from backtimer.engine.events import (
    CountdownSecond,
    Event,
    HalfwayReached,
    SessionFinished,
    StepStarted,
)
from backtimer.session.model import Exercise
from backtimer.session.timeline import Step, StepKind
from backtimer.store.settings import Settings

log = logging.getLogger(__name__)

COUNTDOWN_MIN_SECONDS = 4.0  # shorter steps get no pips: they would be all beeping
SPEECH_AFTER_CHIME_MS = 450  # the hold and rest chimes last about half a second

HOLD_KINDS = frozenset({StepKind.HOLD, StepKind.SELF_PACED})



def cue_for_step(step: Step) -> Cue:
    """The chime that announces a step: go for holds and own-pace reps, rest for the others."""
    return Cue.HOLD if step.kind in HOLD_KINDS else Cue.REST


def wants_countdown(step: Step) -> bool:
    """Pips for the last seconds of every timed step long enough to need a warning."""
    return step.seconds is not None and step.seconds >= COUNTDOWN_MIN_SECONDS


class CueDirector(QObject):
    """Turns runner events into sounds and words; owns no timing of the session itself.

    Signals: ``problem_found(str)`` once, the first time the player raises.
    """

    problem_found = Signal(str)

    def __init__(
        self,
        player: SoundPlayer,
        voice: Voice,
        settings: Settings,
        parent: QObject,
        *,
        exercises: Mapping[str, Exercise] | None = None,
        keeper: KeeperSwitch | None = None,
        speech_delay_ms: int = SPEECH_AFTER_CHIME_MS,
    ) -> None:
        super().__init__(parent)
        self._speech_delay_ms = speech_delay_ms
        self._player = player
        self._voice = voice
        self._exercises: Mapping[str, Exercise] = exercises or {}
        self._keeper = keeper
        self._sounds = True
        self._speaks = True
        self._last_hold: Step | None = None
        self._pending_words = ""
        self._play_problem: str | None = None
        self._speech_timer = QTimer(self)
        self._speech_timer.setSingleShot(True)
        self._speech_timer.timeout.connect(self._speak_pending)
        self.apply_settings(settings)

    @property
    def sounds_on(self) -> bool:
        return self._sounds

    @property
    def voice_on(self) -> bool:
        return self._speaks

    @property
    def play_problem(self) -> str | None:
        """Why sounds stopped, when the player started raising (else None)."""
        return self._play_problem

    @property
    def speech_pending(self) -> bool:
        """Words are waiting for the chime to end."""
        return bool(self._pending_words)

    def apply_settings(self, settings: Settings) -> None:
        """Take the user's sound, soft-sound, volume, voice and keep-awake choices at once."""
        if self._keeper is not None:
            self._keeper.set_enabled(settings.keep_awake)
        self._sounds = settings.sounds
        self._speaks = settings.voice
        self._player.set_volume(settings.volume)
        self._player.set_soft(settings.soft_sounds)
        self._voice.set_volume(settings.volume)
        if not self._speaks:
            self._pending_words = ""
            self._speech_timer.stop()

    def handle(self, event: Event) -> None:
        if isinstance(event, StepStarted):
            self._step_started(event.step)
        elif isinstance(event, HalfwayReached):
            self._play(Cue.HALFWAY)
        elif isinstance(event, CountdownSecond):
            if wants_countdown(event.step):
                self._play(Cue.COUNTDOWN)
        elif isinstance(event, SessionFinished):
            self._last_hold = None
            if event.summary.completed:
                self._play(Cue.FINISH)
                self._say(tr("Well done."), after_chime=self._sounds)

    def phrase_for(self, step: Step) -> str:
        """What the voice says when ``step`` starts (empty: nothing to say)."""
        name = step.label
        if step.kind is StepKind.PREPARE:
            return tr("Get ready. {name}.").format(name=name)
        if step.kind is StepKind.TRANSITION:
            return tr("Next up: {name}.").format(name=name)
        exercise = self._exercises.get(step.exercise)
        if step.kind is StepKind.SWITCH:
            side = spoken_side(step.side, exercise)
            if side:
                return tr("Switch sides: {side}.").format(side=side)
            return tr("Switch sides.")
        if step.kind in (StepKind.REST, StepKind.SET_REST):
            return tr("Rest.")
        if step.kind is StepKind.SELF_PACED:
            return tr("{name}. {reps} reps, at your own pace.").format(name=name, reps=step.reps)
        verb = tr("{verb}.").format(verb=spoken_verb(exercise))
        # A hold: name it when it is new (first rep, a new stage or side); later reps just "Hold".
        previous = self._last_hold
        fresh = (
            previous is None
            or previous.item != step.item
            or previous.stage != step.stage
            or previous.set != step.set
            or step.rep == 1
        )
        if not fresh:
            assert previous is not None
            if step.side is not None and previous.side != step.side:
                side = spoken_side(step.side, exercise)
                return f"{side[:1].upper()}{side[1:]}. {verb}"
            return verb
        side = spoken_side(step.side, exercise)
        words = tr("{name}, {side}.").format(name=name, side=side) if side else f"{name}."
        if verb.rstrip(".").casefold() != name.casefold():  # a walk says "Walk." once
            words += " " + verb
        if exercise is not None and exercise.cue:
            cue = exercise.cue.strip()
            words += f" {cue}" if cue.endswith((".", "!", "?")) else f" {cue}."
        return words

    def _step_started(self, step: Step) -> None:
        self._play(cue_for_step(step))
        self._say(self.phrase_for(step), after_chime=self._sounds)
        if step.kind in HOLD_KINDS:
            self._last_hold = step

    def _play(self, cue: Cue) -> None:
        if not self._sounds:
            return
        try:
            self._player.play(cue)
        except Exception:  # whatever the device did, the words and the count go on
            if self._play_problem is None:
                log.exception("the sound player failed on %s; going on without it", cue)
                self._play_problem = tr("Sound is off: the cue sounds stopped working.")
                self.problem_found.emit(self._play_problem)

    def _say(self, words: str, after_chime: bool) -> None:
        if not self._speaks or not words:
            return
        self._pending_words = words
        delay = self._speech_delay_ms if after_chime else 0
        if delay:
            self._speech_timer.start(delay)
        else:
            self._speech_timer.stop()
            self._speak_pending()

    def _speak_pending(self) -> None:
        words, self._pending_words = self._pending_words, ""
        if words and self._speaks:
            self._voice.say(words)

