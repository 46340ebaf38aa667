"""The recorder turns a real runner's events into log entries; time comes from a FakeClock."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from backtimer.engine.clock import FakeClock
from backtimer.engine.events import Event
from backtimer.engine.runner import Runner
from backtimer.store.history import EntryStatus, HistoryLog, HistoryUnavailable, Unavailable
from backtimer.store.paths import Paths
from backtimer.store.recorder import SessionRecorder, session_timings
from tests.helpers import timeline

REPO = Path(__file__).resolve().parents[2]
START = datetime(2025, 3, 3, 7, 0, tzinfo=UTC)

# prepare 5 + 3 holds of 10 s with 5 s rests between = 5 + 30 + 10 = 45 s, 6 steps.
SHORT = """
    title: Short core
    prepare: 5s
    items:
      - {exercise: pelvic-tilt, hold: 10s, rest: 5s, reps: 3}
"""


class Run:
    """A runner, its fake clock, and a recorder whose UTC clock follows the fake clock."""

    def __init__(self, log: HistoryLog | None, text: str = SHORT) -> None:
        self.clock = FakeClock()
        self.timeline = timeline(text)
        self.runner = Runner(self.timeline, self.clock)
        origin = self.clock.now()

        def utc() -> datetime:
            return START + timedelta(seconds=self.clock.now() - origin)

        self.recorder = SessionRecorder(log, self.timeline.session, self.timeline, utc,
                                        self.clock)

    def feed(self, events: list[Event]) -> None:
        for event in events:
            self.recorder.handle(event)

    def run_for(self, seconds: float, step: float = 0.5) -> None:
        end = self.clock.now() + seconds
        while self.clock.now() + step <= end + 1e-9:
            self.clock.advance(step)
            self.feed(self.runner.tick())
        self.clock.set(end)
        self.feed(self.runner.tick())


@pytest.fixture
def log(paths: Paths) -> HistoryLog:
    opened = HistoryLog.open(paths.history_file)
    yield opened  # type: ignore[misc]
    opened.close()


def test_a_session_run_to_the_end_gives_one_completed_entry_with_its_seconds(
    log: HistoryLog,
) -> None:
    run = Run(log)
    run.feed(run.runner.start())
    run.run_for(46)
    [saved] = log.entries()
    assert saved.status is EntryStatus.COMPLETED
    assert saved.planned_seconds == 45.0
    assert saved.done_seconds == pytest.approx(45.0)
    assert (saved.steps_total, saved.steps_done, saved.steps_skipped) == (6, 6, 0)
    assert saved.progress == pytest.approx(1.0)
    assert saved.started == START
    assert saved.ended == START + timedelta(seconds=45)
    assert saved.title == "Short core" and saved.session_id == "test"
    assert json.loads(saved.timings)["items"][0]["hold"] == 10
    assert run.recorder.pending is None and run.recorder.problem is None


def test_a_session_stopped_halfway_gives_a_stopped_entry_with_the_steps_done(
    log: HistoryLog,
) -> None:
    run = Run(log)
    run.feed(run.runner.start())
    run.run_for(22)  # prepare, hold 1, rest 1 done; inside hold 2
    run.feed(run.runner.stop())
    [saved] = log.entries()
    assert saved.status is EntryStatus.STOPPED
    assert saved.steps_done == 3
    assert saved.done_seconds == pytest.approx(22.0)
    assert saved.progress == pytest.approx(20 / 45)


def test_the_entry_exists_from_the_start_and_follows_every_step(log: HistoryLog) -> None:
    run = Run(log)
    run.feed(run.runner.start())
    [started] = log.entries()
    assert started.status is EntryStatus.IN_PROGRESS and started.steps_done == 0
    run.run_for(5.5)  # the prepare step ends
    run.feed(run.runner.skip())  # skip the first hold
    [after] = log.entries()
    assert (after.steps_done, after.steps_skipped) == (1, 1)
    assert after.done_seconds == pytest.approx(5.0)
    assert after.status is EntryStatus.IN_PROGRESS


def test_feedback_from_the_finish_screen_is_added_to_the_entry(log: HistoryLog) -> None:
    run = Run(log)
    run.feed(run.runner.start())
    run.run_for(46)
    run.recorder.set_feedback(6, 3, "  easier than last week ")
    [saved] = log.entries()
    assert (saved.pain_before, saved.pain_after, saved.note) == (6, 3, "easier than last week")
    assert saved.status is EntryStatus.COMPLETED


def test_a_stop_before_the_start_logs_nothing(log: HistoryLog) -> None:
    run = Run(log)
    run.feed(run.runner.stop())
    assert log.count() == 0
    assert run.recorder.pending is None


def test_without_a_log_the_entry_is_kept_in_memory_and_saved_later(paths: Paths) -> None:
    run = Run(None)
    run.feed(run.runner.start())
    run.run_for(46)
    pending = run.recorder.pending
    assert pending is not None and pending.status is EntryStatus.COMPLETED
    with HistoryLog.open(paths.history_file) as log:
        assert run.recorder.retry(log)
        assert [e.uid for e in log.entries()] == [pending.uid]
    assert run.recorder.pending is None


def test_a_locked_log_never_breaks_the_session_and_the_entry_can_be_saved_again(
    paths: Paths,
) -> None:
    import sqlite3

    log = HistoryLog.open(paths.history_file, busy_timeout=0.05)
    holder = sqlite3.connect(paths.history_file, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    run = Run(log)
    try:
        run.feed(run.runner.start())  # the first write fails: no exception comes out
        assert run.recorder.problem is not None and "in use" in str(run.recorder.problem)
        run.run_for(46)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    pending = run.recorder.pending
    assert pending is not None and pending.status is EntryStatus.COMPLETED
    assert run.recorder.retry()
    [saved] = log.entries()
    assert saved.status is EntryStatus.COMPLETED and saved.steps_done == 6
    assert run.recorder.problem is None
    log.close()


def test_an_unexpected_log_error_is_recorded_not_raised(log: HistoryLog) -> None:
    class Broken(HistoryLog):
        def save(self, entry):  # type: ignore[no-untyped-def]
            raise HistoryUnavailable(Unavailable.UNREADABLE, self.path, "disk gone")

    broken = Broken(log.path, log._db, None)
    run = Run(broken)
    run.feed(run.runner.start())
    run.run_for(46)
    assert run.recorder.problem is not None and run.recorder.problem.detail == "disk gone"
    assert run.recorder.pending is not None


def test_timings_keep_what_decides_time() -> None:
    tl = timeline("""
        title: Mixed
        prepare: 10s
        items:
          - {exercise: side-plank, hold: 10s, rest: 3s, reps: 10, switch: 8s}
          - exercise: back-extension
            stages:
              - {label: Lie face down, hold: 5m}
              - {label: Press-up, hold: 1s, rest: 2s, reps: 10}
            sets: 4
            set_rest: 1m
          - {exercise: squat, reps: 10}
    """)
    data = json.loads(session_timings(tl.session))
    assert data["prepare"] == 10
    plank, extension, squat = data["items"]
    assert plank == {"exercise": "side-plank", "hold": 10, "rest": 3, "reps": 10, "sets": 1,
                     "sides": "each", "switch": 8}
    assert extension["sets"] == 4 and extension["set_rest"] == 60
    assert extension["stages"][0] == {"hold": 300, "rest": 0, "reps": 1, "sets": 1,
                                      "sides": "none", "label": "Lie face down"}
    assert squat["hold"] is None and squat["reps"] == 10


KILLED_SCRIPT = """
import sys, time
from datetime import UTC, datetime
from pathlib import Path
from backtimer.engine.clock import FakeClock
from backtimer.engine.runner import Runner
from backtimer.store.history import HistoryLog
from backtimer.store.recorder import SessionRecorder
from tests.helpers import timeline

