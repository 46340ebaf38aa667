"""Small helpers shared by the benchmarks: child processes, process figures, statistics."""

from __future__ import annotations

import contextlib
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


def thread_figures() -> dict[tuple[str, str], tuple[float, int]]:
    """CPU seconds and context switches (wake-ups) of each of this process's threads, by
    (name, thread id): ``thread_rates`` adds up the threads of one name."""
    found: dict[tuple[str, str], tuple[float, int]] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for tid in os.listdir("/proc/self/task"):
        try:
            stat = Path(f"/proc/self/task/{tid}/stat").read_text()
            status = Path(f"/proc/self/task/{tid}/status").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        if tid == str(os.getpid()):
            name = "main"  # the GUI thread (other threads may carry the process's name too)
        fields = stat[stat.rindex(")") + 2:].split()
        cpu = (int(fields[11]) + int(fields[12])) / tick
        with contextlib.suppress(OSError, ValueError, IndexError):  # nanoseconds, not 10 ms ticks
            cpu = int(Path(f"/proc/self/task/{tid}/schedstat").read_text().split()[0]) / 1e9
        switches = sum(int(line.split()[1]) for line in status.splitlines()
                       if line.startswith(("voluntary_ctxt", "nonvoluntary_ctxt")))
        found[(name, tid)] = (cpu, switches)
    return found


def thread_rates(before: dict[tuple[str, str], tuple[float, int]],
                 after: dict[tuple[str, str], tuple[float, int]],
                 seconds: float) -> dict[str, tuple[float, float]]:
    """Per thread name: percent of a core and wake-ups a second between two readings, of the
    threads alive at the second (a thread begun in between counts from nothing; one ended in
    between is not seen, its CPU is only in the process's total)."""
    rates: dict[str, tuple[float, float]] = {}
    for (name, tid), (cpu, switches) in after.items():
        cpu0, switches0 = before.get((name, tid), (0.0, 0))
        share, wakes = rates.get(name, (0.0, 0.0))
        rates[name] = (share + 100 * (cpu - cpu0) / seconds,
                       wakes + (switches - switches0) / seconds)
    return rates


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"
