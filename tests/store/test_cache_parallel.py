from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pipeline.stages.ingest import run_ingest
from pipeline.store.cache import RACY_NANOSECONDS, ResultCache, cache_key
from pipeline.store.parallel import MIN_ITEMS_FOR_POOL, ordered_map
from pipeline.store.paths import FileStamp
from pipeline.store.workspace import Workspace

OLD = FileStamp(10, 1_000_000_000_000, 7)


def test_cache_returns_a_result_only_for_the_same_stamp() -> None:
    cache = ResultCache("k")
    cache.put("a.md", OLD, ["ok"])
    again = ResultCache.from_document(cache.to_document(written_ns=OLD.mtime_ns + RACY_NANOSECONDS), "k")
    assert again.get("a.md", OLD) == ["ok"]
    assert again.get("a.md", FileStamp(11, OLD.mtime_ns, 7)) is None
    assert again.get("a.md", FileStamp(10, OLD.mtime_ns + 1, 7)) is None
    assert again.get("a.md", FileStamp(10, OLD.mtime_ns, 8)) is None


def test_cache_is_not_trusted_across_keys() -> None:
    cache = ResultCache("config-1")
    cache.put("a.md", OLD, [])
    document = cache.to_document(written_ns=OLD.mtime_ns + RACY_NANOSECONDS)
    assert ResultCache.from_document(document, "config-2").get("a.md", OLD) is None
    assert cache_key("abc", "validate") != cache_key("abd", "validate")


def test_racy_entries_are_not_kept() -> None:
    cache = ResultCache("k")
    cache.put("a.md", OLD, [])
    document = cache.to_document(written_ns=OLD.mtime_ns + RACY_NANOSECONDS - 1)
    assert document["entries"] == {}


def test_entries_of_deleted_files_drop_out() -> None:
    cache = ResultCache("k")
    cache.put("a.md", OLD, [])
    cache.put("b.md", OLD, [])
    later = ResultCache.from_document(cache.to_document(OLD.mtime_ns + RACY_NANOSECONDS), "k")
    assert later.get("a.md", OLD) == []
    assert list(later.to_document(OLD.mtime_ns + RACY_NANOSECONDS)["entries"]) == ["a.md"]


def _square(value: int) -> int:
    return value * value


def test_ordered_map_gives_the_same_output_on_one_or_two_processes() -> None:
    items = list(range(MIN_ITEMS_FOR_POOL * 2))
    assert list(ordered_map(_square, items, 2)) == list(ordered_map(_square, items, 1)) == [i * i for i in items]


def _ingest_samples(root: Path, jobs: int) -> tuple[list[dict[str, object]], dict[str, bytes], list[dict[str, object]]]:
    """Every sample (good, bad and the same bytes twice) ingested in one workspace on `jobs` processes."""
    from tests.stages.test_ingest_shapes import SAMPLE_FILES, SAMPLES, SCRAPED

    (root / "raw").mkdir(parents=True)
    shutil.copyfile(SAMPLES / "pipeline.toml", root / "pipeline.toml")
    for sample in [*SAMPLE_FILES, SAMPLE_FILES[0], SAMPLE_FILES[5]]:
        target = root / "raw" / sample.name
        if target.exists():
            target = root / "raw" / f"copy-of-{sample.name}"
        shutil.copyfile(sample, target)
        os.utime(target, (SCRAPED.timestamp(), SCRAPED.timestamp()))
    workspace = Workspace.open(root)
    outcomes = [o.as_dict() for o in run_ingest(workspace, workspace.load_config(), jobs=jobs)]
    drafts = {p.name: p.read_bytes() for p in workspace.draft_files()}
    journal, _ = workspace.read_journal()
    return outcomes, drafts, journal


def test_ingest_on_two_processes_gives_what_one_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.stages.ingest
    import pipeline.store.parallel

    # Small batches and a pool from two files on: several batches, duplicates across and within them.
    monkeypatch.setattr(pipeline.store.parallel, "MIN_ITEMS_FOR_POOL", 2)
    monkeypatch.setattr(pipeline.stages.ingest, "BATCH_SIZE", 7)
    single = _ingest_samples(tmp_path / "one", jobs=1)
    double = _ingest_samples(tmp_path / "two", jobs=2)
    assert double == single
    statuses = {o["status"] for o in single[0]}
    assert {"ingested", "failed", "duplicate"} <= statuses
    assert len(single[1]) > 30


def test_a_change_of_the_pipelines_own_code_changes_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.store.cache

    before = cache_key("abc", "validate")
    fake = tmp_path / "pipeline"
    shutil.copytree(Path(pipeline.store.cache.__file__).parent.parent, fake,
                    ignore=shutil.ignore_patterns("__pycache__"), copy_function=shutil.copy2)
    monkeypatch.setattr(pipeline.store.cache, "__file__", str(fake / "store" / "cache.py"))
    assert cache_key("abc", "validate") == before  # the same code, copied with its times
    rules = fake / "stages" / "validate.py"
    rules.write_text(rules.read_text() + "\n# a new rule\n")
    assert cache_key("abc", "validate") != before


def _pid() -> int:
    return os.getpid()


def test_a_pools_call_runs_in_a_worker_where_a_map_of_as_many_would(monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.store.parallel
    from pipeline.store.parallel import OrderedPool

    monkeypatch.setattr(pipeline.store.parallel, "MIN_ITEMS_FOR_POOL", 3)
    with OrderedPool(_square, 2) as pool:
        assert pool.call(_pid, 2) == os.getpid()  # too few for the pool: here
        worker = pool.call(_pid, 3)
        assert worker != os.getpid()
        assert list(pool.map([1, 2])) == [1, 4]  # once started, the pool does every map
        assert pool.call(_pid, 1) != os.getpid()
    with OrderedPool(_square, 1) as pool:
        assert pool.call(_pid, 1000) == os.getpid()


def _fails() -> None:
    raise ValueError("damaged")


def test_what_a_pools_call_raises_in_a_worker_is_raised_here(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.store.parallel import OrderedPool

    with OrderedPool(_square, 2) as pool, pytest.raises(ValueError, match="damaged"):
        pool.call(_fails, MIN_ITEMS_FOR_POOL)
