"""My sessions: every session in one list, with new, edit, duplicate, rename, delete and reset.

A deleted session (or a reset customization) can be brought back with Undo until the next
change, so deleting needs no "are you sure?". A file that no longer validates is listed with
its first problem and can be repaired in a text editor that checks on save, or deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backtimer.session.durations import format_clock
from backtimer.session.model import DEFAULT_PREPARE, Session
from backtimer.session.problems import ProblemsError
from backtimer.store.library import Origin, SessionEntry
from backtimer.store.user_sessions import DeletedFile, UserFileError, UserSessions
from backtimer.ui.common.question_card import ask_text
from backtimer.ui.common.screen_fit import fit_to_screen
from backtimer.ui.common.undo_strip import UndoStrip
from backtimer.ui.common.words import exercises_text, failure_text, tr
from backtimer.ui.library.editor import SessionEditorDialog
from backtimer.ui.library.repair_dialog import RepairDialog


def _ask_text(parent: QWidget, title: str, label: str, text: str) -> str | None:
    return ask_text(parent, title, label, text, ok=tr("Rename"))


@dataclass
class Prompts:
    """The questions this dialog asks; tests replace them with answers."""

    ask_text: Callable[[QWidget, str, str, str], str | None] = field(default=_ask_text)


class MySessionsDialog(QDialog):
    """The list of sessions and what can be done with each.

    Signals:
        sessions_changed(): the library was changed and reloaded; lists elsewhere refresh.
    """

    sessions_changed = Signal()

    def __init__(self, store: UserSessions, *, prompts: Prompts | None = None,
                 default_prepare: float = DEFAULT_PREPARE, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.prompts = prompts or Prompts()
        self.default_prepare = default_prepare
        self.editor: SessionEditorDialog | None = None
        self.repair: RepairDialog | None = None
        self._deleted: DeletedFile | None = None
        self.setWindowTitle(tr("My sessions"))

        self.list = QListWidget(self)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons: dict[str, QPushButton] = {}
        column = QVBoxLayout()
        for key, text in (
            ("new", tr("New…")), ("edit", tr("Edit…")), ("duplicate", tr("Duplicate")),
            ("rename", tr("Rename…")), ("delete", tr("Delete")),
            ("reset", tr("Reset to original")), ("repair", tr("Repair…")),
        ):
            button = QPushButton(text, self)
            button.setAutoDefault(False)
            self.buttons[key] = button
            column.addWidget(button)
        column.addStretch(1)

        self.undo_bar = UndoStrip(self)
        self.undo_label = self.undo_bar.label
        self.undo_button = self.undo_bar.button
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.message.hide()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)

        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.details)
        top.addLayout(left, 1)
        top.addLayout(column)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.message)
        layout.addWidget(close)

        close.rejected.connect(self.reject)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.list.itemDoubleClicked.connect(lambda _item: self.edit())
        actions: dict[str, Callable[[], None]] = {
            "new": self.new, "edit": self.edit, "duplicate": self.duplicate,
            "rename": self.rename, "delete": self.delete, "reset": self.reset,
            "repair": self.open_repair,
        }
        for key, action in actions.items():
            self.buttons[key].clicked.connect(action)
        self.undo_bar.undo_clicked.connect(self.undo)
        self.refresh()
        fit_to_screen(self, 640, 460)  # or less, to fit a small screen

    # -- the list

    def refresh(self, select: str | None = None) -> None:
        select = select or self.current_id()
        self.list.clear()
        for entry in self.store.library.entries.values():
            item = QListWidgetItem(self._label(entry), self.list)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            if not entry.valid:
                item.setForeground(QBrush(Qt.GlobalColor.darkRed))
            if entry.id == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _label(self, entry: SessionEntry) -> str:
        if not entry.valid:
            first = entry.problems[0].message if entry.problems else ""
            return tr("⚠ {id} — cannot be used: {problem}").format(id=entry.id, problem=first)
        tag = {Origin.BUILTIN: "", Origin.CUSTOMIZED: tr("  (customized)"),
               Origin.USER: tr("  (yours)")}[entry.origin]
        return f"{entry.title}{tag}"

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def current(self) -> SessionEntry | None:
        sid = self.current_id()
        return None if sid is None else self.store.library.entries.get(sid)

    def select(self, session_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == session_id:
                self.list.setCurrentRow(row)

    def _update_buttons(self) -> None:
        entry = self.current()
        valid = entry is not None and entry.valid
        origin = entry.origin if entry is not None else None
        self.buttons["edit"].setEnabled(valid)
        self.buttons["duplicate"].setEnabled(valid)
        self.buttons["rename"].setEnabled(valid)
        self.buttons["delete"].setEnabled(origin is Origin.USER)
        self.buttons["reset"].setEnabled(origin is Origin.CUSTOMIZED)
        self.buttons["repair"].setEnabled(entry is not None and not entry.valid
                                          and origin is not Origin.BUILTIN)
        self.details.setText(self._details(entry))

    def _details(self, entry: SessionEntry | None) -> str:
        if entry is None:
            return ""
        if entry.session is None:
            return "\n".join(str(p) for p in entry.problems)
        timeline = self.store.library.timeline(entry.session, prepare=self.default_prepare)
        total = format_clock(timeline.total_seconds)
        words = {Origin.BUILTIN: tr("Built in"),
                 Origin.CUSTOMIZED: tr("Your version of a built-in session"),
                 Origin.USER: tr("Your own session")}[entry.origin]
        return tr("{kind} · {exercises} · {total}").format(
            kind=words, exercises=exercises_text(len(entry.session.items)), total=total)

    # -- actions

    def new(self) -> None:
        self._open_editor(None)

    def edit(self) -> None:
        entry = self.current()
        if entry is not None and entry.session is not None:
            self._open_editor(entry.session)

    def _open_editor(self, session: Session | None) -> None:
        self.editor = SessionEditorDialog(self.store, session,
                                          default_prepare=self.default_prepare, parent=self)
        self.editor.saved.connect(lambda entry: self._changed(entry.id))
        # A new or changed exercise may make a session that uses it load (or read anew).
        self.editor.exercises_changed.connect(lambda _e: self._changed(self.current_id() or ""))
        self.editor.open()  # window-modal, not blocking: the event loop keeps running

    def duplicate(self) -> None:
        entry = self.current()
        if entry is None or entry.session is None:
            return
        title = tr("{title} (copy)").format(title=entry.title)
        self._run(lambda: self._changed(self.store.duplicate(entry.id, title).id))

    def rename(self) -> None:
        entry = self.current()
        if entry is None or entry.session is None:
            return
        title = self.prompts.ask_text(self, tr("Rename session"), tr("New title:"), entry.title)
        if title is None or not title.strip() or title.strip() == entry.title:
            return
        self._run(lambda: self._changed(self.store.rename(entry.id, title.strip()).id))

    def delete(self) -> None:
        entry = self.current()
        if entry is not None and entry.origin is Origin.USER:
            self._remove(entry, tr("Deleted “{title}”.").format(title=entry.title))

    def reset(self) -> None:
        entry = self.current()
        if entry is not None and entry.origin is Origin.CUSTOMIZED:
            self._remove(entry, tr("“{title}” is back to the original.").format(
                title=entry.original.title if entry.original else entry.id))

    def _remove(self, entry: SessionEntry, words: str) -> None:
        def remove() -> None:
            self._deleted = self.store.delete(entry.id)
            self.undo_bar.offer(words)
            self._changed(entry.id)

        self._run(remove, keep_undo=True)

    def undo(self) -> None:
        deleted = self._deleted
        if deleted is None:
            return

        def restore() -> None:
            self.store.restore(deleted)
            self._changed(deleted.session_id)

        self._run(restore)

    def open_repair(self) -> None:
        entry = self.current()
        if entry is None or entry.valid:
            return
        self.repair = RepairDialog(self.store, entry.id, self)
        self.repair.repaired.connect(lambda fixed: self._changed(fixed.id))
        self.repair.open()

    def _run(self, action: Callable[[], object], *, keep_undo: bool = False) -> None:
        """Run one change; a failure is shown in the dialog, with nothing changed on disk."""
        if not keep_undo:
            self._deleted = None
            self.undo_bar.withdraw()
        try:
            action()
        except (UserFileError, ProblemsError, ValueError) as error:
            self.message.setText(failure_text(error))
            self.message.show()
            return
        self.message.hide()

    def _changed(self, select: str) -> None:
        self.refresh(select)
        self.sessions_changed.emit()
