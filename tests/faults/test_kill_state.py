"""The process killed (SIGKILL) while it writes ``state.json``: the file is always whole.

A child process saves two different states (reminders shown, the last folder), one after the
other, as fast as it can; the test kills it at random moments. After every kill the state must
load with no complaint and be exactly one of the two versions: never half of one, never empty,
never gone (a torn file would be "unreadable", and then kept unwritten for ever). Then the real
app starts on what is left: it says nothing about the state, opens the file dialogs in the
folder of one of the two versions, and its tidying removes the temporary files the kills left.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backtimer.store.app_state import AppState, LoadedState, load_state, save_state
from backtimer.store.paths import Paths
from backtimer.ui.common import file_folder

KILLS = 8

CHILD = textwrap.dedent(
    """
    import json
    import sys
    from pathlib import Path
    from backtimer.store.app_state import AppState, save_state

    target = Path(sys.argv[1])
    versions = [AppState(frozenset(v["shown"]), v["folder"]) for v in json.loads(sys.argv[2])]
    count = 0
    while True:
        save_state(target, versions[count % 2])
        count += 1
        if count == 2:
            print("saving", flush=True)
    """
)


def _versions(tmp_path: Path) -> tuple[AppState, AppState]:
    first, second = tmp_path / "exports", tmp_path / "handouts for Mrs Lee"
    first.mkdir()
    second.mkdir()
    a = AppState(frozenset({"2026-03-02 07:30 daily-routine"}), str(first))
    b = AppState(frozenset(f"2026-03-02 {h:02d}:00 session-{h}" for h in range(24)), str(second))
    return a, b


@pytest.mark.slow
@pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")
def test_a_kill_mid_save_leaves_one_whole_state_and_the_app_starts_on_it(
        qtbot: QtBot, paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = paths.state_file
    a, b = _versions(tmp_path)
    save_state(target, a)
    versions = json.dumps([{"shown": sorted(v.shown), "folder": v.last_folder} for v in (a, b)])
    chooser = random.Random(11)  # fixed: the same kill moments on every run
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for _ in range(KILLS):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(target), versions],
                                 stdout=subprocess.PIPE, env=env)
        try:
            assert child.stdout is not None
            assert child.stdout.readline() == b"saving\n"  # both versions written at least once
            time.sleep(chooser.uniform(0.0, 0.05))  # a random moment within the next saves
            child.send_signal(signal.SIGKILL)
        finally:
            child.kill()
            child.wait(timeout=10)
            if child.stdout is not None:
                child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        loaded = load_state(target)
        assert loaded.unreadable is None
        assert loaded in (LoadedState(a), LoadedState(b))

    # The real app starts on what the kills left.
    from tests.ui.test_window_startup import _run_app

    monkeypatch.setattr(file_folder, "_SHARED", None)  # this run's own last folder
    left = json.loads(target.read_text(encoding="utf-8"))["last_folder"]
    # One left for sure (the kills may all have fallen between two saves): a dead writer's.
    (target.parent / ".state.json.4194305.k1ll3d0n.tmp").write_text('{"version": 1, "rem')

    def tidied() -> bool:
        return not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]

    code, seen = _run_app(monkeypatch, None, lambda w: w.cues is not None and tidied())
    assert code == 0 and seen, "the app did not start, or left the killed saves' files behind"
    qtbot.addWidget(seen[0])
    assert not [t for t in seen[0].notice_bar.texts() if "state.json" in t]
    assert file_folder.last_folder().folder() == Path(left)
    assert load_state(target).state in (a, b)
