"""The window's side of the history log: a recorder for every run, and the finish screen's part.

``SessionLog`` opens the log when the first session starts (not at start-up, so the window
opens as fast as before), builds a ``SessionRecorder`` for each run and feeds it every runner
event as a plain adapter listener, removed again when the run ends. A log that cannot be opened
(corrupt, locked, newer) never stops a session: the recorder keeps its entry in memory and the
finish screen offers to save it again.

``LogArea`` is what goes into the finish screen's ``extra_area``: the short pain-and-note form,
then one line saying whether the entry is in the history, with "Save to history again" when it
is not.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from backtimer.engine.events import Event, SessionFinished
from backtimer.session.model import Session
from backtimer.session.timeline import Timeline
from backtimer.store.history import HistoryLog, HistoryUnavailable
from backtimer.store.recorder import SessionRecorder, utc_now
from backtimer.ui.adapter import RunnerAdapter
from backtimer.ui.log_form import FORM_WIDTH, LogForm
from backtimer.ui.theme import caution_colour, font, muted
from backtimer.ui.words import tr

log = logging.getLogger(__name__)

OpenLog = Callable[[Path], HistoryLog]


def open_history(path: Path) -> HistoryLog:
    return HistoryLog.open(path)


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

    # -- the log file -----------------------------------------------------------------------

    def _ensure_log(self) -> HistoryLog | None:
        """The open log, opening it now if needed; None (and a notice) when it cannot be."""
        if self.log is None and self.path is not None:
            try:
                self.log = self.open_log(self.path)
            except HistoryUnavailable as error:
                self.problem.emit(error.message)
            except Exception as error:  # the session must run whatever the log does
                log.exception("the history could not be opened")
                self.problem.emit(tr("The history could not be opened: {error}").format(
                    error=error))
        return self.log

    def close(self) -> None:
        self._detach()
        if self.log is not None:
            self.log.close()
            self.log = None

    # -- one run ----------------------------------------------------------------------------

    def begin(self, session: Session, timeline: Timeline) -> SessionRecorder:
        """Build the recorder for a run that is about to start; it hears every event."""
        self._detach()
        self.recorder = SessionRecorder(self._ensure_log(), session, timeline, self.clock_utc)
        self.adapter.add_listener(self._handle)
        return self.recorder

    def _handle(self, event: Event) -> None:
        recorder = self.recorder
        if recorder is None:
            return
        recorder.handle(event)
        if isinstance(event, SessionFinished):
            self._detach()
            if recorder.problem:
                self.problem.emit(recorder.problem)
            written = recorder.pending is None and recorder.log is not None
            if written:
                self.saved.emit()
            self.finished.emit(written)

    def _detach(self) -> None:
        self.adapter.remove_listener(self._handle)

    def set_feedback(self, pain_before: int | None, pain_after: int | None, note: str) -> bool:
        """Add the finish screen's answers to the last entry; True when they reached the file."""
        recorder = self.recorder
        if recorder is None or recorder.entry is None:
            return False
        recorder.set_feedback(pain_before, pain_after, note)
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
                return False, error.message
        if recorder.retry(self.log):
            self.saved.emit()
            return True, ""
        return False, recorder.problem or tr("The history could not be saved.")

    @property
    def pending(self) -> bool:
        """Whether the last entry is only in memory."""
        recorder = self.recorder
        return recorder is not None and recorder.entry is not None and (
            recorder.pending is not None or recorder.log is None)


class LogArea(QWidget):
    """The finish screen's history part: the form, then a line on whether the entry is saved.

    It hands the form's answers to ``session_log`` and offers "Save to history again" while
    the last entry is only in memory.
    """

    def __init__(self, session_log: SessionLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session_log = session_log
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
        row.addStretch(1)
        self.status = QLabel(self.status_row)
        self.status.setFont(font(16))
        self.status.setWordWrap(True)
        self.retry_button = QPushButton(tr("Save to history again"), self.status_row)
        self.retry_button.setFont(font(15))
        self.retry_button.setMinimumHeight(36)
        self.retry_button.clicked.connect(lambda _checked=False: self.retry())
        row.addWidget(self.status, 0)
        row.addWidget(self.retry_button)
        row.addStretch(1)
        column.addWidget(self.status_row)
        self.status_row.hide()
        self.form.submitted.connect(self._answered)
        self.form.skipped.connect(self._skipped)
        session_log.finished.connect(self._logged)

    def start_over(self) -> None:
        """A new session has ended: empty answers, the form showing, no status yet."""
        self.form.reset()
        self.form.show()
        self.status_row.hide()

    def keep_answers(self) -> None:
        """Leaving the finish screen (Enter, Back, Again, closing): answers given are saved."""
        if self.form.isHidden():
            return
        before, after, note = self.form.values()
        if before is not None or after is not None or note:
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

    def _answered(self, before: object, after: object, note: str) -> None:
        self.form.hide()
        pain_before = before if isinstance(before, int) else None
        pain_after = after if isinstance(after, int) else None
        if self.session_log.set_feedback(pain_before, pain_after, note):
            self._say(tr("Saved in your history."))
        elif self.session_log.pending:
            self._say(tr("Your answers are kept, but the history could not be saved."),
                      trouble=True)

    def _skipped(self) -> None:
        self.form.hide()
        if not self.session_log.pending:
            self._say(tr("Saved in your history."))

    def _say(self, text: str, *, trouble: bool = False) -> None:
        self.status.setText(text)
        colour = caution_colour(self) if trouble else muted(self)
        self.status.setStyleSheet(f"color: {colour.name()};")
        self.retry_button.setVisible(trouble)
        self.status_row.show()