tl = timeline('''
    title: Killed
    prepare: 5s
    items:
      - {exercise: pelvic-tilt, hold: 10s, rest: 5s, reps: 3}
''')
clock = FakeClock()
runner = Runner(tl, clock)
recorder = SessionRecorder(HistoryLog.open(Path(sys.argv[1])), tl.session, tl)
for event in runner.start():
    recorder.handle(event)
for _ in range(40):  # 20 s: prepare, hold, rest done (3 steps)
    clock.advance(0.5)
    for event in runner.tick():
        recorder.handle(event)
print("ready", flush=True)
time.sleep(600)
"""


@pytest.mark.slow
def test_a_process_killed_mid_session_leaves_a_readable_entry(paths: Paths) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_SCRIPT, str(paths.history_file)],
        cwd=REPO, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()
    with HistoryLog.open(paths.history_file) as log:
        [left] = log.entries()
    assert left.title == "Killed"
    assert left.status is EntryStatus.IN_PROGRESS
    assert left.steps_done == 3
    assert left.done_seconds == pytest.approx(20.0)


# -- the wall clock moved mid-session (issue 9, item 15) -------------------------------------

# get ready 5 s, a self-paced item (the person says when it is done), 10 s to change, 10 s.
SELF_PACED = """
    title: Squats
    prepare: 5s
    items:
      - {exercise: squat, reps: 10}
      - {exercise: pelvic-tilt, hold: 10s}
