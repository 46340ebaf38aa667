"""``backtimer install-desktop``: BackTimer's desktop entry, icon and AppStream metainfo in the
XDG data folders, so it appears in the application menu and software centres.

What is installed under a data folder (``~/.local/share`` with ``--user``, else
``/usr/local/share``):

- ``applications/io.github.backtimer.BackTimer.desktop`` (``Exec`` starts this BackTimer),
- ``metainfo/io.github.backtimer.BackTimer.metainfo.xml``,
- ``icons/hicolor/scalable/apps/…svg`` and ``icons/hicolor/NxN/apps/…png`` for every size in
  ``ICON_SIZES`` (pre-rendered by ``tools/make_icons.py``).

Every file written and every folder created is listed in a manifest
(``backtimer/desktop-install.json`` under the same data folder), so ``--remove`` takes away
exactly those: files of other applications, and folders that were there before, stay.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from backtimer.resources import resources_dir
from backtimer.store.atomic import write_atomic
from backtimer.store.desktop_entry import APP_ID, with_launcher

ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
SYSTEM_DATA_DIR = Path("/usr/local/share")  # where an install without --user goes
MANIFEST = Path("backtimer") / "desktop-install.json"


@dataclass(frozen=True)
class Change:
    """What an install or removal did, relative to ``base``, for the command to print."""

    base: Path
    files: tuple[Path, ...]
    folders: tuple[Path, ...] = ()


def desktop_files(launcher: Sequence[str]) -> dict[Path, bytes]:
    """Every file to install, by its path under a data folder."""
    shipped = resources_dir() / "desktop"
    entry = (shipped / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    files = {
        Path("applications") / f"{APP_ID}.desktop":
            with_launcher(entry, launcher).encode("utf-8"),
        Path("metainfo") / f"{APP_ID}.metainfo.xml":
            (shipped / f"{APP_ID}.metainfo.xml").read_bytes(),
        Path("icons/hicolor/scalable/apps") / f"{APP_ID}.svg":
            (resources_dir() / "icons" / "backtimer.svg").read_bytes(),
    }
    for size in ICON_SIZES:
        files[Path(f"icons/hicolor/{size}x{size}/apps") / f"{APP_ID}.png"] = (
            shipped / "png" / f"{size}.png").read_bytes()
    return files


def install(base: Path, launcher: Sequence[str]) -> Change:
    """Write the files under ``base``; raises OSError (a folder not writable) part way, with
    what was written so far already in the manifest so ``remove`` can take it back."""
    recorded = _read_manifest(base)
    files: list[Path] = list(recorded.files)
    folders: list[Path] = list(recorded.folders)
    folders += _new_folders(base, MANIFEST.parent)
    for relative, data in desktop_files(launcher).items():
        folders += _new_folders(base, relative.parent)
        (base / relative.parent).mkdir(parents=True, exist_ok=True)
        if relative not in files:
            files.append(relative)
        _write_manifest(base, files, folders)
        write_atomic(base / relative, data)
    with contextlib.suppress(OSError):  # a new mtime makes icon caches look again
        os.utime(base / "icons" / "hicolor")
    return Change(base, tuple(files), tuple(folders))


def remove(base: Path) -> Change:
    """Remove what ``install`` put under ``base`` (the manifest says what), and nothing else.

    Without a manifest (installed by hand, or an older version) only BackTimer's own files by
    their known names are removed, and no folder.
    """
    recorded = _read_manifest(base)
    listed = recorded.files or tuple(desktop_files(["backtimer"]))
    removed = []
    for relative in listed:
        with contextlib.suppress(FileNotFoundError):
            (base / relative).unlink()
            removed.append(relative)
    with contextlib.suppress(FileNotFoundError):
        (base / MANIFEST).unlink()
    gone = []
    for folder in sorted(recorded.folders, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):  # not empty (someone else's files) or gone
            (base / folder).rmdir()
            gone.append(folder)
    return Change(base, tuple(removed), tuple(gone))


def _new_folders(base: Path, relative: Path) -> list[Path]:
    """The folders along ``relative`` that do not exist under ``base`` yet, outermost first."""
    new = []
    for depth in range(1, len(relative.parts) + 1):
        folder = Path(*relative.parts[:depth])
        if not (base / folder).exists():
            new.append(folder)
    return new


def _read_manifest(base: Path) -> Change:
    try:
        data = json.loads((base / MANIFEST).read_text(encoding="utf-8"))
        files = tuple(Path(p) for p in data["files"] if _inside(p))
        folders = tuple(Path(p) for p in data["folders"] if _inside(p))
    except (OSError, ValueError, KeyError, TypeError):
        return Change(base, ())
    return Change(base, files, folders)


def _inside(relative: object) -> bool:
    """A manifest entry that stays under its data folder (a hand-edited one may not)."""
    return (isinstance(relative, str) and not os.path.isabs(relative)
            and ".." not in Path(relative).parts)


def _write_manifest(base: Path, files: Sequence[Path], folders: Sequence[Path]) -> None:
    """The manifest, rewritten before each file so a failure part way loses no record."""
    text = json.dumps({
        "about": "Files `backtimer install-desktop` wrote here; `--remove` removes them.",
        "files": [str(p) for p in files],
        "folders": [str(p) for p in dict.fromkeys(folders)],
    }, indent=2)
    (base / MANIFEST.parent).mkdir(parents=True, exist_ok=True)
    write_atomic(base / MANIFEST, text.encode("utf-8") + b"\n")
