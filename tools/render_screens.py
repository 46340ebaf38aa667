"""Render the start, session (hold, rest, self-paced) and finish screens to PNG at 1280x800.

    python tools/render_screens.py [OUT_DIR] [--dark] [--size WxH] [--extra]

Runs offscreen with a fake clock, so the pictures show exact moments and never wait. Writes
into docs/ by default; ``--dark`` renders with a dark palette too (``*-dark.png``), to check
that every colour reads on both. ``--size 784x452`` renders at another window size (the names
then end in ``-784x452``); ``--extra`` adds the finish screen after Save, a question card and
the history window, to look at (not for the README).
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from backtimer.engine.clock import FakeClock
from backtimer.session.timeline import StepKind
from backtimer.store.library import Library
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings
from backtimer.ui.shell.main_window import MainWindow

SIZE = (1280, 800)


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#1e2024",
        QPalette.ColorRole.WindowText: "#e8e9eb",
        QPalette.ColorRole.Base: "#17191c",
        QPalette.ColorRole.AlternateBase: "#24272b",
        QPalette.ColorRole.Text: "#e8e9eb",
        QPalette.ColorRole.Button: "#2a2d32",
        QPalette.ColorRole.ButtonText: "#e8e9eb",
        QPalette.ColorRole.Highlight: "#3d8bfd",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#2a2d32",
        QPalette.ColorRole.ToolTipText: "#e8e9eb",
        QPalette.ColorRole.Mid: "#3a3d42",
        QPalette.ColorRole.PlaceholderText: "#8d9197",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    return palette


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def advance_to(window: MainWindow, clock: FakeClock, kind: StepKind, *, into: float,
               nth: int = 1) -> None:
    """Move the fake clock to ``into`` seconds into the ``nth`` step of ``kind``."""
    timeline = window.run.adapter.timeline
    assert timeline is not None
    start = 0.0
    seen = 0
    for step in timeline.steps:
        if step.kind is kind:
            seen += 1
            if seen == nth:
                break
        start += step.seconds or 0.0
    snapshot = window.run.adapter.snapshot()
    assert snapshot is not None
    run_for(window, clock, start + into - snapshot.session_elapsed)


def run_for(window: MainWindow, clock: FakeClock, seconds: float) -> None:
    """Let ``seconds`` pass in half-second ticks, as the window's timer would."""
    while seconds > 1e-9:
        step = min(0.5, seconds)
        clock.advance(step)
        window.run.adapter.tick()
        window.run.session_screen.figure_view.refresh()  # the frame the figure's timer would draw
        seconds -= step


def render(out: Path, suffix: str, app: QApplication, size: tuple[int, int] = SIZE,
           extra: bool = False) -> list[Path]:
    home = Path(tempfile.mkdtemp(prefix="backtimer-render-"))
    paths = Paths(home / "config", home / "data")
    library = Library(paths)
    clock = FakeClock()
    window = MainWindow(library, Settings(safety_acknowledged=True, flash=False), paths,
                        clock=clock, ask_stop=lambda _parent: True)
    window.resize(*size)
    window.show()
    settle(app)
    written: list[Path] = []

    def shot(name: str) -> None:
        settle(app)
        path = out / f"{name}{suffix}.png"
        window.grab().save(str(path))
        written.append(path)

    # The start screen as a person sees it mid-adjustment: one session kept as their own
    # version (its tag in the list), and a hold being changed in another before Start.
    store = window.store
    march = library.resolve("bird-dog-dead-bug")
    first = march.items[0]
    changed = replace(first, dose=replace(first.dose, hold=(first.dose.hold or 0) + 5))
    store.save(replace(march, items=(changed, *march.items[1:])))
    window.start_screen.reload()
    window.start_screen.select_id("core-strengthening")
    card = window.start_screen.panel.items.card(1).item_fields
    if card.hold is not None:
        card.hold.setValue(round(card.hold.value()) + 5)
    shot("start")
    window.start_session(library.resolve("side-plank-intervals"))
    advance_to(window, clock, StepKind.HOLD, into=3.4, nth=3)
    window.run.flash_overlay.hide()
    shot("session-hold")
    advance_to(window, clock, StepKind.REST, into=1.2, nth=3)
    shot("session-rest")
    window.show_start()
    window.start_session(library.resolve("daily-routine"))
    advance_to(window, clock, StepKind.TRANSITION, into=4.0, nth=3)
    shot("session-next-up")
    window.show_start()
    window.start_session(library.resolve("strength-basics"))
    timeline = window.run.adapter.timeline
    assert timeline is not None
    if any(step.kind is StepKind.SELF_PACED for step in timeline.steps):
        advance_to(window, clock, StepKind.SELF_PACED, into=2.0)
        shot("session-own-pace")
    window.show_start()
    window.start_session(library.resolve("side-plank-intervals"))
    run_for(window, clock, 150.0)
    window.run.adapter.skip()
    window.run.adapter.skip()
    run_for(window, clock, 400.0)
    shot("finish")
    if extra:
        written += render_extra(window, out, suffix, app)
    window.close()
    return written


def render_extra(window: MainWindow, out: Path, suffix: str, app: QApplication) -> list[Path]:
    """The finish screen after Save, a question card over a session, and the history."""
    from backtimer.store.history import HistoryLog
    from backtimer.ui.common.question_card import QuestionCard
    from backtimer.ui.history.history_view import HistoryView

    written: list[Path] = []

    def save(widget: QWidget, name: str) -> None:
        settle(app)
        path = out / f"{name}{suffix}.png"
        widget.grab().save(str(path))
        written.append(path)

    window.run.log_area.form.before.button(4).click()
    window.run.log_area.form.save_button.click()
    while window.run.session_log.busy:  # saved on the log's worker thread: wait for its answer
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    save(window, "finish-saved")
    window.show_start()
    card = QuestionCard(window, "Stop the session?", "What you have done so far is kept.",
                        ["Keep going", "Stop"], danger=True)
    card.open()
    save(window, "question")
    card.choose(0)
    assert window.paths is not None
    log = HistoryLog.open(window.paths.history_file)
    view = HistoryView(log)
    view.resize(window.size())
    view.show()
    save(view, "history-window")
    view.close()
    log.close()
    return written


def main(argv: list[str]) -> int:
    size_value = argv[argv.index("--size") + 1] if "--size" in argv else None
    args = [a for a in argv if not a.startswith("--") and a != size_value]
    out = Path(args[0]) if args else Path(__file__).resolve().parents[1] / "docs"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    size, name = SIZE, ""
    if "--size" in argv:
        text = argv[argv.index("--size") + 1]
        width, height = (int(part) for part in text.split("x"))
        size, name = (width, height), f"-{width}x{height}"
    extra = "--extra" in argv
    written = render(out, name, app, size, extra)
    if "--dark" in argv:
        app.setPalette(dark_palette())
        written += render(out, f"-dark{name}", app, size, extra)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
