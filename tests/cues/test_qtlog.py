"""Quieting Qt's chatter never installs a Python message handler (issue 9: start-up deadlock).

Qt raises those messages while the dynamic loader holds its lock; a Python handler then needs
the GIL, which a worker waiting for the same lock may hold. Logging rules are applied in C++.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler, qWarning

from backtimer.cues.qtlog import quiet_qt_messages


def current_handler() -> Any:
    handler = qInstallMessageHandler(None)
    qInstallMessageHandler(handler)
    return handler


def test_quiet_messages_keep_the_handler_and_drop_the_chatter() -> None:
    heard: list[str] = []

    def recorder(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        heard.append(message)

    previous = qInstallMessageHandler(recorder)
    try:
        with quiet_qt_messages():
            inside = current_handler()
            qWarning("Couldn't load pipewire-0.3 library")
        qWarning("after the block")
    finally:
        qInstallMessageHandler(previous)
    assert inside is recorder  # no handler of its own swapped in while libraries load
    assert heard == ["after the block"]
