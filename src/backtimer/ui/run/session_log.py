"""The window's side of the history log: a recorder for every run, and the finish screen's part.

``SessionLog`` opens the log when the first session starts (not at start-up, so the window
opens as fast as before), builds a ``SessionRecorder`` for each run and feeds it every runner
event as a plain adapter listener, removed again when the run ends. A log that cannot be opened
(corrupt, locked, newer, another program's) never stops a session: the recorder keeps its entry
in memory and the finish screen offers to save it again.

The GUI thread never waits on the disk: opening the log (it checks the whole file), every
write and the read for a level suggestion run on one worker thread, in order
(``log_jobs.LogJobs`` on a ``HistoryWorker``), and what they did comes back to the GUI thread
as signals. Only closing the window waits, a bounded time, for the last writes to land. Nor
does the worker wait for another program's lock: the log is opened with no busy timeout, so a
locked write fails at once, and a timer tries again every ``RETRY_MS`` until the entry lands
(the finish screen then says it is saved). When it is made, ``SessionLog`` also closes, on a
thread of its own, the entries a killed run left "in progress" (``close_interrupted_entries``).

``LogArea`` is what goes into the finish screen's ``extra_area``: the short pain-and-note form,
then one line saying whether the entry is in the history, with "Save to history again" when it
is not. After a session of a progression, once the form is answered or skipped, it offers the
level ``session.progression.suggest`` gives from that session's last runs (issue 12); the
level the person is on changes (``store.levels``) only when they click to take it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from backtimer.engine.events import Event, SessionFinished, SessionStarted, StepEnded, StepStarted
from backtimer.session.model import Session
from backtimer.session.progression import Feeling, Outcome, Suggestion, suggest
from backtimer.session.timeline import Timeline, level_count
from backtimer.store.history import (
    EntryStatus,
    HistoryEntry,
    HistoryLog,
    HistoryUnavailable,
    close_interrupted_entries,
)
from backtimer.store.levels import LevelsUnreadableError, save_level
from backtimer.store.recorder import check_feedback, utc_now
from backtimer.ui.common.theme import caution_colour, font, muted
from backtimer.ui.common.words import history_unavailable_text, tr
from backtimer.ui.finish.level_suggestion import LevelSuggestion
from backtimer.ui.finish.log_form import FORM_WIDTH, LogForm
from backtimer.ui.history.history_worker import HistoryWorker
from backtimer.ui.run.adapter import RunnerAdapter
from backtimer.ui.run.log_jobs import LogJobs, OpenLog, Report, Run

log = logging.getLogger(__name__)

__all__ = ["LogArea", "OpenLog", "SessionLog", "open_history"]

RETRY_MS = 1000  # how often an entry waiting for another program's lock is tried again
SUGGEST_FROM = 5  # a session's last runs read for a level suggestion (the rule needs 2)
CLOSE_WAIT = 5.0  # seconds closing the window waits at most for the last writes to land
LOGGED_EVENTS = (SessionStarted, StepStarted, StepEnded, SessionFinished)  # what the entry hears


def open_history(path: Path) -> HistoryLog:
    """The window's log: a write to a locked file fails at once instead of holding the GUI."""
    return HistoryLog.open(path, busy_timeout=0)


def close_interrupted_later(path: Path) -> threading.Thread:
    """Close what killed runs left in progress, on a worker thread (it may wait for a lock).

    ``sqlite3`` is imported already (by the history module), so the worker loads no native
    module while the GUI thread may be loading one.
    """
    def work() -> None:
        try:
            closed = close_interrupted_entries(path)
        except Exception:  # the window works without it; the next start tries again
            log.debug("entries left in progress were not closed", exc_info=True)
        else:
            if closed:
                log.info("closed %d history entries left in progress as interrupted", closed)

    thread = threading.Thread(target=work, name="history-close-interrupted", daemon=True)
    thread.start()
    return thread


