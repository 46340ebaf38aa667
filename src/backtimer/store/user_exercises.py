"""The person's own exercise library (``exercises.yaml`` in the config folder): add and change.

Every change reads the file afresh, changes one exercise and writes the whole file back with
``write_atomic``, then reloads the library so every list shows it at once. A file that cannot
be read, or that has problems, is never written over: its exercises that do not load would be
lost. The person is told to fix it first (``ExercisesFileError``).

A new exercise is appended to the file's text, so the person's comments and layout stay; only
when that text would not read back exactly (an unusual layout) is the file written out anew.

Ids: an exercise's id is made from its name once, and never changes (sessions refer to it). An
id that any exercise of the library already has (built in, the person's, or a session's own)
is refused rather than numbered, so two exercises never look alike in the picker.
"""

from __future__ import annotations

import errno
import re
import unicodedata
from pathlib import Path

from backtimer.session.loader import load_exercises
from backtimer.session.model import Exercise
from backtimer.session.problems import Problem
from backtimer.session.writer import exercises_to_yaml
from backtimer.session.yamltext import MAX_BYTES
from backtimer.store.atomic import write_atomic
from backtimer.store.library import ExerciseOrigin, Library
from backtimer.store.reading import UnreadableFileError, read_bytes_limited
from backtimer.store.user_sessions import UserFileError


class ExercisesFileError(Exception):
    """The person's exercises.yaml cannot be read or has problems; it was left untouched."""

    def __init__(self, path: Path, problem: Problem) -> None:
        self.path = path
        self.problem = problem
        super().__init__(
            f"Your exercises file {path} was not changed: line {problem.line}: "
            f"{problem.message}. Fix it first (backtimer exercises lists its problems)."
        )


class IdClash(Exception):
    """The id made from a name is one the library already has (the window words it)."""

    def __init__(self, exercise_id: str, existing: Exercise, origin: ExerciseOrigin) -> None:
        self.exercise_id = exercise_id
        self.existing = existing
        self.origin = origin
        super().__init__(f"an exercise ({origin.value}) already has the id {exercise_id!r}")


def exercise_id_for(name: str) -> str:
    """The id a name gives: lowercase-with-dashes, accents dropped ("" when nothing is left)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "-".join(part for part in re.split(r"[^a-z0-9]+", plain) if part)


class UserExercises:
    """Adds and changes exercises in the person's exercises.yaml, then reloads the library."""

    def __init__(self, library: Library) -> None:
        if library.paths is None:
            raise ValueError("the library was built without the user's folders")
        self.library = library
        self.path = library.paths.user_exercises_file

    def is_own(self, exercise_id: str) -> bool:
        """Whether the exercise comes from the person's exercises.yaml (so it can be edited)."""
        origin = self.library.exercise_origins.get(exercise_id)
        return origin is not None and origin[0] is ExerciseOrigin.USER

    def check_new_id(self, exercise_id: str) -> None:
        """Raise ``IdClash`` when any exercise of the library already has ``exercise_id``."""
        existing = self.library.exercises.get(exercise_id)
        if existing is not None:
            origin = self.library.exercise_origins.get(exercise_id, (ExerciseOrigin.BUILTIN,))[0]
            raise IdClash(exercise_id, existing, origin)

    def create(self, exercise: Exercise) -> Exercise:
        """Add a new exercise under its own id (refused with ``IdClash`` when that is taken)."""
        self.check_new_id(exercise.id)
        data, own = self._read()
        if exercise.id in own:  # in the file but not loaded, e.g. a built-in's id there
            raise IdClash(exercise.id, own[exercise.id], ExerciseOrigin.USER)
        wanted = {**own, exercise.id: exercise}
        appended = _appended(data, exercise)
        if appended is not None and _reads_as(appended, wanted):
            return self._write(appended, exercise)
        return self._write(exercises_to_yaml(wanted.values()).encode("utf-8"), exercise)

    def update(self, exercise: Exercise) -> Exercise:
        """Replace one of the person's own exercises (same id) with ``exercise``."""
        data, own = self._read()
        if exercise.id not in own:
            raise KeyError(f"{exercise.id!r} is not one of your own exercises")
        wanted = {**own, exercise.id: exercise}
        spliced = _spliced(data, exercise)
        if spliced is not None and _reads_as(spliced, wanted):
            return self._write(spliced, exercise)
        return self._write(exercises_to_yaml(wanted.values()).encode("utf-8"), exercise)

    def _read(self) -> tuple[bytes, dict[str, Exercise]]:
        """The file's bytes and exercises now; ``ExercisesFileError`` unless every one loads."""
        try:
            data = read_bytes_limited(self.path, MAX_BYTES)
        except UnreadableFileError as error:
            if error.errno == errno.ENOENT and not self.path.is_symlink():
                return b"", {}
            raise ExercisesFileError(self.path, Problem(str(self.path), 1, error.reason)) from None
        except OSError as error:
            reason = f"cannot read the file: {error.strerror or error}"
            raise ExercisesFileError(self.path, Problem(str(self.path), 1, reason)) from None
        if not data.strip():
            return data, {}
        found, problems = load_exercises(str(self.path), data)
        if problems:
            raise ExercisesFileError(self.path, problems[0])
        return data, found

    def _write(self, data: bytes, exercise: Exercise) -> Exercise:
        if not _reads_as(data, None, exercise):  # never write what would not read back
            raise ValueError(f"the exercise {exercise.id!r} would not read back as written")
        try:
            write_atomic(self.path, data)
        except OSError as error:
            raise UserFileError(self.path, error) from error
        self.library.reload()
        return self.library.exercises.get(exercise.id, exercise)


def _appended(data: bytes, exercise: Exercise) -> bytes | None:
    """The file's text with ``exercise`` added at its end, keeping comments (None: no file yet)."""
    if not data.strip():
        return None
    block = exercises_to_yaml([exercise]).split("\n", 1)[1]  # without its "exercises:" line
    return data.rstrip(b"\n") + b"\n" + block.encode("utf-8")


def _spliced(data: bytes, exercise: Exercise) -> bytes | None:
    """The file's text with the lines of ``exercise`` replaced, the rest as it was.

    The exercise's lines run from its ``  id:`` key to the next line indented two spaces or
    less (a comment or blank line just before that stays with what follows). None when the key
    is not found in that layout; the caller checks the result reads back as meant.
    """
    lines = data.decode("utf-8").splitlines(keepends=True)
    key = re.compile(rf"^  {re.escape(exercise.id)}:(\s|$)")
    start = next((i for i, line in enumerate(lines) if key.match(line)), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith("   ")):
        end += 1
    while end > start + 1 and (not lines[end - 1].strip()
                               or lines[end - 1].lstrip().startswith("#")):
        end -= 1  # blank and comment lines before the next exercise belong to it
    block = exercises_to_yaml([exercise]).split("\n", 1)[1]
    return "".join([*lines[:start], block, *lines[end:]]).encode("utf-8")


def _reads_as(data: bytes, wanted: dict[str, Exercise] | None,
              exercise: Exercise | None = None) -> bool:
    """Whether ``data`` loads with no problems as exactly ``wanted`` (or with ``exercise``)."""
    found, problems = load_exercises("exercises.yaml", data)
    if problems:
        return False
    if wanted is not None:
        return found == wanted
    return exercise is not None and found.get(exercise.id) == exercise
