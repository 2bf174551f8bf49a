"""The workspace learns its sites: lines that recur across a source's raw files are counted in the ingest
record, bounded, read by the line model, and shown by --explain; a hostile record never breaks ingest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.model.fingerprint import line_digest
from pipeline.store.ingest_record import (
    MAX_LINES_ALL,
    MAX_LINES_PER_SOURCE,
    MAX_SOURCES,
    IngestRecord,
    load_record,
)
from pipeline.store.workspace import Workspace
from tests.helpers import cli

FURNITURE = "Abonneer op het Dorpsblad voor vier euro per maand"


def page(number: int) -> str:
    return (f"Gemeente opent nieuw zwembad nummer {number}\n\nDe gemeente heeft dinsdag het nieuwe zwembad "
            f"nummer {number} geopend. Honderden inwoners kwamen kijken naar de opening van het bad.\n\n"
            f"{FURNITURE}\n")


def record_of(root: Path) -> dict:
    return json.loads((root / ".pipeline" / "ingested.json").read_text(encoding="utf-8"))


def test_lines_a_source_repeats_are_counted_per_source_and_over_all(tmp_path: Path) -> None:
    (tmp_path / "raw" / "dorpsblad").mkdir(parents=True)
    for number in range(3):
        (tmp_path / "raw" / "dorpsblad" / f"p{number}.txt").write_text(page(number), encoding="utf-8")
    assert cli(tmp_path, "ingest").exit_code == 0
    record = record_of(tmp_path)
    digest = line_digest(FURNITURE)
    assert record["recurring"]["folder:dorpsblad"][digest] == 3 and record["recurring_all"][digest] == 3
    # a later file of the source is read with what the earlier ones showed, and --explain says so
    (tmp_path / "raw" / "dorpsblad" / "p9.txt").write_text(page(9), encoding="utf-8")
    result = cli(tmp_path, "ingest", "--explain")
    line = next(line for line in result.stdout.splitlines() if FURNITURE[:40] in line and "<- model" in line)
    assert "[seen in 3 other files of its source, 3 of all]" in line
    assert record_of(tmp_path)["recurring"]["folder:dorpsblad"][digest] == 4


def test_a_url_in_the_head_names_the_source(tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    for number in range(2):
        text = f"Titel: Zwembad {number} open\nURL: https://www.dorpsblad.nl/nieuws/{number}\n\n{page(number)}"
        (tmp_path / "raw" / f"p{number}.txt").write_text(text, encoding="utf-8")
    cli(tmp_path, "ingest")
    assert record_of(tmp_path)["recurring"]["host:dorpsblad.nl"][line_digest(FURNITURE)] == 2


def test_the_counts_are_the_same_on_any_number_of_processes(tmp_path: Path) -> None:
    drafts = []
    for jobs in ("1", "2"):
        root = tmp_path / jobs
        (root / "raw" / "blad").mkdir(parents=True)
        for number in range(6):
            (root / "raw" / "blad" / f"p{number}.txt").write_text(page(number), encoding="utf-8")
        cli(root, "ingest", "--jobs", jobs)
        drafts.append({path.name: path.read_bytes() for path in sorted((root / "drafts").glob("*.md"))})
        assert record_of(root)["recurring"]["folder:blad"][line_digest(FURNITURE)] == 6
    assert drafts[0] == drafts[1]


def test_the_counts_are_bounded() -> None:
    record = IngestRecord()
    for source in range(MAX_SOURCES + 20):
        record.count_lines(f"folder:{source}", {f"{n:08x}" for n in range(source * 3, source * 3 + 3)})
    assert len(record.recurring) == MAX_SOURCES
    for file in range(30):
        record.count_lines("folder:0", {f"{n:08x}" for n in range(file * 100, file * 100 + 100)} | {"0000ffff"})
    assert len(record.recurring["folder:0"]) <= 2 * MAX_LINES_PER_SOURCE
    assert record.recurring["folder:0"]["0000ffff"] == 30  # the line on every page is kept
    assert len(record.recurring_all) <= 2 * MAX_LINES_ALL


HOSTILE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
                       lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                   max_size=4), max_leaves=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(recurring=HOSTILE, everywhere=HOSTILE)
def test_a_hostile_record_never_breaks_ingest(tmp_path_factory: pytest.TempPathFactory, recurring: object,
                                              everywhere: object) -> None:
    root = tmp_path_factory.mktemp("ws")
    (root / "raw").mkdir()
    (root / "raw" / "a.txt").write_text(page(1), encoding="utf-8")
    assert cli(root, "ingest").exit_code == 0
    document = record_of(root)
    document["recurring"], document["recurring_all"] = recurring, everywhere
    (root / ".pipeline" / "ingested.json").write_text(json.dumps(document), encoding="utf-8")
    loaded = load_record(Workspace.open(root))
    assert loaded.by_hash == document["by_hash"]  # the rest of the record is kept
    assert all(isinstance(counts, dict) for counts in loaded.recurring.values())
    (root / "raw" / "b.txt").write_text(page(2), encoding="utf-8")
    result = cli(root, "ingest")
    assert result.exit_code == 0 and "Traceback" not in result.stderr


def test_huge_and_damaged_counts_are_dropped_or_cut(tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text(page(1), encoding="utf-8")
    cli(tmp_path, "ingest")
    document = record_of(tmp_path)
    document["recurring"] = {"folder:": {f"{n:08x}": 10**30 for n in range(5 * MAX_LINES_PER_SOURCE)},
                             "host:x": {"not a digest": 3, "0000000a": "3", "0000000b": -1, "0000000c": 2},
                             "host:y": [1, 2]}
    document["recurring_all"] = {"0000000d": 1.5}
    (tmp_path / ".pipeline" / "ingested.json").write_text(json.dumps(document), encoding="utf-8")
    loaded = load_record(Workspace.open(tmp_path))
    assert len(loaded.recurring["folder:"]) <= 2 * MAX_LINES_PER_SOURCE
    assert max(loaded.recurring["folder:"].values()) <= 10**6
    assert loaded.recurring["host:x"] == {"0000000c": 2} and "host:y" not in loaded.recurring
    assert loaded.recurring_all == {}
