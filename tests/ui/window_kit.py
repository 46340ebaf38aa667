"""Builders for the window tests: a small session, a window on a fake clock, fake cues.

Time moves only when a test moves the FakeClock; ``run_for`` ticks the adapter the way its
QTimer would, so no test waits on real seconds.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject
from pytestqt.qtbot import QtBot

from backtimer.engine.clock import FakeClock
from backtimer.engine.events import Event
from backtimer.store.library import Library
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings
from backtimer.ui.library.my_sessions import Prompts
from backtimer.ui.library.session_files import FilePrompts
from backtimer.ui.run.session_log import OpenLog
from backtimer.ui.shell.cues_port import CuesLike
from backtimer.ui.shell.main_window import MainWindow

# prepare 5 | L: hold 5, rest 2, hold 5 | switch 3 | R: hold 5, rest 2, hold 5 | transition 4 |
# cat curl 8 reps at own pace | transition 4 | hamstring stretch hold 4 (it has a caution)
UI_SESSION = """\
title: UI test
summary: A short session for the window tests.
prepare: 5s
transition: 4s
items:
  - exercise: side-plank
    hold: 5s
    rest: 2s
    reps: 2
    sides: each
    switch: 3s
  - exercise: cat-curl
    reps: 8
  - exercise: hamstring-stretch
    hold: 4s
    sides: none
"""
UI_SESSION_ID = "ui-test"
UI_TIMED_SECONDS = 44.0


def write_session(paths: Paths, name: str = UI_SESSION_ID, text: str = UI_SESSION) -> None:
    paths.user_sessions_dir.mkdir(parents=True, exist_ok=True)
    (paths.user_sessions_dir / f"{name}.yaml").write_text(textwrap.dedent(text), "utf-8")


@dataclass
class Answers:
    """Scripted answers to the window's questions, and a record of what was asked."""

    stop: bool = True
    safety: bool = True
    asked_stop: int = 0
    asked_safety: int = 0
    shown_safety: int = 0

    def ask_stop(self, _parent: object) -> bool:
        self.asked_stop += 1
        return self.stop

    def ask_safety(self, _parent: object) -> bool:
        self.asked_safety += 1
        return self.safety

    def show_safety(self, _parent: object) -> None:
        self.shown_safety += 1


@dataclass
class FakeDirector:
    events: list[Event] = field(default_factory=list)
    settings: list[Settings] = field(default_factory=list)
    fail: bool = False

    def handle(self, event: Event) -> None:
        self.events.append(event)
        if self.fail:
            raise RuntimeError("no audio device")

    def apply_settings(self, settings: Settings) -> None:
        self.settings.append(settings)
        if self.fail:
            raise RuntimeError("no audio device")

    def start_lead(self) -> float:
        if self.fail:
            raise RuntimeError("no audio device")
        return 0.0


@dataclass
class FakeKeeper:
    calls: list[str] = field(default_factory=list)
    fail: bool = False

    def keep_awake(self) -> None:
        self.calls.append("keep_awake")
        if self.fail:
            raise OSError("no session bus")

    def release(self) -> None:
        self.calls.append("release")
        if self.fail:
            raise OSError("no session bus")


@dataclass
class FakeHook:
    """A plain stand-in for the cues' ``problem_found`` signal: ``emit`` calls what connected."""

    slots: list[Callable[[str], object]] = field(default_factory=list)

    def connect(self, slot: Callable[[str], object], /) -> object:
        self.slots.append(slot)
        return slot

    def emit(self, problem: str) -> None:
        for slot in self.slots:
            slot(problem)


@dataclass
class FakeCues:
    """The shape of backtimer.cues.factory.Cues (``CuesLike``), recording every call."""

    director: FakeDirector = field(default_factory=FakeDirector)
    keeper: FakeKeeper = field(default_factory=FakeKeeper)
    notices: list[str] = field(default_factory=list)
    fail: bool = False
    voice_available: bool = True
    problem_found: FakeHook = field(default_factory=FakeHook)
    voices_found: FakeHook = field(default_factory=FakeHook)
    closed: int = 0
    voices: list[str] = field(default_factory=list)
    tested: list[Settings] = field(default_factory=list)

    def voice_names(self) -> list[str]:
        return list(self.voices)

    def test(self, settings: Settings) -> None:
        self.tested.append(settings)

    def problems(self) -> list[str]:
        if self.fail:
            raise RuntimeError("broken")
        return list(self.notices)

    def close(self) -> None:
        self.closed += 1


_FAKE_FITS: type[CuesLike] = FakeCues  # mypy: the stand-in has every member the window uses


def make_window(paths: Paths, *, settings: Settings | None = None, answers: Answers | None = None,
                cues: FakeCues | None = None, clock: FakeClock | None = None,
                size: tuple[int, int] | None = (1280, 800),
                file_prompts: FilePrompts | None = None,
                prompts: Prompts | None = None,
                open_log: OpenLog | None = None) -> MainWindow:
    answers = answers or Answers()
    window = MainWindow(
        Library(paths),
        settings if settings is not None else Settings(safety_acknowledged=True),
        paths,
        clock=clock or FakeClock(),
        cues=cues,
        ask_stop=answers.ask_stop,
        ask_safety=answers.ask_safety,
        show_safety=answers.show_safety,
        file_prompts=file_prompts,
        prompts=prompts,
        open_log=open_log,
    )
    if size is not None:
        window.resize(*size)
    return window


def clock_of(window: MainWindow) -> FakeClock:
    clock = window.run.adapter.clock
    assert isinstance(clock, FakeClock)
    return clock


def run_for(window: MainWindow, seconds: float, tick: float = 0.25) -> None:
    """Let ``seconds`` pass on the fake clock, ticking as the window's QTimer would."""
    clock = clock_of(window)
    while seconds > 1e-9:
        step = min(tick, seconds)
        clock.advance(step)
        window.run.adapter.tick()
        seconds -= step


def settle_log(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the session log's worker has done (and answered) every job given so far:
    its opens and writes run off the GUI thread."""
    session_log = window.run.session_log
    qtbot.waitUntil(lambda: not session_log.busy, timeout=10_000)


def start(window: MainWindow, session_id: str = UI_SESSION_ID) -> None:
    assert window.start_session(window.library.resolve(session_id))


def run_to_end(window: MainWindow, *, done_every: float = 1.0, limit: float = 3600.0) -> None:
    """Run the session to its end, pressing Done whenever a step waits for it."""
    waited = 0.0
    while window.stack.currentWidget() is not window.run.finish_screen and waited < limit:
        snapshot = window.run.adapter.snapshot()
        if snapshot is not None and snapshot.step is not None and snapshot.step.seconds is None:
            window.run.adapter.done()
        run_for(window, done_every)
        waited += done_every
    assert window.stack.currentWidget() is window.run.finish_screen


class EventCounter(QObject):
    """Counts the events of one kind (paints by default) the widgets it filters get."""

    def __init__(self, kind: QEvent.Type = QEvent.Type.Paint) -> None:
        super().__init__()
        self.kind = kind
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == self.kind:
            self.count += 1
        return False
