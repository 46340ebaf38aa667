"""The command line. ``backtimer`` alone opens the window; subcommands print and check.

Subcommands that only print never import Qt, so ``backtimer plan`` and ``backtimer check``
work on a machine with no display and start in a fraction of a second.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from backtimer import __version__

if TYPE_CHECKING:
    from backtimer.session.problems import Problem
    from backtimer.session.timeline import Step, Timeline
    from backtimer.store.library import Library
    from backtimer.store.paths import Paths

# By ``StepKind`` value. The session model, YAML and the library are imported by the commands
# that use them: ``backtimer`` alone opens the window, and its start-up is measured.
KIND_WORDS = {
    "prepare": "get ready",
    "hold": "hold",
    "rest": "rest",
    "switch": "switch sides",
    "set_rest": "set rest",
    "transition": "next up",
    "self_paced": "your pace",
}

DESCRIPTION = """\
BackTimer guides you through a timed back-care exercise session: it shows what to do,
counts every hold and rest, says when to switch sides, and logs what you did.

Run it with no command to open the window."""

EPILOG = """\
examples:
  backtimer                          open the window
  backtimer start side-plank-intervals
  backtimer plan daily-routine       every step, with its time
  backtimer plan side-plank-progression --level 3
  backtimer check my-session.yaml    report problems as FILE:LINE: message

Your own sessions and settings live in the platform config folder; set BACKTIMER_HOME to
keep everything (config/ and data/) under one folder instead."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backtimer",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"backtimer {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    start = commands.add_parser(
        "start", help="open the window and start a session at once",
        description="Open the window and start the session at once (for launchers).",
    )
    start.add_argument("session", metavar="ID|FILE", help="a session id or a session file")
    commands.add_parser(
        "sessions", help="list the sessions with their total time",
        description="List every session: id, title and total time.",
    )
    plan = commands.add_parser(
        "plan", help="print every step of a session with its time",
        description="Print a session's timeline, one line per step, and its total time.",
    )
    plan.add_argument("session", metavar="ID|FILE", help="a session id or a session file")
    plan.add_argument("--json", action="store_true", help="print the timeline as JSON")
    plan.add_argument(
        "--level", type=int, default=1, metavar="N",
        help="for a session with levels (a progression): the level to lay out (default 1)",
    )
    check = commands.add_parser(
        "check", help="validate session files",
        description="Validate session (or exercise library) files. Each problem is printed "
        "as FILE:LINE: message; the exit status is 1 when any file has a problem.",
    )
    check.add_argument("files", metavar="FILE", nargs="+", help="files to check")
    history = commands.add_parser(
        "history", help="print the log of past sessions",
        description="Print the log of past sessions, newest first.",
    )
    history.add_argument("--csv", action="store_true", help="print CSV with a header row")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        return _open_window(None)
    if args.command == "start":
        return _open_window(args.session)
    return _command(args, sys.stdout)


