"""The director: which sound and which words each runner event brings."""

from __future__ import annotations

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from backtimer.cues.base import Cue
from backtimer.cues.director import VOICE_MAX, CueDirector, speech_volume
from backtimer.engine.clock import FakeClock
from backtimer.engine.events import Event
from backtimer.engine.runner import Runner, RunnerState
from backtimer.store.settings import Settings
from tests.cues.fakes import RecordingPlayer, RecordingVoice
from tests.helpers import exercises, timeline

SESSION = """
    title: Core
    prepare: 5s
    transition: 5s
    items:
      - {exercise: side-plank, hold: 30s, rest: 3s, reps: 2, switch: 5s}
      - {exercise: bird-dog, hold: 3s, rest: 5s, reps: 3, sides: alternate}
      - {exercise: squat, reps: 10}
"""


def make(
    qtbot: QtBot, settings: Settings | None = None, **kwargs: int
) -> tuple[CueDirector, RecordingPlayer, RecordingVoice, QObject]:
    parent = QObject()
    player, voice = RecordingPlayer(), RecordingVoice()
    director = CueDirector(
        player, voice, settings or Settings(), parent, exercises=exercises(),
        speech_delay_ms=kwargs.get("speech_delay_ms", 0),
    )
    return director, player, voice, parent


def run_session(director: CueDirector, text: str = SESSION) -> None:
    """Walk the whole session as the window would: tick every 0.1 s, Done on own-pace steps."""
    clock = FakeClock()
    runner = Runner(timeline(text), clock)
    events: list[Event] = runner.start()
    while runner.state is not RunnerState.FINISHED:
        for event in events:
            director.handle(event)
        if runner.step.seconds is None:
            events = runner.done()
        else:
            clock.advance(0.1)
            events = runner.tick()
    for event in events:
        director.handle(event)


def test_each_step_gets_its_chime_and_long_steps_count_down(qtbot: QtBot) -> None:
    director, player, _, _parent = make(qtbot)
    run_session(director)
    H, R, HALF, C, F = Cue.HOLD, Cue.REST, Cue.HALFWAY, Cue.COUNTDOWN, Cue.FINISH
    long_hold = [H, HALF, C, C, C]
    assert player.played == [
        R, C, C, C,  # get ready 5 s
        *long_hold, R, *long_hold,  # left: hold, rest 3 s (too short to count down), hold
        R, C, C, C,  # switch sides 5 s
        *long_hold, R, *long_hold,  # right
        R, C, C, C,  # next up 5 s
        H, R, C, C, C, H, R, C, C, C, H,  # bird dog: 3 s holds have no pips, 5 s rests do
        R, C, C, C,  # next up 5 s
        H,  # squats at your own pace
        F,
    ]


def test_the_voice_names_the_exercise_and_side_then_keeps_it_short(qtbot: QtBot) -> None:
    director, _, voice, _parent = make(qtbot)
    run_session(director)
    assert voice.said == [
        "Get ready.",  # the name would run into the first pip at 2 s; the hold says it
        "Side plank, left side. Hold. Lift your hips.",
        "Rest.",
        "Hold.",
        "Switch: right side.",  # "Switch sides: right side." would reach the pip at 2 s
        "Side plank, right side. Hold. Lift your hips.",
        "Rest.",
        "Hold.",
        "Next: Bird dog.",  # the longer "Next up" would reach the pip
        "Left arm and right leg. Hold.",  # named just before; the name would reach the pip
        "Rest.",
        "Right arm and left leg. Hold.",
        "Rest.",
        "Left arm and right leg. Hold.",
        "Next up: Squat.",
        "Squat. 10 reps, at your own pace.",
        "Well done.",
    ]


def test_the_voice_says_the_exercises_own_word_and_its_stretch(qtbot: QtBot) -> None:
    director, _, voice, _parent = make(qtbot)
    run_session(director, """
        title: Walk and stretch
        prepare: 5s
        transition: 5s
        items:
          - {exercise: walk, hold: 2m}
          - {exercise: hamstring, hold: 30s, reps: 2, rest: 5s, sides: alternate}
    """)
    assert voice.said == [
        "Get ready. Walk.",
        "Walk.",
        "Next: Hamstring stretch.",  # a 5 s transition: "Next up" would reach the pip
        "Hamstring stretch, left side. Stretch.",
        "Rest.",
        "Right side. Stretch.",
        "Well done.",
    ]
    assert not any(line == "Hold." or line.endswith(" Hold.") for line in voice.said)


def test_a_stopped_session_gets_no_finish_fanfare(qtbot: QtBot) -> None:
    director, player, voice, _parent = make(qtbot)
    runner = Runner(timeline(SESSION), FakeClock())
    for event in [*runner.start(), *runner.stop()]:
        director.handle(event)
    assert Cue.FINISH not in player.played
    assert "Well done." not in voice.said


