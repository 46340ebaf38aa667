"""Saving settings on a full disk or into a read-only folder: reported, old file intact.

A failed save must raise an OSError that says what went wrong and where (the window shows it),
leave the settings file exactly as it was (byte for byte) and leave no temporary file behind.
The disk faults are simulated at the operating-system calls, because a test cannot fill a disk,
and root (which CI often is) writes through ``chmod``; the real ``chmod`` test runs when the
tests are not root.
"""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backtimer.store import atomic
from backtimer.store.paths import Paths
from backtimer.store.settings import Settings, load_settings, save_settings

OLD = Settings(volume=0.3, voice=False, default_prepare=20.0)
NEW = Settings(volume=0.9, soft_sounds=True)


@pytest.fixture
def saved(paths: Paths) -> tuple[Path, bytes]:
    """A settings file with the old settings in it, and its exact bytes."""
    save_settings(paths.settings_file, OLD)
    return paths.settings_file, paths.settings_file.read_bytes()


def assert_untouched(target: Path, before: bytes) -> None:
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == [target.name], "a temp file was left"
    assert load_settings(target).settings == OLD


class _FullDiskFile(io.RawIOBase):
    """Stands in for the temp file: every write fails as a full disk makes it fail."""

    def __init__(self, real: io.BufferedWriter) -> None:
        self.real = real

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fileno(self) -> int:
        return self.real.fileno()

    def close(self) -> None:
        self.real.close()
        super().close()


def fail_on_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        return _FullDiskFile(real_fdopen(fd, mode, *args, **kwargs))

    monkeypatch.setattr(atomic.os, "fdopen", fdopen)


def fail_on_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """Delayed allocation: the write is accepted, the disk runs out when it is flushed."""

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", fsync)


@pytest.mark.parametrize("fail", [fail_on_write, fail_on_fsync], ids=["write", "fsync"])
def test_a_full_disk_is_reported_and_the_old_settings_stay(
    saved: tuple[Path, bytes],
    monkeypatch: pytest.MonkeyPatch,
    fail: Callable[[pytest.MonkeyPatch], None],
) -> None:
    target, before = saved
    fail(monkeypatch)
    with pytest.raises(OSError) as caught:
        save_settings(target, NEW)
    assert caught.value.errno == errno.ENOSPC
    message = str(caught.value)
    assert "No space left on device" in message
    assert str(target) in message, f"the message does not say which file: {message!r}"
    assert_untouched(target, before)


def test_once_space_is_free_the_next_save_works(
    saved: tuple[Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    target, _ = saved
    with monkeypatch.context() as patch:
        fail_on_write(patch)
        with pytest.raises(OSError):
            save_settings(target, NEW)
    save_settings(target, NEW)
    assert load_settings(target).settings == NEW


def read_only_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make ``folder`` behave read-only for this process, as ``chmod a-w`` would for a user.

    Creating, opening for writing and renaming into the folder fail with EACCES; reading works.
    """
    real_open = os.open
    real_replace = os.replace
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def inside(path: Any) -> bool:
        return Path(os.fsdecode(path)).resolve().parent == folder.resolve()

    def guarded_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & writing and inside(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    def guarded_replace(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        if inside(target):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(target))
        real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    monkeypatch.setattr(os, "replace", guarded_replace)


def test_a_read_only_config_folder_is_reported_and_the_old_settings_stay(
    saved: tuple[Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    target, before = saved
    read_only_folder(monkeypatch, target.parent)
    with pytest.raises(OSError) as caught:
        save_settings(target, NEW)
    assert caught.value.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
    message = str(caught.value)
    assert "Permission denied" in message
    assert str(target.parent) in message, f"the message does not say where: {message!r}"
    monkeypatch.undo()
    assert_untouched(target, before)


def test_a_read_only_folder_that_refuses_only_the_rename_leaves_no_temp_file(
    saved: tuple[Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temp file is written, then the rename is refused: the temp file must go again."""
    target, before = saved

    def refuse(source: str, destination: Path) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(destination))

    monkeypatch.setattr(atomic, "_replace", refuse)
    with pytest.raises(PermissionError):
        save_settings(target, NEW)
    assert_untouched(target, before)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root writes into read-only folders; the simulated test above covers it",
)
def test_a_real_read_only_config_folder(saved: tuple[Path, bytes]) -> None:
    target, before = saved
    folder = target.parent
    mode = folder.stat().st_mode
    folder.chmod(0o500)
    try:
        with pytest.raises(PermissionError) as caught:
            save_settings(target, NEW)
        assert str(folder) in str(caught.value)
    finally:
        folder.chmod(mode)
    assert_untouched(target, before)
