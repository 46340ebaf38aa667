"""The session library: the built-in sessions, overlaid by the user's own and customized ones.

A file that does not validate is kept in the library as an entry with its problems, so the
window can list it, say what is wrong and offer to repair or delete it; it never hides the
other sessions.

``reload()`` runs after every save, import or delete (on the GUI thread), so it parses again
only the files whose bytes (or the exercises they are checked against) changed since the last
read: a file of up to 1 MB takes most of a second to parse, and a folder holding twenty of them
held the window for over ten seconds after each save. Every file is still read (a few
milliseconds), so an edit made outside BackTimer is always seen.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from importlib.resources.abc import Traversable
from pathlib import Path

from backtimer.resources import data_dir
from backtimer.session.loader import load_exercises, load_session, session_id_for
from backtimer.session.model import DEFAULT_PREPARE, Exercise, Session
from backtimer.session.problems import Problem, ProblemsError
from backtimer.session.shown import shown_value
from backtimer.session.timeline import Timeline, compile_session
from backtimer.session.yamltext import MAX_BYTES
from backtimer.store.paths import Paths
from backtimer.store.reading import UnreadableFileError, read_bytes_limited

KNOWN_LISTED = 30  # ids an unknown session's message lists (a folder may hold thousands)


class Origin(StrEnum):
    BUILTIN = "builtin"
    CUSTOMIZED = "customized"  # the user's version of a built-in session
    USER = "user"  # a session the user made or imported


@dataclass(frozen=True)
class SessionEntry:
    """One session in the library, valid or not."""

    id: str
    origin: Origin
    path: str
    session: Session | None
    problems: tuple[Problem, ...] = ()
    original: Session | None = field(default=None, compare=False)

    @property
    def valid(self) -> bool:
        return self.session is not None

    @property
    def title(self) -> str:
        return self.session.title if self.session else self.id


class ExerciseOrigin(StrEnum):
    """Where an exercise comes from, for ``backtimer exercises``."""

    BUILTIN = "builtin"
    USER = "user"  # the person's exercises.yaml in the config folder
    SESSION = "session"  # a session file's own exercises: section


class UnknownSessionError(LookupError):
    """Raised for an id that names no session; the message lists the known ids."""


class Library:
    """Exercises and sessions, built once at start-up and rebuilt with ``reload()``."""

    def __init__(self, paths: Paths | None) -> None:
        self.paths = paths
        self.exercises: dict[str, Exercise] = {}
        self.exercise_problems: list[Problem] = []
        # Each exercise's origin, and for one from a session file that file's path.
        self.exercise_origins: dict[str, tuple[ExerciseOrigin, str]] = {}
        self.entries: dict[str, SessionEntry] = {}
        # Why the user's sessions folder could not be listed (empty when it could, or when it
        # does not exist yet): its sessions are then missing from ``entries``, and the window
        # and ``backtimer sessions`` must say so rather than show fewer sessions in silence.
        self.folder_problems: list[Problem] = []
        # Each file's entry as last parsed, by (path, origin), with the digest of what it was
        # parsed from (its bytes and the exercises); ``reload`` uses it when both are the same.
        self._parsed: dict[tuple[str, Origin], tuple[bytes, SessionEntry]] = {}
        self._fresh: dict[tuple[str, Origin], tuple[bytes, SessionEntry]] = {}
        self._exercises_key = b""
        # Why the person's levels.yaml cannot be read (``store.levels``), found with the rest
        # of their files (on the start-up worker thread), for the window to say once.
        self.levels_problem: str | None = None
        self.reload()

    def reload(self) -> None:
        library = data_dir()
        exercises_file = library / "exercises.yaml"
        try:
            self.exercises, self.exercise_problems = load_exercises(
                _display_path(exercises_file), _read_shipped(exercises_file), shipped=True,
            )
        except UnreadableFileError as error:
            self.exercises = {}
            self.exercise_problems = [Problem(_display_path(exercises_file), 1, error.reason)]
        self.exercise_origins = {
            eid: (ExerciseOrigin.BUILTIN, str(exercises_file)) for eid in self.exercises
        }
        self._exercises_key = b""
        if self.paths is not None:
            self._add_user_exercises(self.paths.user_exercises_file)
        self._fresh = {}
        builtin: dict[str, SessionEntry] = {}
        sessions_dir = library / "sessions"
        for item in sorted(sessions_dir.iterdir(), key=lambda t: t.name):
            if item.name.endswith(".yaml"):
                name = _display_path(item)
                try:
                    entry = self._entry(name, _read_shipped(item), Origin.BUILTIN)
                except UnreadableFileError as error:
                    sid = session_id_for(name)
                    problems = (Problem(name, 1, error.reason),)
                    entry = SessionEntry(sid, Origin.BUILTIN, name, None, problems)
                builtin[entry.id] = entry
        entries = dict(builtin)
        self.folder_problems = []
        if self.paths is not None:
            paths, folder_problem = list_session_files(self.paths.user_sessions_dir)
            if folder_problem is not None:
                self.folder_problems.append(folder_problem)
            for path in sorted(paths, key=lambda p: (_claim_rank(p, builtin), p.name)):
                try:
                    data = read_bytes_limited(path, MAX_BYTES)
                except UnreadableFileError as error:
                    problem = Problem(str(path), 1, error.reason)
                    sid = _own_id(session_id_for(str(path)), entries)
                    entries[sid] = SessionEntry(sid, Origin.USER, str(path), None, (problem,))
                    continue
                entry = self._user_entry(str(path), data, builtin, entries)
                entries[entry.id] = entry
        self.entries = entries
        self._parsed, self._fresh = self._fresh, {}
        if self.paths is not None:
            from backtimer.store.levels import levels_problem

            self.levels_problem = levels_problem(self.paths.levels_file)
        for entry in entries.values():  # so the window finds a session's own exercises too
            for exercise in entry.session.exercises if entry.session else ():
                if exercise.id not in self.exercises:
                    self.exercises[exercise.id] = exercise
                    self.exercise_origins[exercise.id] = (ExerciseOrigin.SESSION, entry.path)

    def _add_user_exercises(self, path: Path) -> None:
        """The person's own exercises.yaml, merged in; a built-in's id is reported, not used."""
        try:
            data = read_bytes_limited(path, MAX_BYTES)
        except UnreadableFileError as error:
            if error.errno == errno.ENOENT and not path.is_symlink():
                return  # no library of their own yet
            self.exercise_problems.append(Problem(str(path), 1, error.reason))
            return
        except OSError as error:
            self.exercise_problems.append(
                Problem(str(path), 1, f"cannot read the file: {error.strerror}")
            )
            return
        self._exercises_key = hashlib.blake2b(data, digest_size=16).digest()
        found, problems = load_exercises(str(path), data)
        self.exercise_problems.extend(problems)
        lines = exercise_key_lines(data)
        for exercise_id, exercise in found.items():
            if exercise_id in self.exercises:
                self.exercise_problems.append(Problem(
                    str(path), lines.get(exercise_id, 1),
                    f"a built-in exercise already has the id {exercise_id!r}; give yours "
                    "another id (the built-in one is used until then)",
                    field=exercise_id,
                ))
                continue
            self.exercises[exercise_id] = exercise
            self.exercise_origins[exercise_id] = (ExerciseOrigin.USER, str(path))

    def user_exercises_used(self, session: Session) -> tuple[Exercise, ...]:
        """Exercises of the person's own library that ``session`` uses (to carry on export)."""
        own = {exercise.id for exercise in session.exercises}
        used = dict.fromkeys(item.exercise for item in session.items)
        return tuple(
            self.exercises[eid] for eid in used
            if eid not in own and self.exercise_origins.get(eid, (None,))[0] is ExerciseOrigin.USER
        )

    def _user_entry(
        self, path: str, data: bytes, builtin: dict[str, SessionEntry],
        entries: dict[str, SessionEntry],
    ) -> SessionEntry:
        """A user's file: the customized version of the built-in it names, or a session of its own.

        Only a file that says ``based_on: <id>`` replaces that built-in (once; a second claim
        keeps its own id). Any other file keeps an id of its own, even one named like a
        built-in (``stretches.yaml`` copied in is listed as ``stretches-own``), so a built-in
        is never hidden, nor anything called "customized", by accident.
        """
        entry = self._entry(path, data, Origin.USER)
        claimed = entry.session.based_on if entry.session else _claimed_base(data)
        original = builtin.get(claimed) if claimed else None
        if original is not None and entries.get(original.id) is original:
            sid, origin = original.id, Origin.CUSTOMIZED
        else:
            sid, origin, original = _own_id(entry.id, entries), Origin.USER, None
        session = replace(entry.session, id=sid) if entry.session else None
        return SessionEntry(sid, origin, path, session, entry.problems,
                            original=original.session if original else None)

    def _entry(self, path: str, data: bytes, origin: Origin) -> SessionEntry:
        """The file's entry: parsed now, or as parsed last time from the same bytes."""
        digest = hashlib.blake2b(data, digest_size=16)
        digest.update(self._exercises_key)
        key = digest.digest()
        cached = self._parsed.get((path, origin))
        entry = cached[1] if cached is not None and cached[0] == key else self._parse(
            path, data, origin)
        self._fresh[(path, origin)] = (key, entry)
        return entry

    def _parse(self, path: str, data: bytes, origin: Origin) -> SessionEntry:
        sid = session_id_for(path)
        try:
            session = load_session(path, data, self.exercises, session_id=sid,
                                   shipped=origin is Origin.BUILTIN)
        except ProblemsError as error:
            return SessionEntry(sid, origin, path, None, tuple(error.problems))
        return SessionEntry(sid, origin, path, session)

    def sessions(self) -> list[Session]:
        """The valid sessions, built-in ones first, in a stable order."""
        return [entry.session for entry in self.entries.values() if entry.session is not None]

    def resolve(self, ref: str) -> Session:
        """Find a session by id, or read it from a file path (raising its problems)."""
        if is_file_reference(ref):
            try:
                data = read_bytes_limited(ref, MAX_BYTES)
            except UnreadableFileError as error:
                raise ProblemsError([Problem(ref, 1, error.reason)]) from None
            return load_session(ref, data, self.exercises)
        entry = self.entries.get(ref)
        if entry is None:
            ids = sorted(self.entries)
            known = ", ".join(ids[:KNOWN_LISTED])
            if len(ids) > KNOWN_LISTED:
                known += (f" and {len(ids) - KNOWN_LISTED} more ('backtimer sessions' lists "
                          "them all)")
            raise UnknownSessionError(
                f"no session called {shown_value(ref)}; known sessions: {known}")
        if entry.session is None:
            raise ProblemsError(list(entry.problems))
        return entry.session

    def timeline(
        self, session: Session, *, prepare: float = DEFAULT_PREPARE, level: int = 1
    ) -> Timeline:
        """The steps the window will run; ``prepare`` is the person's default get-ready time
        (their setting, for a session that sets none), ``level`` the progression's level."""
        return compile_session(session, self.exercises, default_prepare=prepare, level=level)


