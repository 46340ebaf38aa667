"""The start screen: pick a session, see what is in it, start.

Signals:
    start_requested(object): the ``Session`` to run (Start button, double-click, or Enter).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backtimer.session.durations import format_clock
from backtimer.session.model import Session
from backtimer.session.timeline import StepKind
from backtimer.store.library import Library
from backtimer.ui.controls import BigButton
from backtimer.ui.items_view import SessionItemsView
from backtimer.ui.session_list import SessionCardDelegate, SessionListModel
from backtimer.ui.theme import accent_colour, caution_colour, font, muted
from backtimer.ui.words import tr


class StartScreen(QWidget):
    start_requested = Signal(object)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.model = SessionListModel(library, self)
        self._build()
        if self.model.rowCount() > 0:
            self.select(0)

    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(36, 28, 36, 32)
        outer.setSpacing(40)

        left = QVBoxLayout()
        left.setSpacing(6)
        heading = QLabel(tr("Sessions"), self)
        heading.setFont(font(30, QFont.Weight.Bold))
        hint = QLabel(tr("Choose one, then press Start."), self)
        hint.setFont(font(16))
        hint.setStyleSheet(f"color: {muted(self).name()};")
        left.addWidget(heading)
        left.addWidget(hint)
        left.addSpacing(14)
        self.list_view = QListView(self)
        self.list_view.setModel(self.model)
        self.list_view.setItemDelegate(SessionCardDelegate(self, self.list_view))
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.setFrameShape(QFrame.Shape.NoFrame)
        self.list_view.setMouseTracking(True)
        self.list_view.setSpacing(1)
        self.list_view.setAttribute(Qt.WidgetAttribute.WA_MacShowFocusRect, False)
        self.list_view.viewport().setAutoFillBackground(False)
        self.list_view.doubleClicked.connect(self._on_double_click)
        selection = self.list_view.selectionModel()
        selection.selectionChanged.connect(self._on_selection)
        left.addWidget(self.list_view, 1)
        outer.addLayout(left, 42)

        right = QVBoxLayout()
        right.setSpacing(0)
        self.title_label = QLabel(self)
        self.title_label.setFont(font(34, QFont.Weight.Bold))
        self.title_label.setWordWrap(True)
        self.total_label = QLabel(self)
        self.total_label.setFont(font(18, QFont.Weight.DemiBold))
        self.summary_label = QLabel(self)
        self.summary_label.setFont(font(17))
        self.summary_label.setWordWrap(True)
        self.problem_label = QLabel(self)
        self.problem_label.setFont(font(16))
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right.addSpacing(6)
        right.addWidget(self.title_label)
        right.addSpacing(8)
        right.addWidget(self.total_label)
        right.addSpacing(14)
        right.addWidget(self.summary_label)
        right.addWidget(self.problem_label)
        right.addSpacing(22)

        self.items_view = SessionItemsView(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.items_view)
        scroll.setStyleSheet("QScrollArea { background: transparent; }")
        scroll.viewport().setAutoFillBackground(False)
        self.items_view.setAutoFillBackground(False)
        self.items_scroll = scroll
        right.addWidget(scroll, 1)
        right.addSpacing(20)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.start_button = BigButton(tr("Start"), "play", self, primary=True,
                                      shortcut_hint=tr("Enter"))
        self.start_button.set_scale(24)
        self.start_button.setMinimumWidth(260)
        self.start_button.clicked.connect(self.request_start)
        buttons.addWidget(self.start_button)
        right.addLayout(buttons)
        outer.addLayout(right, 58)
        self._colour()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour()

    def _colour(self) -> None:
        self.total_label.setStyleSheet(f"color: {accent_colour(self).name()};")
        self.summary_label.setStyleSheet(f"color: {muted(self, 0.75).name()};")
        self.problem_label.setStyleSheet(f"color: {caution_colour(self).name()};")
        self.start_button.restyle()

    # -- selection ------------------------------------------------------------------------------

    def select(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.list_view.setCurrentIndex(index)

    def select_id(self, session_id: str) -> bool:
        row = self.model.row_of(session_id)
        if row >= 0:
            self.select(row)
        return row >= 0

    def selected_session(self) -> Session | None:
        row = self.model.row_at(self.list_view.currentIndex().row())
        return row.session if row else None

    def reload(self) -> None:
        """Re-read the list after the library changed, keeping the selection where possible."""
        current = self.model.row_at(self.list_view.currentIndex().row())
        self.model.reload(self.library)
        if not (current and self.select_id(current.entry.id)) and self.model.rowCount():
            self.select(0)

    def _on_selection(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        self._show_row(self.list_view.currentIndex().row())

    def _show_row(self, number: int) -> None:
        row = self.model.row_at(number)
        if row is None:
            return
        self.title_label.setText(row.entry.title)
        session = row.session
        if session is None:
            self.total_label.setText("")
            self.summary_label.setText("")
            self.problem_label.setText(
                row.problem + "\n" + tr("File: {path}").format(path=row.entry.path)
            )
            self.problem_label.show()
            self.items_view.show_session(None, None, self.library.exercises)
            self.start_button.setEnabled(False)
            return
        timeline = self.library.timeline(session)
        total = format_clock(timeline.total_seconds)
        exercises = len(session.items)
        text = tr("{t} in total  ·  {n} exercises").format(t=total, n=exercises)
        if exercises == 1:
            text = tr("{t} in total  ·  1 exercise").format(t=total)
        if any(step.kind is StepKind.SELF_PACED for step in timeline.steps):
            text += "  ·  " + tr("some reps at your own pace")
        self.total_label.setText(text)
        self.summary_label.setText(session.summary or "")
        self.summary_label.setVisible(bool(session.summary))
        self.problem_label.hide()
        self.items_view.show_session(session, timeline, self.library.exercises)
        self.start_button.setEnabled(True)

    # -- starting -------------------------------------------------------------------------------

    def _on_double_click(self, index: QModelIndex) -> None:
        self.select(index.row())
        self.request_start()

    def request_start(self) -> None:
        session = self.selected_session()
        if session is not None:
            self.start_requested.emit(session)
