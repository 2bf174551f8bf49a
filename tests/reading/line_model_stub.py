"""The page reader's line model stood in for: a test says what it gives the lines it names."""

from __future__ import annotations

import pytest

import pipeline.reading.page as page_module
from pipeline.reading.line_features import FEATURES
from pipeline.reading.lines import PageLine


def model_gives(monkeypatch: pytest.MonkeyPatch, shares: dict[str, dict[str, float]],
                decides: tuple[str, ...] = ("furniture",), alone_in_block: bool = False) -> None:
    """The line model, as if it gave these lines these shares of its votes (every other line: body) and
    decided ``decides`` (the furniture, the headings); ``alone_in_block``: every line's row says so."""

    def model_said(lines: list[PageLine], recurring: object = None) -> frozenset[str]:
        for line in lines:
            line.shares = shares.get(line.text, {"body": 1.0})
            line.role, line.share = max(line.shares.items(), key=lambda item: (item[1], item[0]))
            line.row = [0.0] * len(FEATURES)
            if alone_in_block:
                line.row[FEATURES.index("alone in block")] = 1.0
        return frozenset(decides)

    monkeypatch.setattr(page_module, "learn_roles", model_said)
