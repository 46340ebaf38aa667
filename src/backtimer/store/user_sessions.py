"""The user's sessions folder: saving, customizing, duplicating, deleting, importing, exporting.

Every write goes through ``write_atomic`` and is validated first, so the folder only ever gets
files that load exactly like the built-in ones, and a failed write leaves the old file as it was.
After each change the library is reloaded, so the window lists what is on disk.

Ids: a session's id is its file name, and the history log refers to sessions by id, so an id
never changes once given. Renaming changes only the title; a customized built-in keeps the
built-in's id, and its file says ``based_on: <id>`` (that is how the library overlays it; a
file merely named like a built-in does not replace it); a new, duplicated or imported session gets
a fresh id that no other session has, so nothing is ever overwritten by accident.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from backtimer.session.loader import load_session, session_id_for
from backtimer.session.model import Session
from backtimer.session.problems import Problem, ProblemsError
from backtimer.session.writer import session_to_yaml
from backtimer.session.yamltext import MAX_BYTES
from backtimer.store.atomic import write_atomic
from backtimer.store.library import (
    Library,
    Origin,
    SessionEntry,
    UnknownSessionError,
    list_session_files,
)
from backtimer.store.reading import UnreadableFileError, read_bytes_limited


class FailureKind(StrEnum):
    """Why a file could not be written, so the window can word its message."""

    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    OTHER = "other"


class FileAction(StrEnum):
    """What was being done to the file when it failed."""

    SAVE = "save"
    DELETE = "delete"
    RESTORE = "restore"
    EXPORT = "export"


_READ_ONLY_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS}


def failure_kind(error: OSError) -> FailureKind:
    """Sort a failed write: a full disk and a read-only folder each get their own words."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return FailureKind.DISK_FULL
    if error.errno in _READ_ONLY_ERRNOS:
        return FailureKind.READ_ONLY
    return FailureKind.OTHER


class UserFileError(Exception):
    """A user's session file could not be written or removed. The old file is intact.

    ``action``, ``kind`` and ``path`` are the reason; the window words it
    (``ui/common/words.py``). ``str(error)`` is plain English for logs.
    """

    def __init__(self, path: Path, error: OSError, *,
                 action: FileAction = FileAction.SAVE) -> None:
        self.path = path
        self.error = error
        self.action = action
        self.kind = failure_kind(error)
        if self.kind is FailureKind.DISK_FULL:
            reason = "the disk is full"
        elif self.kind is FailureKind.READ_ONLY:
            reason = f"the folder {path.parent} cannot be written to"
        else:
            reason = error.strerror or str(error)
        super().__init__(
            f"Could not {action.value} {path.name}: {reason}. Nothing was changed on disk."
        )


class AlreadyImportedError(Exception):
    """The file to import is, byte for byte, a session already in the folder: ``entry``.

    Importing it again would only make a second, identical entry; the window says it is there.
    """

    def __init__(self, source: Path, entry: SessionEntry) -> None:
        self.source = source
        self.entry = entry
        super().__init__(f"{source.name} is already in your sessions as {entry.id!r}")


@dataclass(frozen=True)
class DeletedFile:
    """What a delete removed, kept so that Undo can put the very same thing back.

    A file is kept as its bytes. A symbolic link is kept as the link (``link`` is where it
    pointed): deleting removes the link, never its target, and Undo makes the same link again.
    """

    session_id: str
    path: Path
    data: bytes
    link: str | None = None
    existed: bool = True  # False: the file was already gone, and Undo has nothing to restore