def _command(args: argparse.Namespace, out: TextIO) -> int:
    """The subcommands that print: no Qt, and nothing read that the command does not use."""
    from backtimer.session.problems import ProblemsError
    from backtimer.store.library import Library, UnknownSessionError
    from backtimer.store.paths import Paths
    from backtimer.store.settings import load_settings

    try:
        if args.command == "check":
            return check_files(args.files, out)
        paths = Paths.from_environment()
        if args.command == "history":
            return _history(paths, csv_output=args.csv, out=out)
        settings = load_settings(paths.settings_file).settings
        library = Library(paths, default_prepare=settings.default_prepare)
        if args.command == "sessions":
            return list_sessions(library, out)
        if args.command == "plan":
            return print_plan(library, args.session, as_json=args.json, out=out,
                              level=args.level)
    except (ProblemsError, UnknownSessionError) as error:
        print(str(error), file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    return 2


def _open_window(session_ref: str | None) -> int:
    from backtimer.app import run_app

    return run_app(session_ref)


def _history(paths: Paths, *, csv_output: bool, out: TextIO) -> int:
    from backtimer.store.history_cli import print_history

    return print_history(paths, csv_output=csv_output, out=out)


def list_sessions(library: Library, out: TextIO) -> int:
    from backtimer.session.durations import format_clock

    rows: list[tuple[str, str, str]] = []
    for entry in library.entries.values():
        if entry.session is None:
            rows.append((entry.id, f"(cannot be used: {entry.problems[0].message})", ""))
            continue
        seconds = library.timeline(entry.session).total_seconds
        title = entry.session.title
        if entry.origin.value != "builtin":
            title += f"  [{entry.origin.value}]"
        rows.append((entry.id, title, format_clock(seconds)))
    id_width = max((len(r[0]) for r in rows), default=2)
    title_width = max((len(r[1]) for r in rows), default=5)
    for sid, title, total in rows:
        out.write(f"{sid:<{id_width}}  {title:<{title_width}}  {total:>7}\n".rstrip() + "\n")
    return 0


def print_plan(
    library: Library, ref: str, *, as_json: bool, out: TextIO, level: int = 1
) -> int:
    import json

    from backtimer.session.durations import format_clock
    from backtimer.session.timeline import LevelError, compile_session, level_count, level_label

    session = library.resolve(ref)
    try:
        timeline = compile_session(
            session, library.exercises, default_prepare=library.default_prepare, level=level
        )
    except LevelError as error:
        print(f"backtimer plan: {error}", file=sys.stderr)
        return 1
    if as_json:
        json.dump(plan_json(timeline), out, indent=2)
        out.write("\n")
        return 0
    out.write(f"{session.title}\n")
    if level_count(session) > 1:
        words = level_label(session, level)
        out.write(f"Level {level} of {level_count(session)}" + (f": {words}" if words else "")
                  + "\n")
    at = 0.0
    for step in timeline.steps:
        out.write(f"{format_clock(at):>8}  {_describe(step, library)}\n")
        at += step.seconds or 0.0
    out.write(f"Total: {format_clock(timeline.total_seconds)}\n")
    return 0


def plan_json(timeline: Timeline) -> dict[str, object]:
    return {
        "total_seconds": timeline.total_seconds,
        "steps": [
            {
                "kind": step.kind.value,
                "seconds": step.seconds,
                "exercise": step.exercise,
                "side": step.side.value if step.side else None,
                "rep": step.rep,
                "reps": step.reps,
                "set": step.set,
                "sets": step.sets,
                "label": step.label,
            }
            for step in timeline.steps
        ],
    }


def _describe(step: Step, library: Library) -> str:
    from backtimer.session.durations import format_duration
    from backtimer.session.timeline import StepKind

    length = format_duration(step.seconds) if step.seconds is not None else "-"
    parts = [step.label]
    if step.side:
        parts.append(step.side.value)
    if step.kind is StepKind.SELF_PACED:
        parts.append(f"{step.reps} reps at your pace")
    elif step.kind in (StepKind.HOLD, StepKind.REST) and step.reps > 1:
        parts.append(f"rep {step.rep} of {step.reps}")
    if step.sets > 1 and step.kind is not StepKind.SET_REST:
        parts.append(f"set {step.set} of {step.sets}")
    elif step.kind is StepKind.SET_REST:
        parts.append(f"after set {step.set} of {step.sets}")
    return f"{KIND_WORDS[step.kind.value]:<12} {length:>6}  " + " · ".join(parts)


def check_files(files: Sequence[str], out: TextIO) -> int:
    from backtimer.store.library import Library

    library = Library(None)
    failed = False
    for name in files:
        problems = check_one(name, library)
        for problem in problems:
            out.write(f"{problem}\n")
        if problems:
            failed = True
        else:
            out.write(f"{name}: ok\n")
    return 1 if failed else 0


def check_one(name: str, library: Library) -> list[Problem]:
    from pathlib import Path

    from backtimer.session.loader import load_exercises, load_session
    from backtimer.session.problems import Problem, ProblemsError

    try:
        data = Path(name).read_bytes()
    except IsADirectoryError:
        return [Problem(name, 1, "this is a folder, not a file")]
    except OSError as error:
        return [Problem(name, 1, f"cannot read the file: {error.strerror}")]
    if _looks_like_exercise_library(data):
        return load_exercises(name, data)[1]
    try:
        load_session(name, data, library.exercises)
    except ProblemsError as error:
        return error.problems
    return []


def _looks_like_exercise_library(data: bytes) -> bool:
    return any(line.rstrip() == b"exercises:" for line in data.splitlines()[:50])