def is_file_reference(ref: str) -> bool:
    """Whether ``resolve`` reads ``ref`` from a file (a path), rather than looking up an id.

    ``os.path.isfile``, not ``Path.is_file``: that raised for a name too long for the system
    (``backtimer plan`` with 4,000 letters ended in a traceback).
    """
    return ref.endswith((".yaml", ".yml")) or "/" in ref or os.path.isfile(ref)


def exercise_key_lines(data: bytes) -> dict[str, int]:
    """The line of each ``  id:`` key one level in (for messages about the user's library)."""
    found = re.finditer(rb"^  ([a-z0-9-]+):", data, re.MULTILINE)
    return {m.group(1).decode(): data[: m.start()].count(b"\n") + 1 for m in found}


def _claim_rank(path: Path, builtin: dict[str, SessionEntry]) -> int:
    """Which file wins when two say ``based_on`` the same built-in: the one BackTimer wrote.

    BackTimer saves a customization as ``<id>.yaml`` (``<id>-customized-N.yaml`` when a file
    of the person's own has that name), so an imported file that also claims the built-in
    never takes the place of the customization already there.
    """
    stem = session_id_for(str(path))
    if stem in builtin:
        return 0
    return 1 if stem.split("-customized-")[0] in builtin else 2


def _own_id(sid: str, entries: dict[str, SessionEntry]) -> str:
    """``sid``, or ``sid-own`` (then ``-own-2``, ...) when another session has that id."""
    if sid not in entries:
        return sid
    candidate, number = f"{sid}-own", 2
    while candidate in entries:
        candidate, number = f"{sid}-own-{number}", number + 1
    return candidate