class UserSessions:
    """Changes to the user's sessions folder, each followed by a reload of the library."""

    def __init__(self, library: Library) -> None:
        if library.paths is None:
            raise ValueError("the library was built without the user's folders")
        self.library = library
        self.folder = library.paths.user_sessions_dir

    # -- reading

    def entry(self, session_id: str) -> SessionEntry:
        entry = self.library.entries.get(session_id)
        if entry is None:
            raise UnknownSessionError(f"no session called {session_id!r}")
        return entry

    def path_for(self, session_id: str) -> Path:
        """Where the user's file for this id is (or would be)."""
        entry = self.library.entries.get(session_id)
        if entry is not None and entry.origin is not Origin.BUILTIN:
            return Path(entry.path)
        path, number = self.folder / f"{session_id}.yaml", 2
        while path.exists():  # a file of the user's own with that name: never overwrite it
            path, number = self.folder / f"{session_id}-customized-{number}.yaml", number + 1
        return path

    def read_text(self, session_id: str) -> str:
        """The raw text of a session file, for repairing one that no longer validates.

        Raises ``UnreadableFileError`` (with a ``reason`` to show) for a file that cannot be
        read: a folder, a FIFO, a dangling link, a link loop, a file too large.
        """
        path = Path(self.entry(session_id).path)
        return read_bytes_limited(path, MAX_BYTES).decode("utf-8", errors="replace")

    def new_id(self, title: str) -> str:
        """A fresh id made from ``title``: lowercase-with-dashes, used by no other session."""
        ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
        base = session_id_for(f"{ascii_title}.yaml")
        taken = set(self.library.entries) | {p.stem for p in list_session_files(self.folder)[0]}

        def free(candidate: str) -> bool:
            # The folder may be unlistable but still hold files: never name one of them.
            return candidate not in taken and not any(
                os.path.lexists(self.folder / f"{candidate}{suffix}")
                for suffix in (".yaml", ".yml")
            )

        if free(base):
            return base
        number = 2
        while not free(f"{base}-{number}"):
            number += 1
        return f"{base}-{number}"

    # -- writing

    def save(self, session: Session) -> SessionEntry:
        """Save under ``session.id``: a built-in's id makes it the user's customized version."""
        entry = self.library.entries.get(session.id)
        if entry is not None and entry.origin is not Origin.USER:
            session = replace(session, based_on=session.id)
        text = session_to_yaml(session, self.library.exercises)
        return self._write(session.id, text.encode("utf-8"), self.path_for(session.id))

    def create(self, session: Session) -> SessionEntry:
        """Save a new session under a fresh id made from its title (its own id is ignored)."""
        return self.save(replace(session, id=self.new_id(session.title), based_on=None))

    def duplicate(self, session_id: str, title: str) -> SessionEntry:
        """A copy of any valid session, with a new title and id, as the user's own."""
        original = self.library.resolve(session_id)
        return self.create(replace(original, title=title))

    def rename(self, session_id: str, title: str) -> SessionEntry:
        """Change the title; the id (and so the file and the history) stays the same."""
        return self.save(replace(self.library.resolve(session_id), title=title))

    def save_text(self, session_id: str, text: str) -> SessionEntry:
        """Replace a file with hand-edited text, only if it validates; raises ProblemsError."""
        return self._write(session_id, text.encode("utf-8"), self.path_for(session_id))

    def delete(self, session_id: str) -> DeletedFile:
        """Remove the user's file. For a customized built-in this resets it to the original.

        Returns the removed bytes for ``restore`` (Undo). Built-in files cannot be deleted.
        """
        entry = self.entry(session_id)
        if entry.origin is Origin.BUILTIN:
            raise ValueError(f"{session_id!r} is built in; only your own files can be deleted")
        path = Path(entry.path)
        try:
            deleted = _removable(session_id, path)
            path.unlink()
        except FileNotFoundError:  # already gone: nothing to remove, nothing to undo
            self.library.reload()
            return DeletedFile(session_id, path, b"", existed=False)
        except OSError as error:
            raise UserFileError(path, error, action=FileAction.DELETE) from error
        self.library.reload()
        return deleted

    def reset_to_original(self, session_id: str) -> DeletedFile:
        """Bring a customized built-in back by removing the user's version of it."""
        if self.entry(session_id).origin is not Origin.CUSTOMIZED:
            raise ValueError(f"{session_id!r} is not a customized built-in session")
        return self.delete(session_id)

    def restore(self, deleted: DeletedFile) -> None:
        """Undo a delete: put the same bytes (or link) back in the same place, even if invalid.

        Something that appeared at the path since the delete is never replaced.
        """
        if not deleted.existed:
            return
        try:
            if os.path.lexists(deleted.path):
                raise FileExistsError(errno.EEXIST, "a file of that name is there again",
                                      str(deleted.path))
            if deleted.link is not None:
                os.symlink(deleted.link, deleted.path)
            else:
                write_atomic(deleted.path, deleted.data)
        except OSError as error:
            raise UserFileError(deleted.path, error, action=FileAction.RESTORE) from error
        self.library.reload()

    # -- files elsewhere

    def import_file(self, source: Path) -> SessionEntry:
        """Copy a session file in, validated exactly like the built-in ones.

        A bad file raises ProblemsError with its ``FILE:LINE: message`` problems, and nothing
        is written. The id comes from the file name, made unique, so an import never replaces
        a session that is already there. The file's own text (and comments) is kept.
        """
        try:
            data = read_bytes_limited(source, MAX_BYTES)
        except UnreadableFileError as error:
            raise ProblemsError([Problem(str(source), 1, error.reason)]) from None
        self._validate(str(source), data, session_id_for(str(source)))
        same = self._same_file(data)
        if same is not None:
            raise AlreadyImportedError(source, same)
        session_id = self.new_id(source.stem)
        return self._write(session_id, data, self.folder / f"{session_id}.yaml", checked=True)

    def export(self, session: Session, target: Path) -> None:
        """Write ``session`` to ``target`` in the session format (atomically).

        Exercises from the person's own library go with it, under the file's ``exercises:``,
        so the file works on a machine that has only the built-in ones.
        """
        carried = self.library.user_exercises_used(session)
        if carried:
            session = replace(session, exercises=(*session.exercises, *carried))
        data = session_to_yaml(session, self.library.exercises).encode("utf-8")
        try:
            write_atomic(target, data)
        except OSError as error:
            raise UserFileError(target, error, action=FileAction.EXPORT) from error

    # -- helpers

    def _same_file(self, data: bytes) -> SessionEntry | None:
        """The listed session whose file in the folder holds exactly ``data``, if any."""
        by_path = {entry.path: entry for entry in self.library.entries.values()
                   if entry.origin is not Origin.BUILTIN}
        for path in list_session_files(self.folder)[0]:
            entry = by_path.get(str(path))
            if entry is None:
                continue
            try:
                if path.stat().st_size == len(data) and path.read_bytes() == data:
                    return entry
            except OSError:
                continue  # unreadable: not the same as a file that reads
        return None

    def _validate(self, name: str, data: bytes, session_id: str) -> Session:
        return load_session(name, data, self.library.exercises, session_id=session_id)

    def _write(self, session_id: str, data: bytes, path: Path, *,
               checked: bool = False) -> SessionEntry:
        """Write ``data`` (checked first, unless the caller just did: parsing a 1 MB file
        takes most of a second, on the GUI thread) and read the library again."""
        if not checked:
            self._validate(str(path), data, session_id)
        try:
            write_atomic(path, data)
        except OSError as error:
            raise UserFileError(path, error) from error
        self.library.reload()
        if session_id not in self.library.entries:  # hand-edited text may drop its based_on
            written = next((e for e in self.library.entries.values() if e.path == str(path)), None)
            if written is not None:
                return written
        return self.entry(session_id)


def _removable(session_id: str, path: Path) -> DeletedFile:
    """What deleting ``path`` would take away, read before it goes, for Undo.

    A link (even one that points nowhere, or at itself) is the link; a regular file is its
    bytes. Anything else (a folder, a FIFO, a file too large to keep for Undo) is refused
    with an OSError: BackTimer never made it, so it does not remove it.
    """
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        return DeletedFile(session_id, path, b"", link=os.readlink(path))
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder; remove it outside BackTimer",
                                str(path))
    try:
        data = read_bytes_limited(path, MAX_BYTES)
    except UnreadableFileError as error:
        raise OSError(error.errno, f"{error.reason}; remove it outside BackTimer",
                      str(path)) from None
    return DeletedFile(session_id, path, data)

