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
import math
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from backtimer.cues.base import Cue, SoundPlayer, Voice
from backtimer.cues.keeper import KeeperSwitch
from backtimer.cues.plan import (
    HOLD_KINDS,
    CueKey,
    chime_key,
    countdown_key,
    cue_for_step,
    finish_key,
    halfway_key,
    plan_cues,
    wants_countdown,
)
from backtimer.cues.words import spoken_side, spoken_verb, tr
from backtimer.engine.events import (
    CountdownSecond,
    Event,
    HalfwayReached,
    Paused,
    Resumed,
    SessionFinished,
    SessionStarted,
    StepStarted,
)
from backtimer.engine.runner import HALFWAY_MIN_SECONDS
from backtimer.session.model import Exercise
from backtimer.session.timeline import Step, StepKind, Timeline
from backtimer.store.settings import Settings

if TYPE_CHECKING:
    from backtimer.cues.stream import CueStream

log = logging.getLogger(__name__)

SPEECH_AFTER_CHIME_MS = 450  # the hold and rest chimes last about half a second
# How long a phrase takes to say, to keep it clear of the countdown pips (issue 16): espeak-ng
# at its default rate says ~2.9 words a second; a little slower is assumed, plus a pause at each
# full stop and the speech engine's own delay before it starts.
WORDS_PER_SECOND = 2.5
PAUSE_SECONDS = 0.2
ENGINE_DELAY_SECONDS = 0.25


def speaking_seconds(words: str) -> float:
    """About how long saying ``words`` takes, from the moment it is handed to the engine."""
    count = len(words.split())
    pauses = max(0, words.count(".") + words.count(":") - 1)
    return ENGINE_DELAY_SECONDS + count / WORDS_PER_SECOND + pauses * PAUSE_SECONDS


# The voice beside the beeps (measured with ``python -m benchmarks.cues --voice``): espeak-ng
# through speech-dispatcher peaks at about 2 x 25,000 x the engine's volume (0-1), clipping
# from ~0.65; the cue sounds peak at 22,937 x the stream's linear gain. So the voice follows
# the same slider at about the beeps' peak (a little over: speech is less dense than a tone)
# and never past ``VOICE_MAX``, where it would clip.
VOICE_MATCH = 0.6
VOICE_MAX = 0.6


def linear_gain(volume: float) -> float:
    """The slider (perceptual, 0-1) as a linear gain: Qt's logarithmic-to-linear conversion,
    the one the cue sounds get."""
    if volume > 0.99:
        return 1.0
    return -math.log(1.0 - max(0.0, volume)) / math.log(100.0)


def speech_volume(volume: float) -> float:
    """The speech engine's volume for the slider at ``volume``: near the beeps, never clipped."""
    return min(VOICE_MAX, VOICE_MATCH * linear_gain(volume))


def quiet_seconds(step: Step) -> float | None:
    """Seconds from a step's start to its first beep the voice must leave clear (the first
    countdown pip, halfway, or the next step's chime); None when nothing comes (own pace)."""
    if step.seconds is None:
        return None
    until = step.seconds
    if wants_countdown(step):
        until = step.seconds - 3
    if step.kind is StepKind.HOLD and step.seconds >= HALFWAY_MIN_SECONDS:
        until = min(until, step.seconds / 2)
    return until
