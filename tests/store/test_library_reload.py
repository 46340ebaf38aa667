"""After a save, an import or a delete the library is read again on the GUI thread: only the
files that changed are parsed again (a 1 MB session takes most of a second to parse; twenty of
them held the window for over ten seconds after every save). What changed is always seen: an
edit made outside BackTimer, and every session again when the person's exercises change."""

from __future__ import annotations

from pathlib import Path

import pytest

from backtimer.store import library as library_module
from backtimer.store.library import Library
from backtimer.store.paths import Paths
from backtimer.store.user_sessions import UserSessions

SESSION = "title: {title}\nitems:\n  - {{exercise: {exercise}, hold: 20s}}\n"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the library parses, in order."""
    seen: list[str] = []
    real = library_module.load_session

    def counting(path: str, *args: object, **kwargs: object) -> object:
        seen.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(library_module, "load_session", counting)
    return seen


def write(folder: Path, name: str, title: str, exercise: str = "side-plank") -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(SESSION.format(title=title, exercise=exercise), "utf-8")
    return path


def test_a_save_parses_only_the_file_it_wrote(paths: Paths, parsed: list[str]) -> None:
    folder = paths.user_sessions_dir
    folder.mkdir(parents=True)
    for n in range(5):
        write(folder, f"mine-{n}", f"Mine {n}")
    store = UserSessions(Library(paths))
    parsed.clear()
    store.rename("mine-2", "Renamed")
    assert [Path(p).name for p in parsed] == ["mine-2.yaml"]
    assert store.library.entries["mine-2"].title == "Renamed"


def test_an_edit_outside_is_seen_and_new_exercises_recheck_everything(
        paths: Paths, parsed: list[str]) -> None:
    folder = paths.user_sessions_dir
    folder.mkdir(parents=True)
    write(folder, "mine", "Mine", exercise="wall-angel-of-mine")
    write(folder, "other", "Other")
    library = Library(paths)
    assert not library.entries["mine"].valid  # its exercise does not exist (yet)
    parsed.clear()
    library.reload()
    assert parsed == []  # nothing changed: nothing parsed again
    write(folder, "other", "Other, edited in a text editor")
    library.reload()
    assert [Path(p).name for p in parsed] == ["other.yaml"]
    assert library.entries["other"].title == "Other, edited in a text editor"
    paths.user_exercises_file.write_text(
        "exercises:\n  wall-angel-of-mine:\n    name: Wall angel\n    kind: mobility\n"
        "    how: [Stand against a wall.]\n", "utf-8")
    parsed.clear()
    library.reload()
    assert {Path(p).name for p in parsed} >= {"mine.yaml", "other.yaml"}
    assert library.entries["mine"].valid


def test_an_import_parses_the_file_once_to_check_it_and_once_to_list_it(
        paths: Paths, tmp_path: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """It was parsed three times (checked, checked again before writing, listed), each most of
    a second for a 1 MB file, all on the GUI thread."""
    from backtimer.store import user_sessions as user_sessions_module

    checked: list[str] = []
    real = user_sessions_module.load_session

    def counting(path: str, *args: object, **kwargs: object) -> object:
        checked.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(user_sessions_module, "load_session", counting)
    store = UserSessions(Library(paths))
    parsed.clear()
    source = write(tmp_path, "from-my-physio", "From my physio")
    entry = store.import_file(source)
    assert entry.title == "From my physio"
    assert checked == [str(source)]
    assert [Path(p).name for p in parsed] == ["from-my-physio.yaml"]
