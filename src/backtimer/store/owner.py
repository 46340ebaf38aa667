"""Which process writes a history entry, and whether that process still runs.

An entry left "in progress" is either a session another BackTimer is running right now or one
whose process was killed. The log records the writer as ``host/pid``; at a later start, an entry
whose writer no longer runs on this computer is closed as interrupted. A writer on another
computer (a synced folder) cannot be asked, so its entry is closed only once it is a day old.
A pid that the system has reused keeps an entry open until that process ends: harmless.
"""

from __future__ import annotations

import os
import socket
import sys
from datetime import datetime, timedelta

FOREIGN_HOST_GRACE = timedelta(days=1)


def writer_id() -> str:
    """This process, as the log records it: ``host/pid``."""
    return f"{socket.gethostname()}/{os.getpid()}"


def writer_gone(writer: str, last_written: datetime, now: datetime) -> bool:
    """Whether the process that wrote ``writer`` can no longer be writing its entry.

    An entry with no writer was written by version 1 of the log, which cannot open this
    version's file any more, so it is gone.
    """
    host, _, pid_text = writer.rpartition("/")
    if not host or not pid_text.isdigit():
        return True
    if host != socket.gethostname():
        return now - last_written > FOREIGN_HOST_GRACE
    return not process_running(int(pid_text))


def process_running(pid: int) -> bool:
    """Whether a process with this pid exists (on this computer)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_process_running(pid)
    try:
        os.kill(pid, 0)  # signal 0 only asks; on Windows it would not, hence the branch above
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it runs, as another user
        return True
    return True


if sys.platform == "win32":
    import ctypes

    def _windows_process_running(pid: int) -> bool:
        query_limited_information = 0x1000
        still_active = 259
        access_denied = 5
        kernel = ctypes.windll.kernel32
        handle = kernel.OpenProcess(query_limited_information, False, pid)
        if not handle:
            return bool(kernel.GetLastError() == access_denied)
        try:
            code = ctypes.c_ulong()
            if not kernel.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == still_active
        finally:
            kernel.CloseHandle(handle)
