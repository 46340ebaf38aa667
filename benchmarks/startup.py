"""Start-up: from process start to the first painted frame, BackTimer beside a bare window.

Each run starts a fresh Python process (``benchmarks.probe``) and times from just before it is
spawned to the end of its first painted frame; the two kinds alternate so that a busy moment on
a shared machine falls on both. One discarded warm-up run of each fills the disk cache. The
ratio of the medians is the figure to watch (target: within 1.3x); the resident memory at
first paint is reported too, for the footprint table.

Two kinds of start, as a person meets them (issue 16, item 6):
- *later starts*: the bytecode cache is there (filled by the warm-up runs), as on every start
  after the first of an installed app;
- *first start after install*: no bytecode cache at all (each run gets an empty
  ``PYTHONPYCACHEPREFIX``, so the standard library, PyYAML, PySide6's Python parts and BackTimer
  are all compiled from source, and the cache is written as the first start would). This is
  also every start in this environment, which sets ``PYTHONDONTWRITEBYTECODE=1``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import REPO, RESULT_PREFIX, child_env, median


def spawn(kind: str, size: tuple[int, int], *, cold: bool = False) -> dict[str, Any]:
    """One start; ``cold``: with an empty bytecode cache (the first start after install)."""
    args = ["app"] if kind == "app" else ["bare", str(size[0]), str(size[1])]
    with tempfile.TemporaryDirectory(prefix="backtimer-bench-") as home:
        env = child_env(home)
        if cold:
            env["PYTHONPYCACHEPREFIX"] = str(Path(home) / "no-cache-yet")
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.probe", *args],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"probe {kind} failed ({done.returncode}): {done.stderr[-3000:]}")
    import json

    result: dict[str, Any] = json.loads(lines[-1][len(RESULT_PREFIX):])
    result["seconds"] = result["painted"] - started
    return result


def run(quick: bool = False, runs: int | None = None) -> dict[str, Any]:
    from backtimer.ui.shell.main_window import DEFAULT_SIZE

    if runs is None:
        runs = 3 if quick else 7
    spawn("bare", DEFAULT_SIZE)
    spawn("app", DEFAULT_SIZE)
    app_runs: list[dict[str, Any]] = []
    bare_runs: list[dict[str, Any]] = []
    for index in range(runs):
        order = ("app", "bare") if index % 2 == 0 else ("bare", "app")
        for kind in order:
            result = spawn(kind, DEFAULT_SIZE)
            (app_runs if kind == "app" else bare_runs).append(result)
    app_s = [r["seconds"] for r in app_runs]
    bare_s = [r["seconds"] for r in bare_runs]
    figures = {
        "runs": runs,
        "app_ms": [round(s * 1000, 1) for s in app_s],
        "bare_ms": [round(s * 1000, 1) for s in bare_s],
        "app_median_ms": median(app_s) * 1000,
        "bare_median_ms": median(bare_s) * 1000,
        "ratio": median(app_s) / median(bare_s),
        "app_rss_mb": median([r["rss_mb"] for r in app_runs]),
        "bare_rss_mb": median([r["rss_mb"] for r in bare_runs]),
    }
    print(f"start-up, process start to first painted frame ({runs} runs each):")
    print(f"  BackTimer  median {figures['app_median_ms']:7.1f} ms   runs {figures['app_ms']}")
    print(f"  bare       median {figures['bare_median_ms']:7.1f} ms   runs {figures['bare_ms']}")
    print(f"  ratio      {figures['ratio']:.2f}x (target <= 1.3x)")
    print(f"  RSS at first paint: BackTimer {figures['app_rss_mb']:.1f} MB, "
          f"bare {figures['bare_rss_mb']:.1f} MB")
    cold_runs = max(1, (runs + 1) // 2)
    cold_app: list[float] = []
    cold_bare: list[float] = []
    for index in range(cold_runs):
        order = ("app", "bare") if index % 2 == 0 else ("bare", "app")
        for kind in order:
            seconds = spawn(kind, DEFAULT_SIZE, cold=True)["seconds"]
            (cold_app if kind == "app" else cold_bare).append(seconds)
    figures.update({
        "cold_runs": cold_runs,
        "cold_app_ms": [round(s * 1000, 1) for s in cold_app],
        "cold_bare_ms": [round(s * 1000, 1) for s in cold_bare],
        "cold_app_median_ms": median(cold_app) * 1000,
        "cold_bare_median_ms": median(cold_bare) * 1000,
        "cold_ratio": median(cold_app) / median(cold_bare),
    })
    print(f"first start after install, no bytecode cache ({cold_runs} runs each):")
    print(f"  BackTimer  median {figures['cold_app_median_ms']:7.1f} ms   "
          f"runs {figures['cold_app_ms']}")
    print(f"  bare       median {figures['cold_bare_median_ms']:7.1f} ms   "
          f"runs {figures['cold_bare_ms']}")
    print(f"  ratio      {figures['cold_ratio']:.2f}x")
    return figures


if __name__ == "__main__":
    run("--quick" in sys.argv)