STREAM_LINGER_MS = 5000  # the stream stays open after a session for the finish to ring out


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
        stream: Callable[[], CueStream | None] | None = None,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._now = now  # the runner's clock (monotonic), which the stream also keeps
        self._stream_source = stream
        self._timeline: Timeline | None = None
        self._generation = 0
        self._expected: dict[int, float] = {}  # step index -> the moment its chime was planned
        self._linger = QTimer(self)
        self._linger.setSingleShot(True)
        self._linger.timeout.connect(self._close_stream)
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
        self._voice.set_volume(speech_volume(settings.volume))
        self._voice.set_voice(settings.voice_name)
        if not self._speaks:
            self._pending_words = ""
            self._speech_timer.stop()

    def start_lead(self) -> float:
        """Seconds a session should start ahead of now so its first chime can be on time.

        Opens the session's sound stream (when sound works) on the way: the window asks this
        just before it starts the runner. 0 when cues are played one by one.
        """
        stream = self._stream()
        if stream is None or not self._sounds:
            return 0.0
        self._linger.stop()
        stream.start()
        return stream.lead()

    def test(self, settings: Settings) -> None:
        """Play a chime and say a line at ``settings``' volume and voice (Settings' "Test")."""
        self.apply_settings(settings)
        if settings.sounds:
            self._play(Cue.HOLD)
        if settings.voice:
            self._say(tr("This is how BackTimer sounds."), after_chime=settings.sounds)

    def handle(self, event: Event) -> None:
        if isinstance(event, SessionStarted):
            self._timeline = event.timeline
            self._expected = {}
        elif isinstance(event, StepStarted):
            self._step_started(event)
        elif isinstance(event, HalfwayReached):
            self._cue(halfway_key(self._generation, event.index), Cue.HALFWAY)
        elif isinstance(event, CountdownSecond):
            if wants_countdown(event.step):
                key = countdown_key(self._generation, event.index, event.seconds_left)
                self._cue(key, Cue.COUNTDOWN)
        elif isinstance(event, Paused):
            self._cancel_planned()
        elif isinstance(event, Resumed):
            self._resumed(event)
        elif isinstance(event, SessionFinished):
            self._last_hold = None
            self._cancel_planned()
            if event.summary.completed:
                self._cue(finish_key(self._generation), Cue.FINISH)
                self._say(tr("Well done."), after_chime=self._sounds)
            self._linger.start(STREAM_LINGER_MS)

    def phrase_for(self, step: Step) -> str:
        """What the voice says when ``step`` starts: the fullest phrase that is over before the
        step's first beep (empty: nothing fits, or nothing to say)."""
        quiet = quiet_seconds(step)
        delay = self._speech_delay_ms / 1000 if self._sounds else 0.0
        for words in self._phrases(step):
            if quiet is None or delay + speaking_seconds(words) <= quiet:
                return words
        return ""

    def _phrases(self, step: Step) -> list[str]:
        """What could be said when ``step`` starts, the fullest first, shorter ones after."""
        full = self._full_phrase(step)
        shorter: list[str] = []
        if step.kind is StepKind.PREPARE:
            shorter = [tr("Get ready.")]
        elif step.kind is StepKind.TRANSITION:
            shorter = [tr("Next: {name}.").format(name=step.label)]
        elif step.kind is StepKind.SWITCH:
            side = spoken_side(step.side, self._exercises.get(step.exercise))
            shorter = [tr("Switch: {side}.").format(side=side) if side else "", tr("Switch.")]
        elif step.kind is StepKind.HOLD:
            exercise = self._exercises.get(step.exercise)
            side = spoken_side(step.side, exercise)
            verb = tr("{verb}.").format(verb=spoken_verb(exercise))
            shorter = [f"{side[:1].upper()}{side[1:]}. {verb}" if side else "", verb]
        return [words for words in [full, *shorter] if words]

    def _full_phrase(self, step: Step) -> str:
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

    def _step_started(self, event: StepStarted) -> None:
        step = event.step
        expected = self._expected.get(event.index)
        if expected is None or abs(expected - event.at) > 0.002:
            self._generation += 1  # a skip, a back or a new session: what was planned is off
            self._expected = {}
        self._plan(event.index, event.at, after=None)
        self._cue(chime_key(self._generation, event.index), cue_for_step(step))
        self._say(self.phrase_for(step), after_chime=self._sounds)
        if step.kind in HOLD_KINDS:
            self._last_hold = step

    def _resumed(self, event: Resumed) -> None:
        timeline = self._timeline
        if timeline is None or event.deadline is None or not 0 <= event.index < len(
            timeline.steps
        ):
            return
        self._generation += 1
        self._expected = {}
        seconds = timeline.steps[event.index].seconds or 0.0
        self._plan(event.index, event.deadline - seconds, after=self._now())

    def _plan(self, index: int, began: float, after: float | None) -> None:
        """Hand the stream every cue from this step on, at the runner's moments."""
        stream = self._stream()
        if stream is None or self._timeline is None or not self._sounds:
            return
        planned = plan_cues(self._timeline.steps, index, began,
                            generation=self._generation, after=after)
        self._expected.update({p.key[1]: p.at for p in planned if p.key[2] == "chime"})
        stream.schedule(planned)

    def _cancel_planned(self) -> None:
        stream = self._stream()
        if stream is not None:
            stream.cancel()

    def _cue(self, key: CueKey, cue: Cue) -> None:
        """An event says ``cue`` is due: the stream sounds it (planned or now), else the player."""
        if not self._sounds:
            return
        stream = self._stream()
        if stream is not None and stream.claim(key, cue, self._now()):
            return
        self._play(cue)

    def _stream(self) -> CueStream | None:
        stream = self._stream_source() if self._stream_source is not None else None
        return stream if stream is not None and stream.problem is None else None

    def _close_stream(self) -> None:
        stream = self._stream()
        if stream is not None:
            stream.close()

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

