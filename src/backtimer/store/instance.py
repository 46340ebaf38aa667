"""One BackTimer per person and home: the lock that says who runs, and what a second start
asks of the first. No Qt here (the socket itself is ``ui.shell.instance_server``).

Two windows logging at once would write two "in progress" sessions into one history, so a
second ``backtimer`` hands its request (show the window, or start a session) to the running
one and exits. Who is first is decided by a file lock (``flock``) taken before any window is
made and held for the life of the process: the kernel drops it when the process ends, even by
a crash, so a lock that can be taken means nobody is running, and a socket file still there is
stale and may be removed. Two processes starting at the same instant cannot both win it.

Keyed to the user and the config folder (``BACKTIMER_HOME`` or the platform's): the lock and
socket live in a private folder (``$XDG_RUNTIME_DIR/backtimer``, else
``/tmp/backtimer-UID``) under a hash of both, so tests and a second home never meet.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from backtimer.store.paths import Paths

if TYPE_CHECKING:
    import socket

# json, socket, tempfile and time are imported where they are used: this module is on the
# window's start-up path, and they are not needed there (only by a second start, or without
# XDG_RUNTIME_DIR).

try:
    import fcntl
except ImportError:  # Windows: no flock; the socket alone decides (see ``InstanceLock``)
    fcntl = None  # type: ignore[assignment]

MAX_REQUEST = 4096  # bytes: a request is one short JSON line
ANSWER = b"ok\n"  # what the running window says once it has the request
_SOCKET_PATH_LIMIT = 100  # sun_path holds 108 bytes on Linux, 104 on the BSDs


@dataclass(frozen=True)
class InstanceKey:
    """Where this person's BackTimer (for this config folder) listens and locks."""

    socket_path: Path
    lock_path: Path


@dataclass(frozen=True)
class Request:
    """What a second start asks of the running window: come to the front, and maybe start a
    session (an id, or a file's absolute path); ``minimized`` starts ask for nothing visible."""

    session: str | None = None
    minimized: bool = False


def _user() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid is not None else os.environ.get("USERNAME", "user")


def instance_key(paths: Paths, environ: Mapping[str, str] | None = None) -> InstanceKey:
    env = os.environ if environ is None else environ
    home = os.path.abspath(paths.config_dir)
    digest = hashlib.sha256(f"{_user()}\0{home}".encode()).hexdigest()[:16]
    folder = _private_folder(env)
    if len(str(folder / f"{digest}.sock")) > _SOCKET_PATH_LIMIT:
        folder = _temporary_folder()
    return InstanceKey(folder / f"{digest}.sock", folder / f"{digest}.lock")


def _private_folder(env: Mapping[str, str]) -> Path:
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        return Path(runtime) / "backtimer"
    return _temporary_folder()


def _temporary_folder() -> Path:
    import tempfile

    return Path(tempfile.gettempdir()) / f"backtimer-{_user()}"


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` for this user alone; raises OSError when it is someone else's (in a
    shared /tmp, another user could have made it first to listen in our place)."""
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700, parents=True)
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode):
        raise NotADirectoryError(f"{folder} is not a folder")
    getuid = getattr(os, "getuid", None)
    if getuid is not None and info.st_uid != getuid():
        raise PermissionError(f"{folder} belongs to another user")


class InstanceLock:
    """The lock that makes this process the one BackTimer; held until ``release`` or exit.

    ``acquire`` never waits: it returns False at once when another process holds the lock.
    Without ``fcntl`` (Windows) it returns True, and the caller asks the socket instead.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        """True when this process is now the one; raises OSError when there can be no lock
        file (a folder not writable), so the caller can go on without one."""
        if fcntl is None:
            return True
        make_private_folder(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except OSError:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None


def request_bytes(request: Request) -> bytes:
    """The request as the one JSON line the running window reads."""
    import json

    body = {"version": 1, "session": request.session, "minimized": request.minimized}
    return json.dumps(body).encode("utf-8") + b"\n"


def parse_request(data: bytes) -> Request | None:
    """The request in ``data`` (one JSON line), or None when it is not one of ours."""
    import json

    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(body, dict) or body.get("version") != 1:
        return None
    session = body.get("session")
    if session is not None and (not isinstance(session, str) or not session):
        return None
    return Request(session=session, minimized=body.get("minimized") is True)


def session_argument(ref: str) -> str:
    """A session named on the command line, as the running window must read it: a file's path
    made absolute (the window's folder is not this one's), an id as it is."""
    if ref.endswith((".yaml", ".yml")) or "/" in ref or os.path.isfile(ref):
        return os.path.abspath(ref)
    return ref


def hand_over(path: Path, request: Request, *, wait_seconds: float = 10.0) -> bool:
    """Give ``request`` to the BackTimer listening at ``path``; True once it has answered.

    Runs in the second process only (never in a window's GUI thread), so it may wait: for the
    first process to start listening (it listens once its first frame is up) and for its
    answer, ``wait_seconds`` in all. A plain Unix socket, the kind ``QLocalServer`` listens
    on: the second process needs no Qt (and QLocalSocket's blocking calls, outside an event
    loop, lost an answer that came in while they waited for the request to be written).
    """
    import socket
    import time

    family = getattr(socket, "AF_UNIX", None)
    if family is None:
        return False
    deadline = time.monotonic() + wait_seconds
    while True:
        with socket.socket(family, socket.SOCK_STREAM) as client:
            client.settimeout(_left(deadline))
            try:
                client.connect(str(path))
            except OSError:  # nobody listening yet (or a stale socket file)
                if time.monotonic() >= deadline:
                    return False
                time.sleep(0.1)
                continue
            return _converse(client, request, deadline)


def _converse(client: socket.socket, request: Request, deadline: float) -> bool:

    try:
        client.sendall(request_bytes(request))
        answer = b""
        while ANSWER not in answer and len(answer) < MAX_REQUEST:
            client.settimeout(_left(deadline))
            chunk = client.recv(256)
            if not chunk:
                break
            answer += chunk
    except OSError:
        return False
    return ANSWER in answer


def _left(deadline: float) -> float:
    """Seconds until ``deadline``, never zero (a zero timeout means non-blocking)."""
    import time

    return max(0.05, deadline - time.monotonic())
