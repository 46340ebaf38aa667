"""Run every benchmark and print one table: ``python -m benchmarks [--quick] [--only NAMES]``.

    python -m benchmarks                  # the full run (a 5-minute session, figure moving,
                                          # then still: about 13 minutes)
    python -m benchmarks --quick          # a 30-second session, fewer start-up runs
    python -m benchmarks --smoke          # seconds: every stage runs once (CI), figures rough
    python -m benchmarks --only startup   # any of: drift, startup, history, cues (comma-separated)
    python -m benchmarks --json out.json  # also write every figure as JSON
    python -m benchmarks --screen         # the drift sessions in a real window on $DISPLAY

Everything runs offscreen (but the drift sessions with ``--screen``) in child processes with
temporary BACKTIMER_HOME folders. Compare ratios taken in one run: these machines are shared,
so absolute times move between runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from typing import Any

from benchmarks import cues, history, startup
from benchmarks.common import run_child

NAMES = ("drift", "startup", "history", "cues")


def cpu_figures(drift: dict[str, Any]) -> str:
    """The session's CPU, and the counting alone (without the start's and finish's one-off
    costs) where the drift benchmark measured it."""
    text = f"{drift['cpu_percent']:.2f}% of a core"
    if "cpu_counting_percent" in drift:
        text += f", {drift['cpu_counting_percent']:.2f}% counting alone"
    return text


def run_drift(size: str, screen: bool = False) -> dict[str, Any]:
    """The session with its figure moving, then again with it still (reduce motion); with a
    sound server to hand, a third time with the sounds (the cue stream) off."""
    print("drift and footprint: a real session in the window, with 300 ms stalls")
    args = {"full": [], "quick": ["--quick"], "smoke": ["--smoke"]}[size]
    timeout = 120 if size == "smoke" else 900
    result = run_child("benchmarks.drift", args, timeout=timeout, screen=screen)
    print("  the same with the figure still (reduce motion):")
    still = run_child("benchmarks.drift", [*args, "--still"], timeout=timeout, screen=screen)
    result["still"] = still
    if sound_server():
        print("  the same with the sounds off (no cue stream):")
        result["no_sound"] = run_child("benchmarks.drift", [*args, "--no-sound"],
                                       timeout=timeout, screen=screen)
    return result


def sound_server() -> bool:
    """Whether a PulseAudio server answers here (the cue stream can play)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    return bool(os.environ.get("PULSE_SERVER")) or (
        bool(runtime) and os.path.exists(os.path.join(runtime, "pulse", "native")))


def run_cues(size: str) -> dict[str, Any]:
    """Quiet, then with two busy processes beside it (a smoke runs a short session once)."""
    print("cues: a session's sounds recorded from a private PulseAudio null sink")
    if size == "smoke":
        figures = cues.run(["--smoke"])
        if not figures.get("skipped"):
            print(f"  {cues.summary(figures)}")
        return {"quiet": figures}
    found: dict[str, Any] = {}
    for name, args in (("quiet", []), ("loaded", ["--load"])):
        found[name] = figures = cues.run(args)
        if figures.get("skipped"):
            return found
        print(f"  {name}: {cues.summary(figures)}")
    return found


