"""Start at login: the XDG autostart entry that the ``autostart`` setting stands for.

Desktops that follow the XDG Autostart Specification (GNOME, KDE, Xfce, LXQt, Cinnamon, MATE…)
start every ``$XDG_CONFIG_HOME/autostart/*.desktop`` when the person logs in. BackTimer's entry
starts it minimized (``--minimized``), so logging in does not put a window over the desktop.
Elsewhere (Windows, macOS) there is no such folder here: ``autostart_supported`` says so and
callers tell the person it is not supported.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from backtimer.store.atomic import write_atomic
from backtimer.store.desktop_entry import APP_ID, config_home, exec_line, xdg_desktop

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


def autostart_enabled(path: Path) -> bool:
    """True when the entry is there (whoever wrote it)."""
    return path.is_file()


def set_autostart(path: Path, on: bool, launcher: Sequence[str]) -> None:
    """Write (atomically) or remove the entry; raises OSError when the folder is not writable."""
    if on:
        write_atomic(path, autostart_entry(launcher).encode("utf-8"))
        return
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
