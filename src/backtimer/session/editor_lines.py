"""YAML's line numbers turned into the line numbers a person's editor shows.

YAML (and so PyYAML's marks) breaks lines at NEL (U+0085), LINE SEPARATOR (U+2028) and
PARAGRAPH SEPARATOR (U+2029) as well as at LF and CR; vim, gedit and most editors break only at
LF (CR LF counts once). A file holding one of those characters (found by fuzzing: a key with
U+0085 written raw) had every problem after it reported one line lower than the editor shows
it. Problems name the editor's line, so every YAML line goes through :class:`EditorLines`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from backtimer.session.problems import Problem

YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_ONLY_YAML_BREAK = re.compile("[\x85\u2028\u2029]|\r(?!\n)")


class EditorLines:
    """Maps a 1-based YAML line to the 1-based line of the same text in an editor.

    Built once per file; with no YAML-only line break in the text (nearly always) it is the
    identity and costs one regular-expression search.
    """

    def __init__(self, text: str) -> None:
        self._table: list[int] | None = None
        if _ONLY_YAML_BREAK.search(text) is None:
            return
        table = [1]  # the editor line each YAML line starts on
        newlines = 0
        for match in YAML_LINE_BREAK.finditer(text):
            if "\n" in match.group():
                newlines += 1
            table.append(newlines + 1)
        self._table = table

    def __call__(self, yaml_line: int) -> int:
        if self._table is None or not 1 <= yaml_line <= len(self._table):
            return yaml_line
        return self._table[yaml_line - 1]

    def problems(self, problems: list[Problem]) -> list[Problem]:
        """The same problems, each naming the editor's line instead of YAML's."""
        if self._table is None:
            return problems
        return [replace(problem, line=self(problem.line)) for problem in problems]


def yaml_line_at(text: str, position: int) -> int:
    """The 1-based YAML line holding the character at ``position``."""
    return len(YAML_LINE_BREAK.findall(text, 0, position)) + 1
