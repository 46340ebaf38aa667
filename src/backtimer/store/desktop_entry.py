"""How a desktop entry starts BackTimer, and where the XDG folders are.

A launcher or the session's autostart runs the ``Exec`` line with the login's ``PATH``, which
often lacks the virtual environment BackTimer was installed into. So the command is the
``backtimer`` script beside the running Python: by name when ``PATH`` finds that very script,
by its absolute path otherwise, and ``python -m backtimer`` when there is no script at all.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

APP_ID = "io.github.backtimer.BackTimer"  # desktop file, icon and AppStream component id

# Characters that make an Exec argument need quotes, and those escaped inside the quotes
# (the Desktop Entry Specification, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPED = {'"', "`", "$", "\\"}


def launcher_command(environ: Mapping[str, str] | None = None) -> list[str]:
    """The command that starts this BackTimer, as a login's launcher would run it."""
    import shutil  # here, not at import: the window's start imports this module for APP_ID

    env = os.environ if environ is None else environ
    script = Path(sys.executable).parent / "backtimer"
    if script.is_file():
        found = shutil.which("backtimer", path=env.get("PATH"))
        if found is not None and Path(found).resolve() == script.resolve():
            return ["backtimer"]
        return [str(script)]
    return [sys.executable, "-m", "backtimer"]


def exec_line(args: Sequence[str]) -> str:
    """``args`` as an ``Exec`` value: quoted where needed, ``%`` doubled, and (as every
    string value in the file) its backslashes escaped once more."""
    words = []
    for arg in args:
        text = arg.replace("%", "%%")
        if any(ch in _RESERVED for ch in text) or not text:
            text = '"' + "".join("\\" + ch if ch in _ESCAPED else ch for ch in text) + '"'
        words.append(text)
    return " ".join(words).replace("\\", "\\\\")


def with_launcher(entry: str, launcher: Sequence[str]) -> str:
    """The desktop entry ``entry`` with each ``Exec=backtimer …`` starting ``launcher``."""
    prefix = exec_line(launcher)
    lines = []
    for line in entry.splitlines():
        if line.startswith("Exec=backtimer"):
            line = "Exec=" + prefix + line[len("Exec=backtimer"):]
        lines.append(line)
    return "\n".join(lines) + "\n"


def config_home(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_CONFIG_HOME``, or ``~/.config`` when it is unset or not absolute."""
    return _xdg(environ, "XDG_CONFIG_HOME", ".config")


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or not absolute."""
    return _xdg(environ, "XDG_DATA_HOME", ".local/share")


def _xdg(environ: Mapping[str, str] | None, name: str, fallback: str) -> Path:
    env = os.environ if environ is None else environ
    value = env.get(name, "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path(env.get("HOME") or Path.home()) / fallback


def xdg_desktop() -> bool:
    """True where desktop entries and XDG folders are how a desktop finds applications."""
    return sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd", "dragonfly"))
