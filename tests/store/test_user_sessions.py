"""The user's sessions folder: customizing, resetting, creating, deleting, importing, exporting."""

from __future__ import annotations

import errno
import os
from dataclasses import replace
from pathlib import Path

import pytest

from backtimer.session.model import Dose, Item, Session
from backtimer.session.problems import ProblemsError
from backtimer.store import atomic
from backtimer.store.library import Library, Origin
from backtimer.store.paths import Paths
from backtimer.store.user_sessions import FailureKind, UserFileError, UserSessions


@pytest.fixture
def store(paths: Paths) -> UserSessions:
    return UserSessions(Library(paths))


def with_first_hold(session: Session, hold: float) -> Session:
    first = session.items[0]
    return replace(session, items=(replace(first, dose=replace(first.dose, hold=hold)),
                                   *session.items[1:]))


def folder_snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_changed_built_in_is_saved_as_the_users_version_and_reset_brings_it_back(
    store: UserSessions, paths: Paths
) -> None:
    built_in = store.library.resolve("daily-walk")
    entry = store.save(with_first_hold(built_in, 900))
    assert entry.origin is Origin.CUSTOMIZED
    assert entry.session is not None and entry.session.items[0].dose.hold == 900
    assert entry.original == built_in
    assert (paths.user_sessions_dir / "daily-walk.yaml").read_text().count("hold: 15m") == 1
    # A new library (the app restarted) sees the same thing.
    assert Library(paths).resolve("daily-walk").items[0].dose.hold == 900

    removed = store.reset_to_original("daily-walk")
    assert store.entry("daily-walk").origin is Origin.BUILTIN
    assert store.library.resolve("daily-walk") == built_in
    store.restore(removed)  # Undo the reset
    assert store.library.resolve("daily-walk").items[0].dose.hold == 900


def test_create_gives_a_fresh_id_from_the_title(store: UserSessions) -> None:
    new = Session(id="ignored", title="Daily routine", items=(Item("walk", Dose(hold=60)),))
    entry = store.create(new)
    assert entry.id == "daily-routine-2"  # "daily-routine" is a built-in; never overwritten
    assert entry.origin is Origin.USER
    assert store.entry("daily-routine").origin is Origin.BUILTIN
    assert store.create(replace(new, title="Übung für Rücken!")).id == "ubung-fur-rucken"


def test_duplicate_rename_and_delete_with_undo(store: UserSessions) -> None:
    copy = store.duplicate("stretches", "My stretches")
    assert copy.origin is Origin.USER and copy.id == "my-stretches"
    assert copy.session is not None
    assert copy.session.items == store.library.resolve("stretches").items

    renamed = store.rename("my-stretches", "Evening stretches")
    assert renamed.id == "my-stretches" and renamed.title == "Evening stretches"

    deleted = store.delete("my-stretches")
    assert "my-stretches" not in store.library.entries
    store.restore(deleted)
    assert store.entry("my-stretches").title == "Evening stretches"


def test_built_in_sessions_cannot_be_deleted(store: UserSessions) -> None:
    with pytest.raises(ValueError, match="built in"):
        store.delete("stretches")
    assert "stretches" in store.library.entries


def test_a_hand_broken_file_is_listed_with_its_error_and_can_be_repaired_or_deleted(
    store: UserSessions, paths: Paths
) -> None:
    store.duplicate("stretches", "Mine")
    path = paths.user_sessions_dir / "mine.yaml"
    path.write_text(path.read_text().replace("title:", "titel:"))
    store.library.reload()
    broken = store.entry("mine")
    assert not broken.valid
    assert any("titel" in str(p) for p in broken.problems)
    assert store.library.resolve("stretches")  # everything else still works

    text = store.read_text("mine")
    with pytest.raises(ProblemsError):
        store.save_text("mine", text + "  - bogus\n")
    assert path.read_text() == text  # a bad repair changes nothing
    assert store.save_text("mine", text.replace("titel:", "title:")).valid

    path.write_text("items: [")
    store.library.reload()
    deleted = store.delete("mine")
    assert deleted.data == b"items: [" and not path.exists()


