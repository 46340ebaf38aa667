"""Odd and hostile things under a session file's name: FIFOs, devices, huge or sparse files,
symbolic links (good, dangling, looping), folders, and a sessions folder that cannot be listed.

None of them may hang, eat memory, raise out of the store, or make sessions vanish in silence;
a save through a link must change the file the link points to, and a delete must remove only
what it says it removes, with an Undo that puts back exactly that (issue 9, items 6, 10, 11).
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from backtimer.session.problems import ProblemsError
from backtimer.session.yamltext import MAX_BYTES
from backtimer.store import reading
from backtimer.store.library import Library, Origin
from backtimer.store.paths import Paths
from backtimer.store.reading import UnreadableFileError, read_bytes_limited, read_text_limited
from backtimer.store.user_sessions import UserFileError, UserSessions
from tests.helpers import make_unlistable

GOOD = "title: Mine\nitems:\n  - {exercise: plank, hold: 20s}\n"
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def folder(paths: Paths) -> Path:
    paths.user_sessions_dir.mkdir(parents=True, exist_ok=True)
    return paths.user_sessions_dir


@pytest.fixture
def fifo(folder: Path) -> Iterator[Path]:
    path = folder / "pipe.yaml"
    os.mkfifo(path)
    yield path
    _unblock(path)


def _unblock(path: Path) -> None:
    """If anything still blocks in open() on the FIFO, a writer opening it lets it go."""
    if path.exists() and stat.S_ISFIFO(path.lstat().st_mode):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            return
        os.close(fd)


def bounded(call: Callable[[], object], seconds: float = 20.0) -> object:
    """Run ``call`` on a thread; fail (instead of hanging the suite) if it never returns.

    The limit is a safety net for the old behaviour (blocked for ever), not a timing check.
    """
    result: list[object] = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as error:  # handed back to the test
            result.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "the call never returned (blocked on the file)"
    if isinstance(result[0], BaseException):
        raise result[0]
    return result[0]


# -- the reader ---------------------------------------------------------------------------


def test_the_reader_refuses_a_fifo_without_opening_it(fifo: Path) -> None:
    with pytest.raises(UnreadableFileError, match="pipe") as caught:
        bounded(lambda: read_bytes_limited(fifo, MAX_BYTES))
    assert isinstance(caught.value, OSError)  # existing OSError handlers cover it


def test_the_reader_refuses_a_link_to_dev_zero_before_reading(folder: Path) -> None:
    link = folder / "zero.yaml"
    os.symlink("/dev/zero", link)
    with pytest.raises(UnreadableFileError, match="device"):
        bounded(lambda: read_bytes_limited(link, MAX_BYTES))


def test_a_sparse_3_gb_file_is_refused_without_reading_it(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = folder / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: no disk used
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(reading.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    with pytest.raises(UnreadableFileError, match="too large"):
        read_bytes_limited(big, MAX_BYTES)
    assert reads == []  # refused from its size alone


def test_a_file_that_grows_after_the_check_is_read_only_to_the_limit_plus_one(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = folder / "growing.yaml"
    path.write_bytes(b"x" * 10)
    real_fstat = os.fstat

    def fstat_then_grow(fd: int) -> os.stat_result:
        info = real_fstat(fd)
        with path.open("ab") as handle:  # it grows between the check and the read
            handle.write(b"y" * 5000)
        return info

    monkeypatch.setattr(reading.os, "fstat", fstat_then_grow)
    read: list[int] = []
    real_read = os.read

    def counting_read(fd: int, n: int) -> bytes:
        chunk = real_read(fd, n)
        read.append(len(chunk))
        return chunk

    monkeypatch.setattr(reading.os, "read", counting_read)
    with pytest.raises(UnreadableFileError, match="too large"):
        read_bytes_limited(path, 100)
    assert sum(read) == 101


def test_a_fifo_swapped_in_after_the_check_does_not_block_the_open(
    fifo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The stat sees a small regular file; by the open, a FIFO is there instead.
    fake = os.stat_result((stat.S_IFREG | 0o644, 0, 0, 1, 0, 0, 10, 0, 0, 0))
    real_stat = os.stat
    monkeypatch.setattr(reading.os, "stat",
                        lambda p, *a, **k: fake if Path(p) == fifo else real_stat(p, *a, **k))
    with pytest.raises(UnreadableFileError, match="pipe"):
        bounded(lambda: read_bytes_limited(fifo, MAX_BYTES))


@pytest.mark.parametrize("kind", ["folder", "loop", "dangling"])
def test_the_reader_names_what_is_wrong(folder: Path, kind: str) -> None:
    path = folder / f"{kind}.yaml"
    if kind == "folder":
        path.mkdir()
    elif kind == "loop":
        os.symlink(path.name, path)
    else:
        os.symlink(folder / "nowhere.yaml", path)
    expected = {"folder": "folder", "loop": "loop", "dangling": "does not exist"}[kind]
    with pytest.raises(UnreadableFileError, match=expected):
        read_text_limited(path, MAX_BYTES)


def test_read_text_limited_gives_the_text_of_a_small_file(folder: Path) -> None:
    (folder / "ok.yaml").write_text(GOOD, encoding="utf-8")
    assert read_text_limited(folder / "ok.yaml", MAX_BYTES) == GOOD


# -- the library and `backtimer sessions` -------------------------------------------------


def test_hostile_files_in_the_folder_are_listed_as_broken_and_the_rest_load(
    folder: Path, fifo: Path
) -> None:
    os.symlink("/dev/zero", folder / "zero.yaml")
    with (folder / "big.yaml").open("wb") as handle:
        handle.truncate(3 * 1024**3)
    (folder / "mine.yaml").write_text(GOOD)
    library = bounded(lambda: Library(Paths.from_environment()))
    assert isinstance(library, Library)
    assert library.entries["mine"].valid
    for sid, words in (("pipe", "pipe"), ("zero", "device"), ("big", "too large")):
        entry = library.entries[sid]
        assert not entry.valid
        assert words in entry.problems[0].message


def test_an_unlistable_sessions_folder_is_a_reported_problem(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "mine.yaml").write_text(GOOD)
    make_unlistable(monkeypatch, folder)
    library = Library(Paths.from_environment())
    assert "mine" not in library.entries
    assert [p.file for p in library.folder_problems] == [str(folder)]
    assert "Permission denied" in library.folder_problems[0].message


def test_a_missing_sessions_folder_is_no_problem(paths: Paths) -> None:
    assert not paths.user_sessions_dir.exists()
    assert Library(paths).folder_problems == []


@pytest.mark.skipif(ROOT, reason="root reads any folder; the monkeypatched test covers this")
def test_a_chmod_000_sessions_folder_is_a_reported_problem(folder: Path) -> None:
    (folder / "mine.yaml").write_text(GOOD)
    folder.chmod(0)
    try:
        library = Library(Paths.from_environment())
    finally:
        folder.chmod(0o755)
    assert "mine" not in library.entries
    assert library.folder_problems


# -- saving through links -----------------------------------------------------------------


def test_saving_a_session_that_is_a_link_changes_the_file_it_points_to(
    folder: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "dotfiles" / "mine.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(GOOD)
    link = folder / "mine.yaml"
    os.symlink(elsewhere, link)
    store = UserSessions(Library(Paths.from_environment()))
    store.rename("mine", "Renamed")
    assert link.is_symlink()  # still the person's link
    assert "title: Renamed" in elsewhere.read_text()  # and the file they keep was saved
    assert store.library.resolve("mine").title == "Renamed"
    assert [p.name for p in folder.iterdir()] == ["mine.yaml"]  # no temporary left behind
    assert [p.name for p in elsewhere.parent.iterdir()] == ["mine.yaml"]


# -- deleting links, and Undo -------------------------------------------------------------


def test_deleting_a_dangling_link_removes_it_and_undo_brings_the_link_back(
    folder: Path, tmp_path: Path
) -> None:
    link = folder / "gone.yaml"
    target = tmp_path / "nowhere.yaml"
    os.symlink(target, link)
    store = UserSessions(Library(Paths.from_environment()))
    assert not store.entry("gone").valid
    deleted = store.delete("gone")
    assert not os.path.lexists(link)  # "Deleted" means deleted
    assert "gone" not in store.library.entries
    store.restore(deleted)
    assert link.is_symlink() and os.readlink(link) == str(target)  # the same link, not a file
    assert not target.exists()
    assert "gone" in store.library.entries


def test_deleting_a_link_to_a_good_file_removes_the_link_not_the_file(
    folder: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "kept.yaml"
    elsewhere.write_text(GOOD)
    os.symlink(elsewhere, folder / "kept.yaml")
    store = UserSessions(Library(Paths.from_environment()))
    deleted = store.delete("kept")
    assert not os.path.lexists(folder / "kept.yaml")
    assert elsewhere.read_text() == GOOD
    store.restore(deleted)
    assert (folder / "kept.yaml").is_symlink()
    assert store.library.entries["kept"].origin is Origin.USER


def test_a_folder_named_like_a_session_is_not_deleted_and_says_why(folder: Path) -> None:
    (folder / "odd.yaml").mkdir()
    (folder / "odd.yaml" / "inside.txt").write_text("keep me")
    store = UserSessions(Library(Paths.from_environment()))
    with pytest.raises(UserFileError, match="folder"):
        store.delete("odd")
    assert (folder / "odd.yaml" / "inside.txt").read_text() == "keep me"


def test_undo_never_replaces_a_file_that_appeared_since_the_delete(folder: Path) -> None:
    (folder / "mine.yaml").write_text(GOOD)
    store = UserSessions(Library(Paths.from_environment()))
    deleted = store.delete("mine")
    (folder / "mine.yaml").write_text(GOOD.replace("Mine", "Newer"))
    with pytest.raises(UserFileError):
        store.restore(deleted)
    assert "Newer" in (folder / "mine.yaml").read_text()


# -- import and repair --------------------------------------------------------------------


def test_importing_a_fifo_or_dev_zero_is_refused_with_a_reason(
    paths: Paths, tmp_path: Path
) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    store = UserSessions(Library(paths))
    try:
        for source, words in ((pipe, "pipe"), (Path("/dev/zero"), "device")):
            with pytest.raises(ProblemsError) as caught:
                bounded(lambda source=source: store.import_file(source))
            assert words in str(caught.value)
    finally:
        _unblock(pipe)
    assert not paths.user_sessions_dir.exists() or not list(paths.user_sessions_dir.iterdir())


@pytest.mark.parametrize("kind", ["folder", "loop", "dangling", "fifo"])
def test_the_text_to_repair_of_an_odd_entry_is_a_clear_error(folder: Path, kind: str) -> None:
    path = folder / f"{kind}.yaml"
    if kind == "folder":
        path.mkdir()
    elif kind == "loop":
        os.symlink(path.name, path)
    elif kind == "dangling":
        os.symlink(folder / "nowhere.yaml", path)
    else:
        os.mkfifo(path)
    try:
        with pytest.raises(UnreadableFileError):
            bounded(lambda: UserSessions(Library(Paths.from_environment())).read_text(kind))
    finally:
        _unblock(path)