def test_settings_turn_sounds_and_voice_off_and_on_at_run_time(qtbot: QtBot) -> None:
    director, player, voice, _parent = make(qtbot)
    director.apply_settings(Settings(sounds=False, voice=False, volume=0.3, soft_sounds=True))
    assert (player.volume, player.soft) == (0.3, True)
    assert voice.volume == speech_volume(0.3)
    run_session(director)
    assert player.played == []
    assert voice.said == []
    director.apply_settings(Settings(sounds=True, voice=False))
    run_session(director)
    assert player.played.count(Cue.FINISH) == 1
    assert voice.said == []
    director.apply_settings(Settings(sounds=False, voice=True))
    run_session(director)
    assert player.played.count(Cue.FINISH) == 1
    assert voice.said[-1] == "Well done."


def test_words_wait_for_the_chime_and_only_the_latest_is_spoken(qtbot: QtBot) -> None:
    director, player, voice, _parent = make(qtbot, speech_delay_ms=20)
    runner = Runner(timeline(SESSION), FakeClock())
    events = runner.start()  # get ready
    events += runner.skip()  # hold, at once: the "get ready" words are now stale
    for event in events:
        director.handle(event)
    assert player.played == [Cue.REST, Cue.HOLD]
    assert voice.said == []  # the chime plays first
    qtbot.waitUntil(lambda: voice.said != [])
    assert voice.said == ["Side plank, left side. Hold. Lift your hips."]


def test_turning_the_voice_off_drops_words_still_waiting(qtbot: QtBot) -> None:
    director, _, voice, _parent = make(qtbot, speech_delay_ms=20)
    runner = Runner(timeline(SESSION), FakeClock())
    for event in runner.start():
        director.handle(event)
    assert director.speech_pending
    director.apply_settings(Settings(voice=False))
    assert not director.speech_pending
    director.apply_settings(Settings(voice=True))
    for event in runner.skip():  # the hold: its words are the next spoken
        director.handle(event)
    qtbot.waitUntil(lambda: voice.said != [])
    assert voice.said == ["Side plank, left side. Hold. Lift your hips."]


class RaisingPlayer(RecordingPlayer):
    def play(self, cue: Cue) -> None:
        raise RuntimeError("Internal C++ object (QSoundEffect) already deleted.")


def test_a_player_that_raises_is_reported_once_and_the_words_go_on(qtbot: QtBot) -> None:
    parent = QObject()
    voice = RecordingVoice()
    director = CueDirector(RaisingPlayer(), voice, Settings(), parent, exercises=exercises(),
                           speech_delay_ms=0)
    problems: list[str] = []
    director.problem_found.connect(problems.append)
    run_session(director)
    assert voice.said[0] == "Get ready."
    assert "Rest." in voice.said and voice.said[-1] == "Well done."
    assert len(problems) == 1 and problems[0].startswith("Sound is off")
    assert director.play_problem == problems[0]


def test_the_voice_never_runs_into_a_beep(qtbot: QtBot) -> None:
    """Each phrase is over, at the speaking rate assumed, before the step's first beep; a step
    too short for the whole phrase gets a shorter one, or none."""
    from backtimer.cues.director import SPEECH_AFTER_CHIME_MS, quiet_seconds, speaking_seconds

    director, _, _voice, _parent = make(qtbot, speech_delay_ms=SPEECH_AFTER_CHIME_MS)
    steps = timeline("""
        title: Quick
        prepare: 4s
        transition: 6s
        items:
          - {exercise: back-extension, hold: 4s, rest: 2s, reps: 2}
          - {exercise: side-plank, hold: 8s, reps: 1}
    """).steps
    said = {}
    for step in steps:
        words = director.phrase_for(step)
        said[(step.kind.value, step.seconds, step.side)] = words
        quiet = quiet_seconds(step)
        if words and quiet is not None:
            assert SPEECH_AFTER_CHIME_MS / 1000 + speaking_seconds(words) <= quiet
    assert said[("prepare", 4.0, None)] == ""  # a pip a second after the chime: no room
    assert said[("rest", 2.0, None)] == "Rest."
    assert said[("transition", 6.0, None)] == "Next up: Side plank."  # the next one, named
    assert said[("hold", 8.0, director_side("left"))].startswith("Side plank, left side.")


def director_side(name: str) -> object:
    from backtimer.session.model import Side

    return Side(name)


def test_the_voice_follows_the_slider_near_the_beeps_and_never_clips() -> None:
    levels = [speech_volume(v / 10) for v in range(11)]
    assert levels[0] == 0.0
    assert levels == sorted(levels)  # louder as the slider goes up
    assert max(levels) <= VOICE_MAX  # espeak-ng clips from about 0.65
    # at the default slider, the voice peaks about where the beeps do (see the constants)
    assert 0.15 <= speech_volume(0.8) <= 0.3
