"""Run the real app (``backtimer start FILE``) in this process and quit once the session is over.

The freeze tests start this as a subprocess, with the environment they want to attack
(``BACKTIMER_HOME``, ``SPEECHD_ADDRESS``, CPU load...), and read its output line by line:

    step N            each step as it starts (N counts from 0)
    finished          the session is over
    problem TEXT      each problem the cues report (``Cues.problem_found``)
    notices JSON      at the end: every text the window's notice bar showed

It quits by itself after the session finished, or, with ``--wait-for-voice-problem``, once the
session finished and the voice reported a problem. It is not a test module (no ``test_``
prefix): it only hooks the window from outside, so the app runs exactly as a person's would.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from backtimer.app import run_app
from backtimer.engine.events import Event, SessionFinished, StepStarted
from backtimer.ui.shell.main_window import MainWindow


def say(line: str) -> None:
    print(line, flush=True)


def main(argv: list[str]) -> int:
    session_file = argv[0]
    wait_for_voice = "--wait-for-voice-problem" in argv
    state = {"finished": False, "voice_problems": 0}
    windows: list[MainWindow] = []

    def maybe_quit() -> None:
        if state["finished"] and (state["voice_problems"] or not wait_for_voice):
            QTimer.singleShot(0, quit_app)

    def quit_app() -> None:
        for window in windows:
            say("notices " + json.dumps(window.notice_bar.texts()))
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def heard(event: Event) -> None:
        if isinstance(event, StepStarted):
            say(f"step {event.index}")
        elif isinstance(event, SessionFinished):
            say("finished")
            state["finished"] = True
            maybe_quit()

    def problem(text: str) -> None:
        say(f"problem {text}")
        if text.startswith("Spoken cues"):
            state["voice_problems"] += 1
        maybe_quit()

    original_init = MainWindow.__init__
    original_attach = MainWindow.attach_cues

    def init(self: MainWindow, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        windows.append(self)
        self.run.adapter.add_listener(heard)

    def attach(self: MainWindow, cues: Any) -> None:
        original_attach(self, cues)
        for text in cues.problems():
            problem(text)
        cues.problem_found.connect(problem)

    MainWindow.__init__ = init  # type: ignore[method-assign]
    MainWindow.attach_cues = attach  # type: ignore[method-assign]
    return run_app(session_file)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
