"""App-wide preferences, kept in ``settings.yaml`` in the config folder.

Unknown or broken values fall back to defaults one by one (and are reported), so a hand-edited
settings file can never stop the app from starting. Saving is atomic.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

from backtimer.store.atomic import write_atomic


@dataclass(frozen=True)
class Settings:
    """Preferences; each field's default is what a new user gets."""

    default_prepare: float = 5.0  # get-ready time when a session does not set one (DESIGN.md)
    sounds: bool = True
    soft_sounds: bool = False  # the low, quiet set of cues for early mornings
    volume: float = 0.8  # 0.0 to 1.0
    voice: bool = True
    flash: bool = True  # a brief colour flash of the window at every change of step
    keep_awake: bool = True
    safety_acknowledged: bool = False  # the safety note was shown before a first session

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


_LIMITS: dict[str, tuple[float, float]] = {"default_prepare": (0.0, 300.0), "volume": (0.0, 1.0)}


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    problems: tuple[str, ...] = ()


def load_settings(path: Path) -> LoadedSettings:
    """Read settings; a missing file gives the defaults, a broken value its default."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except (OSError, UnicodeDecodeError) as error:
        return LoadedSettings(Settings(), (f"{path}: cannot read the settings ({error})",))
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        return LoadedSettings(Settings(), (f"{path}: the settings are not valid YAML ({error})",))
    if raw is None:
        return LoadedSettings(Settings())
    if not isinstance(raw, dict):
        return LoadedSettings(Settings(), (f"{path}: expected key: value lines",))
    defaults = Settings()
    values: dict[str, Any] = {}
    problems: list[str] = []
    known = {f.name: f for f in fields(Settings)}
    for key, value in raw.items():
        if key not in known:
            problems.append(f"{path}: unknown setting {key!r} ignored")
            continue
        expected = type(getattr(defaults, key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is float and isinstance(value, bool)):
            problems.append(f"{path}: {key}: expected {expected.__name__}, kept the default")
            continue
        low_high = _LIMITS.get(key)
        if low_high and not low_high[0] <= value <= low_high[1]:
            problems.append(f"{path}: {key}: must be from {low_high[0]:g} to {low_high[1]:g}")
            continue
        values[key] = value
    return LoadedSettings(replace(defaults, **values), tuple(problems))


def save_settings(path: Path, settings: Settings) -> None:
    """Write all settings atomically; raises OSError (disk full, read-only) with the old intact."""
    text = "# BackTimer settings. Written by the app; edits are kept if they are valid.\n"
    text += yaml.safe_dump(asdict(settings), sort_keys=False, allow_unicode=True)
    write_atomic(path, text.encode("utf-8"))
