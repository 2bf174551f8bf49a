from __future__ import annotations

from pipeline.cache import RACY_NANOSECONDS, ResultCache, cache_key
from pipeline.parallel import MIN_ITEMS_FOR_POOL, ordered_map
from pipeline.workspace import FileStamp

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