def table(results: dict[str, dict[str, Any]]) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    d = results.get("drift")
    if d:
        rows += [
            ("drift: boundaries measured (in a stall)",
             f"{d['boundaries']} ({d['boundaries_in_stall']})", ""),
            ("drift: event lateness, median / p90 / max",
             f"{d['event_late_median_ms']:.1f} / {d['event_late_p90_ms']:.1f} / "
             f"{d['event_late_max_ms']:.1f} ms", "max <= 16 ms"),
            ("drift: frame lateness, median / max", f"{d['frame_late_median_ms']:.1f} / "
             f"{d['frame_late_max_ms']:.1f} ms", "max <= 16 ms"),
            ("drift: lateness at a stall, max", f"{d['stall_late_max_ms']:.1f} ms", ""),
            ("drift: session length vs plan",
             f"{d['actual_s']:.3f} s vs {d['planned_s']:.0f} s "
             f"({d['total_error_ms']:+.1f} ms)", "no accumulated drift"),
            ("CPU while counting, figure moving", f"{cpu_figures(d)} "
             f"({d['cpu_s_per_min']:.2f} s/min)", "< 1%"),
            *([("CPU while counting, figure still (reduce motion)",
                cpu_figures(d["still"]), "")] if "still" in d else []),
            *([("CPU while counting, figure moving, sounds off",
                cpu_figures(d["no_sound"]), "")] if "no_sound" in d else []),
            ("timer wake-ups (adapter ticks)", f"{d['ticks_per_s']:.1f} /s", ""),
            ("process wake-ups (context switches)", f"{d['switches_per_s']:.0f} /s", ""),
            ("RSS after start-up / after the session",
             f"{d['rss_start_mb']:.1f} / {d['rss_end_mb']:.1f} MB", ""),
        ]
    s = results.get("startup")
    if s:
        rows += [
            ("start-up to first frame, BackTimer (median)", f"{s['app_median_ms']:.1f} ms", ""),
            ("start-up to first frame, bare PySide6 (median)", f"{s['bare_median_ms']:.1f} ms",
             ""),
            ("start-up ratio", f"{s['ratio']:.2f}x", "<= 1.3x"),
            ("RSS at first frame, BackTimer / bare",
             f"{s['app_rss_mb']:.1f} / {s['bare_rss_mb']:.1f} MB "
             f"({s['app_rss_mb'] / s['bare_rss_mb']:.2f}x)", ""),
            ("first start after install (no bytecode cache), BackTimer / bare (median)",
             f"{s['cold_app_median_ms']:.1f} / {s['cold_bare_median_ms']:.1f} ms "
             f"({s['cold_ratio']:.2f}x)", ""),
        ]
    h = results.get("history")
    if h and not h.get("skipped"):
        for key, value in h.items():
            if key.endswith("(ms)"):
                rows.append((f"history ({h['entries']:,}): {key[:-5]}", f"{value:.1f} ms", ""))
    c = results.get("cues")
    for name, f in (c or {}).items():
        if f.get("skipped"):
            continue
        rows.append((f"cues, {name}: heard of expected, cut", f"{f['heard']} of {f['expected']}, "
                     f"{f['cut']} cut", "none lost or cut"))
        rows.append((f"cues, {name}: onset error median / p99 / max",
                     f"{f['median_ms']:.1f} / {f['p99_ms']:.1f} / {f['max_ms']:.1f} ms",
                     "p99 <= 20 ms"))
    return rows


def print_table(rows: list[tuple[str, str, str]]) -> None:
    width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    print()
    print(f"| {'measure':<{width}} | {'figure':<{value_width}} | target |")
    print(f"|{'-' * (width + 2)}|{'-' * (value_width + 2)}|--------|")
    for name, value, target in rows:
        print(f"| {name:<{width}} | {value:<{value_width}} | {target} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a 30 s session, 3 start-up runs")
    parser.add_argument("--smoke", action="store_true",
                        help="a few seconds each: proves every benchmark still runs (CI)")
    parser.add_argument("--only", default=",".join(NAMES), help="comma-separated names")
    parser.add_argument("--json", metavar="FILE", help="write all figures as JSON")
    parser.add_argument("--screen", action="store_true",
                        help="drift: run in a real window on $DISPLAY instead of offscreen")
    args = parser.parse_args(argv)
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(chosen) - set(NAMES))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    from PySide6 import __version__ as pyside

    size = "smoke" if args.smoke else "quick" if args.quick else "full"

    print(f"Python {platform.python_version()}, PySide6 {pyside}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, {size} run, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    started = time.monotonic()
    results: dict[str, dict[str, Any]] = {}
    for name in chosen:
        if name == "drift":
            results[name] = run_drift(size, screen=args.screen)
        elif name == "startup":
            results[name] = startup.run(args.quick, runs=1 if args.smoke else None)
        elif name == "history":
            results[name] = history.run(args.quick, entries=2_000 if args.smoke else 100_000)
        elif name == "cues":
            results[name] = run_cues(size)
        print()
    rows = table(results)
    if rows:
        print_table(rows)
    print(f"\n(all benchmarks took {time.monotonic() - started:.0f} s)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(results, out, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