class SessionLog(QObject):
    """Records each session the window runs into the history file at ``path``.

    Every open, write and read of the log runs on one worker thread (``worker``; the jobs are
    ``log_jobs.LogJobs``), in the order asked: the GUI thread hands over each runner event
    with the clock readings of the moment and carries on counting; what the write did comes
    back as a ``Report`` on the GUI thread, where the signals below are emitted.

    Signals:
        problem(str): the log could not be opened or written; a sentence for the notice bar.
        finished(bool): a run ended and its entry was written (True) or is only in memory.
        saved(): an entry reached the file (after a run, its answers, or a retry).
        answered(bool, bool): the finish screen's answers were given (True) or skipped
            (False), and whether the entry, with them, is in the file.
        retried(bool, str): "Save to history again" saved the entry, or why not.
    """

    problem = Signal(str)
    finished = Signal(bool)
    saved = Signal()
    answered = Signal(bool, bool)
    retried = Signal(bool, str)

    def __init__(self, path: Path | None, adapter: RunnerAdapter, parent: QObject, *,
                 open_log: OpenLog = open_history,
                 clock_utc: Callable[[], datetime] = utc_now) -> None:
        super().__init__(parent)
        self.path = path
        self.adapter = adapter
        self.clock_utc = clock_utc
        self.worker = HistoryWorker(self, name="session-log")
        self._jobs = LogJobs(path, open_log)
        self.log: HistoryLog | None = None  # the worker's open log, as last reported
        self._run: Run | None = None
        self._runs = 0
        self._last: Report | None = None  # the current run's state, as last reported
        self._waiting = False  # something waits for another program's lock
        self._retrying = False  # a timer's try is still on the worker
        self._closed = False  # the window closed: no more tries on the timer
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self._retry_waiting)
        if path is not None:
            close_interrupted_later(path)

    @property
    def busy(self) -> bool:
        """Whether jobs given to the worker have not answered yet (tests wait for this)."""
        return self.worker.pending > 0

    # -- the worker ---------------------------------------------------------------------------

    def _submit(self, job: Callable[[], Report], done: Callable[[Report], object]) -> None:
        self.worker.submit(job, done, self._job_failed)

    def _job_failed(self, error: Exception) -> None:
        """A job broke (a bug, or the disk): the session runs on; the window says it."""
        self._retrying = False
        self._say_problem(error)

    def _apply(self, report: Report, run: Run | None) -> bool:
        """Take in what a job found; whether it was about the current run."""
        self.log = report.log
        if report.opening is not None:
            self._say_problem(report.opening)
        self._waiting = report.waiting
        if self._waiting and not self._closed and not self.retry_timer.isActive():
            self.retry_timer.start()  # entries held up by a lock are tried again on the timer
        elif not self._waiting and not self._retrying:
            self.retry_timer.stop()
        current = run is not None and run is self._run
        if current:
            self._last = report
        return current

    def _say_problem(self, error: Exception) -> None:
        if isinstance(error, HistoryUnavailable):
            self.problem.emit(history_unavailable_text(error))
        else:
            self.problem.emit(tr("The history could not be opened: {error}").format(
                error=error))

    # -- the log file -----------------------------------------------------------------------

    def close(self) -> None:
        """The window closes: what is queued is written, then the log closes.

        This waits (on the GUI thread, the one time it does) up to ``CLOSE_WAIT`` seconds for
        the worker to finish the jobs queued before it: the entry of the run the closing
        stopped, the finish screen's answers, and a last try for entries held up by a lock.
        So the last entry lands before the window goes. A disk stuck for longer is not waited
        for here: the window goes all the same, and the write lands when the disk answers
        (Python lets the process end once its worker threads are done); were the process
        killed first, the entry stays "in progress" and the next start closes it as
        interrupted.
        """
        self._closed = True
        self._detach()
        self.retry_timer.stop()
        run = self._run
        self._submit(lambda: self._jobs.close(run), lambda report: self._apply(report, run))
        if not self.worker.wait(CLOSE_WAIT):
            log.warning("the history was not written within %s s of closing", CLOSE_WAIT)

    def _retry_waiting(self) -> None:
        """The timer: try again the entries held up by a lock (opening the log if need be)."""
        if self._retrying:
            return  # the last try is still on the worker (a slow disk): no pile of tries
        self._retrying = True
        run = self._run

        def done(report: Report) -> None:
            self._retrying = False
            self._apply(report, run)
            if report.saved:
                self.saved.emit()

        self._submit(lambda: self._jobs.retry_waiting(run), done)

    # -- one run ----------------------------------------------------------------------------

    def begin(self, session: Session, timeline: Timeline) -> None:
        """Build the recorder for a run that is about to start; it hears every event."""
        self._detach()
        self._closed = False
        self._runs += 1
        previous, run = self._run, Run.make(self._runs, session, timeline)
        self._run, self._last = run, None
        self._submit(lambda: self._jobs.begin(run, previous),
                     lambda report: self._apply(report, run))
        self.adapter.add_listener(self._handle)

    def _handle(self, event: Event) -> None:
        run = self._run
        if run is None or not isinstance(event, LOGGED_EVENTS):
            return  # a countdown second changes nothing in the entry: the worker sleeps on
        reading = self.adapter.clock.now()
        wall = self.clock_utc() if isinstance(event, SessionStarted) else None
        finished = isinstance(event, SessionFinished)
        if finished:
            self._detach()

        def done(report: Report) -> None:
            current = self._apply(report, run)
            if finished:
                if report.problem is not None:
                    self.problem.emit(history_unavailable_text(report.problem))
                if report.written:
                    self.saved.emit()
                if current:
                    self.finished.emit(report.written)

        self._submit(lambda: self._jobs.handle(run, event, reading, wall), done)

    def _detach(self) -> None:
        self.adapter.remove_listener(self._handle)

    def set_feedback(self, pain_before: int | None, pain_after: int | None, note: str,
                     feel: str | None = None) -> None:
        """Add the finish screen's answers to the last entry and save them (on the worker);
        ``answered(True, saved)`` says how it went."""
        check_feedback(pain_before, pain_after, feel)
        self._answer((pain_before, pain_after, note, feel))

    def skip_feedback(self) -> None:
        """The form was skipped: ``answered(False, saved)`` says whether the entry is saved."""
        self._answer(None)

    def _answer(self, answers: tuple[int | None, int | None, str, str | None] | None) -> None:
        run = self._run
        if run is None:
            self.answered.emit(answers is not None, answers is None)
            return

        def done(report: Report) -> None:
            current = self._apply(report, run)
            if answers is None:  # skipped: nothing of a run that started waits in memory
                written = report.entry is None or not report.pending
            else:
                written = report.entry is not None and not report.pending
                if written:
                    self.saved.emit()
            if current:
                self.answered.emit(answers is not None, written)

        self._submit(lambda: self._jobs.answer(run, answers, earlier=SUGGEST_FROM), done)

    def retry(self) -> None:
        """Try once more to save the last entry, opening the log again; ``retried`` says how."""
        run = self._run
        if run is None:
            self.retried.emit(True, "")
            return
        if self.path is None:
            self.retried.emit(False, tr("There is no history file to save to."))
            return

        def done(report: Report) -> None:
            current = self._apply(report, run)
            if report.saved:
                self.saved.emit()
            if not current:
                return
            if report.saved:
                self.retried.emit(True, "")
            elif report.problem is not None:
                self.retried.emit(False, history_unavailable_text(report.problem))
            else:
                self.retried.emit(False, tr("The history could not be saved."))

        self._submit(lambda: self._jobs.retry(run), done)

    def suggestion(self) -> tuple[Session, int, Suggestion] | None:
        """After a run of a progression: the session, the level it was run at, and the level
        to suggest from its last runs (this one last, as answered). None without levels.

        Earlier runs count when they were completed; the worker read them with the answers
        (a read never waits for a writer in WAL mode), and when it could not, this run alone
        decides.
        """
        run, report = self._run, self._last
        entry = report.entry if report is not None else None
        if run is None or report is None or entry is None or entry.level is None:
            return None
        session, level = run.session, entry.level
        runs = [old for old in reversed(report.earlier) if old.uid != entry.uid
                and old.level is not None and old.status is EntryStatus.COMPLETED]
        outcomes = [_outcome(run) for run in [*runs, entry]]
        return session, level, suggest(level, level_count(session), outcomes)

    @property
    def pending(self) -> bool:
        """Whether the last entry is only in memory (as the worker last reported)."""
        report = self._last
        return report is not None and report.entry is not None and report.pending


