"""What the session log's worker thread does: open the history, feed each run's recorder, save.

Why a thread: the GUI thread never waits on disk. Opening the log checks the whole file (26 ms
for a 60 MB log here; a slow or stuck disk would freeze the window while a session counts), and
every step's end writes the entry. ``SessionLog`` (the Qt side) hands each of these to one
``HistoryWorker`` thread as a job, in the order they happened, and applies the ``Report`` each
returns on the GUI thread.

Every method of ``LogJobs`` runs on that one thread only, so the log's one SQLite connection
and every recorder are touched by no other thread (the GUI thread only builds a recorder, then
hands it over). Plain Python, no Qt.

A recorder here reads its clocks later than the events happened, so each event comes with the
readings the GUI thread took as it heard it (``EventClock``), and the recorder reads those: the
entry's times are the same as when it was written on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from backtimer.engine.events import Event
from backtimer.session.model import Session
from backtimer.session.timeline import Timeline
from backtimer.store.history import HistoryEntry, HistoryLog, HistoryUnavailable, Unavailable
from backtimer.store.recorder import SessionRecorder

log = logging.getLogger(__name__)

OpenLog = Callable[[Path], HistoryLog]


class EventClock:
    """The recorder's clocks on the worker: the readings taken when the event was heard."""

    def __init__(self) -> None:
        self.reading = 0.0  # the runner's monotonic clock
        self.wall = datetime.fromtimestamp(0, UTC)  # the wall clock, read at a session's start

    def now(self) -> float:
        return self.reading

    def now_counting_sleep(self) -> float | None:
        return None  # the recorder never asks; the runner watches for suspend

    def utc(self) -> datetime:
        return self.wall


@dataclass(eq=False)
class Run:
    """One run's recorder (worker side) and its clocks; ``number`` tells runs apart."""

    number: int
    session: Session
    recorder: SessionRecorder
    clock: EventClock

    @classmethod
    def make(cls, number: int, session: Session, timeline: Timeline) -> Run:
        clock = EventClock()
        return cls(number, session,
                   SessionRecorder(None, session, timeline, clock.utc, clock), clock)


@dataclass(frozen=True)
class Report:
    """What a job left, for the GUI thread.

    ``log``: the open log (None while it cannot be opened); ``opening``: why it could not be
    opened, to say (not said for a lock: the timer tries again); ``entry``: the run's entry
    (None before it starts); ``pending``: its latest state is only in memory, or there is no
    log to write it to; ``problem``: why the run's
    last write failed; ``waiting``: something waits for another program's lock (the timer
    retries); ``saved``: an entry held up reached the file; ``earlier``: the session's last
    runs, read for a level suggestion.
    """

    log: HistoryLog | None
    opening: Exception | None = None
    entry: HistoryEntry | None = None
    pending: bool = False
    problem: HistoryUnavailable | None = None
    waiting: bool = False
    saved: bool = False
    earlier: list[HistoryEntry] = field(default_factory=list)

    @property
    def written(self) -> bool:
        """Nothing of the run waits in memory: its entry (if it started) is in the file."""
        return not self.pending


