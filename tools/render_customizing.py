"""Render the customizing dialogs to PNG, offscreen, to look at them (docs/editor.png, ...).

Usage: python tools/render_customizing.py [OUT_DIR]   (default: docs/)
Uses a throwaway BACKTIMER_HOME, so the real user's files are never touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    out.mkdir(parents=True, exist_ok=True)
    os.environ["BACKTIMER_HOME"] = tempfile.mkdtemp(prefix="backtimer-render-")
    from PySide6.QtWidgets import QApplication

    from backtimer.store.library import Library
    from backtimer.store.paths import Paths
    from backtimer.store.settings import Settings
    from backtimer.store.user_sessions import UserSessions
    from backtimer.ui.library.editor import SessionEditorDialog
    from backtimer.ui.settings.settings_dialog import SettingsDialog

    app = QApplication([])
    paths = Paths.from_environment()
    store = UserSessions(Library(paths))
    editor = SessionEditorDialog(store, store.library.resolve("gentle-sciatica"))
    editor.resize(1040, 720)
    settings = SettingsDialog(paths.settings_file, Settings())
    for widget, name in ((editor, "editor.png"), (settings, "settings.png")):
        widget.show()
        app.processEvents()
        widget.grab().save(str(out / name))
        print(out / name)


if __name__ == "__main__":
    main()
