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

``--remove`` never deletes what it did not install, whatever the manifest says: it is read as
a hostile file (at most ``MANIFEST_LIMIT`` bytes, never a FIFO or a folder), and only the
paths ``install`` itself writes (and the folders along them) are taken from it; a path of
another program, outside the data folder or through a link out of it is ignored. Without a
manifest that can be read, a file at one of BackTimer's names is removed only when it is what
``install`` writes (the desktop entry with any ``Exec``); one that differs is kept and named.
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
from backtimer.store.reading import read_bytes_limited, read_text_limited

ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
SYSTEM_DATA_DIR = Path("/usr/local/share")  # where an install without --user goes
MANIFEST = Path("backtimer") / "desktop-install.json"


MANIFEST_LIMIT = 256 * 1024  # the manifest lists 12 files; more is not ours


@dataclass(frozen=True)
class Change:
    """What an install or removal did, relative to ``base``, for the command to print;
    ``kept``: files at BackTimer's names that a removal left, as they are not what it wrote."""

    base: Path
    files: tuple[Path, ...]
    folders: tuple[Path, ...] = ()
    kept: tuple[Path, ...] = ()


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

    Without a manifest that can be read (installed by hand, an older version, a damaged one)
    only BackTimer's own files by their known names, and only when they are what ``install``
    writes, are removed, and no folder.
    """
    recorded = _read_manifest(base)
    ours = desktop_files(["backtimer"])
    removed: list[Path] = []
    kept: list[Path] = []
    for relative in recorded.files if recorded.files else tuple(ours):
        target = base / relative
        if not _plain_file_inside(base, target):
            continue
        if not recorded.files and not _as_installed(target, relative, ours[relative]):
            kept.append(relative)
            continue
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
            removed.append(relative)
    manifest = base / MANIFEST
    if manifest.is_file() and not manifest.is_symlink() and _inside_base(base, manifest.parent):
        with contextlib.suppress(FileNotFoundError):
            manifest.unlink()
    gone = []
    for folder in sorted(recorded.folders, key=lambda p: len(p.parts), reverse=True):
        if not _inside_base(base, base / folder):
            continue
        with contextlib.suppress(OSError):  # not empty (someone else's files) or gone
            (base / folder).rmdir()
            gone.append(folder)
    return Change(base, tuple(removed), tuple(gone), tuple(kept))


def _plain_file_inside(base: Path, target: Path) -> bool:
    """A file (or a link) at ``target``, in a folder that really is under ``base``: never a
    folder, never a file reached through a link that leads out of the data folder."""
    return ((os.path.lexists(target) and not target.is_dir()) or target.is_symlink()) and \
        _inside_base(base, target.parent)


def _inside_base(base: Path, folder: Path) -> bool:
    try:
        return Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(base))
    except (OSError, ValueError):
        return False


def _as_installed(target: Path, relative: Path, shipped: bytes) -> bool:
    """Whether the file at ``target`` is what ``install`` writes there (any ``Exec`` line)."""
    try:
        found = read_bytes_limited(target, MANIFEST_LIMIT * 16)
    except OSError:
        return False
    if relative.suffix != ".desktop":
        return found == shipped

    def without_exec(data: bytes) -> list[bytes]:
        return [line for line in data.splitlines() if not line.startswith(b"Exec=")]

    return without_exec(found) == without_exec(shipped)


def _new_folders(base: Path, relative: Path) -> list[Path]:
    """The folders along ``relative`` that do not exist under ``base`` yet, outermost first."""
    new = []
    for depth in range(1, len(relative.parts) + 1):
        folder = Path(*relative.parts[:depth])
        if not (base / folder).exists():
            new.append(folder)
    return new


def _read_manifest(base: Path) -> Change:
    """What the manifest lists, only BackTimer's own paths; empty when there is none or it
    cannot be read (missing, damaged, a FIFO or a folder, too large)."""
    try:
        data = json.loads(read_text_limited(base / MANIFEST, MANIFEST_LIMIT))
        listed_files, listed_folders = data["files"], data["folders"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return Change(base, ())
    if not isinstance(listed_files, list) or not isinstance(listed_folders, list):
        return Change(base, ())
    known = set(desktop_files(["backtimer"]))
    along = {parent for path in known | {MANIFEST} for parent in path.parents} - {Path(".")}
    files = tuple(Path(p) for p in listed_files if _inside(p) and Path(p) in known)
    folders = tuple(Path(p) for p in listed_folders if _inside(p) and Path(p) in along)
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
