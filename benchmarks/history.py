"""History scale: runs ``benchmarks/history_scale.py`` (the history's own benchmark) and keeps
its figures: with 100,000 logged entries, the time to open the history view and the rest."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from typing import Any

from benchmarks.common import REPO, child_env

LINE = re.compile(r"^(?P<label>\S.*?)\s{2,}(?P<value>[\d.,]+)\s*(?P<unit>ms)?$")


def run(quick: bool = False, entries: int = 100_000) -> dict[str, Any]:
    script = REPO / "benchmarks" / "history_scale.py"
    if not script.exists():
        print("history scale: benchmarks/history_scale.py is not there yet; skipped")
        return {"skipped": True}
    with tempfile.TemporaryDirectory(prefix="backtimer-bench-") as home:
        done = subprocess.run(
            [sys.executable, str(script), str(entries)],
            cwd=REPO, env=child_env(home), capture_output=True, text=True, timeout=600,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"history_scale.py failed: {done.stderr[-3000:]}")
    figures: dict[str, Any] = {"entries": entries}
    print(f"history scale ({entries:,} entries):")
    for line in done.stdout.splitlines():
        match = LINE.match(line.rstrip())
        if match is None:
            continue
        print(f"  {line.rstrip()}")
        value = float(match["value"].replace(",", ""))
        key = match["label"].strip()
        figures[key + (" (ms)" if match["unit"] else "")] = value
    return figures


if __name__ == "__main__":
    run()
