"""Desktop notifications (``desktop-notifier``: freedesktop notifications over D-Bus on Linux,
the native service elsewhere), on a thread of their own. No Qt.

Talking to D-Bus can wait: a bus that is slow, a notification service that never answers. So
none of it happens on the GUI thread: ``DesktopNotes`` runs its own asyncio loop on its own
thread, and ``notify`` only hands it a job. The job first runs ``wanted`` there too (the
reminder asks the history log whether today's session is done, a read from disk), then sends.

What comes back is reported through the callbacks given at construction, called on the notes
thread (the Qt side re-emits them as queued signals):

- ``on_action(key, action)``: the person clicked the notification (``START``) or one of its
  buttons (``START``, ``SNOOZE_SHORT``, ``SNOOZE_LONG``);
- ``on_shown(key)``: the service took it (clicks on it can come from now on);
- ``on_failed(key, reason)``: it could not be shown (no session bus, no notification service,
  the library missing); the caller falls back to the tray or the window.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

START = "start"
SNOOZE_SHORT = "snooze-short"  # 10 minutes
SNOOZE_LONG = "snooze-long"  # 1 hour
CONNECT_TIMEOUT = 5.0  # seconds to reach the notification service before falling back


@dataclass(frozen=True)
class Note:
    """One notification: what it says and what its buttons say (translated by the caller)."""

    key: str  # the caller's name for it, handed back with actions and failures
    title: str
    body: str
    start: str  # the Start button
    snooze_short: str
    snooze_long: str


class DesktopNotes:
    """Sends notifications from a thread with its own event loop; see the module docstring."""

    def __init__(self, app_name: str, *, on_action: Callable[[str, str], None],
                 on_failed: Callable[[str, str], None],
                 on_shown: Callable[[str], None] = lambda _key: None, icon: Path | None = None,
                 timeout: float = CONNECT_TIMEOUT) -> None:
        self.app_name = app_name
        self.icon = icon
        self.timeout = timeout
        self._on_action = on_action
        self._on_failed = on_failed
        self._on_shown = on_shown
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._notifier: Any = None

    def start(self) -> None:
        """Start the thread and its loop (once)."""
        if self._thread is not None:
            return
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._thread = threading.Thread(target=loop.run_forever, name="backtimer-notes",
                                        daemon=True)
        self._thread.start()

    def notify(self, note: Note, wanted: Callable[[], bool] = lambda: True) -> None:
        """Show ``note`` unless ``wanted()`` (run on the notes thread) says no. Never waits."""
        self.start()
        assert self._loop is not None
        asyncio.run_coroutine_threadsafe(self._deliver(note, wanted), self._loop)

    def close(self, wait: float = 1.0) -> None:
        """Stop the loop and let the thread end (a daemon: a hung bus never holds up exit)."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        loop.call_soon_threadsafe(loop.stop)
        thread.join(wait)
        self._loop = self._thread = None

    # -- on the notes thread -------------------------------------------------------------------

    async def _deliver(self, note: Note, wanted: Callable[[], bool]) -> None:
        try:
            if not wanted():
                return
        except Exception:  # a check that failed: remind rather than stay silent
            log.exception("checking whether a reminder is still wanted failed")
        try:
            shown = await asyncio.wait_for(self._send(note), self.timeout)
        except Exception as error:  # no bus, no service, a service that never answered
            log.info("desktop notification failed: %r", error)
            self._notifier = None  # try afresh next time: the service may have started
            self._failed(note.key, _reason(error))
            return
        if not shown:
            self._failed(note.key, "the notification service did not show it")
            return
        try:
            self._on_shown(note.key)
        except Exception:
            log.exception("a notification's listener failed")

    async def _send(self, note: Note) -> bool:
        from desktop_notifier import Button, DesktopNotifier, Icon, Notification

        if self._notifier is None:
            icon = Icon(path=self.icon) if self.icon is not None else None
            self._notifier = DesktopNotifier(app_name=self.app_name, app_icon=icon)
        notifier = self._notifier
        await notifier.get_capabilities()  # raises when there is no service to talk to
        dispatched: list[bool] = []

        def act(action: str) -> Callable[[], None]:
            return lambda: self._act(note.key, action)

        notification = Notification(
            title=note.title, message=note.body,
            buttons=(Button(title=note.start, on_pressed=act(START)),
                     Button(title=note.snooze_short, on_pressed=act(SNOOZE_SHORT)),
                     Button(title=note.snooze_long, on_pressed=act(SNOOZE_LONG))),
            on_clicked=act(START), on_dispatched=lambda: dispatched.append(True),
        )
        await notifier.send_notification(notification)
        return bool(dispatched)

    def _act(self, key: str, action: str) -> None:
        try:
            self._on_action(key, action)
        except Exception:  # a listener's fault must not end the notes thread
            log.exception("a notification action's listener failed")

    def _failed(self, key: str, reason: str) -> None:
        try:
            self._on_failed(key, reason)
        except Exception:
            log.exception("a notification failure's listener failed")


def _reason(error: BaseException) -> str:
    if isinstance(error, ImportError):
        return "the desktop-notifier package is not installed"
    if isinstance(error, TimeoutError):
        return "the notification service did not answer"
    return "no notification service on the session bus"
