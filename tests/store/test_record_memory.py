"""The ingest record's memory: a file it knows costs it under a kilobyte, and reading it back never
stands it in memory as dicts (24 MB of ingest's memory at ten thousand files, when it did)."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

from pipeline.store.ingest_record import RECORD_NAME, IngestRecord, load_record
from pipeline.store.journal import Action
from pipeline.store.workspace import Workspace


def ingested(record: IngestRecord, number: int) -> None:
    """One raw file ingested as ingest records it: its path, its bytes' hash, its draft and the draft's bands."""
    rel, draft = f"raw/scraper/dump-{number:05d}.txt", f"drafts/2026-11-{number % 28 + 1:02d}-een-titel-{number}.md"
    record.by_path[rel] = {"stamp": [3300 + number, 1_700_000_000_000_000_000 + number, 4_000_000 + number],
                           "sha256": f"{number:064x}"}
    record.apply({"action": str(Action.INGESTED), "article": draft, "source": rel, "sha256": f"{number:064x}",
                  "item": None, "url": None, "written": f"{number + 1:064x}"})
    record.learn(draft, [f"{band}:{number * 8 + band:08x}" for band in range(8)])


def test_the_record_of_two_thousand_files_holds_under_a_kilobyte_a_file() -> None:
    """Packed, a file's path, hash, article and bands and the index of them take about 700 bytes (as dicts of
    strings and lists they took 2.4 KB: 24 MB of ingest's memory at ten thousand files)."""
    record = IngestRecord()
    record.earlier_articles("", None, "", [])
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(2000):
            ingested(record, number)
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert (after - before) / 2000 < 1000
    assert len(record.by_hash) == len(record.articles) == 2000


def test_the_record_read_back_is_packed_as_it_is_parsed(tmp_path: Path) -> None:
    """Read from its file, a record never stands in memory as dicts: the peak while reading it stays under
    what the dicts alone would hold."""
    record = IngestRecord()
    for number in range(2000):
        ingested(record, number)
    workspace = Workspace.open(tmp_path)
    workspace.write_state(RECORD_NAME, record.as_document())
    del record
    gc.collect()
    tracemalloc.start()
    try:
        loaded = load_record(workspace)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    size = (workspace.state / RECORD_NAME).stat().st_size
    assert len(loaded.articles) == 2000
    assert peak < 2 * size + 2000 * 1000  # the text read, and the packed record; dicts took 2.4 KB a file more
