"""Child process for the start-up benchmark: open a window, report when its first frame is painted.

    python -m benchmarks.probe app          # BackTimer, started exactly as ``backtimer`` starts
    python -m benchmarks.probe bare W H     # a bare PySide6 QWidget of the same size

It reports ``time.monotonic()`` (the system-wide monotonic clock, so the parent can subtract
the moment it started this process) once the first frame has been painted, and the resident
memory at that moment, then quits.

``app`` runs the real ``backtimer.app.run_app`` (paths, library, settings, cues, main window)
and only wraps ``MainWindow.show`` to watch the window's first paint, so nothing in the
start-up path is left out or done differently.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from benchmarks.common import report, rss_mb


class FirstPaint(QObject):
    """Reports once, right after the frame holding the window's first paint event is done."""

    def __init__(self, window: QWidget, what: str) -> None:
        super().__init__(window)
        self.what = what
        self.seen = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            # The children paint in the same frame; a zero timer runs once it is all done.
            QTimer.singleShot(0, self, self.done)
        return False

    def done(self) -> None:
        painted = time.monotonic()
        report({"what": self.what, "painted": painted, "rss_mb": rss_mb()})
        app = QApplication.instance()
        if app is not None:
            app.quit()


def run_app() -> int:
    from backtimer import app
    from backtimer.ui.shell import main_window

    original_show = main_window.MainWindow.show

    def show(self: Any) -> None:
        FirstPaint(self, "app")
        original_show(self)

    main_window.MainWindow.show = show  # type: ignore[method-assign]
    return app.run_app(None)


def run_bare(width: int, height: int) -> int:
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.setWindowTitle("bare")
    window.resize(width, height)
    FirstPaint(window, "bare")
    window.show()
    return app.exec()


def main(argv: list[str]) -> int:
    if argv[:1] == ["app"]:
        return run_app()
    if argv[:1] == ["bare"]:
        return run_bare(int(argv[1]), int(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