class LogJobs:
    """The worker's side of the session log: the open log and the runs waiting for a lock."""

    def __init__(self, path: Path | None, open_log: OpenLog) -> None:
        self.path = path
        self.open_log = open_log
        self.log: HistoryLog | None = None
        self.open_locked = False  # the last try to open found the file locked
        self.older: list[SessionRecorder] = []  # earlier runs whose entries wait for a lock

    def ensure_log(self) -> Exception | None:
        """Open the log if it is not; why it cannot be, when that is to be said.

        A file locked by another program is not said: the timer keeps trying, and the finish
        screen says so if the entry has not landed by the end of the run.
        """
        if self.log is not None or self.path is None:
            return None
        self.open_locked = False
        try:
            self.log = self.open_log(self.path)
        except HistoryUnavailable as error:
            if error.reason is not Unavailable.LOCKED:
                return error
            self.open_locked = True
        except Exception as error:  # the session must run whatever the log does
            log.exception("the history could not be opened")
            return error
        return None

    # -- jobs -------------------------------------------------------------------------------

    def begin(self, run: Run, previous: Run | None) -> Report:
        """A run starts: the log opened if need be, the previous run kept while it waits."""
        if previous is not None and previous.recorder.waiting:
            self.older.append(previous.recorder)  # its entry still lands when the lock goes
        opening = self.ensure_log()
        run.recorder.log = self.log
        return self.report(run, opening=opening)

    def handle(self, run: Run, event: Event, reading: float, wall: datetime | None) -> Report:
        """One runner event, with the clocks as the GUI thread read them when it came."""
        run.clock.reading = reading
        if wall is not None:
            run.clock.wall = wall
        run.recorder.handle(event)
        return self.report(run)

    def answer(self, run: Run, answers: tuple[int | None, int | None, str, str | None] | None,
               *, earlier: int) -> Report:
        """The finish screen's answers (None: skipped) join the entry; then up to ``earlier``
        of the session's last runs are read, when it is a progression, for a suggestion."""
        recorder = run.recorder
        if answers is not None:
            recorder.set_feedback(*answers)
        entry = recorder.entry
        runs: list[HistoryEntry] = []
        if entry is not None and entry.level is not None and self.log is not None:
            try:
                runs = self.log.recent(run.session.id, limit=earlier)
            except HistoryUnavailable:
                log.debug("earlier runs could not be read for a suggestion", exc_info=True)
        return self.report(run, earlier=runs)

    def retry_waiting(self, run: Run | None) -> Report:
        """The timer: try again the entries held up by a lock (opening the log if need be)."""
        opening = None
        if self.open_locked:
            opening = self.ensure_log()
            if self.log is None:
                return self.report(run, opening=opening)  # still locked; the timer goes on
        saved = False
        for recorder in self._recorders(run):
            if recorder.pending is not None and (recorder.waiting or recorder.log is None):
                saved = recorder.retry(self.log) or saved
        self.older = [recorder for recorder in self.older if recorder.waiting]
        return self.report(run, opening=opening, saved=saved)

    def retry(self, run: Run) -> Report:
        """The finish screen's "Save to history again": open the log anew, write the entry.

        The report's ``problem`` says why not when it fails (the opening's, or the write's).
        """
        if self.log is None and self.path is not None:
            try:
                self.log = self.open_log(self.path)
            except HistoryUnavailable as error:
                return self.report(run, problem=error)
            self.open_locked = False  # open now: the timer has no opening left to try
        saved = run.recorder.retry(self.log)
        return self.report(run, saved=saved)

    def close(self, run: Run | None) -> Report:
        """The window closes: one last try for entries held up by a lock, then the log closes."""
        for recorder in self._recorders(run):
            if recorder.waiting:
                recorder.retry()
        if self.log is not None:
            self.log.close()
            self.log = None
        return self.report(run)

    # -- helpers ----------------------------------------------------------------------------

    def _recorders(self, run: Run | None) -> list[SessionRecorder]:
        return [*self.older, *([run.recorder] if run is not None else [])]

    def report(self, run: Run | None, *, opening: Exception | None = None,
               problem: HistoryUnavailable | None = None, saved: bool = False,
               earlier: list[HistoryEntry] | None = None) -> Report:
        recorder = run.recorder if run is not None else None
        waiting = self.open_locked or bool(self.older) or (
            recorder is not None and recorder.waiting)
        if recorder is None:
            return Report(self.log, opening, waiting=waiting, saved=saved)
        return Report(
            self.log, opening, entry=recorder.entry,
            pending=recorder.pending is not None or recorder.log is None,
            problem=problem if problem is not None else recorder.problem,
            waiting=waiting, saved=saved, earlier=earlier or [],
        )
