"""A stand-in freedesktop notification service on a private D-Bus session bus, for tests.

It records every ``Notify`` call and can emit ``ActionInvoked`` as a notification daemon does
when the person clicks a notification or one of its buttons. ``private_bus()`` starts a
``dbus-daemon`` of the test's own (so parallel tests never share a service name) and stops it
by its pid; without ``dbus-daemon`` the caller skips.

(No ``from __future__ import annotations`` here: dbus-fast reads the D-Bus signatures from the
annotations as written.)
"""

import asyncio
import contextlib
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method, signal

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


@dataclass
class Sent:
    """One ``Notify`` call as the service received it."""

    id: int
    app_name: str
    summary: str
    body: str
    actions: list[str]

    def action_keys(self) -> dict[str, str]:
        """Button label -> action key (the spec pairs them: key, label, key, label...)."""
        return {self.actions[i + 1]: self.actions[i] for i in range(0, len(self.actions), 2)}


class _Service(ServiceInterface):  # type: ignore[misc]
    def __init__(self, record: "Recorder") -> None:
        super().__init__(NAME)
        self.record = record

    @method()
    def Notify(self, app_name: "s", replaces_id: "u", app_icon: "s", summary: "s",  # noqa: F821
               body: "s", actions: "as", hints: "a{sv}", expire_timeout: "i") -> "u":  # noqa: F821, F722
        sent = Sent(len(self.record.sent) + 1, app_name, summary, body, list(actions))
        self.record.sent.append(sent)
        self.record.arrived.set()
        return sent.id

    @method()
    def GetCapabilities(self) -> "as":  # noqa: F722
        return ["actions", "body"]

    @method()
    def GetServerInformation(self) -> "ssss":  # noqa: F821
        return ["stand-in", "backtimer-tests", "1.0", "1.2"]

    @method()
    def CloseNotification(self, id: "u") -> None:  # noqa: F821
        pass

    @signal()
    def ActionInvoked(self, id: int, key: str) -> "us":  # noqa: F821
        return [id, key]

    @signal()
    def NotificationClosed(self, id: int, reason: int) -> "uu":  # noqa: F821
        return [id, reason]


@dataclass
class Recorder:
    """The service's log, and a handle to click on what it received (thread-safe enough)."""

    sent: list[Sent] = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)
    loop: Any = None
    service: Any = None

    def click(self, sent: Sent, label: str | None = None) -> None:
        """The person clicks the notification (``label`` None) or its button ``label``."""
        key = "default" if label is None else sent.action_keys()[label]
        self.loop.call_soon_threadsafe(self.service.ActionInvoked, sent.id, key)


# A session bus with no service folders: nothing installed on the machine (a real notification
# daemon, say) is started on demand behind the test's back.
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@contextlib.contextmanager
def private_bus() -> Iterator[str]:
    """A session bus of this test's own; yields its address."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        raise LookupError("dbus-daemon is not installed")
    folder = tempfile.mkdtemp(prefix="backtimer-bus-")
    config = os.path.join(folder, "session.conf")
    with open(config, "w", encoding="utf-8") as file:
        file.write(BUS_CONFIG)
    process = subprocess.Popen(
        [daemon, f"--config-file={config}", "--nofork", "--print-address=1", "--nopidfile"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        address = process.stdout.readline().strip()
        if not address:
            raise LookupError("dbus-daemon did not start a bus")
        yield address
    finally:
        process.terminate()
        process.wait(10)
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def notification_service(address: str) -> Iterator[Recorder]:
    """Run the stand-in on ``address`` on a thread of its own until the block ends."""
    record = Recorder()
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    record.loop = loop

    async def serve() -> None:
        bus = await MessageBus(bus_address=address).connect()
        record.service = _Service(record)
        bus.export(PATH, record.service)
        await bus.request_name(NAME)
        ready.set()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(serve(), loop).result(10)
    ready.wait(10)
    try:
        yield record
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
