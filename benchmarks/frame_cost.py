"""What one wake-up of a counting window costs: a plain frame and a step change, hot and cold.

    python -m benchmarks.frame_cost [--frames N] [--smoke]

The main window is built as ``backtimer`` builds it (offscreen, sounds off) on a fake clock,
and the drift benchmark's session (5 s holds, 3 s rests, the moving figure) is woken exactly
when the adapter's timer would wake it. Each wake is timed in CPU time (``process_time``) and
sorted into plain frames (the ring, the figure, the digits once a second) and step changes
(new texts, the column fitted again, the figure's first frames, the flash, the history
write). "Hot" wakes follow each other at once; "cold" ones come after a frame's time asleep
(``FRAME_SECONDS``), as they do while counting: caches go cold in between, so a cold frame
costs about twice a hot one.
The drift benchmark measures the whole process over real time; this tells where it goes.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from backtimer.ui.run.adapter import FRAME_SECONDS

COLD_PAUSE = FRAME_SECONDS  # seconds asleep before a cold wake: one frame's time


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="frame-cost-")
    os.environ["BACKTIMER_HOME"] = home
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    from backtimer.engine.clock import FakeClock
    from backtimer.store.library import Library
    from backtimer.store.paths import Paths
    from backtimer.store.settings import Settings, save_settings
    from backtimer.ui.shell.main_window import MainWindow
    from benchmarks.drift import MOVING_EXERCISE, session_yaml

    smoke = "--smoke" in argv
    frames = int(argv[argv.index("--frames") + 1]) if "--frames" in argv else (
        12 if smoke else 400)
    paths = Paths.from_environment()
    settings = Settings(safety_acknowledged=True, sounds=False)
    save_settings(paths.settings_file, settings)
    library = Library(paths)
    session_file = Path(home) / "frame-cost.yaml"
    # The drift benchmark's session, with reps enough for every wake asked for.
    session_file.write_text(session_yaml([MOVING_EXERCISE], "full").replace(
        "reps: 9", "reps: 90"), encoding="utf-8")
    session = library.resolve(str(session_file))
    clock = FakeClock()
    window = MainWindow(library, settings, paths, clock=clock)
    window.resize(1280, 800)
    window.show()
    for _ in range(20):
        app.processEvents()
    window.start_session(session)
    adapter = window.run.adapter

    def wake(pause: float) -> tuple[float, bool] | None:
        ms = adapter.wake_ms
        if ms is None:
            return None
        if pause:
            time.sleep(pause)
        runner = adapter.runner
        assert runner is not None
        before = runner.snapshot().index
        started = time.process_time()
        clock.advance(ms / 1000)
        adapter.tick()
        app.processEvents()
        return (time.process_time() - started) * 1000, runner.snapshot().index != before

    def measure(label: str, count: int, pause: float) -> None:
        plain: list[float] = []
        changes: list[float] = []
        for _ in range(count):
            result = wake(pause)
            if result is None:
                break
            (changes if result[1] else plain).append(result[0])
        line = f"{label}: plain frames {len(plain)}"
        if plain:
            line += f", median {statistics.median(plain):.2f} ms"
        line += f"; step changes {len(changes)}"
        if changes:
            line += f", median {statistics.median(changes):.2f} ms"
        print(line)

    for _ in range(8 if smoke else 40):  # past the first frames' drawing
        wake(0.0)
    measure("hot (back to back)", frames, 0.0)
    measure(f"cold ({COLD_PAUSE:.2f} s asleep before each)", max(4, frames // 5), COLD_PAUSE)
    window.run.adapter.stop()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
