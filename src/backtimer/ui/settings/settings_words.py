"""What the window says about a settings file it could not fully use.

The store reports problems (file, line, reason); these turn them into notices for the notice
strip, shown once each, so a hand-edited setting that was ignored is never a secret kept in a
log the person does not read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from backtimer.store.settings_reminders import keeps_file
from backtimer.ui.common.words import tr

if TYPE_CHECKING:
    from backtimer.session.problems import Problem
    from backtimer.store.settings import LoadedSettings

MAX_LISTED = 5  # problems listed in the notice; the rest are counted


def unreadable_text(problem: Problem) -> str:
    """The broken settings file: where, why, and that it is kept and not written to."""
    if keeps_file(problem):  # readable, but writing it would drop a reminder the person wrote
        return tr("{file}, line {line}: a reminder BackTimer cannot use ({reason}). The file "
                  "is kept as it is; changes made now won't be saved until that line is "
                  "fixed.").format(file=problem.file, line=problem.line, reason=problem.message)
    return tr(
        "{file} could not be read (line {line}: {reason}). Your settings file is kept as it "
        "is; changes made now won't be saved until it is fixed."
    ).format(file=problem.file, line=problem.line, reason=problem.message)


def problems_text(problems: tuple[Problem, ...]) -> str:
    """Settings that were ignored (unknown, wrong type, out of range), one line each."""
    lines = [tr("Some settings in {file} were not used; they keep their defaults:").format(
        file=Path(problems[0].file).name)]
    for problem in problems[:MAX_LISTED]:
        where = tr("line {line}").format(line=problem.line)
        lines.append(f"  {where}: {problem.field}: {problem.message}" if problem.field
                     else f"  {where}: {problem.message}")
    if len(problems) > MAX_LISTED:
        lines.append("  " + tr("and {count} more").format(count=len(problems) - MAX_LISTED))
    if any(keeps_file(problem) for problem in problems):
        lines.append(tr("Settings changed now won't be saved until they are fixed (saving "
                        "would drop those reminders)."))
    return "\n".join(lines)


def settings_notices(loaded: LoadedSettings) -> list[str]:
    """The notices to show for ``loaded``: none when the file was read without a problem."""
    notices = []
    if loaded.unreadable is not None:
        notices.append(unreadable_text(loaded.unreadable))
    if loaded.problems:
        notices.append(problems_text(loaded.problems))
    return notices
