"""Where the user's files live, decided once in ``main()`` and passed down.

Nothing here runs at import time: tests and benchmarks set ``BACKTIMER_HOME`` (or build a
``Paths`` themselves) so they never touch the real user's files.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "backtimer"


@dataclass(frozen=True)
class Paths:
    config_dir: Path
    data_dir: Path

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Paths:
        env = os.environ if environ is None else environ
        home = env.get("BACKTIMER_HOME")
        if home:
            base = Path(home).expanduser()
            return cls(config_dir=base / "config", data_dir=base / "data")
        return cls(
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        )

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.yaml"

    @property
    def user_sessions_dir(self) -> Path:
        return self.config_dir / "sessions"

    @property
    def user_exercises_file(self) -> Path:
        """The person's own exercises, in the format of the built-in library."""
        return self.config_dir / "exercises.yaml"

    @property
    def levels_file(self) -> Path:
        """The level the person is on in each progression (``store.levels``)."""
        return self.config_dir / "levels.yaml"

    @property
    def state_file(self) -> Path:
        """What the app remembers between runs that is not a setting (``store.app_state``)."""
        return self.data_dir / "state.json"

    @property
    def history_file(self) -> Path:
        return self.data_dir / "history.sqlite3"
