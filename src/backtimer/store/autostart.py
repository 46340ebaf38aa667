"""Start at login: the XDG autostart entry that the ``autostart`` setting stands for.

Desktops that follow the XDG Autostart Specification (GNOME, KDE, Xfce, LXQt, Cinnamon, MATE…)
start every ``$XDG_CONFIG_HOME/autostart/*.desktop`` when the person logs in. BackTimer's entry
starts it minimized (``--minimized``), so logging in does not put a window over the desktop.
Elsewhere (Windows, macOS) there is no such folder here: ``autostart_supported`` says so and
callers tell the person it is not supported.

An entry the person changed by hand (other arguments, a delay, ``Hidden=true``) is never
replaced or deleted silently: turning autostart on keeps an edited entry that starts BackTimer
as it is; turning it off, or on over an edited entry that is switched off, first moves the
edited one aside (``….desktop.edited``, which no desktop starts), and ``set_autostart`` returns
a sentence saying so. Something under the entry's name that is not a file (a folder, a pipe) is
left alone and reported as an error.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from backtimer.store.atomic import write_atomic
from backtimer.store.desktop_entry import APP_ID, config_home, exec_line, xdg_desktop
from backtimer.store.reading import UnreadableFileError, read_bytes_limited

MINIMIZED = "--minimized"


def autostart_supported() -> bool:
    return xdg_desktop()


def autostart_file(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_CONFIG_HOME/autostart/io.github.backtimer.BackTimer.desktop``."""
    return config_home(environ) / "autostart" / f"{APP_ID}.desktop"


def autostart_entry(launcher: Sequence[str]) -> str:
    """The entry's text: a plain application entry that starts BackTimer minimized."""
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=BackTimer\n"
        "Comment=Start BackTimer when you log in (turn it off in BackTimer's Settings)\n"
        f"Exec={exec_line([*launcher, MINIMIZED])}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


ENTRY_LIMIT = 64 * 1024
EDITED_SUFFIX = ".edited"
_OFF_KEYS = ("hidden=true", "x-gnome-autostart-enabled=false")


def autostart_enabled(path: Path) -> bool:
    """True when the entry is there (whoever wrote it) and not switched off inside."""
    try:
        text = _read(path)
    except OSError:  # a folder or a pipe under its name: no desktop starts that
        return False
    return text is not None and not _switched_off(text)


def set_autostart(path: Path, on: bool, launcher: Sequence[str]) -> str | None:
    """Write (atomically) or remove the entry; a sentence when an entry edited by hand was kept
    or moved aside (None otherwise). Raises OSError when the folder is not writable or the
    name holds something that is not a file."""
    text = _read(path)
    if text is None:
        if on:
            write_atomic(path, autostart_entry(launcher).encode("utf-8"))
        return None
    edited = not _is_ours(text)
    if on and edited and not _switched_off(text):
        return f"{path} was changed by hand; it is kept as it is (it starts BackTimer at login)."
    aside = None
    if edited:
        aside = path.with_name(path.name + EDITED_SUFFIX)
        os.replace(path, aside)
    if on:
        write_atomic(path, autostart_entry(launcher).encode("utf-8"))
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    if aside is None:
        return None
    return f"{path} was changed by hand; it is kept as {aside} (no desktop starts that one)."


def _read(path: Path) -> str | None:
    """The entry's text; None when there is none. Raises ``UnreadableFileError`` for a folder,
    a pipe or a file far too large under its name."""
    try:
        return read_bytes_limited(path, ENTRY_LIMIT).decode("utf-8", "replace")
    except UnreadableFileError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR) and not path.is_symlink():
            return None
        raise


def _is_ours(text: str) -> bool:
    """Whether ``text`` is the entry BackTimer writes (with any launcher)."""
    def without_exec(entry: str) -> list[str]:
        return [line for line in entry.splitlines() if not line.startswith("Exec=")]

    execs = [line for line in text.splitlines() if line.startswith("Exec=")]
    return (without_exec(text) == without_exec(autostart_entry(["backtimer"]))
            and len(execs) == 1 and execs[0].endswith(" " + MINIMIZED))


def _switched_off(text: str) -> bool:
    lines = {line.strip().replace(" ", "").lower() for line in text.splitlines()}
    return any(key in lines for key in _OFF_KEYS)
