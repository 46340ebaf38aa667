"""Atomic file writes: a reader (or a crash) sees the old file or the new one, never half.

The data goes to a temporary file in the same folder, is flushed to disk, and then replaces the
target with ``os.replace``, which is atomic on POSIX and Windows alike.

A target that is a symbolic link is written through: the file it points to is replaced (in
that file's folder) and the link stays a link, as an editor would do. Replacing the link itself
would leave the file the person keeps elsewhere unchanged while they think it was saved. A link
that points nowhere or at itself is refused with the OSError that following it gives.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``; on any failure the old file is left as it was."""
    if os.path.islink(path):
        # strict: a dangling link raises FileNotFoundError, a loop OSError(ELOOP).
        path = Path(os.path.realpath(path, strict=True))
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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
