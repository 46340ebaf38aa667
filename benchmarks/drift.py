"""Drift and footprint: a real session in the real window, with the event loop stalled at times.

    python -m benchmarks.drift [--quick|--smoke] [--still] [--no-sound] [--exercise ID] [--paints]
                                   # run in a child by ``python -m benchmarks``

The main window is built as ``backtimer`` builds it (library, settings, cues, window), offscreen,
with the real QTimer-driven adapter and the real monotonic clock. A generated session of short
holds and rests (5 s / 3 s; about 5 minutes, or 30 s with ``--quick``) runs from start to finish
while a timer freezes the event loop for 300 ms (``time.sleep`` in a callback) at random moments.

For every step boundary it records when the runner reported the new step (the event) and when
the window then began drawing a frame (the screen), against the ideal schedule: the start plus
the planned durations of the steps before. Boundaries whose ideal moment fell inside a stall
are reported apart. It also measures, over the counting session, the process CPU time (all of
it, and while counting alone: from the session's screen up to its last step's end, the start's
and the finish's one-off costs reported apart), each thread's share and wake-ups (the GUI
thread as ``main``), how often the process woke up (adapter ticks, and context switches of
all its threads), the resident memory after start-up and after the session, and with
``--paints`` how often each kind of widget was repainted while counting.

The session's exercise has a figure that moves all through each hold (``MOVING_EXERCISE``, a
4-second cycle), so the CPU figure includes the figure's animation; ``--still`` runs the same
session with "reduce motion" on (the figure holds its key pose), which tells the animation's
share. ``--no-sound`` turns the cue sounds off (no audio stream), which tells the stream's.
"""

from __future__ import annotations

import cProfile
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from benchmarks.common import context_switches, median, report, rss_mb, thread_figures, thread_rates

STALL_SECONDS = 0.3
STALL_GAP = (2.0, 9.0)  # seconds between stalls, drawn at random
START_AFTER_MS = 2500  # start once the deferred cue set-up (sounds, voice) has run
SEED = 6
STALL_REACH = 0.040  # a stall that starts within one tick (33 ms) after a boundary delays it
MOVING_EXERCISE = "dead-bug-march"  # its figure moves all through a hold (4 poses, a 4 s cycle)


def session_yaml(exercise_ids: list[str], size: str) -> str:
    """Short holds and rests: about 5 minutes (30 s quick, 8 s smoke), many step boundaries."""
    items = 4 if size == "full" else 1
    if size == "full" and len(exercise_ids) == 1:
        exercise_ids = exercise_ids * items
    reps = {"full": 9, "quick": 4, "smoke": 2}[size]
    prepare = "2s" if size == "smoke" else "5s"
    hold, rest = ("2s", "1s") if size == "smoke" else ("5s", "3s")
    lines = ["title: Drift benchmark", f"prepare: {prepare}", "transition: 5s", "items:"]
    for index in range(items):
        exercise = exercise_ids[index % len(exercise_ids)]
        lines.append(f"  - {{exercise: {exercise}, hold: {hold}, rest: {rest}, reps: {reps}}}")
    return "\n".join(lines) + "\n"


