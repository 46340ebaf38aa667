"""An atomic write leaves the old file or the new one, never a torn one, and no debris."""

from __future__ import annotations

import errno
import io
from pathlib import Path

import pytest

from backtimer.store import atomic
from backtimer.store.atomic import write_atomic


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