def test_import_a_good_file_keeps_its_text_and_never_replaces_a_session(
    store: UserSessions, tmp_path: Path
) -> None:
    source = tmp_path / "stretches.yaml"
    source.write_text("# mine\ntitle: Imported\nitems:\n  - exercise: walk\n    hold: 1m\n")
    entry = store.import_file(source)
    assert entry.id == "stretches-2" and entry.title == "Imported"
    assert Path(entry.path).read_text().startswith("# mine\n")
    assert store.entry("stretches").origin is Origin.BUILTIN


def test_import_a_broken_file_is_refused_with_its_lines_and_nothing_changes(
    store: UserSessions, paths: Paths, tmp_path: Path
) -> None:
    store.duplicate("stretches", "Mine")
    before = folder_snapshot(paths.user_sessions_dir)
    source = tmp_path / "bad.yaml"
    source.write_text("title: Bad\nitems:\n  - exercise: walk\n    hold: 10 parsecs\n")
    with pytest.raises(ProblemsError) as caught:
        store.import_file(source)
    assert [str(p) for p in caught.value.problems] == [
        f"{source}:4: items[1].hold: expected a duration like 45s, 2m or 1m30s, "
        "not '10 parsecs'"
    ]
    assert folder_snapshot(paths.user_sessions_dir) == before
    assert "bad" not in store.library.entries


def test_export_writes_a_file_that_imports_back(store: UserSessions, tmp_path: Path) -> None:
    session = store.library.resolve("gentle-sciatica")
    target = tmp_path / "out" / "gentle.yaml"
    store.export(session, target)
    entry = store.import_file(target)
    assert entry.session is not None and entry.session.items == session.items


def test_a_save_interrupted_before_the_rename_leaves_the_old_file(
    store: UserSessions, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    built_in = store.library.resolve("daily-walk")
    store.save(with_first_hold(built_in, 900))
    before = folder_snapshot(paths.user_sessions_dir)

    def crash(source: str, target: Path) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(atomic, "_replace", crash)
    with pytest.raises(UserFileError) as caught:
        store.save(with_first_hold(built_in, 1200))
    assert "Nothing was changed" in str(caught.value)
    assert folder_snapshot(paths.user_sessions_dir) == before  # old file, no temp file
    assert Library(paths).resolve("daily-walk").items[0].dose.hold == 900


def test_a_full_disk_is_reported_and_the_old_file_is_kept(
    store: UserSessions, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    built_in = store.library.resolve("daily-walk")
    store.save(with_first_hold(built_in, 900))
    before = folder_snapshot(paths.user_sessions_dir)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(UserFileError) as caught:
        store.save(with_first_hold(built_in, 1200))
    monkeypatch.undo()
    assert caught.value.kind is FailureKind.DISK_FULL
    assert "the disk is full" in str(caught.value)
    assert folder_snapshot(paths.user_sessions_dir) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions that apply (root ignores them)")
def test_a_read_only_folder_is_reported_and_the_old_file_is_kept(
    store: UserSessions, paths: Paths
) -> None:
    built_in = store.library.resolve("daily-walk")
    store.save(with_first_hold(built_in, 900))
    before = folder_snapshot(paths.user_sessions_dir)
    paths.user_sessions_dir.chmod(0o500)
    try:
        with pytest.raises(UserFileError) as caught:
            store.save(with_first_hold(built_in, 1200))
    finally:
        paths.user_sessions_dir.chmod(0o700)
    assert caught.value.kind is FailureKind.READ_ONLY
    assert folder_snapshot(paths.user_sessions_dir) == before


def test_a_refused_write_is_reported_as_read_only(
    store: UserSessions, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same case for any user, root included: the folder refuses the temporary file."""

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(UserFileError) as caught:
        store.create(Session(id="x", title="New", items=(Item("walk", Dose(hold=60)),)))
    assert caught.value.kind is FailureKind.READ_ONLY
    assert "cannot be written to" in str(caught.value)
    assert "new" not in store.library.entries
