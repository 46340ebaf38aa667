"""The session library: the built-in sessions, overlaid by the user's own and customized ones.

A file that does not validate is kept in the library as an entry with its problems, so the
window can list it, say what is wrong and offer to repair or delete it; it never hides the
other sessions.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum
from importlib.resources.abc import Traversable
from pathlib import Path

from backtimer.resources import data_dir
from backtimer.session.loader import load_exercises, load_session, session_id_for
from backtimer.session.model import Exercise, Session
from backtimer.session.problems import Problem, ProblemsError
from backtimer.session.timeline import DEFAULT_PREPARE, Timeline, compile_session
from backtimer.session.yamltext import MAX_BYTES
from backtimer.store.paths import Paths
from backtimer.store.reading import UnreadableFileError, read_bytes_limited


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


class UnknownSessionError(LookupError):
    """Raised for an id that names no session; the message lists the known ids."""


class Library:
    """Exercises and sessions, built once at start-up and rebuilt with ``reload()``."""

    def __init__(self, paths: Paths | None, *, default_prepare: float = DEFAULT_PREPARE) -> None:
        self.paths = paths
        self.default_prepare = default_prepare  # the person's setting; sessions may override
        self.exercises: dict[str, Exercise] = {}
        self.exercise_problems: list[Problem] = []
        self.entries: dict[str, SessionEntry] = {}
        # Why the user's sessions folder could not be listed (empty when it could, or when it
        # does not exist yet): its sessions are then missing from ``entries``, and the window
        # and ``backtimer sessions`` must say so rather than show fewer sessions in silence.
        self.folder_problems: list[Problem] = []
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
            for path in paths:
                try:
                    data = read_bytes_limited(path, MAX_BYTES)
                except UnreadableFileError as error:
                    problem = Problem(str(path), 1, error.reason)
                    sid = session_id_for(str(path))
                    entries[sid] = SessionEntry(sid, Origin.USER, str(path), None, (problem,))
                    continue
                original = builtin.get(session_id_for(str(path)))
                origin = Origin.CUSTOMIZED if original else Origin.USER
                entry = self._entry(str(path), data, origin)
                if original is not None:
                    entry = SessionEntry(
                        entry.id, origin, entry.path, entry.session, entry.problems,
                        original=original.session,
                    )
                entries[entry.id] = entry
        self.entries = entries

    def _entry(self, path: str, data: bytes, origin: Origin) -> SessionEntry:
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
        if ref.endswith((".yaml", ".yml")) or "/" in ref or Path(ref).is_file():
            try:
                data = read_bytes_limited(ref, MAX_BYTES)
            except UnreadableFileError as error:
                raise ProblemsError([Problem(ref, 1, error.reason)]) from None
            return load_session(ref, data, self.exercises)
        entry = self.entries.get(ref)
        if entry is None:
            known = ", ".join(sorted(self.entries))
            raise UnknownSessionError(f"no session called {ref!r}; known sessions: {known}")
        if entry.session is None:
            raise ProblemsError(list(entry.problems))
        return entry.session

    def timeline(self, session: Session) -> Timeline:
        """The steps the window will run, with the person's default get-ready time."""
        return compile_session(session, self.exercises, default_prepare=self.default_prepare)


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
