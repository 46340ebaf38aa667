"""The person's time zone, as a zone with its rules (not today's fixed offset).

Reminders are wall-clock times, so they need the zone's clock changes: ``datetime.now()
.astimezone()`` gives only the current offset, which would move a 07:30 reminder to 08:30 after
the change. ``TZ`` wins when set (as for every program), then ``/etc/localtime``; a system
with neither gets the current offset, the best it can say.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LOCALTIME = Path("/etc/localtime")


def local_zone(environ: Mapping[str, str] | None = None, localtime: Path = LOCALTIME) -> tzinfo:
    """The zone of ``TZ``, else of ``/etc/localtime``, else the current fixed offset."""
    env = os.environ if environ is None else environ
    name = env.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    try:
        with localtime.open("rb") as data:
            return ZoneInfo.from_file(data, key="localtime")
    except (OSError, ValueError):
        pass
    fixed = datetime.now().astimezone().tzinfo
    assert fixed is not None
    return fixed
