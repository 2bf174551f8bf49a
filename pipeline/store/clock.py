"""The clock every command reads: the time in the configured zone, pinned by PIPELINE_NOW for tests."""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

from pipeline.store.workspace import WorkspaceError


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
        return value.astimezone(zone)
    return datetime.now(zone).replace(microsecond=0)
