"""The shipped files are read with libyaml's parser when it is there; nothing else changes.

Start-up reads every built-in file, so ``read_yaml_file(shipped=True)`` takes libyaml's
events (about 8x faster). Its results must be those of the pure-Python reader: the same
values on the same lines for every shipped file, and the same problems for a broken text.
"""

from __future__ import annotations

import pytest

from backtimer.resources import data_dir
from backtimer.session import yamltext
from backtimer.session.problems import ProblemsError
from backtimer.session.yamltext import read_yaml_file
from backtimer.store.library import Library, Origin
from backtimer.store.paths import Paths

SHIPPED = sorted(
    [data_dir() / "exercises.yaml"]
    + [p for p in (data_dir() / "sessions").iterdir() if p.name.endswith(".yaml")],
    key=lambda p: p.name,
)

needs_libyaml = pytest.mark.skipif(yamltext._LibyamlLoader is None,
                                   reason="PyYAML without libyaml")


@needs_libyaml
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_a_shipped_file_reads_the_same_both_ways(path: object) -> None:
    data = path.read_bytes()  # type: ignore[attr-defined]
    assert read_yaml_file(str(path), data, shipped=True) == read_yaml_file(str(path), data)


def _problems(text: str, *, shipped: bool) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        read_yaml_file("s.yaml", text.encode("utf-8"), shipped=shipped)
    return [str(p) for p in caught.value.problems]


@needs_libyaml
@pytest.mark.parametrize("text", [
    "title: [unclosed\n",
    "a: 1\n b: 2\n",
    "key: value\nkey: again\n",
    "x: !!python/object:os.system ls\n",
    "a: " + "[" * 60 + "]" * 60 + "\n",
    "a: &x [1, 2]\nb: *y\n",
    "one\n---\ntwo\n",
])
def test_a_broken_text_gets_the_same_problems_both_ways(text: str) -> None:
    assert _problems(text, shipped=True) == _problems(text, shipped=False)


def test_the_library_reads_every_shipped_session(paths: Paths) -> None:
    library = Library(paths)
    builtin = [e for e in library.entries.values() if e.origin is Origin.BUILTIN]
    assert len(builtin) == len(SHIPPED) - 1
    assert all(entry.valid for entry in builtin)
    assert library.exercises and not library.exercise_problems
