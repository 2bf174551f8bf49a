"""A derived value and where it came from: the rule that gave it and the words it was read from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Found:
    """A value, the rule that found it, and the evidence (the line or words) it was read from."""

    value: Any
    rule: str
    evidence: str = ""