def _outcome(entry: HistoryEntry) -> Outcome:
    assert entry.level is not None
    feeling = Feeling(entry.feel) if entry.feel in set(Feeling) else None
    return Outcome(entry.level, feeling, entry.pain_before, entry.pain_after)


class LogArea(QWidget):
    """The finish screen's history part: the form, then a line on whether the entry is saved.

    It hands the form's answers to ``session_log`` and offers "Save to history again" while
    the last entry is only in memory.
    """

    def __init__(self, session_log: SessionLog, parent: QWidget | None = None, *,
                 levels_path: Path | None = None) -> None:
        """``levels_path``: where the level a person is on is kept (``store.levels``)."""
        super().__init__(parent)
        self.session_log = session_log
        self.levels_path = levels_path
        self.setMaximumWidth(FORM_WIDTH)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        self.form = LogForm(self)
        column.addWidget(self.form)
        self.status_row = QWidget(self)
        row = QHBoxLayout(self.status_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        self.status = QLabel(self.status_row)
        self.status.setFont(font(16))
        self.status.setWordWrap(True)
        # The line takes the row's width: squeezed between stretches it broke after two words.
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.retry_button = QPushButton(tr("Save to history again"), self.status_row)
        self.retry_button.setFont(font(15))
        self.retry_button.setMinimumHeight(36)
        self.retry_button.clicked.connect(lambda _checked=False: self.retry())
        row.addWidget(self.status, 1)
        row.addWidget(self.retry_button)
        column.addWidget(self.status_row)
        self.status_row.hide()
        self.level_suggestion = LevelSuggestion(self)
        self.level_suggestion.accepted.connect(self._take_level)
        column.addWidget(self.level_suggestion)
        self._suggested_for = ""
        self.form.submitted.connect(self._answered)
        self.form.skipped.connect(self._skipped)
        session_log.finished.connect(self._logged)
        session_log.saved.connect(self._saved_later)
        session_log.answered.connect(self._answer_landed)
        session_log.retried.connect(self._retried)

    def start_over(self) -> None:
        """A new session has ended: empty answers, the form showing, no status yet."""
        self.form.reset()
        self.form.show()
        self.status_row.hide()
        self.level_suggestion.hide()

    def keep_answers(self) -> None:
        """Leaving the finish screen (Enter, Back, Again, closing): answers given are saved."""
        if self.form.isHidden():
            return
        before, after, note = self.form.values()
        if before is not None or after is not None or note or self.form.feel() is not None:
            self._answered(before, after, note)

    def retry(self) -> None:
        """Open the log anew and write the entry kept in memory (on the log's worker); the
        line says how it went when the worker answers."""
        self.session_log.retry()

    def _retried(self, saved: bool, why: str) -> None:
        if saved:
            self._say(tr("Saved in your history."))
        else:
            self._say(tr("Still not saved: {why}").format(why=why), trouble=True)

    def _logged(self, written: bool) -> None:
        if not written:
            self._say(tr("This session is not in your history yet; "
                         "it is kept until you save it."), trouble=True)

    def _saved_later(self) -> None:
        """An entry held up by a lock has landed: the line saying it had not is now wrong."""
        if not self.status_row.isHidden() and not self.retry_button.isHidden() and (
                not self.session_log.pending):
            self._say(tr("Saved in your history."))

    def _answered(self, before: object, after: object, note: str) -> None:
        self.form.hide()
        pain_before = before if isinstance(before, int) else None
        pain_after = after if isinstance(after, int) else None
        feel = self.form.feel()
        self.session_log.set_feedback(pain_before, pain_after, note,
                                      feel.value if feel is not None else None)

    def _skipped(self) -> None:
        self.form.hide()
        self.session_log.skip_feedback()

    def _answer_landed(self, gave: bool, written: bool) -> None:
        """The worker has saved the answers (or the skip), or could not: say so, then offer
        a progression's level (read from the last runs with them)."""
        if written:
            self._say(tr("Saved in your history."))
        elif gave and self.session_log.pending:
            self._say(tr("Your answers are kept, but the history could not be saved."),
                      trouble=True)
        self._offer_level()

    def _offer_level(self) -> None:
        """A progression's next (or easier) level, offered; nothing moves without a click."""
        found = self.session_log.suggestion()
        if found is None:
            self.level_suggestion.hide()
            return
        session, level, suggestion = found
        self._suggested_for = session.id
        self.level_suggestion.offer(session, level, suggestion)

    def _take_level(self, level: int) -> None:
        """The person took the suggested level: it is the one Start runs from now on."""
        if self.levels_path is None:
            return
        try:
            save_level(self.levels_path, self._suggested_for, level)
        except (LevelsUnreadableError, OSError) as error:
            self._say(tr("Your level could not be kept: {error}").format(error=error),
                      trouble=True)
            self.retry_button.hide()
            return
        self._say(tr("Next time: level {n}.").format(n=level))
        self.retry_button.hide()

    def _say(self, text: str, *, trouble: bool = False) -> None:
        self.status.setText(text)
        colour = caution_colour(self) if trouble else muted(self)
        self.status.setStyleSheet(f"color: {colour.name()};")
        self.retry_button.setVisible(trouble)
        self.status_row.show()
