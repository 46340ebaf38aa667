"""Reading a data file that may be hostile: never hang, never read more than a limit.

A session or settings file is only ever a small regular file. Anything else found under its
name is refused before a byte is read: a FIFO would block ``open`` and ``read`` for ever, a
link to ``/dev/zero`` would fill the memory, and a 3 GB file would be read whole only to be
refused afterwards. So the file is checked with ``stat`` (after following links), opened with
``O_NONBLOCK`` (a FIFO swapped in between the check and the open cannot block either), checked
again on the open descriptor, and read up to the limit plus one byte, which is enough to tell
"too large" without reading the rest.

Every reader of the user's files (the library, the user's sessions, import, repair,
``backtimer check`` and ``plan``, the settings) goes through ``read_bytes_limited`` or
``read_text_limited``; a refusal is an ``UnreadableFileError`` whose ``reason`` is a sentence
that can be shown as is.
"""

from __future__ import annotations

import errno
import os
import stat

# O_NONBLOCK does not exist on Windows, where a FIFO cannot appear under a file name anyway.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 64 * 1024


class UnreadableFileError(OSError):
    """A file that was not read, and why (``reason``, a sentence fit for a ``Problem``).

    It is an ``OSError`` so that code which already handles a failed read handles this too;
    ``strerror`` is the same sentence as ``reason``.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str, code: int = 0) -> None:
        super().__init__(code, reason, os.fspath(path))
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.filename}: {self.reason}"


def read_bytes_limited(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (links followed), at most ``limit`` of them.

    Raises ``UnreadableFileError`` for anything else: a missing file, a dangling link or a
    link loop, a folder, a FIFO, device or socket, a file larger than ``limit``, or any
    ``OSError`` while opening or reading.
    """
    try:
        info = os.stat(path)
    except OSError as error:
        raise _stat_error(path, error) from None
    _check(path, info, limit)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise _stat_error(path, error) from None
    try:
        _check(path, os.fstat(fd), limit)  # the file may have been swapped since the stat
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except UnreadableFileError:
        raise
    except OSError as error:
        raise UnreadableFileError(
            path, f"cannot read the file: {error.strerror or error}", error.errno or 0
        ) from None
    finally:
        os.close(fd)
    if size > limit:  # it grew after the stat
        raise _too_large(path, size, limit, grew=True)
    return b"".join(chunks)


def read_text_limited(path: str | os.PathLike[str], limit: int) -> str:
    """The UTF-8 text of the file at ``path`` (see ``read_bytes_limited``).

    Raises ``UnreadableFileError`` as that does, and also for bytes that are not UTF-8.
    """
    data = read_bytes_limited(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnreadableFileError(
            path, f"not UTF-8 text (bad byte 0x{data[error.start]:02x} on line {line})",
            errno.EILSEQ,
        ) from None


def _check(path: str | os.PathLike[str], info: os.stat_result, limit: int) -> None:
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise UnreadableFileError(path, "this is a folder, not a file", errno.EISDIR)
    if not stat.S_ISREG(mode):
        raise UnreadableFileError(
            path, f"this is {special_kind(mode)}, not a regular file; it was not read", errno.EINVAL
        )
    if info.st_size > limit:
        raise _too_large(path, info.st_size, limit)


def special_kind(mode: int) -> str:
    """What a file that is not a regular file or a folder is, in words (``a pipe (FIFO)``)."""
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def not_a_regular_file(path: str | os.PathLike[str], mode: int, outcome: str) -> OSError | None:
    """The error for writing or opening something at ``path`` that is not a regular file (a
    folder, a pipe, a socket, a device), ending with ``outcome`` ("it was not written over");
    None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return IsADirectoryError(errno.EISDIR, "this is a folder, not a file", str(path))
    return OSError(errno.EINVAL, f"this is {special_kind(mode)}, not a regular file; {outcome}",
                   str(path))


def _too_large(path: str | os.PathLike[str], size: int, limit: int, *,
               grew: bool = False) -> UnreadableFileError:
    told = f"more than {limit} bytes" if grew else f"{size} bytes"
    return UnreadableFileError(
        path, f"the file is too large ({told}; at most {limit})", errno.EFBIG
    )


def _stat_error(path: str | os.PathLike[str], error: OSError) -> UnreadableFileError:
    """The reason a file could not be reached, saying which kind of broken link it is."""
    code = error.errno or 0
    if code == errno.ELOOP:
        reason = "this is a link that leads back to itself (a link loop)"
    elif code == errno.ENOENT and os.path.islink(path):
        reason = f"this is a link to {_link_target(path)}, which does not exist"
    elif code == errno.EISDIR:
        reason = "this is a folder, not a file"
    else:
        reason = f"cannot read the file: {error.strerror or error}"
    return UnreadableFileError(path, reason, code)


def _link_target(path: str | os.PathLike[str]) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "a file"
