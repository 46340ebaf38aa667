"""The window's side of the history log: a recorder for every run, and the finish screen's part.

``SessionLog`` opens the log when the first session starts (not at start-up, so the window
opens as fast as before), builds a ``SessionRecorder`` for each run and feeds it every runner
event as a plain adapter listener, removed again when the run ends. A log that cannot be opened
(corrupt, locked, newer, another program's) never stops a session: the recorder keeps its entry
in memory and the finish screen offers to save it again.

The GUI thread never waits for another program's lock: the log is opened with no busy timeout,
so a locked write fails at once, and a timer tries again every ``RETRY_MS`` until the entry
lands (the finish screen then says it is saved). When it is made, ``SessionLog`` also closes,
on a worker thread, the entries a killed run left "in progress" (``close_interrupted_entries``).

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

from backtimer.engine.events import Event, SessionFinished
from backtimer.session.model import Session
from backtimer.session.progression import Feeling, Outcome, Suggestion, suggest
from backtimer.session.timeline import Timeline, level_count
from backtimer.store.history import (
    EntryStatus,
    HistoryEntry,
    HistoryLog,
    HistoryUnavailable,
    Unavailable,
    close_interrupted_entries,
)
from backtimer.store.levels import LevelsUnreadableError, save_level
from backtimer.store.recorder import SessionRecorder, utc_now
from backtimer.ui.common.theme import caution_colour, font, muted
from backtimer.ui.common.words import history_unavailable_text, tr
from backtimer.ui.finish.level_suggestion import LevelSuggestion
from backtimer.ui.finish.log_form import FORM_WIDTH, LogForm
from backtimer.ui.run.adapter import RunnerAdapter

log = logging.getLogger(__name__)

OpenLog = Callable[[Path], HistoryLog]
RETRY_MS = 1000  # how often an entry waiting for another program's lock is tried again
SUGGEST_FROM = 5  # a session's last runs read for a level suggestion (the rule needs 2)


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

    Signals:
        problem(str): the log could not be opened or written; a sentence for the notice bar.
        finished(bool): a run ended and its entry was written (True) or is only in memory.
        saved(): an entry reached the file (after a run, its answers, or a retry).
    """

    problem = Signal(str)
    finished = Signal(bool)
    saved = Signal()

    def __init__(self, path: Path | None, adapter: RunnerAdapter, parent: QObject, *,
                 open_log: OpenLog = open_history,
                 clock_utc: Callable[[], datetime] = utc_now) -> None:
        super().__init__(parent)
        self.path = path
        self.adapter = adapter
        self.open_log = open_log
        self.clock_utc = clock_utc
        self.log: HistoryLog | None = None
        self.recorder: SessionRecorder | None = None
        self._open_locked = False  # the last try to open found the file locked
        self._older: list[SessionRecorder] = []  # earlier runs whose entries wait for a lock
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self._retry_waiting)
        if path is not None:
            close_interrupted_later(path)

    # -- the log file -----------------------------------------------------------------------

    def _ensure_log(self) -> HistoryLog | None:
        """The open log, opening it now if needed; None (and a notice) when it cannot be.

        A file locked by another program is not announced: the timer keeps trying, and the
        finish screen says so if the entry has not landed by the end of the run.
        """
        if self.log is None and self.path is not None:
            self._open_locked = False
            try:
                self.log = self.open_log(self.path)
            except HistoryUnavailable as error:
                if error.reason is Unavailable.LOCKED:
                    self._open_locked = True
                    self.retry_timer.start()
                else:
                    self.problem.emit(history_unavailable_text(error))
            except Exception as error:  # the session must run whatever the log does
                log.exception("the history could not be opened")
                self.problem.emit(tr("The history could not be opened: {error}").format(
                    error=error))
        return self.log

    def close(self) -> None:
        self._detach()
        self.retry_timer.stop()
        for recorder in [*self._older, self.recorder]:
            if recorder is not None and recorder.waiting:
                recorder.retry()  # one last try, at once
        if self.log is not None:
            self.log.close()
            self.log = None

    def _retry_waiting(self) -> None:
        """The timer: try again the entries held up by a lock (opening the log if need be)."""
        if self._open_locked and self._ensure_log() is None:
            return  # still locked; the timer goes on
        saved = False
        for recorder in [*self._older, self.recorder]:
            if recorder is not None and recorder.pending is not None and (
                    recorder.waiting or recorder.log is None):
                saved = recorder.retry(self.log) or saved
        self._older = [recorder for recorder in self._older if recorder.waiting]
        if saved:
            self.saved.emit()
        if not self._waiting():
            self.retry_timer.stop()

    def _waiting(self) -> bool:
        recorder = self.recorder
        return self._open_locked or bool(self._older) or (
            recorder is not None and recorder.waiting)

    def _watch(self) -> None:
        """After a write: entries held up by a lock are tried again on the timer."""
        if self._waiting() and not self.retry_timer.isActive():
            self.retry_timer.start()

    # -- one run ----------------------------------------------------------------------------

    def begin(self, session: Session, timeline: Timeline) -> SessionRecorder:
        """Build the recorder for a run that is about to start; it hears every event."""
        self._detach()
        if self.recorder is not None and self.recorder.waiting:
            self._older.append(self.recorder)  # its entry still lands when the lock goes
        self.recorder = SessionRecorder(self._ensure_log(), session, timeline, self.clock_utc,
                                        self.adapter.clock)
        self.adapter.add_listener(self._handle)
        self._watch()
        return self.recorder

    def _handle(self, event: Event) -> None:
        recorder = self.recorder
        if recorder is None:
            return
        recorder.handle(event)
        self._watch()
        if isinstance(event, SessionFinished):
            self._detach()
            if recorder.problem is not None:
                self.problem.emit(history_unavailable_text(recorder.problem))
            written = recorder.pending is None and recorder.log is not None
            if written:
                self.saved.emit()
            self.finished.emit(written)

    def _detach(self) -> None:
        self.adapter.remove_listener(self._handle)

    def set_feedback(self, pain_before: int | None, pain_after: int | None, note: str,
                     feel: str | None = None) -> bool:
        """Add the finish screen's answers to the last entry; True when they reached the file."""
        recorder = self.recorder
        if recorder is None or recorder.entry is None:
            return False
        recorder.set_feedback(pain_before, pain_after, note, feel)
        self._watch()
        written = recorder.pending is None and recorder.log is not None
        if written:
            self.saved.emit()
        return written

    def retry(self) -> tuple[bool, str]:
        """Try once more to save the last entry, opening the log again; (saved, why not)."""
        recorder = self.recorder
        if recorder is None:
            return True, ""
        if self.path is None:
            return False, tr("There is no history file to save to.")
        if self.log is None:
            try:
                self.log = self.open_log(self.path)
            except HistoryUnavailable as error:
                return False, history_unavailable_text(error)
        if recorder.retry(self.log):
            self.saved.emit()
            return True, ""
        if recorder.problem is not None:
            return False, history_unavailable_text(recorder.problem)
        return False, tr("The history could not be saved.")

    def suggestion(self) -> tuple[Session, int, Suggestion] | None:
        """After a run of a progression: the session, the level it was run at, and the level
        to suggest from its last runs (this one last, as answered). None without levels.

        Earlier runs count when they were completed; the log is only read (a read never waits
        for a writer in WAL mode), and when it cannot be, this run alone decides.
        """
        recorder = self.recorder
        entry = recorder.entry if recorder is not None else None
        if recorder is None or entry is None or entry.level is None:
            return None
        session, level = recorder.session, entry.level
        earlier: list[HistoryEntry] = []
        if self.log is not None:
            try:
                earlier = self.log.recent(session.id, limit=SUGGEST_FROM)
            except HistoryUnavailable:
                log.debug("earlier runs could not be read for a suggestion", exc_info=True)
        runs = [old for old in reversed(earlier) if old.uid != entry.uid
                and old.level is not None and old.status is EntryStatus.COMPLETED]
        outcomes = [_outcome(run) for run in [*runs, entry]]
        return session, level, suggest(level, level_count(session), outcomes)

    @property
    def pending(self) -> bool:
        """Whether the last entry is only in memory."""
        recorder = self.recorder
        return recorder is not None and recorder.entry is not None and (
            recorder.pending is not None or recorder.log is None)


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

    def retry(self) -> bool:
        """Open the log anew and write the entry kept in memory; say how it went."""
        saved, why = self.session_log.retry()
        if saved:
            self._say(tr("Saved in your history."))
        else:
            self._say(tr("Still not saved: {why}").format(why=why), trouble=True)
        return saved

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
        if self.session_log.set_feedback(pain_before, pain_after, note,
                                         feel.value if feel is not None else None):
            self._say(tr("Saved in your history."))
        elif self.session_log.pending:
            self._say(tr("Your answers are kept, but the history could not be saved."),
                      trouble=True)
        self._offer_level()

    def _skipped(self) -> None:
        self.form.hide()
        if not self.session_log.pending:
            self._say(tr("Saved in your history."))
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
