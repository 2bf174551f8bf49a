"""The clock every command reads: the time in the configured zone, pinned by PIPELINE_NOW for tests.

PIPELINE_NOW may pin the clock back (to reproduce a run, in tests), never ahead of the machine's own:
otherwise it would publish a scheduled article before its time and journal a date still to come."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from pipeline.store.paths import WorkspaceError

_LEEWAY = timedelta(seconds=1)  # the same instant, read twice


def now(zone: ZoneInfo) -> datetime:
    """The current time in the zone; PIPELINE_NOW (RFC 3339) pins it for reproducible runs and tests."""
    pinned = os.environ.get("PIPELINE_NOW")
    if pinned:
        try:
            value = datetime.fromisoformat(pinned)
        except ValueError:
            raise WorkspaceError(f"PIPELINE_NOW: {pinned!r} is not an ISO date-time") from None
        if value.tzinfo is None:
            value = value.replace(tzinfo=zone)
        if value > datetime.now(zone) + _LEEWAY:
            raise WorkspaceError(f"PIPELINE_NOW: {pinned} is ahead of this machine's clock; it may pin the clock "
                                 "back, never forward (a scheduled article is published when its time comes)")
        return value.astimezone(zone)
    return datetime.now(zone).replace(microsecond=0)