class FrameWatch(QObject):
    """Notes when the window starts drawing a frame (the QWindow's UpdateRequest), and counts
    each widget class's paint events while ``counting``."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.waiting_since: float | None = None
        self.frames: list[float] = []
        self.counting = False
        self.paints: dict[str, int] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.UpdateRequest, QEvent.Type.Paint):
            if self.waiting_since is not None:
                self.frames.append(time.monotonic())
                self.waiting_since = None
            if self.counting and kind == QEvent.Type.Paint:
                name = watched.objectName() or type(watched).__name__
                self.paints[name] = self.paints.get(name, 0) + 1
        return False


class Bench(QObject):
    def __init__(self, app: QApplication, size: str, *, still: bool = False,
                 sound: bool = True, exercise: str = MOVING_EXERCISE,
                 count_paints: bool = False) -> None:
        super().__init__()
        from backtimer.cues.factory import create_cues
        from backtimer.engine.clock import MonotonicClock
        from backtimer.store.library import Library
        from backtimer.store.paths import Paths
        from backtimer.store.settings import Settings, save_settings
        from backtimer.ui.shell.main_window import MainWindow

        self.app = app
        self.still, self.sound, self.exercise = still, sound, exercise
        self.rng = random.Random(SEED)
        # Where the CPU goes while counting (start to finish): python -m pstats FILE.
        self.profile_to = os.environ.get("BACKTIMER_BENCH_PROFILE")
        self.profiler = cProfile.Profile()
        paths = Paths.from_environment()
        # The safety note was read on an earlier day; everything else is the default.
        # --still: "reduce motion" holds the figure still; --no-sound: no cue sounds (no stream).
        settings = Settings(safety_acknowledged=True, reduce_motion=still, sounds=sound)
        save_settings(paths.settings_file, settings)
        library = Library(paths)
        if exercise not in library.exercises or library.exercises[exercise].has_sides:
            raise SystemExit(f"no one-sided exercise {exercise!r} in the library")
        self.folder = tempfile.mkdtemp(prefix="drift-")
        session_file = Path(self.folder) / "drift-benchmark.yaml"
        session_file.write_text(session_yaml([exercise], size), encoding="utf-8")
        self.session = library.resolve(str(session_file))
        self.timeline = library.timeline(self.session)

        self.window = MainWindow(library, settings, paths, clock=MonotonicClock())
        self.cues = create_cues(settings, self.window, exercises=library.exercises)
        self.window.attach_cues(self.cues)
        self.window.show()
        self.frames = FrameWatch(self)
        handle = self.window.windowHandle()
        if handle is not None:
            handle.installEventFilter(self.frames)
        self.count_paints = count_paints
        self.window.installEventFilter(self.frames)

        adapter = self.window.run.adapter
        adapter.add_listener(self.on_event)
        self.ticks = 0
        for timer in adapter.findChildren(QTimer):
            timer.timeout.connect(self.count_tick)
        self.steps: list[tuple[int, float, float | None]] = []  # index, event time, frame time
        self.stalls: list[tuple[float, float]] = []
        self.started_at: float | None = None
        self.finished_at: float | None = None
        self.result: dict[str, Any] = {}
        QTimer.singleShot(START_AFTER_MS, self, self.start)

    def count_tick(self) -> None:
        self.ticks += 1

    def start(self) -> None:
        self.rss_start = rss_mb()
        self.cpu_start = time.process_time()
        self.switches_start = context_switches()
        self.threads_start = thread_figures()
        self.wall_start = time.monotonic()
        self.window.start_session(self.session)
        self.cpu_counting = time.process_time()  # the session's screen is up: counting begins
        self.wall_counting = time.monotonic()
        # A frame begins with the window's UpdateRequest (the main window is watched from the
        # start); watching widgets as well would cost the CPU figure a Python call for every
        # event they get (8 % of the process's CPU when the ring and its words were watched),
        # so they are watched only to count their paints.
        if self.count_paints:
            for widget in self.window.findChildren(QWidget):  # all of them, the new too
                widget.installEventFilter(self.frames)
        self.frames.counting = self.count_paints  # (the main window is watched in any case)
        if self.profile_to:
            self.profiler.enable()
        self.schedule_stall()

    def schedule_stall(self) -> None:
        delay = self.rng.uniform(*STALL_GAP)
        QTimer.singleShot(int(delay * 1000), self, self.stall)

    def stall(self) -> None:
        if self.finished_at is not None:
            return
        began = time.monotonic()
        time.sleep(STALL_SECONDS)
        self.stalls.append((began, time.monotonic()))
        self.schedule_stall()

    def on_event(self, event: object) -> None:
        from backtimer.engine.events import SessionFinished, SessionStarted, StepStarted

        now = time.monotonic()
        if isinstance(event, SessionStarted):
            self.started_at = now
        elif isinstance(event, StepStarted):
            if not self.steps and event.at:  # begun a moment ahead (the sound's lead)
                self.started_at = event.at
            self.steps.append((event.index, now, None))
            self.frames.waiting_since = now
        elif isinstance(event, SessionFinished):
            self.finished_at = now
            self.cpu_counted = time.process_time()  # before the finish screen is built
            self.summary = event.summary
            QTimer.singleShot(300, self, self.finish)

    def finish(self) -> None:
        self.frames.counting = False
        if self.profile_to:
            self.profiler.disable()
            self.profiler.dump_stats(self.profile_to)
        wall = time.monotonic() - self.wall_start
        cpu = time.process_time() - self.cpu_start
        switches = context_switches() - self.switches_start
        rates = thread_rates(self.threads_start, thread_figures(), wall)
        busiest_first = sorted(rates.items(), key=lambda kv: -kv[1][0])
        self.thread_rates = {name: (round(share, 2), round(wakes, 1))
                             for name, (share, wakes) in busiest_first
                             if share >= 0.005 or wakes >= 0.05}
        self.result = self.analyse(wall, cpu, switches)
        self.app.quit()

    def analyse(self, wall: float, cpu: float, switches: int) -> dict[str, Any]:
        assert self.started_at is not None and self.finished_at is not None
        durations = [step.seconds or 0.0 for step in self.timeline.steps]
        ideal = [self.started_at + sum(durations[:i]) for i in range(len(durations) + 1)]
        frames = sorted(self.frames.frames)
        clean_events: list[float] = []
        clean_frames: list[float] = []
        stalled: list[float] = []
        for index, at, _ in self.steps:
            if index == 0:
                continue
            target = ideal[index]
            late = at - target
            frame = next((f for f in frames if f >= at), None)
            # A boundary is stalled when the loop froze before the tick that would have seen it.
            in_stall = any(s0 - STALL_REACH <= target <= s1 for s0, s1 in self.stalls)
            if in_stall:
                stalled.append(late)
                continue
            clean_events.append(late)
            if frame is not None:
                clean_frames.append(frame - target)
        planned = self.timeline.total_seconds
        actual = self.finished_at - self.started_at
        minutes = wall / 60
        return {
            "planned_s": planned,
            "actual_s": actual,
            "total_error_ms": (actual - planned) * 1000,
            "boundaries": len(self.steps) - 1,
            "boundaries_clean": len(clean_events),
            "boundaries_in_stall": len(stalled),
            "stalls": len(self.stalls),
            "event_late_median_ms": median(clean_events) * 1000,
            "event_late_max_ms": max(clean_events) * 1000 if clean_events else float("nan"),
            "frame_late_median_ms": median(clean_frames) * 1000,
            "frame_late_max_ms": max(clean_frames) * 1000 if clean_frames else float("nan"),
            "stall_late_max_ms": max(stalled) * 1000 if stalled else float("nan"),
            "early_boundaries": sum(1 for late in clean_events if late < 0),
            "event_late_p90_ms": sorted(clean_events)[int(0.9 * (len(clean_events) - 1))] * 1000
            if clean_events else float("nan"),
            "completed": self.summary.completed,
            "rss_start_mb": self.rss_start,
            "rss_end_mb": rss_mb(),
            "cpu_s": cpu,
            "wall_s": wall,
            "cpu_percent": 100 * cpu / wall,
            # Counting alone: from the session screen up to the last step's end (the session's
            # start -- building its screen, opening its stream and log -- and the finish screen
            # are one-off costs, reported apart).
            "cpu_start_ms": (self.cpu_counting - self.cpu_start) * 1000,
            "cpu_counting_percent": 100 * (self.cpu_counted - self.cpu_counting)
            / (self.finished_at - self.wall_counting),
            "cpu_finish_ms": (self.cpu_start + cpu - self.cpu_counted) * 1000,
            "cpu_s_per_min": cpu / minutes,
            "ticks_per_s": self.ticks / wall,
            "switches_per_s": switches / wall,
            "cpu_percent_and_wakes_by_thread": self.thread_rates,
            # (as before stop 22, for readers of this key: wake-ups a second by thread name)
            "switches_per_s_by_thread": {name: wakes for name, (_, wakes)
                                         in self.thread_rates.items()},
            "paints_per_s": {name: round(count / wall, 1) for name, count in
                             sorted(self.frames.paints.items(), key=lambda kv: -kv[1])},
            "figure_moving": not self.still,
            "load_average": os.getloadavg()[0],
            "platform": QApplication.platformName(),
            "sounds": self.sound,
            "exercise": self.exercise,
        }


def main(argv: list[str]) -> int:
    size = "smoke" if "--smoke" in argv else "quick" if "--quick" in argv else "full"
    exercise = argv[argv.index("--exercise") + 1] if "--exercise" in argv else MOVING_EXERCISE
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    bench = Bench(app, size, still="--still" in argv, sound="--no-sound" not in argv,
                  exercise=exercise, count_paints="--paints" in argv)
    app.exec()
    bench.cues.close()
    result = bench.result
    if not result:
        print("the session did not finish", file=sys.stderr)
        return 1
    figure = "moving" if result["figure_moving"] else "still (reduce motion)"
    print(f"{result['exercise']}, figure {figure}, sounds {'on' if result['sounds'] else 'off'}, "
          f"{result['platform']}, load average {result['load_average']:.1f}")
    print(f"session: planned {result['planned_s']:.1f} s, took {result['actual_s']:.3f} s "
          f"({result['total_error_ms']:+.1f} ms); {result['stalls']} stalls of 300 ms")
    print(f"boundaries: {result['boundaries']} ({result['boundaries_in_stall']} inside a stall)")
    print(f"  event lateness: median {result['event_late_median_ms']:.1f} ms, "
          f"max {result['event_late_max_ms']:.1f} ms")
    print(f"  frame lateness: median {result['frame_late_median_ms']:.1f} ms, "
          f"max {result['frame_late_max_ms']:.1f} ms")
    print(f"  inside a stall: max {result['stall_late_max_ms']:.1f} ms")
    print(f"CPU {result['cpu_percent']:.2f}% of a core ({result['cpu_s_per_min']:.2f} s/min); "
          f"{result['ticks_per_s']:.1f} ticks/s; {result['switches_per_s']:.0f} wake-ups/s")
    print(f"  while counting {result['cpu_counting_percent']:.2f}% of a core; starting the session "
          f"{result['cpu_start_ms']:.0f} ms, finishing it {result['cpu_finish_ms']:.0f} ms of CPU")
    by_thread = ", ".join(f"{name} {cpu:.2f}% ({wakes:.1f}/s)" for name, (cpu, wakes)
                          in result["cpu_percent_and_wakes_by_thread"].items())
    print(f"  by thread, % of a core (wake-ups/s): {by_thread}")
    if result["paints_per_s"]:
        print(f"  repaints a second (--paints): {result['paints_per_s']}")
    print(f"RSS {result['rss_start_mb']:.1f} MB after start-up, "
          f"{result['rss_end_mb']:.1f} MB after the session")
    report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
