"""Hints for mistakes that YAML would otherwise report in words about something else.

Text pasted from a web page or a word processor often carries non-breaking spaces, which YAML
does not count as spaces: the file then fails with a message about indentation or an unknown
key, which says nothing about the real cause. A file saved as UTF-16 (Windows Notepad's
"Unicode") looks binary to a UTF-8 reader. A ``#`` inside a plain value starts a comment, so
``title: Routine #2 for Mr. B`` is read as "Routine" without a word. Each gets a message that
names the cause.
"""

from __future__ import annotations

from dataclasses import replace

import yaml

from backtimer.session.editor_lines import YAML_LINE_BREAK, EditorLines
from backtimer.session.problems import Problem, ProblemsError

ODD_SPACES = {
    "\u00a0": "a non-breaking space",
    "\u2007": "a figure space",
    "\u202f": "a narrow non-breaking space",
    "\u3000": "an ideographic space",
    "\u2009": "a thin space",
}
TEXT_KEYS = frozenset(
    {"title", "summary", "name", "how", "cue", "easier", "harder", "caution", "label", "source",
     "verb"}
)


def refuse_utf16(path: str, data: bytes) -> None:
    """Raise a problem saying so when ``data`` is UTF-16 text rather than UTF-8."""
    head = data[:200]
    bom = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    pairs = len(head) // 2
    mostly_nul = pairs >= 2 and (
        head[1::2].count(0) >= pairs * 3 // 4 or head[0::2].count(0) >= pairs * 3 // 4
    )
    if bom or mostly_nul:
        raise ProblemsError([Problem(
            path, 1,
            "this file is saved as UTF-16 text; save it as UTF-8 (in Notepad: Save as, "
            "Encoding: UTF-8)",
        )])


def explain_odd_spaces(problems: list[Problem], data: bytes) -> list[Problem]:
    """Add to each problem on a line with a non-breaking (or other odd) space what it is."""
    lines = data.decode("utf-8", errors="replace").splitlines()
    explained: list[Problem] = []
    for problem in problems:
        line = lines[problem.line - 1] if 0 < problem.line <= len(lines) else ""
        odd = next((name for char, name in ODD_SPACES.items() if char in line), None)
        if odd is not None:
            hint = (
                f" (line {problem.line} contains {odd}, often pasted from a web page or a "
                "word processor; YAML does not read it as a space: type an ordinary space)"
            )
            problem = replace(problem, message=problem.message + hint)
        explained.append(problem)
    return explained


def comment_warnings(path: str, data: bytes) -> list[Problem]:
    """Warnings for free text cut short by a ``#`` comment on the same line.

    Only text fields are looked at: ``hold: 10s  # per side`` is an ordinary comment, while
    after a title or an instruction the ``#`` is likely meant as part of the text.
    """
    text = data.decode("utf-8", errors="replace")
    lines = YAML_LINE_BREAK.split(text)  # as YAML's marks count them
    editor_line = EditorLines(text)
    warnings: list[Problem] = []
    key: str | None = None
    previous: yaml.Token | None = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and isinstance(previous, yaml.KeyToken):
                key = token.value
            elif (
                isinstance(token, yaml.ScalarToken)
                and token.plain
                and key in TEXT_KEYS
                and isinstance(previous, yaml.ValueToken | yaml.BlockEntryToken
                               | yaml.FlowEntryToken | yaml.FlowSequenceStartToken)
            ):
                mark = token.end_mark
                rest = lines[mark.line][mark.column:] if mark.line < len(lines) else ""
                if rest.lstrip().startswith("#"):
                    warnings.append(Problem(
                        path, editor_line(mark.line + 1),
                        f"warning: the text ends at {token.value!r}: what follows '#' is a "
                        "comment; quote the text if the # is part of it",
                        field=key,
                    ))
            previous = token
    except yaml.YAMLError:
        return warnings  # the loader reports the file's real problem
    return warnings
