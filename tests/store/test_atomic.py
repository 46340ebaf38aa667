"""An atomic write leaves the old file or the new one, never a torn one, and no debris."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backtimer.store import atomic
from backtimer.store.atomic import STALE_AGE, remove_stale_temporaries, write_atomic


def test_a_write_replaces_the_file_and_creates_missing_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "file.yaml"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["file.yaml"]


def test_a_crash_between_write_and_rename_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.yaml"
    write_atomic(target, b"old")

    def crash(source: str, destination: Path) -> None:
        raise KeyboardInterrupt  # the harshest interruption: not even an OSError

    monkeypatch.setattr(atomic, "_replace", crash)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.yaml"]


class _FullDisk(io.RawIOBase):
    """A file whose writes fail the way a full disk makes them fail."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_raises_and_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.yaml"
    write_atomic(target, b"old")
    real_fdopen = atomic.os.fdopen
    opened: list[int] = []

    def fdopen(fd: int, mode: str = "r") -> io.RawIOBase:
        opened.append(fd)
        real_fdopen(fd, mode).close()  # the real temp file is closed like the real code would
        return _FullDisk()

    monkeypatch.setattr(atomic.os, "fdopen", fdopen)
    with pytest.raises(OSError) as caught:
        write_atomic(target, b"new" * 1000)
    monkeypatch.undo()
    assert opened and caught.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.yaml"]


# -- temporary files a killed save left behind ----------------------------------------------------

def _ended_process_id() -> int:
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid


def _interrupted_write(target: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A save stopped between write and rename, as a kill stops it; returns its temp file."""
    seen: list[Path] = []

    def crash(source: str, destination: Path) -> None:
        seen.append(Path(source))
        raise SystemExit  # stands in for the kill; the temp file is then left on purpose

    real_unlink = atomic.os.unlink
    with monkeypatch.context() as patch:
        patch.setattr(atomic, "_replace", crash)
        patch.setattr(atomic.os, "unlink", lambda path: None)  # a killed process cleans nothing
        with pytest.raises(SystemExit):
            write_atomic(target, b"half")
    assert atomic.os.unlink is real_unlink
    return seen[0]


def test_a_temporary_file_names_its_writer_so_it_can_be_cleared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    left = _interrupted_write(tmp_path / "settings.yaml", monkeypatch)
    assert left.exists() and f".{os.getpid()}." in left.name
    assert remove_stale_temporaries(tmp_path) == []  # its writer (this process) still runs
    later = time.time() + STALE_AGE + 1
    assert remove_stale_temporaries(tmp_path, now=later) == [left]
    assert list(tmp_path.iterdir()) == []


def test_temporaries_of_ended_processes_are_removed_and_nothing_else(tmp_path: Path) -> None:
    pid = _ended_process_id()
    ours_dead = tmp_path / f".settings.yaml.{pid}.ab_cd123.tmp"
    ours_live = tmp_path / f".settings.yaml.{os.getpid()}.abcd1234.tmp"
    ours_old_style = tmp_path / ".my-session.yaml.k2j4h5g6.tmp"  # no process id in the name
    others = [tmp_path / name for name in (
        "settings.yaml", "notes.tmp", ".hidden.tmp", ".settings.yaml.tmp", "x.abcd1234.tmp",
        ".settings.yaml.ABCD1234.tmp")]
    for path in [ours_dead, ours_live, ours_old_style, *others]:
        path.write_text("x")
    folder_of_ours = tmp_path / f".folder.yaml.{pid}.abcd1234.tmp"
    folder_of_ours.mkdir()
    assert remove_stale_temporaries(tmp_path) == [ours_dead]
    remaining = {p.name for p in tmp_path.iterdir()}
    assert remaining == {p.name for p in [ours_live, ours_old_style, *others, folder_of_ours]}
    later = time.time() + STALE_AGE + 1
    assert sorted(remove_stale_temporaries(tmp_path, now=later)) == sorted(
        [ours_live, ours_old_style])
    assert {p.name for p in tmp_path.iterdir()} == {p.name for p in [*others, folder_of_ours]}


def test_a_missing_folder_is_nothing_to_tidy(tmp_path: Path) -> None:
    assert remove_stale_temporaries(tmp_path / "not-there") == []


@pytest.mark.parametrize("kind", ["fifo", "link to a fifo", "socket", "device", "folder"])
def test_only_a_regular_file_is_ever_written_over(tmp_path: Path, kind: str) -> None:
    """A save never renames over a pipe, socket, device or folder, under the name or at the end
    of its link (as root, a settings file linked to /dev/zero once replaced /dev/zero)."""
    import socket
    import stat

    thing = tmp_path / "thing"
    if kind in ("fifo", "link to a fifo"):
        os.mkfifo(thing)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(thing))
        server.close()
    elif kind == "device":
        try:  # a node of our own (the numbers of /dev/null): a broken save harms nothing real
            os.mknod(thing, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs root")
    else:
        thing.mkdir()
    target = thing
    if kind == "link to a fifo":
        target = tmp_path / "settings.yaml"
        target.symlink_to(thing)
    before = os.lstat(thing)
    with pytest.raises(OSError, match=r"not a regular file|folder") as raised:
        write_atomic(target, b"volume: 0.5\n")
    assert raised.value.filename == str(thing)
    after = os.lstat(thing)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
