"""Start-up: from process start to the first painted frame, BackTimer beside a bare window.

Each run starts a fresh Python process (``benchmarks.probe``) and times from just before it is
spawned to the end of its first painted frame; the two kinds alternate so that a busy moment on
a shared machine falls on both. One discarded warm-up run of each fills the disk cache. The
ratio of the medians is the figure to watch (target: within 1.3x); the resident memory at
first paint is reported too, for the footprint table.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from typing import Any

from benchmarks.common import REPO, RESULT_PREFIX, child_env, median


def spawn(kind: str, size: tuple[int, int]) -> dict[str, Any]:
    args = ["app"] if kind == "app" else ["bare", str(size[0]), str(size[1])]
    with tempfile.TemporaryDirectory(prefix="backtimer-bench-") as home:
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.probe", *args],
            cwd=REPO,
            env=child_env(home),
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
    return figures


if __name__ == "__main__":
    run("--quick" in sys.argv)
