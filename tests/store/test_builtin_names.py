"""A user's file named like a built-in keeps its own id; only a customization replaces one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from backtimer.resources import data_dir
from backtimer.store.library import Library, Origin
from backtimer.store.paths import Paths
from backtimer.store.user_sessions import UserSessions


def test_a_copied_file_named_like_a_built_in_does_not_replace_it(paths: Paths) -> None:
    paths.user_sessions_dir.mkdir(parents=True, exist_ok=True)
    text = (data_dir() / "sessions" / "stretches.yaml").read_text("utf-8")
    copied = text.replace("title:", "title: Mine,", 1)
    (paths.user_sessions_dir / "stretches.yaml").write_text(copied, "utf-8")
    library = Library(paths)
    assert library.entries["stretches"].origin is Origin.BUILTIN
    own = library.entries["stretches-own"]
    assert own.origin is Origin.USER and own.original is None
    assert own.session is not None and own.session.id == "stretches-own"
    assert own.session.title.startswith("Mine,")


def test_customizing_says_what_it_is_based_on_and_spares_a_file_of_that_name(
    paths: Paths,
) -> None:
    paths.user_sessions_dir.mkdir(parents=True, exist_ok=True)
    mine = paths.user_sessions_dir / "stretches.yaml"
    mine.write_text("title: My own\nitems:\n  - exercise: childs-pose\n    hold: 30s\n", "utf-8")
    store = UserSessions(Library(paths))
    built_in = store.library.resolve("stretches")
    entry = store.save(replace(built_in, transition=20))
    assert entry.id == "stretches" and entry.origin is Origin.CUSTOMIZED
    assert entry.original == built_in
    assert mine.read_text("utf-8").startswith("title: My own")  # not overwritten
    saved = Path(entry.path)
    assert saved != mine and "based_on: stretches" in saved.read_text("utf-8")
    again = Library(paths)  # after a restart, the same
    assert again.entries["stretches"].origin is Origin.CUSTOMIZED
    assert again.entries["stretches-own"].title == "My own"


def test_a_broken_customization_stays_the_customized_version(paths: Paths) -> None:
    paths.user_sessions_dir.mkdir(parents=True, exist_ok=True)
    (paths.user_sessions_dir / "stretches.yaml").write_text(
        "title: Broken\nbased_on: stretches\nitems: 3\n", "utf-8"
    )
    entry = Library(paths).entries["stretches"]
    assert entry.origin is Origin.CUSTOMIZED and not entry.valid


def test_an_imported_file_claiming_a_customized_built_in_does_not_take_its_place(
    paths: Paths, tmp_path: Path
) -> None:
    store = UserSessions(Library(paths))
    built_in = store.library.resolve("stretches")
    store.save(replace(built_in, transition=20))
    other = tmp_path / "stretches.yaml"
    other.write_text("title: Another\nbased_on: stretches\nitems:\n"
                     "  - exercise: childs-pose\n    hold: 30s\n", "utf-8")
    imported = store.import_file(other)
    assert imported.origin is Origin.USER and imported.title == "Another"
    customized = store.library.entries["stretches"]
    assert customized.origin is Origin.CUSTOMIZED and customized.session is not None
    assert customized.session.transition == 20
