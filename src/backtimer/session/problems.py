"""Problems found while reading data files, reported as ``FILE:LINE: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file. ``field`` names the key at fault, if there is one."""

    file: str
    line: int
    message: str
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        if self.field:
            return f"{where}: {_one_line(self.field)}: {_one_line(self.message)}"
        return f"{where}: {_one_line(self.message)}"


def _one_line(text: str) -> str:
    """Show line breaks as escapes: a key like ``"a\\nb"`` must not split a problem in two."""
    if len(text.splitlines()) <= 1 and not text.endswith(("\n", "\r")):
        return text
    return "".join(repr(ch)[1:-1] if ch.splitlines() != [ch] else ch for ch in text)


class ProblemsError(Exception):
    """Raised when a file cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
