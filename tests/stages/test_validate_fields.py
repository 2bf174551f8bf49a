"""validate's pure check of a whole file gives what it gave before its field rules were compiled once per config
and its front matter read in one pass: a recorded corpus of files, and the field rules held to their plain
definition (a pattern's text searched for each field and tag, each value looked up by its dotted name)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.stages.record_file_findings import files, findings

RECORDED = Path(__file__).parent / "file_findings.json"


def test_a_file_is_found_to_have_what_it_had_on_a_recorded_corpus() -> None:
    """300 files of the lines each rule and each reader tells apart (record_file_findings.py), checked as a draft
    and, under a stricter config, as published: the same problems, messages, lines and order, the same dates
    for the clock and the same page addresses."""
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    assert [item["file"] for item in recorded] == files()  # the corpus is still the one the recorder makes
    assert sum(len(found) - 2 for item in recorded for found in item["found"].values()) > 4000
    for item in recorded:
        assert findings(item["file"]) == item["found"], item["file"]
