"""File menu import and export: good files come in, broken ones are refused with their lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from backtimer.store.library import Library, Origin
from backtimer.store.paths import Paths
from backtimer.store.user_sessions import UserSessions
from backtimer.ui.library.session_files import FilePrompts, SessionFileActions


@dataclass
class Answers:
    """Stands in for the file dialogs and message boxes, and remembers what was shown."""

    open_path: Path | None = None
    save_path: Path | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)

    def prompts(self) -> FilePrompts:
        return FilePrompts(
            open_path=lambda parent: self.open_path,
            save_path=lambda parent, suggested: self.save_path,
            show_error=lambda parent, title, text, details: self.errors.append((text, details)),
            show_info=lambda parent, title, text: self.infos.append(text),
        )


@pytest.fixture
def store(paths: Paths) -> UserSessions:
    return UserSessions(Library(paths))


def make_actions(qtbot: QtBot, store: UserSessions, answers: Answers,
                 current: str | None = "stretches") -> SessionFileActions:
    window = QWidget()
    qtbot.addWidget(window)
    session = store.library.resolve(current) if current else None
    return SessionFileActions(store, window, lambda: session, prompts=answers.prompts())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.exists() else {}


def test_import_a_good_file(qtbot: QtBot, store: UserSessions, tmp_path: Path) -> None:
    source = tmp_path / "My Routine.yaml"
    source.write_text("title: My routine\nitems:\n  - exercise: walk\n    hold: 5m\n")
    answers = Answers(open_path=source)
    actions = make_actions(qtbot, store, answers)
    with qtbot.waitSignal(actions.imported) as signal:
        actions.import_action.trigger()
    entry = signal.args[0]
    assert entry.id == "my-routine" and entry.origin is Origin.USER
    assert store.library.resolve("my-routine").title == "My routine"
    assert answers.infos == ["Imported “My routine”. It is now in your sessions."]
    assert answers.errors == []


def test_a_broken_file_is_refused_with_its_lines_and_nothing_changes(
    qtbot: QtBot, store: UserSessions, paths: Paths, tmp_path: Path
) -> None:
    source = tmp_path / "broken.yaml"
    source.write_text("title: Broken\nitems:\n  - exercise: wlak\n    hold: 5m\n    rets: 3s\n")
    before_files = snapshot(paths.user_sessions_dir)
    before_ids = set(store.library.entries)
    answers = Answers(open_path=source)
    actions = make_actions(qtbot, store, answers)
    imported: list[object] = []
    actions.imported.connect(imported.append)
    actions.import_action.trigger()
    assert imported == []
    [(text, details)] = answers.errors
    assert text == "broken.yaml cannot be imported. Nothing was changed."
    # The same lines `backtimer check` prints for the file.
    assert details.splitlines() == [
        f"{source}:5: items[1].rets: unknown key (did you mean 'rest'?); known keys: exercise, "
        "for, hold, levels, reps, rest, set_rest, sets, sides, stages, switch, version",
        f"{source}:3: items[1].exercise: unknown exercise 'wlak' (did you mean 'walk'?)"
        "; 'backtimer exercises' lists them all, and a session may define its own under "
        "'exercises:'",
    ]
    assert snapshot(paths.user_sessions_dir) == before_files
    assert set(store.library.entries) == before_ids


def test_cancelling_the_file_dialog_does_nothing(qtbot: QtBot, store: UserSessions,
                                                 paths: Paths) -> None:
    answers = Answers(open_path=None, save_path=None)
    actions = make_actions(qtbot, store, answers)
    actions.import_action.trigger()
    actions.export_action.trigger()
    assert answers.errors == [] and answers.infos == []
    assert snapshot(paths.user_sessions_dir) == {}


def test_export_writes_the_current_session(qtbot: QtBot, store: UserSessions,
                                           tmp_path: Path) -> None:
    target = tmp_path / "exported.yaml"
    answers = Answers(save_path=target)
    actions = make_actions(qtbot, store, answers, current="gentle-sciatica")
    actions.export_action.trigger()
    assert target.read_text().startswith("title: Gentle routine for sciatica\n")
    answers.open_path = target
    actions.import_action.trigger()
    assert store.library.resolve("exported").items == store.library.resolve(
        "gentle-sciatica").items


def test_export_is_disabled_without_a_session(qtbot: QtBot, store: UserSessions) -> None:
    actions = make_actions(qtbot, store, Answers(), current=None)
    actions.refresh()
    assert not actions.export_action.isEnabled()
    assert actions.import_action.isEnabled()


def test_a_failed_export_is_reported(qtbot: QtBot, store: UserSessions, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    answers = Answers(save_path=blocker / "out.yaml")
    actions = make_actions(qtbot, store, answers)
    actions.export_action.trigger()
    [(text, _details)] = answers.errors
    assert text.startswith("Could not export out.yaml")


def test_importing_the_same_file_twice_says_it_is_there_and_adds_nothing(
        qtbot: QtBot, store: UserSessions, tmp_path: Path) -> None:
    source = tmp_path / "My Routine.yaml"
    source.write_text("title: My routine\nitems:\n  - exercise: walk\n    hold: 5m\n")
    answers = Answers(open_path=source)
    actions = make_actions(qtbot, store, answers)
    actions.import_action.trigger()
    before = snapshot(store.folder)
    imported: list[object] = []
    actions.imported.connect(imported.append)
    actions.import_action.trigger()
    assert snapshot(store.folder) == before  # no second, identical entry
    titles = [e.title for e in store.library.entries.values()]
    assert titles.count("My routine") == 1
    assert answers.infos[-1] == ("“My routine” is already in your sessions: My Routine.yaml was "
                                 "imported before. Nothing was added.")
    assert [getattr(e, "id", None) for e in imported] == ["my-routine"]  # the list shows it