def _claimed_base(data: bytes) -> str | None:
    """The ``based_on:`` of a file that does not load, so a broken customization stays one."""
    match = re.search(rb"^based_on:[ \t]*([a-z0-9-]+)[ \t]*(?:#.*)?$", data, re.MULTILINE)
    return match.group(1).decode() if match else None


def list_session_files(folder: Path) -> tuple[list[Path], Problem | None]:
    """The ``.yaml``/``.yml`` names in ``folder``, sorted, and why it could not be listed.

    A folder that does not exist yet is simply empty; any other failure (no permission, not a
    folder, an I/O error) is a problem to report, since the user's sessions are then missing.
    """
    try:
        with os.scandir(folder) as listing:
            names = [item.name for item in listing]
    except FileNotFoundError:
        return [], None
    except OSError as error:
        reason = error.strerror or str(error)
        return [], Problem(str(folder), 1, f"the folder cannot be read ({reason})")
    paths = [folder / name for name in names if Path(name).suffix in (".yaml", ".yml")]
    return sorted(paths), None


def _read_shipped(item: Traversable) -> bytes:
    """A shipped file's bytes, read like any other file where it is one (not in a zip)."""
    if isinstance(item, os.PathLike):
        return read_bytes_limited(item, MAX_BYTES)
    return item.read_bytes()


def _display_path(item: object) -> str:
    return str(item)
