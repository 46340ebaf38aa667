"""The process killed (SIGKILL) while it writes settings: the file is always whole.

A child process saves two different settings, one after the other, as fast as it can; the test
kills it at random moments. After every kill the settings file must load without a single
problem and be exactly one of the two versions: never half of one, never empty, never gone.
Left-over temp files are allowed (a killed process cannot clean up) but must not disturb the
next load or save, and the next start-up's tidying removes every one of them.
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
from dataclasses import asdict

import pytest

from backtimer.store.atomic import remove_stale_temporaries
from backtimer.store.paths import Paths
from backtimer.store.settings import LoadedSettings, Settings, load_settings, save_settings

KILLS = 8
A = Settings(volume=0.1, sounds=False, default_prepare=5.0)
B = Settings(volume=0.9, voice=False, flash=False, default_prepare=120.0,
             safety_acknowledged=True)

CHILD = textwrap.dedent(
    """
    import json
    import sys
    from pathlib import Path
    from backtimer.store.settings import Settings, save_settings

    target = Path(sys.argv[1])
    versions = [Settings(**json.loads(sys.argv[2])), Settings(**json.loads(sys.argv[3]))]
    count = 0
    while True:
        save_settings(target, versions[count % 2])
        count += 1
        if count == 2:
            print("saving", flush=True)
    """
)


def _fields(settings: Settings) -> str:
    return json.dumps(asdict(settings))


@pytest.mark.slow
def test_a_kill_mid_save_leaves_one_whole_version(paths: Paths) -> None:
    target = paths.settings_file
    save_settings(target, A)
    chooser = random.Random(6)  # fixed: the same kill moments on every run
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(target), _fields(A), _fields(B)],
            stdout=subprocess.PIPE,
            env=env,
        )
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
        loaded = load_settings(target)
        assert loaded.problems == ()
        assert loaded.settings in (A, B)
    # Left-over temp files do not disturb the next save or load.
    save_settings(target, A)
    assert load_settings(target) == LoadedSettings(A)
    # The killed processes are gone, so whatever they left is cleared at once.
    remove_stale_temporaries(target.parent)
    assert [p.name for p in target.parent.iterdir()] == [target.name]
