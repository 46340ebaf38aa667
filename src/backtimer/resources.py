"""Where the files that ship with BackTimer are: ``data/`` and ``resources/``.

In a wheel they are package data (``backtimer/data``), read through ``importlib.resources``.
In a source checkout installed in editable mode they stay at the top of the repository, where
the layout keeps them; this is the single place that knows about both.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def _shipped(name: str) -> Traversable:
    packaged = resources.files("backtimer") / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"BackTimer's {name}/ folder is missing from this installation")


def data_dir() -> Traversable:
    """The built-in exercise library and sessions."""
    return _shipped("data")


def resources_dir() -> Traversable:
    """Icons, cue sounds and the desktop file."""
    return _shipped("resources")
