"""Moments written as RFC 3339, read and written without the date patterns of ``dates``: what the journal,
validate's clock rules, review and status need of a date, at no cost of compiling patterns on start."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

# A moment as front matter writes it; what validate and the clock's rules accept as one.
RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})", re.ASCII
)


def format_rfc3339(moment: datetime) -> str:
    """``2026-02-11T00:00:00+01:00``: seconds, and the offset of the zone on that day."""
    return moment.replace(microsecond=0).isoformat()


def parse_rfc3339(value: str) -> datetime | None:
    """A date-time as written in front matter (T or t, Z or z) as a datetime; None when it is not
    a real moment. The one reading of a date that validate, review and promote share."""
    try:
        return datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return None


def aware_moment(value: Any) -> datetime | None:
    """A front-matter value that is an RFC 3339 moment with an offset, else None."""
    moment = parse_rfc3339(value) if isinstance(value, str) else None
    return moment if moment is not None and moment.tzinfo is not None else None
