"""Atomic file writes: a reader (or a crash) sees the old file or the new one, never half.

The data goes to a temporary file in the same folder, is flushed to disk, and then replaces the
target with ``os.replace``, which is atomic on POSIX and Windows alike.

A process killed between the two leaves its temporary file behind (``.NAME.PID.XXXXXXXX.tmp``,
the writer's process id in the name); ``remove_stale_temporaries`` clears those at start-up.

A target that is a symbolic link is written through: the file it points to is replaced (in
that file's folder) and the link stays a link, as an editor would do. Replacing the link itself
would leave the file the person keeps elsewhere unchanged while they think it was saved. A link
that points nowhere or at itself is refused with the OSError that following it gives.

Only a regular file (or nothing) is ever replaced. A folder, a FIFO, a socket or a device under
the name, or at the end of its link, is refused with an OSError that says what it is: renaming
over it would delete the person's pipe, or, for a process allowed to write ``/dev``, a device
node (a settings file linked to ``/dev/zero`` once made a save replace ``/dev/zero`` itself).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

# A temporary file left for longer than this cannot belong to a save still in progress.
STALE_AGE = 3600.0
# Our own temporary files: ".NAME.[PID.]XXXXXXXX.tmp", XXXXXXXX from ``mkstemp`` (older
# versions wrote no PID). Nothing else in the folders we write is touched.
_TEMPORARY = re.compile(r"^\.(?P<name>.+?)(?:\.(?P<pid>\d+))?\.[a-z0-9_]{8}\.tmp$")


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``; on any failure the old file is left as it was."""
    write_atomic_with(path, lambda handle: handle.write(data))


def write_atomic_with(path: Path, fill: Callable[[BinaryIO], object]) -> None:
    """Replace ``path`` with what ``fill`` writes to the handle it is given (a file too large
    to build in memory first, e.g. a CSV export), all of it or none: on any failure, ``fill``
    raising included, the old file is left as it was."""
    if os.path.islink(path):
        # strict: a dangling link raises FileNotFoundError, a loop OSError(ELOOP).
        path = Path(os.path.realpath(path, strict=True))
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    _refuse_special(path)
    prefix = f".{path.name}.{os.getpid()}."
    fd, temp_name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
        _replace(temp_name, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(error, OSError) and error.filename is None:
            # A full disk fails in write() or fsync(), which name no file; say which one.
            error.filename = str(path)
        raise
    _sync_folder(path.parent)


def _refuse_special(path: Path) -> None:
    """Raise OSError when something other than a regular file is at ``path`` (see above)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    from backtimer.store.reading import not_a_regular_file

    error = not_a_regular_file(path, mode, "it was not written over")
    if error is not None:
        raise error


def _replace(source: str, target: Path) -> None:
    """The single rename step; tests replace it to simulate a crash between write and rename."""
    os.replace(source, target)


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temporaries(folder: Path, *, now: float | None = None) -> list[Path]:
    """Delete the temporary files a killed save left in ``folder``; returns what was removed.

    A temporary file is stale when the process named in it is no longer running (POSIX), or
    when it is older than ``STALE_AGE``; one that may still be written is left alone. Only
    ``write_atomic``'s own pattern is touched, and every error (a folder that is missing or
    cannot be listed, a file gone meanwhile) is ignored: this is tidying, never a failure.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            age = now - entry.stat(follow_symlinks=False).st_mtime
            pid = match["pid"]
            if age > STALE_AGE or (pid is not None and not _running(int(pid))):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _running(pid: int) -> bool:
    """Whether a process with this id runs now; True when that cannot be told safely."""
    if os.name != "posix" or pid <= 0:
        return True  # on Windows, os.kill would end the process instead of asking
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else (EPERM)
    return True
