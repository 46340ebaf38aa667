"""``backtimer autostart`` and ``backtimer install-desktop``: a place in the desktop, no Qt.

Both print what they did, file by file, and say plainly when the folder is not writable or
the platform has no XDG desktop, with an exit status of 1; nothing half-done is left unsaid.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from backtimer.store import desktop_files
from backtimer.store.autostart import (
    autostart_enabled,
    autostart_file,
    autostart_supported,
    set_autostart,
)
from backtimer.store.desktop_entry import data_home, launcher_command, xdg_desktop
from backtimer.store.paths import Paths
from backtimer.store.settings import SettingsUnreadableError, load_settings, save_settings


def autostart_command(paths: Paths, state: str | None, out: TextIO) -> int:
    """``on``/``off`` writes or removes the entry and keeps the setting in step; no state
    prints whether it is on."""
    if not autostart_supported():
        print(f"backtimer autostart: starting at login is not supported on {sys.platform} "
              "(only on desktops that follow the XDG autostart folder, such as Linux).",
              file=sys.stderr)
        return 1
    path = autostart_file()
    if state is None:
        on = autostart_enabled(path)
        out.write(f"autostart: {'on' if on else 'off'} ({path}{'' if on else ' is absent'})\n")
        return 0
    on = state == "on"
    try:
        kept = set_autostart(path, on, launcher_command())
    except OSError as error:
        print(f"backtimer autostart: could not {'write' if on else 'remove'} {path}: "
              f"{error.strerror or error}", file=sys.stderr)
        return 1
    if kept:
        out.write(kept + "\n")
    if on:
        out.write(f"BackTimer will start (minimized) when you log in: {path}\n")
    else:
        out.write("BackTimer will no longer start when you log in.\n")
    return _keep_setting(paths, on)


def _keep_setting(paths: Paths, on: bool) -> int:
    """The ``autostart`` setting follows, so the Settings dialog shows what is true."""
    loaded = load_settings(paths.settings_file)
    if loaded.settings.autostart == on:
        return 0
    try:
        save_settings(paths.settings_file, loaded.settings.with_changes(autostart=on))
    except SettingsUnreadableError as error:
        print(f"backtimer autostart: {error.problem}; the setting in that file was not "
              "changed (the file is kept as it is)", file=sys.stderr)
    except OSError as error:
        print(f"backtimer autostart: could not save the setting in {paths.settings_file}: "
              f"{error.strerror or error}", file=sys.stderr)
    return 0


def install_desktop_command(*, user: bool, remove: bool, out: TextIO) -> int:
    """Install (or with ``remove``, take back) the desktop entry, icons and metainfo."""
    if not xdg_desktop():
        print(f"backtimer install-desktop: there is no XDG application menu on {sys.platform}; "
              "nothing to install.", file=sys.stderr)
        return 1
    base = data_home() if user else desktop_files.SYSTEM_DATA_DIR
    if not user and not _writable(base):
        print(f"backtimer install-desktop: {base} is not writable by you. Install for "
              "yourself only with `backtimer install-desktop --user`, or run this as an "
              "administrator (for example with sudo).", file=sys.stderr)
        return 1
    verb = "remove" if remove else "install"
    try:
        change = (desktop_files.remove(base) if remove
                  else desktop_files.install(base, launcher_command()))
    except OSError as error:
        print(f"backtimer install-desktop: could not {verb} into {base}: "
              f"{error.strerror or error} ({error.filename or base})", file=sys.stderr)
        if not remove:
            print("What was written is listed for `backtimer install-desktop --remove`.",
                  file=sys.stderr)
        return 1
    return _report(change, remove=remove, user=user, out=out)


def _report(change: desktop_files.Change, *, remove: bool, user: bool, out: TextIO) -> int:
    flag = " --user" if user else ""
    if remove:
        for relative in change.kept:
            out.write(f"Kept {change.base / relative}: it is not what install-desktop writes "
                      "(installed some other way, or changed); remove it yourself if you "
                      "want it gone.\n")
        if not change.files:
            out.write(f"Nothing of BackTimer's was installed in {change.base}.\n")
            return 0
        out.write(f"Removed from {change.base}:\n")
    else:
        out.write(f"Installed into {change.base}:\n")
    for relative in change.files:
        out.write(f"  {relative}\n")
    if remove:
        for folder in change.folders:
            out.write(f"  {folder}/ (empty folder it had made)\n")
    else:
        out.write("BackTimer is now in the application menu (log out and in again if it does "
                  f"not show yet). Undo with `backtimer install-desktop{flag} --remove`.\n")
    return 0


def _writable(base: Path) -> bool:
    """The nearest existing folder along ``base`` can be written (so ``base`` can be made)."""
    folder = base
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return os.access(folder, os.W_OK)
