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
    from collections.abc import Mapping

    from backtimer.session.model import Exercise
    from backtimer.session.problems import Problem
    from backtimer.session.timeline import Step, Timeline
    from backtimer.store.library import Library
    from backtimer.store.paths import Paths
    from backtimer.store.settings import LoadedSettings

# By ``StepKind`` value. The session model, YAML and the library are imported by the commands
# that use them: ``backtimer`` alone opens the window, and its start-up is measured.
FORMAT_DOC = "docs/format.md"  # the format reference, in BackTimer's source folder

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
  backtimer exercises                every exercise a session can use
  backtimer handout daily-routine -o routine.pdf
  backtimer install-desktop --user   put BackTimer in the application menu
  backtimer autostart on             start BackTimer (minimized) when you log in
  backtimer reminders                your reminders, and when the next one is due

The session format (every key, default and limit, with worked examples) is described in
docs/format.md in BackTimer's source.

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
    parser.add_argument(
        "--minimized", action="store_true",
        help="open the window minimized (how the start-at-login entry starts BackTimer)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    start = commands.add_parser(
        "start", help="open the window and start a session at once",
        description="Open the window and start the session at once (for launchers).",
    )
    start.add_argument("session", metavar="ID|FILE", help="a session id or a session file")
    commands.add_parser(
        "sessions", help="list the sessions with their total time",
        description="List every session: id, title and total time; a total ending in + "
        "has reps done at your own pace on top.",
    )
    plan = commands.add_parser(
        "plan", help="print every step of a session with its time",
        description="Print a session's timeline, one line per step with its start time, and "
        "its total time. A step done at your own pace shows + as its length, and the times "
        "after it are 'at least' (marked +).",
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
    exercises = commands.add_parser(
        "exercises", help="list every exercise a session can use",
        description="List every exercise: id, name, kind, sides, and where it comes from "
        "(built in, your exercises.yaml in the config folder, or a session file's own "
        "exercises: section).",
    )
    exercises.add_argument("--json", action="store_true", help="print the list as JSON")
    history = commands.add_parser(
        "history", help="print the log of past sessions",
        description="Print the log of past sessions, newest first.",
    )
    history.add_argument("--csv", action="store_true", help="print CSV with a header row")
    handout = commands.add_parser(
        "handout", help="write a session's printable handout as a PDF",
        description="Write a one- or two-page handout of a session as a PDF: its title and "
        "total, each exercise's name, dose in words, instructions, caution and source, and "
        "the safety note. A session too long for two pages even in small type is written "
        "anyway, and said.",
    )
    handout.add_argument("session", metavar="ID|FILE", help="a session id or a session file")
    handout.add_argument("-o", "--output", metavar="FILE.pdf", required=True,
                         help="the PDF file to write")
    handout.add_argument("--paper", choices=("a4", "letter"), default="a4",
                         help="the page size (default a4)")
    handout.add_argument("--level", type=int, default=1, metavar="N",
                         help="for a session with levels: the level to print (default 1)")
    autostart = commands.add_parser(
        "autostart", help="start BackTimer when you log in, or not",
        description="Turn starting BackTimer (minimized) at login on or off: writes or removes "
        "$XDG_CONFIG_HOME/autostart/io.github.backtimer.BackTimer.desktop and keeps the "
        "'Start at login' setting in step. With no argument, says whether it is on.",
    )
    autostart.add_argument("state", nargs="?", choices=("on", "off"), help="on or off")
    install = commands.add_parser(
        "install-desktop", help="add BackTimer to the application menu",
        description="Install BackTimer's desktop entry, icon (SVG and PNG sizes) and AppStream "
        "metainfo into the XDG data folders: for everyone under /usr/local/share (when you "
        "may write there), or with --user for you alone under $XDG_DATA_HOME "
        "(~/.local/share). --remove takes away exactly what was installed.",
    )
    install.add_argument("--user", action="store_true",
                         help="install for you alone, in $XDG_DATA_HOME")
    install.add_argument("--remove", action="store_true",
                         help="remove what an earlier install-desktop put there")
    commands.add_parser(
        "reminders", help="list the reminders and when the next one is due",
        description="List the reminders set in Settings (settings.yaml): time, days and "
        "session; then when the next one is due, in local time.",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        return _open_window(None, minimized=args.minimized)
    if args.command == "start":
        return _open_window(args.session, minimized=args.minimized)
    if args.command == "handout":
        from backtimer.app import write_handout

        return write_handout(args.session, args.output, paper=args.paper, level=args.level)
    if args.command == "install-desktop":
        from backtimer.store.desktop_cli import install_desktop_command

        return install_desktop_command(user=args.user, remove=args.remove, out=sys.stdout)
    return _command(args, sys.stdout)


def _command(args: argparse.Namespace, out: TextIO) -> int:
    """The subcommands that print: no Qt, and nothing read that the command does not use."""
    from backtimer.session.problems import ProblemsError
    from backtimer.store.library import Library, UnknownSessionError
    from backtimer.store.paths import Paths
    from backtimer.store.settings import load_settings

    try:
        paths = Paths.from_environment()
        if args.command == "check":
            return check_files(args.files, out, paths)
        if args.command == "history":
            return _history(paths, csv_output=args.csv, out=out)
        if args.command == "autostart":
            from backtimer.store.desktop_cli import autostart_command

            return autostart_command(paths, args.state, out)
        loaded = load_settings(paths.settings_file)
        settings = loaded.settings
        library = Library(paths)
        prepare = settings.default_prepare
        for problem in library.folder_problems:  # the user's sessions are missing: say why
            print(f"backtimer: {problem.file}: {problem.message}; your own sessions are not "
                  "listed", file=sys.stderr)
        if args.command == "sessions":
            return list_sessions(library, out, prepare=prepare)
        if args.command == "plan":
            return print_plan(library, args.session, as_json=args.json, out=out, prepare=prepare,
                              level=args.level)
        if args.command == "exercises":
            return list_exercises(library, as_json=args.json, out=out)
        if args.command == "reminders":
            return _reminders(loaded, library, out)
    except (ProblemsError, UnknownSessionError) as error:
        print(str(error), file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    return 2


def _open_window(session_ref: str | None, *, minimized: bool = False) -> int:
    from backtimer.app import run_app

    return run_app(session_ref, minimized=minimized)


def _history(paths: Paths, *, csv_output: bool, out: TextIO) -> int:
    from backtimer.store.history_cli import print_history

    return print_history(paths, csv_output=csv_output, out=out)


def _reminders(loaded: LoadedSettings, library: Library, out: TextIO) -> int:
    from datetime import datetime

    from backtimer.store.local_zone import local_zone
    from backtimer.store.reminders_cli import print_reminders

    for problem in ([loaded.unreadable] if loaded.unreadable else []) + list(loaded.problems):
        print(f"backtimer: {problem}", file=sys.stderr)
    zone = local_zone()
    return print_reminders(loaded, library, out, now=datetime.now(zone), zone=zone)


def _prepare(prepare: float | None) -> float:
    """The person's get-ready time, or the format's default when none was read."""
    from backtimer.session.model import DEFAULT_PREPARE

    return DEFAULT_PREPARE if prepare is None else prepare


def list_sessions(library: Library, out: TextIO, *, prepare: float | None = None) -> int:

    rows: list[tuple[str, str, str]] = []
    for entry in library.entries.values():
        if entry.session is None:
            rows.append((entry.id, f"(cannot be used: {entry.problems[0].message})", ""))
            continue
        timeline = library.timeline(entry.session, prepare=_prepare(prepare))
        title = entry.session.title
        if entry.origin.value != "builtin":
            title += f"  [{entry.origin.value}]"
        rows.append((entry.id, title, _total(timeline, short=True)))
    id_width = max((len(r[0]) for r in rows), default=2)
    title_width = max((len(r[1]) for r in rows), default=5)
    for sid, title, total in rows:
        out.write(f"{sid:<{id_width}}  {title:<{title_width}}  {total:>8}\n".rstrip() + "\n")
    return 0


def _total(timeline: Timeline, *, short: bool) -> str:
    """The planned time, with ``+`` when self-paced steps add time of the person's own."""
    from backtimer.session.durations import format_clock

    text = format_clock(timeline.total_seconds)
    if not any(step.seconds is None for step in timeline.steps):
        return text
    return f"{text}+" if short else f"{text} + your pace"


def print_plan(
    library: Library, ref: str, *, as_json: bool, out: TextIO, level: int = 1,
    prepare: float | None = None,
) -> int:
    import json

    from backtimer.session.durations import format_clock
    from backtimer.session.timeline import LevelError, compile_session, level_count, level_label

    session = library.resolve(ref)
    try:
        timeline = compile_session(
            session, library.exercises, default_prepare=_prepare(prepare), level=level
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
    later = ""  # "+" once a self-paced step has come: start times are then "at least"
    for step in timeline.steps:
        out.write(f"{format_clock(at) + later:>8}  {_describe(step, library)}\n")
        at += step.seconds or 0.0
        later = later or ("+" if step.seconds is None else "")
    out.write(f"Total: {_total(timeline, short=False)}\n")
    return 0


PLAN_JSON_FORMAT = 1  # docs/format.md, "plan --json": raised when a key changes meaning


def plan_json(timeline: Timeline) -> dict[str, object]:
    """The timeline as JSON (schema in docs/format.md); ``start`` counts self-paced steps as 0."""
    starts: list[float] = []
    at = 0.0
    for step in timeline.steps:
        starts.append(at)
        at += step.seconds or 0.0
    return {
        "format": PLAN_JSON_FORMAT,
        "id": timeline.session.id,
        "title": timeline.session.title,
        "total_seconds": timeline.total_seconds,
        "self_paced": any(step.seconds is None for step in timeline.steps),
        "steps": [
            {
                "kind": step.kind.value,
                "start": start,
                "seconds": step.seconds,
                "exercise": step.exercise,
                "side": step.side.value if step.side else None,
                "rep": step.rep,
                "reps": step.reps,
                "set": step.set,
                "sets": step.sets,
                "label": step.label,
            }
            for step, start in zip(timeline.steps, starts, strict=True)
        ],
    }


def _describe(step: Step, library: Library) -> str:
    from backtimer.session.durations import format_duration
    from backtimer.session.timeline import StepKind

    length = format_duration(step.seconds) if step.seconds is not None else "+"
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


def list_exercises(library: Library, *, as_json: bool, out: TextIO) -> int:
    """Every exercise with where it comes from; problems with the person's own go to stderr."""
    import json

    rows = []
    for exercise in sorted(library.exercises.values(), key=lambda e: e.id):
        origin, path = library.exercise_origins.get(exercise.id, (None, ""))
        rows.append({
            "id": exercise.id, "name": exercise.name, "kind": exercise.kind.value,
            "sides": "both" if exercise.has_sides else "none",
            "from": origin.value if origin else "builtin",
            "file": path,
        })
    for problem in library.exercise_problems:
        print(str(problem), file=sys.stderr)
    if as_json:
        json.dump(rows, out, indent=2)
        out.write("\n")
        return 0
    words = {"builtin": "built in", "user": "yours", "session": "session"}
    width = max((len(str(row["id"])) for row in rows), default=2)
    name_width = max((len(str(row["name"])) for row in rows), default=4)
    for row in rows:
        where = words[str(row["from"])]
        if row["from"] == "session":
            where += f" {row['file']}"
        line = (f"{row['id']:<{width}}  {row['name']:<{name_width}}  {row['kind']:<9}  "
                f"{'both sides' if row['sides'] == 'both' else '':<10}  {where}")
        out.write(line.rstrip() + "\n")
    return 0


def check_files(files: Sequence[str], out: TextIO, paths: Paths | None = None) -> int:
    from backtimer.store.library import Library

    library = Library(paths)
    failed = False
    for name in files:
        problems = check_one(name, library)
        for problem in [*problems, *_warnings(name)]:
            out.write(f"{problem}\n")
        if problems:
            failed = True
        else:
            out.write(f"{name}: ok\n")
    if failed:
        out.write(f"See {FORMAT_DOC} (in BackTimer's source) for every key, its default and "
                  "limits.\n")
    return 1 if failed else 0


def _warnings(name: str) -> list[Problem]:
    """Things that read but are likely not what the person meant (they do not fail a check)."""
    from backtimer.session.hints import comment_warnings
    from backtimer.session.yamltext import MAX_BYTES
    from backtimer.store.reading import read_bytes_limited

    try:  # bounded and non-blocking, like the check itself: a FIFO or /dev/zero is no text
        return comment_warnings(name, read_bytes_limited(name, MAX_BYTES))
    except OSError:
        return []


def check_one(name: str, library: Library) -> list[Problem]:
    from backtimer.session.loader import load_exercises, load_session
    from backtimer.session.problems import Problem, ProblemsError
    from backtimer.session.yamltext import MAX_BYTES
    from backtimer.store.reading import UnreadableFileError, read_bytes_limited

    try:
        data = read_bytes_limited(name, MAX_BYTES)
    except UnreadableFileError as error:
        return [Problem(name, 1, error.reason)]
    if _looks_like_exercise_library(data):
        found, problems = load_exercises(name, data)
        return problems + _builtin_clashes(name, data, found, library)
    try:
        load_session(name, data, library.exercises)
    except ProblemsError as error:
        return error.problems
    return []


def _builtin_clashes(
    name: str, data: bytes, found: Mapping[str, Exercise], library: Library
) -> list[Problem]:
    """A library of the person's own that reuses a built-in id: BackTimer keeps the built-in."""
    from pathlib import Path

    from backtimer.resources import data_dir
    from backtimer.session.problems import Problem
    from backtimer.store.library import ExerciseOrigin, exercise_key_lines

    if Path(name).resolve() == Path(str(data_dir() / "exercises.yaml")).resolve():
        return []  # the built-in library itself
    lines = exercise_key_lines(data)
    return [
        Problem(name, lines.get(eid, 1),
                f"a built-in exercise already has the id {eid!r}; give yours another id",
                field=eid)
        for eid in found
        if library.exercise_origins.get(eid, (None,))[0] is ExerciseOrigin.BUILTIN
    ]


def _looks_like_exercise_library(data: bytes) -> bool:
    """An exercise library has ``exercises:`` and none of a session's own top-level keys.

    A session file may carry its own ``exercises:`` too, so that line alone decides nothing.
    """
    top_level = {
        line.split(b":", 1)[0].strip()
        for line in data.splitlines()
        if line[:1].isalpha() and b":" in line
    }
    return b"exercises" in top_level and not top_level & {b"title", b"items"}
