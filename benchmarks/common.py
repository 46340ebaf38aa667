"""Small helpers shared by the benchmarks: child processes, process figures, statistics."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULT_PREFIX = "BENCH-RESULT "
# An installed app has its bytecode compiled (pip does it); a checkout run with
# PYTHONDONTWRITEBYTECODE=1 would compile every module on every start and charge the app, with
# its many small modules, far more than the bare window. So children keep a bytecode cache, in
# a folder of their own (never in the repo), filled by the warm-up runs.
PYCACHE = Path(tempfile.gettempdir()) / "backtimer-bench-pycache"


def child_env(home: str, screen: bool = False) -> dict[str, str]:
    """The environment of a benchmark child: offscreen Qt (``screen``: the real display when
    there is one), a temp home, the repo importable."""
    env = dict(os.environ)
    if not (screen and env.get("DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["BACKTIMER_HOME"] = home
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    paths = [str(REPO), str(REPO / "src")]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def run_child(module: str, args: Sequence[str] = (), *, timeout: float = 120.0,
              echo: bool = True, screen: bool = False) -> dict[str, Any]:
    """Run ``python -m module args`` in a fresh temp home; return the dict it reported.

    The child prints its figures as it goes (echoed here) and one ``BENCH-RESULT {json}`` line.
    """
    with tempfile.TemporaryDirectory(prefix="backtimer-bench-") as home:
        done = subprocess.run(
            [sys.executable, "-m", module, *args],
            cwd=REPO,
            env=child_env(home, screen),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    result: dict[str, Any] | None = None
    for line in done.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            result = json.loads(line[len(RESULT_PREFIX):])
        elif echo:
            print(f"  {line}")
    if done.returncode != 0 or result is None:
        raise RuntimeError(
            f"{module} failed (exit {done.returncode}):\n{done.stdout[-2000:]}\n"
            f"{done.stderr[-4000:]}"
        )
    return result


def report(result: dict[str, Any]) -> None:
    """Hand the figures to the parent (last line of a child's output)."""
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def proc_status(field: str) -> int:
    """A number from /proc/self/status (kB for memory fields); 0 where there is no /proc."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss_mb() -> float:
    return proc_status("VmRSS") / 1024


def context_switches() -> int:
    """Voluntary + involuntary context switches of every thread: how often the process woke."""
    total = 0
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        return 0
    for task in tasks:
        try:
            with open(f"/proc/self/task/{task}/status", encoding="ascii") as status:
                for line in status:
                    if "ctxt_switches" in line:
                        total += int(line.split()[1])
        except OSError:
            continue
    return total


def switches_by_thread() -> dict[str, int]:
    """Context switches per thread name (threads of one name summed): who wakes the process."""
    found: dict[str, int] = {}
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/self/task/{task}/comm", encoding="utf-8") as comm:
                name = comm.read().strip()
            with open(f"/proc/self/task/{task}/status", encoding="ascii") as status:
                count = sum(int(line.split()[1]) for line in status if "ctxt_switches" in line)
        except OSError:
            continue
        found[name] = found.get(name, 0) + count
    return found


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"
