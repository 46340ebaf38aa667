"""Composition root: paths, settings, library, cues and the window, built once, in order.

Nothing else creates folders or reads the environment; every part gets what it needs from here.
"""

from __future__ import annotations

import logging
import sys

from backtimer.session.model import Session
from backtimer.session.problems import ProblemsError
from backtimer.store.library import Library, UnknownSessionError
from backtimer.store.paths import Paths
from backtimer.store.settings import load_settings

log = logging.getLogger(__name__)


def _resolve(library: Library, ref: str) -> Session | None:
    """The session named on the command line, or None after printing why it cannot run."""
    try:
        return library.resolve(ref)
    except UnknownSessionError as error:
        print(f"backtimer: {error.args[0]}", file=sys.stderr)
    except ProblemsError as error:
        for problem in error.problems:
            print(str(problem), file=sys.stderr)
    return None


def run_app(session_ref: str | None) -> int:
    """Open the window (and start ``session_ref`` at once when given); returns the exit code."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    paths = Paths.from_environment()
    loaded = load_settings(paths.settings_file)
    for problem in loaded.problems:
        log.warning("%s", problem)
    # The window keeps ``default_prepare`` in step with the settings from here on.
    library = Library(paths, default_prepare=loaded.settings.default_prepare)
    session = None
    if session_ref is not None:
        session = _resolve(library, session_ref)
        if session is None:
            return 1

    from PySide6.QtWidgets import QApplication

    from backtimer.cues.factory import create_cues
    from backtimer.ui.icons import app_icon
    from backtimer.ui.main_window import MainWindow, deferred

    QApplication.setApplicationName("BackTimer")
    QApplication.setDesktopFileName("backtimer")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    app.setWindowIcon(app_icon())
    window = MainWindow(library, loaded.settings, paths)
    cues = create_cues(loaded.settings, window, exercises=library.exercises)
    window.attach_cues(cues)
    window.show()
    if session is not None:
        chosen = session
        window.start_screen.select_id(chosen.id)
        deferred(window, lambda: window.start_session(chosen))
    try:
        return app.exec()
    finally:
        cues.close()
