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


# Evidence values kept in the journal are cut to this many characters (the lines ingest took out can be many).
EVIDENCE_CHARS = 4000


def journal_evidence(evidence: dict[str, str]) -> dict[str, str]:
    """Where each value came from as the journal keeps it (it travels with the repository, so a reviewer's
    clone shows what the machine that ingested saw): each value cut to EVIDENCE_CHARS characters."""
    return {str(key): value if len(value) <= EVIDENCE_CHARS else value[:EVIDENCE_CHARS] + " … (cut)"
            for key, value in evidence.items()}
