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


# The house's own form of a moment, ``2026-02-11T00:00:00+01:00``, as its ASCII bytes with each digit made 0
# (``_DIGITS_AS_ZERO``): a text of that shape is one RFC3339 matches, read as it stands (no Z, no t: upper() and the
# replace leave it as it is).
_HOUSE_SHAPES = (b"0000-00-00T00:00:00+00:00", b"0000-00-00T00:00:00-00:00")
_DIGITS_AS_ZERO = bytes(48 if 48 <= byte <= 57 else byte for byte in range(256))


def rfc3339_moment(value: str) -> datetime | None:
    """``parse_rfc3339(value) if RFC3339.fullmatch(value) else None``: the moment a text in RFC 3339's form names,
    None when it is not in that form or is no real moment. The house's own form (every date the pipeline writes) is
    told by its shape, its digits looked at in C, and read without the pattern (its match cost more than the
    reading itself, for each date of ten thousand drafts each time status applies the clock). A property test holds
    it to the pattern and ``parse_rfc3339`` over any text."""
    if len(value) == 25 and value.isascii() and value.encode("ascii").translate(_DIGITS_AS_ZERO) in _HOUSE_SHAPES:
        try:
            return datetime.fromisoformat(value)
        except ValueError:  # (the 30th of February, hour 25)
            return None
    return parse_rfc3339(value) if RFC3339.fullmatch(value) else None


def aware_moment(value: Any) -> datetime | None:
    """A front-matter value that is an RFC 3339 moment with an offset, else None."""
    moment = parse_rfc3339(value) if isinstance(value, str) else None
    return moment if moment is not None and moment.tzinfo is not None else None
