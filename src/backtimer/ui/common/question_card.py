"""Questions as large cards inside the window, readable from the mat: ask, ask_text, tell.

A stock QMessageBox is small, its title elided by the window manager, and its buttons too small
to hit from the floor. A question card dims the window it belongs to and shows, in the middle,
a big title, the words and big buttons. It takes the keys while it is open: Enter answers with
the highlighted button, Esc with the cautious one, Tab and the arrow keys move between the
buttons (and the text field), and no key reaches the window's shortcuts behind it (Space does
not pause the session under a "Stop the session?" card).

Each function waits for the answer in a local event loop, as ``QDialog.exec`` does, so callers
read the answer as a return value. Callers keep these behind a replaceable function (the
window's ``ask_stop``, the editor's ``ask_discard``, ``Prompts`` and ``FilePrompts``) so tests
answer without a card.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backtimer.ui.common.theme import accent_colour, blend, caution_colour, font, readable_on
from backtimer.ui.common.words import tr

CARD_WIDTH = 760  # at most: lines stay short enough to read from a few metres
BACKDROP = QColor(0, 0, 0, 120)


class QuestionCard(QWidget):
    """A dimmed cover over ``host`` with a card: title, words, an optional field or details,
    and buttons (the last one is the default, the one Enter presses).

    Build it, ``open()`` it (not blocking) or ``exec()`` it (waits and returns the index of the
    button chosen; Esc or closing gives ``cancel``). ``field`` holds the text field when
    ``with_field`` was asked for.

    Signals:
        answered(int): the index of the button chosen (``cancel`` for Esc).
    """

    answered = Signal(int)

    def __init__(self, host: QWidget, title: str, text: str, buttons: list[str], *,
                 cancel: int = 0, default: int | None = None, danger: bool = False,
                 with_field: str | None = None, details: str = "") -> None:
        window = host.window()
        super().__init__(window)
        self.setObjectName("questionCover")
        self.cancel = cancel
        self.result = cancel
        self.answer_text = with_field or ""  # the field's text when the card was answered
        self._loop: QEventLoop | None = None
        self._host = window
        self._default = len(buttons) - 1 if default is None else default
        self._refocus = QApplication.focusWidget()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.card = QFrame(self)
        self.card.setObjectName("questionCard")
        self.card.setMaximumWidth(CARD_WIDTH)
        self.card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row.addWidget(self.card, 20)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)

        column = QVBoxLayout(self.card)
        column.setContentsMargins(32, 24, 32, 24)
        column.setSpacing(14)
        self.title = QLabel(title, self.card)
        self.title.setFont(font(30, QFont.Weight.Bold))
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.title)
        self.text = QLabel(text, self.card)
        self.text.setFont(font(20))
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setVisible(bool(text))
        column.addWidget(self.text)
        self.field: QLineEdit | None = None
        if with_field is not None:
            self.field = QLineEdit(with_field, self.card)
            self.field.setFont(font(22))
            self.field.setMinimumHeight(52)
            self.field.selectAll()
            self.field.returnPressed.connect(lambda: self.choose(self._default))
            column.addWidget(self.field)
        self.details: QPlainTextEdit | None = None
        if details:
            self.details = QPlainTextEdit(details, self.card)
            self.details.setReadOnly(True)
            mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
            mono.setPixelSize(16)
            self.details.setFont(mono)
            self.details.setMinimumHeight(60)
            self.details.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            column.addWidget(self.details, 1)

        line = QHBoxLayout()
        line.setSpacing(14)
        line.addStretch(1)
        self.buttons: list[QPushButton] = []
        for index, words in enumerate(buttons):
            button = QPushButton(words, self.card)
            button.setFont(font(20, QFont.Weight.DemiBold))
            button.setMinimumHeight(60)
            button.setMinimumWidth(140)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, i=index: self.choose(i))
            self.buttons.append(button)
            line.addWidget(button)
        column.addLayout(line)
        self._danger = danger
        self._restyle()
        window.installEventFilter(self)
        self.hide()

    # -- showing and answering --------------------------------------------------------------

    def open(self) -> None:
        """Cover the window and take the keys (returns at once; ``answered`` tells the end)."""
        self.setGeometry(self._host.rect())
        self.show()
        self.raise_()
        self._host.activateWindow()  # asked by a key or a click in it: the keys come here
        _application().installEventFilter(self)
        target = self.field if self.field is not None else self.buttons[self._default]
        target.setFocus(Qt.FocusReason.PopupFocusReason)

    def exec(self) -> int:
        """``open()``, then wait for the answer: the index of the button chosen."""
        self.open()
        # No parent: the loop must outlive the card's deletion, which waits for it to end.
        self._loop = QEventLoop()
        self._loop.exec()
        self._loop = None
        self.deleteLater()
        return self.result

    def choose(self, index: int) -> None:
        """Answer with button ``index`` (or ``cancel``) and close the card."""
        if not self.isVisible():
            return
        self.result = index
        if self.field is not None:
            self.answer_text = self.field.text()
        _application().removeEventFilter(self)
        self.hide()
        if self._refocus is not None:
            with contextlib.suppress(RuntimeError):  # deleted while the card was open
                self._refocus.setFocus()
        self.answered.emit(index)
        if self._loop is not None:
            self._loop.quit()  # exec() deletes the card once its loop has ended
        else:
            self.deleteLater()

    # -- keys and the window ----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._host:
            if kind == QEvent.Type.Resize:
                self.setGeometry(self._host.rect())
            elif kind in (QEvent.Type.Hide, QEvent.Type.Close):
                self.choose(self.cancel)  # the window went away: the cautious answer
            return False
        if not self.isVisible() or not isinstance(watched, QWidget):
            return False
        if kind == QEvent.Type.ShortcutOverride and (watched is self or self.isAncestorOf(watched)):
            event.accept()  # every key is the card's: no window shortcut fires behind it
            return False
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) and (
                watched is self or self.isAncestorOf(watched)):
            if kind == QEvent.Type.KeyRelease:  # a button clicks on Space's release
                return watched is not self.field
            assert isinstance(event, QKeyEvent)
            return self._key(watched, event)
        return False

    def _key(self, watched: QWidget, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.choose(self.cancel)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = watched if watched in self.buttons else None
            self.choose(self.buttons.index(focused) if isinstance(focused, QPushButton)
                        else self._default)
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            # Tab goes round the card's own field and buttons, never to the window behind.
            stops: list[QWidget] = [*([self.field] if self.field else []), *self.buttons]
            here = stops.index(watched) if watched in stops else -1
            step = -1 if key == Qt.Key.Key_Backtab else 1
            stops[(here + step) % len(stops)].setFocus(Qt.FocusReason.TabFocusReason)
            return True
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and watched in self.buttons:
            assert isinstance(watched, QPushButton)
            step = -1 if key == Qt.Key.Key_Left else 1
            index = (self.buttons.index(watched) + step) % len(self.buttons)
            self.buttons[index].setFocus(Qt.FocusReason.TabFocusReason)
            return True
        # Any other key on a button does nothing: Space (the pause key) must not press the
        # highlighted "Stop". The text field still takes what is typed.
        return watched is not self.field
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKDROP)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click on the dimmed window does nothing: the question is answered on the card."""

    # -- looks -------------------------------------------------------------------------------

    def _restyle(self) -> None:
        palette = self.window().palette()
        window = palette.window().color()
        text = palette.windowText().color()
        accent = caution_colour(self) if self._danger else accent_colour(self)
        soft = blend(text, window, 0.09)
        ring = blend(text, window, 0.85)
        self.card.setStyleSheet(
            f"#questionCard {{ background: {window.name()}; border-radius: 20px;"
            f" border: 1px solid {blend(text, window, 0.2).name()}; }}")
        for index, button in enumerate(self.buttons):
            back = accent if index == self._default else soft
            fore = readable_on(back) if index == self._default else text
            button.setStyleSheet(
                f"QPushButton {{ background: {back.name()}; color: {fore.name()};"
                f" border: 3px solid {back.name()}; border-radius: 14px; padding: 6px 26px; }}"
                f"QPushButton:focus {{ border: 3px solid {ring.name()}; }}"
                f"QPushButton:hover {{ background: {back.lighter(110).name()}; }}")


def _application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


# -- the three questions ----------------------------------------------------------------------

def ask(parent: QWidget, title: str, text: str, *, yes: str, no: str | None = None,
        danger: bool = False) -> bool:
    """A yes-or-no question; True when ``yes`` was chosen. Esc and ``no`` answer False."""
    card = QuestionCard(parent, title, text, [no or tr("Cancel"), yes], cancel=0, danger=danger)
    return card.exec() == 1


def ask_text(parent: QWidget, title: str, label: str, text: str = "", *,
             ok: str | None = None) -> str | None:
    """A line of text (a new title); None when cancelled."""
    card = QuestionCard(parent, title, label, [tr("Cancel"), ok or tr("OK")], cancel=0,
                        with_field=text)
    return card.answer_text if card.exec() == 1 else None


def tell(parent: QWidget, title: str, text: str, details: str = "") -> None:
    """A report (an import's result, a file that could not be read), with one OK button."""
    QuestionCard(parent, title, text, [tr("OK")], cancel=0, details=details).exec()
