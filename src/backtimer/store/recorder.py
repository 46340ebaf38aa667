"""Turns the runner's events into history writes. Pure Python: the window only forwards events.

The entry is written when the session starts and again at every step's end, so a killed
process leaves an entry showing what was done. Durations come from the monotonic clock (the
runner's): the wall clock is read once, at the start, as the entry's label, and every later time
is that start plus monotonic seconds, so moving the system clock mid-session can neither add an
hour to the log nor put an end before its start.

A write that fails never reaches the runner or the window's event loop: the recorder keeps the
entry (``pending``) and notes the problem (``problem``, a ``HistoryUnavailable`` whose reason
the window words). When the file is
only locked by another program (``waiting``), the next event simply tries again; the window
opens its log with no busy timeout, so such a try fails at once instead of holding the count,
and it retries on a timer until the entry lands. Any other failure stops the writes until the
session ends, when the recorder tries once more; the window can offer ``retry()`` after that.

The window runs a recorder on a worker thread (``ui/run/log_jobs.py``): there its clocks are
read later than the events happened, so it is given clocks that tell the time each event was
heard on the GUI thread.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from backtimer.engine.clock import Clock, MonotonicClock
from backtimer.engine.events import (
    Event,
    SessionFinished,
    SessionStarted,
    StepEnded,
    StepOutcome,
    StepStarted,
)
from backtimer.session.model import DEFAULT_SWITCH, Dose, Session
from backtimer.session.timeline import Timeline, level_count, session_at_level
from backtimer.store.history import (
    FEELS,
    EntryStatus,
    HistoryEntry,
    HistoryLog,
    HistoryUnavailable,
    Unavailable,
)


def utc_now() -> datetime:
    return datetime.now(UTC)


class SessionRecorder:
    """Logs one run of one timeline. Build a new recorder for every run.

    ``entry`` is the entry as the recorder knows it (None before the session starts);
    ``pending`` is that entry while its latest state is not yet in the log. ``clock_utc`` is
    read once per run, for the start's label; ``clock`` (the runner's monotonic clock) times
    everything after it.
    """

    def __init__(
        self,
        log: HistoryLog | None,
        session: Session,
        timeline: Timeline,
        clock_utc: Callable[[], datetime] = utc_now,
        clock: Clock | None = None,
    ) -> None:
        self.log = log
        self.session = session
        self.timeline = timeline
        self.clock_utc = clock_utc
        self.clock: Clock = clock if clock is not None else MonotonicClock()
        self._origin: tuple[datetime, float] | None = None  # wall label and monotonic at start
        self.entry: HistoryEntry | None = None
        self.pending: HistoryEntry | None = None
        self.problem: HistoryUnavailable | None = None
        self._outcomes: list[StepOutcome | None] = [None] * len(timeline.steps)
        self._step_began: float | None = None  # monotonic
        self._self_paced_seconds: dict[int, float] = {}
        self._writes_held = False  # after a failure, wait for the end before trying again

    # -- events ------------------------------------------------------------------------------

    def handle(self, event: Event) -> None:
        """Take one runner event; never raises because of the log."""
        if isinstance(event, SessionStarted):
            self._started()
        elif self.entry is None:
            return  # stopped before it started: nothing was done, nothing to log
        elif isinstance(event, StepStarted):
            # Mirror the runner: going back makes this step and the ones after it unreached.
            for index in range(event.index, len(self._outcomes)):
                self._outcomes[index] = None
            self._step_began = self.clock.now()
        elif isinstance(event, StepEnded):
            self._step_ended(event)
        elif isinstance(event, SessionFinished):
            summary = event.summary
            self.entry = replace(
                self.entry,
                ended=self._wall_now(),
                done_seconds=summary.done_seconds,
                steps_total=summary.steps_total,
                steps_done=summary.steps_done,
                steps_skipped=summary.steps_skipped,
                progress=self._progress(),
                status=EntryStatus.COMPLETED if summary.completed else EntryStatus.STOPPED,
            )
            self._writes_held = False
            self._write()

    def set_feedback(self, pain_before: int | None, pain_after: int | None, note: str,
                     feel: str | None = None) -> None:
        """Add the finish screen's answers to the entry and save it.

        ``feel`` is how it felt (``progression.Feeling``'s values), or None when not given.
        """
        if self.entry is None:
            return
        check_feedback(pain_before, pain_after, feel)
        self.entry = replace(
            self.entry, pain_before=pain_before, pain_after=pain_after, note=note.strip(),
            feel=feel,
        )
        self._writes_held = False
        self._write()

    def retry(self, log: HistoryLog | None = None) -> bool:
        """Try again to save the pending entry (into ``log`` when given); True when saved."""
        if log is not None:
            self.log = log
        if self.pending is None:
            return True
        self._writes_held = False
        self._write()
        return self.pending is None

    @property
    def waiting(self) -> bool:
        """Whether the latest state is only waiting for another program's lock to go."""
        return (self.pending is not None and self.problem is not None
                and self.problem.reason is Unavailable.LOCKED)

    # -- internals ---------------------------------------------------------------------------

    def _wall_now(self) -> datetime:
        """Now, as a label: the start's wall time plus the monotonic seconds since."""
        assert self._origin is not None
        wall, monotonic = self._origin
        return wall + timedelta(seconds=max(0.0, self.clock.now() - monotonic))

    def _started(self) -> None:
        now = self.clock_utc()
        self._origin = (now, self.clock.now())
        self._outcomes = [None] * len(self.timeline.steps)
        self.entry = HistoryEntry(
            uid=uuid.uuid4().hex,
            session_id=self.session.id,
            title=self.session.title,
            started=now,
            ended=now,
            planned_seconds=self.timeline.total_seconds,
            done_seconds=0.0,
            steps_total=len(self.timeline.steps),
            steps_done=0,
            steps_skipped=0,
            status=EntryStatus.IN_PROGRESS,
            progress=0.0,
            timings=session_timings(self._as_run()),
            level=self.timeline.level if level_count(self.session) > 1 else None,
        )
        self._write()

    def _as_run(self) -> Session:
        """The session at the level the timeline runs (itself when it has no levels)."""
        if level_count(self.session) == 1:
            return self.session
        return session_at_level(self.session, self.timeline.level)

    def _step_ended(self, event: StepEnded) -> None:
        assert self.entry is not None
        self._outcomes[event.index] = event.outcome
        if event.step.seconds is None and self._step_began is not None:
            # A self-paced step lasts as long as the person took; the runner's exact active
            # time replaces this estimate when the session finishes.
            took = self.clock.now() - self._step_began
            self._self_paced_seconds[event.index] = max(0.0, took)
        done_seconds = sum(
            step.seconds
            if step.seconds is not None
            else self._self_paced_seconds.get(index, 0.0)
            for index, step in enumerate(self.timeline.steps)
            if self._outcomes[index] is StepOutcome.DONE
        )
        self.entry = replace(
            self.entry,
            ended=self._wall_now(),
            done_seconds=done_seconds,
            steps_done=self._outcomes.count(StepOutcome.DONE),
            steps_skipped=self._outcomes.count(StepOutcome.SKIPPED),
            progress=self._progress(),
        )
        self._write()

    def _progress(self) -> float:
        """How far through the plan: planned time of the steps passed (done or skipped)."""
        steps = self.timeline.steps
        passed = [i for i, outcome in enumerate(self._outcomes) if outcome is not None]
        total = self.timeline.total_seconds
        if total > 0:
            return min(1.0, sum(steps[i].seconds or 0.0 for i in passed) / total)
        return len(passed) / len(steps) if steps else 0.0

    def _write(self) -> None:
        self.pending = self.entry
        if self.log is None or self._writes_held or self.entry is None:
            return
        try:
            self.log.save(self.entry)
        except HistoryUnavailable as error:
            self._failed(error)
        except Exception as error:  # a listener must never break the session
            self._failed(HistoryUnavailable(Unavailable.UNREADABLE, self.log.path, str(error)))
        else:
            self.pending = None
            self.problem = None

    def _failed(self, problem: HistoryUnavailable) -> None:
        self.problem = problem
        # Locked: the next write tries again (at once, with the window's zero busy timeout).
        self._writes_held = problem.reason is not Unavailable.LOCKED


def check_feedback(pain_before: int | None, pain_after: int | None, feel: str | None) -> None:
    """Raise ``ValueError`` for answers the log cannot hold (a caller checks before queueing)."""
    for value in (pain_before, pain_after):
        if value is not None and not 0 <= value <= 10:
            raise ValueError(f"pain is from 0 to 10, not {value}")
    if feel is not None and feel not in FEELS:
        raise ValueError(f"feel is one of {', '.join(FEELS)}, not {feel!r}")


def session_timings(session: Session) -> str:
    """The session as run, as compact JSON: each item's hold, rest, reps, sets and sides.

    Only what decides timing is kept (no summary or instructions), so a year of entries stays
    small; ``null`` hold means self-paced.
    """
    data: dict[str, Any] = {
        "prepare": _number(session.prepare),
        "transition": _number(session.transition),
        "items": [],
    }
    for item in session.items:
        entry: dict[str, Any] = {"exercise": item.exercise, **_dose(item.dose)}
        if item.stages:
            entry["stages"] = [_dose(stage) for stage in item.stages]
        data["items"].append(entry)
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def _dose(dose: Dose) -> dict[str, Any]:
    values: dict[str, Any] = {
        "hold": _number(dose.hold),
        "rest": _number(dose.rest),
        "reps": dose.reps,
        "sets": dose.sets,
        "sides": dose.sides.value,
    }
    if dose.fill is not None:
        values["for"] = _number(dose.fill)
    if dose.set_rest is not None:
        values["set_rest"] = _number(dose.set_rest)
    if dose.switch != DEFAULT_SWITCH:
        values["switch"] = _number(dose.switch)
    if dose.label is not None:
        values["label"] = dose.label
    return values


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
