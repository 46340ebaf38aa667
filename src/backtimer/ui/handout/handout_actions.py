"""File ▸ Print handout… and Save handout as PDF…, for the session selected on the start screen
at the level picked there.

The layout is made on the GUI thread (a few tens of milliseconds of Qt text layout); the PDF's
bytes are then written to disk on a worker thread, so a slow or full disk never freezes the
window, and the result (saved, or why not) comes back to the notice strip. The file and printer
questions are replaceable calls (``HandoutPrompts``) that tests answer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QPageSize
from PySide6.QtWidgets import QFileDialog, QWidget

from backtimer.session.model import Exercise, Session
from backtimer.ui.common.file_folder import last_folder
from backtimer.ui.common.words import tr, write_failure_reason
from backtimer.ui.handout.handout_figures import figures_of
from backtimer.ui.handout.handout_pdf import MAX_PAGES, Handout, lay_out, pdf_bytes, print_to

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QMenu


def _pdf_path(parent: QWidget | None, suggested: str) -> Path | None:
    """The real save dialog, ``suggested`` in the folder last used or the home folder (a bare
    name would open it wherever the process was started)."""
    folder = last_folder()
    name, _ = QFileDialog.getSaveFileName(parent, tr("Save handout as PDF"),
                                          folder.start_in(suggested), tr("PDF files (*.pdf)"))
    if not name:
        return None
    path = Path(name)
    folder.remember(path)
    return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")


def _printer(parent: QWidget | None) -> QPrinter | None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Print handout"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer


@dataclass
class HandoutPrompts:
    """Where to save, and which printer: tests replace these with answers."""

    pdf_path: Callable[[QWidget | None, str], Path | None] = field(default=_pdf_path)
    printer: Callable[[QWidget | None], QPrinter | None] = field(default=_printer)


@dataclass(frozen=True)
class HandoutSource:
    """What the handout is made of, read when it is asked for."""

    session: Callable[[], Session | None]
    level: Callable[[], int]
    exercises: Callable[[], Mapping[str, Exercise]]
    prepare: Callable[[], float]


class HandoutActions(QObject):
    """The two File menu actions and what they do.

    Signals:
        notice(str): what happened (saved where, printed, or why not), for the notice strip.
        saved(str): a PDF was written to this path (after ``notice``).
    """

    notice = Signal(str)
    saved = Signal(str)

    def __init__(self, parent: QWidget, source: HandoutSource,
                 prompts: HandoutPrompts | None = None) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.source = source
        self.prompts = prompts or HandoutPrompts()
        self.print_action = QAction(tr("&Print handout…"), parent)
        self.print_action.triggered.connect(lambda _checked=False: self.print_handout())
        self.save_action = QAction(tr("Save handout as P&DF…"), parent)
        self.save_action.triggered.connect(lambda _checked=False: self.save_pdf())

    def add_to(self, menu: QMenu, before: QAction) -> None:
        menu.insertAction(before, self.print_action)
        menu.insertAction(before, self.save_action)
        menu.insertSeparator(before)

    def set_enabled(self, enabled: bool) -> None:
        self.print_action.setEnabled(enabled)
        self.save_action.setEnabled(enabled)

    def _session(self) -> Session | None:
        session = self.source.session()
        if session is None:
            self.notice.emit(tr("Select a session first, then print its handout."))
        return session

    def _lay_out(self, session: Session, paper: str) -> Handout:
        exercises = self.source.exercises()
        handout = lay_out(session, exercises, paper=paper, prepare=self.source.prepare(),
                          level=self.source.level(), figures=figures_of(exercises))
        if handout.pages > MAX_PAGES:
            self.notice.emit(tr("“{title}” is too long for {max} pages; its handout takes "
                                "{n}.").format(title=session.title, max=MAX_PAGES,
                                               n=handout.pages))
        return handout

    def save_pdf(self) -> None:
        session = self._session()
        if session is None:
            return
        path = self.prompts.pdf_path(self.parent_widget,
                                     str(Path.home() / f"{session.id}-handout.pdf"))
        if path is None:
            return
        handout = self._lay_out(session, "a4")
        data = pdf_bytes(handout, "a4", session.title)
        written = _Written(path)
        written.finished.connect(self._report)
        threading.Thread(target=written.write, args=(data,), name="handout-pdf",
                         daemon=True).start()

    def _report(self, path: str, error: object) -> None:
        if isinstance(error, OSError):
            self.notice.emit(tr("Could not save the handout: {reason}.").format(
                reason=write_failure_reason(Path(path), error)))
            return
        self.notice.emit(tr("Saved the handout to {path}.").format(path=path))
        self.saved.emit(path)

    def print_handout(self) -> None:
        session = self._session()
        if session is None:
            return
        printer = self.prompts.printer(self.parent_widget)
        if printer is None:
            return
        size = printer.pageLayout().pageSize().id()
        paper = "letter" if size == QPageSize.PageSizeId.Letter else "a4"
        handout = self._lay_out(session, paper)
        print_to(handout, printer, paper)
        self.notice.emit(tr("Sent the handout for “{title}” to the printer.").format(
            title=session.title))


class _Written(QObject):
    """Writes the PDF on a worker thread; ``finished`` comes back on the GUI thread.

    Signals:
        finished(str, object): the path, and the OSError that stopped it (None when written).
    """

    finished = Signal(str, object)

    def __init__(self, path: Path) -> None:
        super().__init__()  # lives on the GUI thread; its signal crosses back there
        self.path = path

    def write(self, data: bytes) -> None:
        from backtimer.store.atomic import write_atomic

        error: OSError | None = None
        try:
            write_atomic(self.path, data)
        except OSError as failure:
            error = failure
        self.finished.emit(str(self.path), error)