"""


class JumpingWall:
    """A system clock that the person (or NTP) moves by ``jump`` once ``after`` seconds of
    the run have passed; the monotonic clock never moves with it."""

    def __init__(self, run_clock: FakeClock, after: float, jump: timedelta) -> None:
        self.clock = run_clock
        self.origin = run_clock.now()
        self.after = after
        self.jump = jump

    def __call__(self) -> datetime:
        elapsed = self.clock.now() - self.origin
        moved = self.jump if elapsed >= self.after else timedelta(0)
        return START + timedelta(seconds=elapsed) + moved


@pytest.mark.parametrize("jump", [timedelta(hours=1), timedelta(hours=-1)])
def test_moving_the_wall_clock_mid_session_changes_no_duration(
    log: HistoryLog, jump: timedelta
) -> None:
    run = Run(log, SELF_PACED)
    run.recorder.clock_utc = JumpingWall(run.clock, after=8.0, jump=jump)
    run.feed(run.runner.start())
    run.run_for(20)  # get ready (5 s), then 15 s of squats; the clock jumps at 8 s
    run.feed(run.runner.done())  # the squats are done
    [during] = log.entries()
    assert during.status is EntryStatus.IN_PROGRESS
    assert during.done_seconds == pytest.approx(20.0)  # was 3,620 s, or -3,580 s
    assert during.ended == START + timedelta(seconds=20)
    run.run_for(21)
    [saved] = log.entries()
    assert saved.status is EntryStatus.COMPLETED
    assert saved.done_seconds == pytest.approx(40.0)
    assert saved.started == START
    assert saved.ended == START + timedelta(seconds=40)  # end = start + monotonic time


def test_a_locked_log_fails_at_once_and_is_tried_again_at_the_next_step(paths: Paths) -> None:
    import sqlite3

    log = HistoryLog.open(paths.history_file, busy_timeout=0)  # as the window opens it
    assert log.busy_timeout == 0
    holder = sqlite3.connect(paths.history_file, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    run = Run(log)
    try:
        run.feed(run.runner.start())
        assert run.recorder.waiting  # kept, and not held back until the session ends
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    run.run_for(6)  # the get-ready step ends: the next write takes the waiting entry along
    [saved] = log.entries()
    assert saved.steps_done == 1 and not run.recorder.waiting
    assert run.recorder.problem is None
    log.close()


# -- progressions (issue 12) ------------------------------------------------------------------

LEVELLED = """
    title: Plank levels
    prepare: 5s
    items:
      - exercise: pelvic-tilt
        levels:
          - {label: short, hold: 10s, rest: 5s, reps: 3}
          - {label: long, hold: 20s, rest: 5s, reps: 2}
"""


def test_the_level_run_and_how_it_felt_are_logged(log: HistoryLog) -> None:
    from backtimer.session.timeline import compile_session
    from tests.helpers import exercises, session

    run = Run(log, LEVELLED)
    levelled = compile_session(session(LEVELLED), exercises(), level=2)
    run.timeline = levelled
    run.runner = Runner(levelled, run.clock)
    run.recorder = SessionRecorder(log, levelled.session, levelled, lambda: START, run.clock)
    run.feed(run.runner.start())
    run.run_for(60)
    run.recorder.set_feedback(2, 2, "", feel="about_right")
    [saved] = log.entries()
    assert (saved.level, saved.feel) == (2, "about_right")
    assert json.loads(saved.timings)["items"][0]["hold"] == 20  # level 2's dose, as run


def test_a_session_without_levels_logs_no_level(log: HistoryLog) -> None:
    run = Run(log)
    run.feed(run.runner.start())
    run.run_for(46)
    run.recorder.set_feedback(None, None, "")
    [saved] = log.entries()
    assert (saved.level, saved.feel) == (None, None)


def test_an_unknown_feel_is_refused(log: HistoryLog) -> None:
    run = Run(log)
    run.feed(run.runner.start())
    with pytest.raises(ValueError, match="feel"):
        run.recorder.set_feedback(None, None, "", feel="great")
